// Editing the active rule set's files in the page and proposing them as a candidate. The upload
// replaces the whole rule set, so it sends every file of the active set with the edits made
// here; a rejection lists each problem as file:line:column, and choosing one puts the caret on
// that line. An auditor gets the same file viewer, read-only, without the upload controls.

import {api} from './api.js';
import {h, replace, shortVersion, announce, field, uid} from './dom.js';
import {versionPath, when, statusBadge, errorNotice, problemText, describeError, plural, approvalsText, testsText}
  from './rulesets-format.js';

/** Upload problems name files as rules/x.drl; the set's files are keyed without the folder. */
const RULES_DIR = /^rules\//;

export function editorPanel(ctx) {
  const writable = ctx.canWrite;
  const titleId = uid('rs-editor');
  let base = null; // {version, files}: the active rule set the edits start from
  let working = {}; // file name → text, what an upload sends
  let current = null;
  let shownLines = 0;

  const select = h('select', {on: {change: () => showFile(select.value)}});
  const gutter = h('pre', {class: 'rs-gutter', 'aria-hidden': 'true'});
  const caretHint = h('p', {class: 'hint', id: uid('rs-caret')}, 'Line 1, column 1');
  const textarea = h('textarea', {
    class: 'rs-code', id: uid('rs-file'), wrap: 'off', spellcheck: 'false', autocomplete: 'off',
    autocapitalize: 'off', readonly: !writable, 'aria-describedby': caretHint.id,
    on: {input: edited, scroll: syncGutter, keyup: showCaret, click: showCaret, select: showCaret},
  });
  const reason = h('input', {type: 'text', autocomplete: 'off', maxlength: '500'});
  const reasonField = field('Reason', reason, {hint: 'Why this change: kept with the candidate and, once live, with its activation.'});
  const upload = h('button', {type: 'button', on: {click: uploadCandidate}}, 'Upload candidate');
  const discard = h('button', {type: 'button', class: 'secondary', on: {click: discardEdits}}, 'Discard edits');
  const editedNote = h('p', {class: 'hint'});
  const intro = h('p', null, 'Loading the files of the active rule set…');
  const out = h('div', {class: 'rs-result'});

  const el = h('section', {class: 'panel', 'aria-labelledby': titleId},
    h('h3', {id: titleId}, writable ? 'Edit a rule file' : 'Rule files'),
    intro,
    h('div', {class: 'rs-file'}, field('File', select)),
    h('div', {class: 'field'},
      h('label', {for: textarea.id}, 'Rule file'),
      h('div', {class: 'rs-editor'}, gutter, textarea),
      caretHint),
    writable ? [reasonField, h('div', {class: 'toolbar'}, upload, discard), editedNote, out] : null);

  /** Shows the active version's files; edits made here survive a refresh unless {reset}. */
  async function showActive(version, {reset = false} = {}) {
    if (base && base.version === version && !reset) return;
    try {
      const files = base && base.version === version ? base.files : (await api('GET', versionPath(version))).json.files;
      const edits = reset || !base ? {} : editedFiles();
      base = {version, files};
      working = {...files, ...edits};
      replace(intro, 'Starting from the active rule set, version ', shortVersion(version), writable
        ? `. Upload candidate sends all ${plural(Object.keys(files).length, 'file')} of the set, with your edits, as one new candidate: the gate compiles it, checks it and runs every scenario.`
        : ', read-only.');
      fillSelect();
      showFile(current && current in working ? current : firstRuleFile());
    } catch (e) {
      replace(intro, errorNotice(e, 'The rule files could not be loaded'));
    }
  }

  function firstRuleFile() {
    const names = Object.keys(working);
    return names.find((n) => n.endsWith('.drl')) || names[0];
  }

  function editedFiles() {
    return Object.fromEntries(Object.entries(working).filter(([name, text]) => !base || base.files[name] !== text));
  }

  function fillSelect() {
    const edits = editedFiles();
    replace(select, Object.keys(working).map((name) =>
      h('option', {value: name, selected: name === current}, name in edits ? `${name} (edited)` : name)));
    if (writable) {
      const names = Object.keys(edits);
      editedNote.textContent = names.length === 0 ? 'No edits yet: the files are the active rule set\'s.' : `Edited: ${names.join(', ')}.`;
    }
  }

  function showFile(name) {
    current = name;
    select.value = name;
    textarea.value = working[name] ?? '';
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
    textarea.scrollLeft = 0;
    renderGutter();
    showCaret();
  }

  function edited() {
    const wasEdited = current in editedFiles();
    working[current] = textarea.value;
    renderGutter();
    showCaret();
    if (wasEdited !== current in editedFiles()) fillSelect();
  }

  function renderGutter() {
    const lines = textarea.value.split('\n').length;
    if (lines !== shownLines) {
      gutter.textContent = Array.from({length: lines}, (_, i) => i + 1).join('\n');
      shownLines = lines;
    }
    syncGutter();
  }

  function syncGutter() {
    gutter.scrollTop = textarea.scrollTop;
  }

  function showCaret() {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const line = before.split('\n').length;
    caretHint.textContent = `Line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
  }

  /** Selects the problem's line from its column on, in its file, and gives the editor the focus. */
  function goTo(problem) {
    const name = problem.file.replace(RULES_DIR, '');
    if (name !== current) showFile(name);
    const lines = textarea.value.split('\n');
    const line = Math.min(Math.max(problem.line || 1, 1), lines.length);
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    // The caret at the problem's column (the line's start when none is given), so that
    // "Line L, column C" below the editor reads the same as the problem.
    const column = Math.min(Math.max(problem.column || 1, 1), lines[line - 1].length + 1);
    textarea.focus({preventScroll: true});
    textarea.setSelectionRange(start + column - 1, start + lines[line - 1].length);
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
    textarea.scrollLeft = 0;
    syncGutter();
    // The line sits a third of the way down the editor; bring the editor itself on screen.
    textarea.closest('.rs-editor').scrollIntoView({block: 'nearest'});
    showCaret();
  }

  function discardEdits() {
    if (!base) return;
    working = {...base.files};
    fillSelect();
    showFile(current);
    replace(out);
    announce('Edits discarded');
  }

  async function uploadCandidate() {
    const why = reason.value.trim();
    const reasonError = reasonField.querySelector('.field-error');
    reasonError.textContent = '';
    reason.removeAttribute('aria-invalid');
    if (!base) return;
    if (Object.keys(editedFiles()).length === 0) {
      replace(out, h('p', {class: 'notice warn', role: 'alert'}, 'Nothing to upload: no file differs from the active rule set.'));
      return;
    }
    if (!why) {
      reasonError.textContent = 'Say why this change is proposed.';
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    upload.disabled = true;
    replace(out, h('p', {class: 'muted'}, 'Uploading: the gate compiles the rule set and runs every scenario (a few seconds)…'));
    let activated = false;
    try {
      const response = await api('POST', '/v1/rulesets', {files: working, reason: why});
      const entry = response.json.ruleSet;
      activated = entry.status === 'active';
      replace(out, uploaded(entry, response.status));
      announce(`Uploaded: version ${entry.version.replace(/^sha256:/, '').slice(0, 12)} is ${entry.status}`);
    } catch (e) {
      showRejection(e, reasonError);
    } finally {
      upload.disabled = false;
    }
    // A rejected upload is stored too (as rejected), so the lists change either way.
    await ctx.refresh({resetEditor: activated});
  }

  function uploaded(entry, status) {
    const needed = Math.max(0, entry.approvalsRequired - (entry.approvals || []).length);
    const next = entry.status === 'ready'
      ? `It passed the gate and waits for ${plural(needed, 'more approval')} from another expert key before it goes live.` : null;
    return h('div', {class: `notice ${entry.status === 'rejected' ? 'error' : 'ok'}`},
      h('p', {class: 'rs-flush'}, status === 201 ? 'Uploaded as a new candidate: version ' : 'These files were proposed before, as version ',
        shortVersion(entry.version), ', status ', statusBadge(entry.status), '.'),
      h('p', {class: 'rs-flush'}, `Gate: ${plural(entry.errors || 0, 'error')}, ${plural(entry.warnings || 0, 'warning')}; scenarios ${testsText(entry.tests)}. Approvals ${approvalsText(entry)}.`),
      entry.status === 'active'
        ? h('p', {class: 'rs-flush'}, 'It is now the active rule set (activated ', when(entry.activatedAt), ')',
          ctx.session.local ? ': in local single-user mode one approval is enough, and the upload is that approval.' : '.')
        : next ? h('p', {class: 'rs-flush'}, next) : null);
  }

  function showRejection(e, reasonError) {
    const located = e.problems ? e.problems.filter((p) => p.file) : [];
    const onReason = e.problems ? e.problems.find((p) => p.pointer === '/reason') : null;
    if (onReason) {
      reasonError.textContent = onReason.message;
      reason.setAttribute('aria-invalid', 'true');
    }
    if (located.length === 0) {
      replace(out, errorNotice(e, 'Upload failed'));
      announce(`Upload failed: ${describeError(e)}`);
      return;
    }
    replace(out, h('div', {class: 'notice error', role: 'alert'},
      h('p', {class: 'rs-flush'}, describeError(e)),
      h('p', {class: 'hint'}, 'Choose a problem to select its line in the editor.'),
      h('ul', {class: 'rs-problems'}, located.map((p) => h('li', null,
        h('button', {type: 'button', class: 'rs-problem', on: {click: () => goTo(p)}}, problemText(p)))))));
    announce(`Upload rejected: ${plural(located.length, 'problem')}. First: ${problemText(located[0])}`);
  }

  return {el, showActive};
}
