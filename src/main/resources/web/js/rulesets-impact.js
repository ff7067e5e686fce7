// What a version would change against the active rule set, read before approving it: the rule
// diff in the rule writers' words, then the recommendations of stored advice that would appear,
// disappear or change (GET /v1/rulesets/{version}/impact).

import {api} from './api.js';
import {h, replace, shortVersion, announce, field} from './dom.js';
import {versionPath, table, where, errorNotice, plural} from './rulesets-format.js';

const MAX_PROFILES = 10000;

export function impactForm(version, describedBy) {
  const limit = h('input', {type: 'number', min: '1', max: String(MAX_PROFILES), step: '1', value: '100', inputmode: 'numeric'});
  const out = h('div', {class: 'rs-impact', 'aria-live': 'polite'});
  const run = h('button', {type: 'submit', class: 'secondary', 'aria-describedby': describedBy}, 'Show impact');
  const limitField = field('Stored advice to compare', limit, {hint: `the most recent 1 to ${MAX_PROFILES.toLocaleString('en')} stored profiles`});
  const form = h('form', {class: 'rs-impact-form', on: {submit: async (event) => {
    event.preventDefault();
    const n = Number(limit.value);
    const error = limitField.querySelector('.field-error');
    if (!Number.isInteger(n) || n < 1 || n > MAX_PROFILES) {
      error.textContent = `Enter a whole number from 1 to ${MAX_PROFILES}.`;
      limit.setAttribute('aria-invalid', 'true');
      limit.focus();
      return;
    }
    error.textContent = '';
    limit.removeAttribute('aria-invalid');
    run.disabled = true;
    replace(out, h('p', {class: 'muted'}, `Evaluating the last ${plural(n, 'stored profile')} under both rule sets…`));
    try {
      const preview = (await api('GET', `${versionPath(version)}/impact?against=active&limit=${n}`)).json;
      replace(out, renderImpact(preview));
      announce(headline(preview));
    } catch (e) {
      replace(out, errorNotice(e, 'Impact failed'));
    } finally {
      run.disabled = false;
    }
  }}}, h('div', {class: 'toolbar rs-bottom'}, limitField, run));
  return h('div', {class: 'rs-impact-block'}, h('h4', null, 'Impact against the active rule set'), form, out);
}

function headline(preview) {
  const im = preview.impact;
  const r = preview.rules;
  const rules = r.changed.length + r.added.length + r.removed.length;
  return `${plural(rules, 'rule')} ${rules === 1 ? 'differs' : 'differ'}; ${im.changed} of ${plural(im.profiles, 'stored profile')} would get different advice.`;
}

export function renderImpact(preview) {
  return [
    h('p', null, 'Against ', shortVersion(preview.against), `: ${headline(preview)}`),
    ruleDiff(preview.rules),
    adviceChanges(preview.impact),
  ];
}

function ruleDiff(diff) {
  const items = [
    ...diff.changed.map((r) => ruleItem('Changed', r)),
    ...diff.added.map((r) => ruleItem('Added', r)),
    ...diff.removed.map((r) => ruleItem('Removed', r)),
  ];
  const shown = new Set(diff.changed.flatMap((r) => (r.values || []).map(valueKey)));
  const loose = (diff.parameters || []).filter((p) => !shown.has(valueKey(p)));
  items.push(...loose.map((p) => h('li', null, h('strong', null, 'Parameter '), valueText(p))));
  return [
    h('h5', {class: 'rs-h5'}, 'Rule changes'),
    items.length === 0 ? h('p', null, 'None: the rules, their metadata and their parameters are the same.') : h('ul', {class: 'rs-diff'}, items),
  ];
}

function ruleItem(kind, r) {
  // Coverage is the candidate's scenarios: it says nothing about a rule the candidate removes.
  const covered = kind === 'Removed' || r.coveredBy === null || r.coveredBy === undefined ? null
    : r.coveredBy.length === 0 ? h('p', {class: 'rs-flush warn-text'}, 'No scenario fires this rule.')
      : h('p', {class: 'rs-flush muted'}, `Fired by ${plural(r.coveredBy.length, 'scenario')}: ${r.coveredBy.slice(0, 3).join('; ')}${r.coveredBy.length > 3 ? '; …' : ''}`);
  return h('li', null,
    h('strong', null, `${kind}: `), r.name, ' ', h('code', null, r.policyId || ''), ' at ', where(r.file, r.line),
    r.aspects && r.aspects.length ? h('span', null, ` — differs in ${r.aspects.join(', ')}`) : null,
    r.values && r.values.length ? h('ul', null, r.values.map((v) => h('li', null, valueText(v)))) : null,
    covered);
}

function valueKey(v) {
  return `${v.policyId}|${v.what}|${v.file}|${v.line}`;
}

function valueText(v) {
  return [`${v.what}${v.policyId ? ` (${v.policyId})` : ''}: ${v.before ?? '(none)'} → ${v.after ?? '(none)'} `, where(v.file, v.line)];
}

function adviceChanges(im) {
  const lead = `${im.profiles} compared: ${im.changed} changed, ${im.unchanged} unchanged`
    + `${im.invalid ? `, ${im.invalid} invalid` : ''}${im.failed ? `, ${im.failed} failed` : ''}.`;
  const rows = [];
  for (const p of im.impacts || []) {
    if (p.status === 'CHANGED') {
      for (const c of p.changes || []) rows.push([h('code', null, p.label), KIND[c.kind] || c.kind, `${c.type} ${c.subject}`,
        c.priority || '—', h('code', null, c.policyId || '—'), fieldsText(c)]);
    } else {
      rows.push([h('code', null, p.label), p.status === 'INVALID' ? 'Invalid profile' : 'Could not evaluate', '—', '—', '—',
        (p.problems || []).join('; ')]);
    }
  }
  return [
    h('h5', {class: 'rs-h5'}, 'Advice changes'),
    h('p', null, lead),
    rows.length === 0 ? h('p', null, 'No stored advice would change.') : [
      totals('By recommendation type', 'Type', im.byType),
      totals('By policy', 'Policy', im.byPolicy),
      table('Each recommendation that would appear, disappear or change',
        ['Stored advice', 'Change', 'Recommendation', 'Priority', 'Policy', 'What changes'], rows),
    ],
  ];
}

const KIND = {ADDED: 'Appears', REMOVED: 'Disappears', CHANGED: 'Changes'};

function totals(caption, first, byName) {
  const entries = Object.entries(byName || {});
  if (entries.length === 0) return null;
  return table(caption, [first, 'Appear', 'Disappear', 'Change'],
    entries.map(([name, t]) => [name, String(t.added), String(t.removed), String(t.changed)]), {numeric: [1, 2, 3]});
}

function fieldsText(change) {
  if (change.kind === 'ADDED') return 'new recommendation';
  if (change.kind === 'REMOVED') return 'no longer recommended';
  return (change.fields || []).map((f) => `${f.field.replace(/^details\./, '')} ${show(f.before)} → ${show(f.after)}`).join('; ');
}

function show(value) {
  if (value === null || value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
