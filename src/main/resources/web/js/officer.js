// The officer's view: start from a sample or a blank profile, edit it as a form or as JSON,
// submit it, and read the advice. Problems come back beside their fields.

import {api, ApiError} from './api.js';
import {h, append, replace, field, announce} from './dom.js';
import {loadCatalogue, rememberAdvice} from './state.js';
import {ProfileForm, blankProfile, isObject} from './profile-form.js';
import {parseJson} from './json-errors.js';
import {renderAdvice} from './advice-view.js';
import {scenarioPanel} from './scenario.js';
import {timelinePanel} from './timeline.js';

// The samples shipped in the jar (the repository's samples/ folder).
const SAMPLES = [['india', 'India'], ['japan', 'Japan'], ['germany', 'Germany'], ['singapore', 'Singapore']];
const DRAFT = 'minerals-advisor.profile-draft';

export async function officerView(section) {
  const catalogue = await loadCatalogue();
  const status = h('p', {class: 'status', role: 'status'});
  const summary = h('div', {class: 'problems-summary', tabindex: '-1'});
  const result = h('div', {class: 'result', 'aria-live': 'off'});
  const form = new ProfileForm(catalogue, (profile) => sessionStorage.setItem(DRAFT, JSON.stringify(profile)),
    () => replace(summary));

  const jsonArea = h('textarea', {class: 'code', rows: 24, spellcheck: 'false', autocomplete: 'off'});
  const jsonField = field('Profile JSON', jsonArea, {pointer: '', hint: 'The profile exactly as it will be sent (the data contract\'s profile JSON).'});
  const formPanel = h('div', {id: 'profile-form-panel', role: 'tabpanel', 'aria-labelledby': 'tab-form'}, form.root);
  const jsonPanel = h('div', {id: 'profile-json-panel', role: 'tabpanel', 'aria-labelledby': 'tab-json', hidden: true}, jsonField);
  let mode = 'form';

  const tabForm = h('button', {type: 'button', role: 'tab', id: 'tab-form', 'aria-controls': 'profile-form-panel', 'aria-selected': 'true'}, 'Form');
  const tabJson = h('button', {type: 'button', role: 'tab', id: 'tab-json', 'aria-controls': 'profile-json-panel', 'aria-selected': 'false', tabindex: '-1'}, 'JSON');

  function jsonError(text) {
    const slot = document.getElementById(`${jsonArea.id}-error`);
    slot.replaceChildren(text ? h('span', null, text) : '');
    if (text) jsonArea.setAttribute('aria-invalid', 'true');
    else jsonArea.removeAttribute('aria-invalid');
  }

  /** Switches editors, carrying the profile across; stays in JSON when its text is not JSON. */
  function show(next) {
    if (next === mode) return true;
    if (next === 'json') {
      jsonArea.value = JSON.stringify(form.profile, null, 2);
      jsonError('');
    } else {
      const parsed = parseJson(jsonArea.value);
      if (parsed.error || !isObject(parsed.value)) {
        jsonError(parsed.error || 'the form edits a profile, which is a JSON object ({…}); fix it here first');
        jsonArea.focus();
        return false;
      }
      form.setProfile(parsed.value);
      sessionStorage.setItem(DRAFT, JSON.stringify(form.profile));
    }
    mode = next;
    formPanel.hidden = mode !== 'form';
    jsonPanel.hidden = mode !== 'json';
    tabForm.setAttribute('aria-selected', String(mode === 'form'));
    tabJson.setAttribute('aria-selected', String(mode === 'json'));
    tabForm.tabIndex = mode === 'form' ? 0 : -1;
    tabJson.tabIndex = mode === 'json' ? 0 : -1;
    return true;
  }

  tabForm.addEventListener('click', () => show('form'));
  tabJson.addEventListener('click', () => show('json'));
  for (const tab of [tabForm, tabJson]) {
    tab.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const other = tab === tabForm ? tabJson : tabForm;
        if (show(other === tabForm ? 'form' : 'json')) other.focus();
      }
    });
  }

  function load(profile, what) {
    form.setProfile(profile);
    sessionStorage.setItem(DRAFT, JSON.stringify(form.profile));
    if (mode === 'json') jsonArea.value = JSON.stringify(form.profile, null, 2);
    replace(summary);
    status.textContent = `${what} loaded. Edit it, then choose Get advice.`;
  }

  async function loadSample(id, name) {
    try {
      const response = await fetch(`samples/${id}.json`, {cache: 'no-store'});
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      load(await response.json(), `The ${name} sample`);
    } catch (e) {
      status.textContent = `The ${name} sample could not be loaded: ${e.message}`;
    }
  }

  const sampleSelect = h('select', null, SAMPLES.map(([id, name]) => h('option', {value: id}, name)));

  async function submit(event) {
    event.preventDefault();
    replace(summary);
    form.clearProblems();
    jsonError('');
    let body;
    if (mode === 'json') {
      body = jsonArea.value;
    } else {
      body = JSON.stringify(form.profile);
    }
    status.textContent = 'Evaluating…';
    submitButton.disabled = true;
    topSubmit.disabled = true;
    try {
      const reply = await api('POST', '/v1/advice', body);
      const advice = reply.json;
      rememberAdvice(advice);
      const profile = parseJson(body).value;
      replace(result, renderAdvice(advice, {profile, text: reply.text}));
      status.textContent = `Advice ${advice.id}: ${advice.recommendations.length} recommendations.`;
      announce(status.textContent);
      result.querySelector('h3')?.setAttribute('tabindex', '-1');
      result.querySelector('h3')?.focus();
    } catch (e) {
      status.textContent = '';
      showFailure(e, body);
    } finally {
      submitButton.disabled = false;
      topSubmit.disabled = false;
    }
  }

  function showFailure(e, body) {
    if (!(e instanceof ApiError)) {
      replace(summary, h('p', {class: 'notice error', role: 'alert'}, String(e.message || e)));
      return;
    }
    const problems = e.problems;
    if (problems.length > 0 && problems.every((p) => p.code === 'malformed_json')) {
      if (mode !== 'json') show('json');
      jsonError(problems.map((p) => p.message).join('; '));
      replace(summary, h('p', {class: 'notice error', role: 'alert'}, `${e.describe()}`));
      jsonArea.focus();
      return;
    }
    const parsed = parseJson(body);
    if (mode === 'json' && !isObject(parsed.value)) {
      // Not a profile at all: nothing for the form to show; the text stays as typed.
      jsonError(problems.map((p) => p.message).join('; ') || e.describe());
      replace(summary, h('p', {class: 'notice error', role: 'alert'}, e.describe()));
      jsonArea.focus();
      return;
    }
    if (problems.length > 0 && problems.every((p) => 'pointer' in p)) {
      // Problems are shown in the form beside their fields, whichever editor was used.
      if (mode === 'json') {
        form.setProfile(parsed.value);
        show('form');
      }
      form.showProblems(problems);
      replace(summary, h('div', {class: 'notice error', role: 'alert'},
        h('p', null, h('strong', null, `${problems.length} problem${problems.length === 1 ? '' : 's'} in the profile`),
          ' — each is shown beside its field:'),
        h('ul', null, problems.map((p) => h('li', null,
          h('button', {type: 'button', class: 'link', on: {click: () => form.focus(p.pointer || '')}}, p.pointer || '(the whole profile)'),
          `: ${p.message}`)))));
      summary.focus();
      return;
    }
    replace(summary, h('p', {class: 'notice error', role: 'alert'}, `${e.status ? `${e.status} ` : ''}${e.describe()}`));
  }

  /** The profile as the editor on show holds it: what "Run scenario" and "Show timeline" send. */
  function currentBody() {
    return mode === 'json' ? jsonArea.value : JSON.stringify(form.profile);
  }

  function currentAsOf() {
    const profile = mode === 'json' ? parseJson(jsonArea.value).value : form.profile;
    return isObject(profile) && typeof profile.asOf === 'string' ? profile.asOf : '';
  }

  const submitButton = h('button', {type: 'submit'}, 'Get advice');
  // The profile is long: the same submit at its top saves a screenful of scrolling or tabbing.
  const topSubmit = h('button', {type: 'submit'}, 'Get advice');
  append(section,
    h('h2', {id: 'view-officer-title'}, 'Advice'),
    h('p', {class: 'intro'}, 'Describe a country — its demand, stocks and imports of critical minerals, its capabilities, coalition memberships and candidate rare-earth corridors — and get the policy advice, each recommendation with its reasons down to the facts and sources behind it.'),
    h('form', {class: 'panel profile', novalidate: true, 'aria-labelledby': 'profile-title', on: {submit}},
      h('h3', {id: 'profile-title'}, 'Country profile'),
      h('div', {class: 'toolbar'},
        h('button', {type: 'button', class: 'secondary', on: {click: () => loadSample('india', 'India')}}, 'Start from the India sample'),
        h('button', {type: 'button', class: 'secondary', on: {click: () => load(blankProfile(), 'A blank profile')}}, 'Start from a blank profile'),
        h('span', {class: 'sample-pick'}, field('Other sample', sampleSelect),
          h('button', {type: 'button', class: 'secondary', on: {click: () => {
            const [id, name] = SAMPLES.find(([v]) => v === sampleSelect.value);
            loadSample(id, name);
          }}}, 'Load sample'))),
      h('div', {class: 'toolbar'}, topSubmit, h('span', {class: 'hint'}, 'or at the end of the profile')),
      h('div', {class: 'tabs', role: 'tablist', 'aria-label': 'Profile editor'}, tabForm, tabJson),
      formPanel, jsonPanel,
      summary,
      h('div', {class: 'toolbar'}, submitButton, status)),
    h('div', {class: 'analysis'}, scenarioPanel(currentBody), timelinePanel(currentBody, currentAsOf)),
    result);

  const draft = parseJson(sessionStorage.getItem(DRAFT) || '');
  if (!draft.error && draft.value) form.setProfile(draft.value);
  else await loadSample('india', 'India');
}
