// "What if": the officer's profile evaluated under a shock scenario of the service's library
// (GET /v1/scenarios), shown as its difference from the baseline, recommendation by
// recommendation. Both advices are recorded; they are remembered for "Compare".

import {api, ApiError} from './api.js';
import {h, replace, field, num, announce, shortVersion, uid} from './dom.js';
import {rememberAdvice} from './state.js';
import {renderAdvice} from './advice-view.js';

const CHANGE_WORDS = {ADDED: 'Added', REMOVED: 'Removed', CHANGED: 'Changed'};

/**
 * @param body () => the profile as the officer's editor holds it (JSON text)
 */
export function scenarioPanel(body) {
  const titleId = uid('scenario-title');
  const select = h('select', {disabled: true}, h('option', {value: ''}, 'Loading the scenarios…'));
  const about = h('div', {class: 'scenario-about', 'aria-live': 'polite'});
  const run = h('button', {type: 'button', disabled: true, on: {click: () => go()}}, 'Run scenario');
  const status = h('p', {class: 'status', role: 'status'});
  const result = h('div', {class: 'scenario-result'});
  let library = {factBase: null, scenarios: []};

  function describe() {
    const chosen = library.scenarios.find((sc) => sc.name === select.value);
    if (!chosen) {
      replace(about);
      return;
    }
    replace(about,
      chosen.description ? h('p', {class: 'scenario-description'}, chosen.description) : null,
      Array.isArray(chosen.problems) && chosen.problems.length > 0
        ? h('div', {class: 'notice error'}, h('p', null, 'This scenario file cannot be read:'), problemList(chosen.problems)) : null,
      chosen.writtenFor && library.factBase && chosen.writtenFor !== library.factBase
        ? h('p', {class: 'notice warn'}, 'Written for another fact-base version (', shortVersion(chosen.writtenFor),
          ') than the active one (', shortVersion(library.factBase), '): it is applied only if each of its changes still finds its rows.')
        : null,
      typeof chosen.changes === 'number' ? h('p', {class: 'hint'}, `${chosen.changes} change${chosen.changes === 1 ? '' : 's'} to the fact base.`) : null);
    run.disabled = !(chosen && !(chosen.problems && chosen.problems.length));
  }
  select.addEventListener('change', describe);

  (async () => {
    try {
      library = (await api('GET', '/v1/scenarios')).json || library;
      const list = Array.isArray(library.scenarios) ? library.scenarios : [];
      library.scenarios = list;
      if (list.length === 0) {
        replace(select, h('option', {value: ''}, 'No scenarios in the library'));
        return;
      }
      replace(select, list.map((sc) => h('option', {value: sc.name},
        `${sc.title || sc.name}${sc.problems && sc.problems.length ? ' (cannot be read)' : ''}`)));
      select.disabled = false;
      describe();
    } catch (e) {
      replace(select, h('option', {value: ''}, 'The scenarios could not be listed'));
      status.textContent = e instanceof ApiError ? `The scenarios could not be listed: ${e.describe()}` : String(e.message || e);
    }
  })();

  async function go() {
    const name = select.value;
    if (!name) return;
    run.disabled = true;
    status.textContent = 'Evaluating the profile with and without the scenario…';
    replace(result);
    try {
      const reply = await api('POST', `/v1/advice?scenario=${encodeURIComponent(name)}`, body());
      const report = reply.json;
      rememberAdvice(report.baseline);
      rememberAdvice(report.scenarioAdvice);
      replace(result, differenceView(report));
      const d = report.difference;
      status.textContent = `Under “${report.scenario.title}”: ${d.added} added, ${d.removed} removed, ${d.changed} changed, ${d.unchanged} unchanged.`;
      announce(status.textContent);
      const heading = result.querySelector('h4');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    } catch (e) {
      status.textContent = '';
      replace(result, failure('The scenario could not be run', e));
    } finally {
      run.disabled = false;
    }
  }

  return h('section', {class: 'panel scenario no-print', 'aria-labelledby': titleId},
    h('h3', {id: titleId}, 'Shock scenario: what if the facts changed?'),
    h('p', {class: 'hint'}, 'Evaluates the profile on the fact base with the scenario\'s changes applied (for this evaluation only) and shows how the advice differs from the advice on the facts as they are.'),
    h('div', {class: 'row'}, field('Scenario', select), run),
    about, status, result);
}

function differenceView(report) {
  const sc = report.scenario;
  const d = report.difference;
  const changes = Array.isArray(d.recommendations) ? d.recommendations : [];
  const baseline = report.baseline;
  const shocked = report.scenarioAdvice;
  const full = h('div', {class: 'scenario-advice', hidden: true});
  const toggle = h('button', {type: 'button', class: 'secondary', 'aria-expanded': 'false', on: {click: () => {
    const opening = full.hidden;
    if (opening && !full.firstChild) full.append(renderAdvice(shocked));
    full.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    toggle.textContent = opening ? 'Hide the advice under the scenario' : 'Show the advice under the scenario';
  }}}, 'Show the advice under the scenario');
  return h('div', {class: 'scenario-report'},
    h('h4', null, `Under “${sc.title}”`),
    sc.note ? h('p', {class: 'notice warn', role: 'note'}, h('strong', null, 'Note: '), sc.note) : null,
    Array.isArray(sc.sources) && sc.sources.length > 0
      ? h('details', {class: 'scenario-sources'}, h('summary', null, `Sources (${sc.sources.length})`),
        h('ul', null, sc.sources.map((src) => h('li', null, src)))) : null,
    h('dl', {class: 'meta'},
      h('dt', null, 'Baseline advice'), h('dd', null, h('code', null, baseline.id), ' on fact base ', shortVersion(sc.appliedTo)),
      h('dt', null, 'Scenario advice'), h('dd', null, h('code', null, shocked.id), ' on fact base ', shortVersion(sc.factBase))),
    h('p', {class: 'counts'}, `${d.added} added, ${d.removed} removed, ${d.changed} changed, ${d.unchanged} unchanged.`),
    changes.length === 0 ? h('p', {class: 'notice ok'}, 'The scenario changes no recommendation.') :
      h('ul', {class: 'diff-list'}, changes.map(changeItem)),
    h('div', {class: 'toolbar'}, toggle, h('span', {class: 'hint'}, 'Both advices are in the audit trail, and under Compare.')),
    full);
}

/** One difference (a scenario's or a timeline's): what changed, and the before → after of it. */
export function changeItem(c) {
  const before = c.before || null;
  const after = c.after || null;
  return h('li', {class: `diff-item ${c.change}`, dataset: {change: c.change, type: c.type, subject: c.subject}},
    h('p', {class: 'diff-head'},
      h('span', {class: `badge change ${c.change}`}, CHANGE_WORDS[c.change] || c.change), ' ',
      h('strong', null, `${c.type}: ${c.subject}`), ' ',
      priorityText(before, after)),
    before && after && before.summary !== after.summary
      ? h('dl', {class: 'row'}, h('dt', null, 'before'), h('dd', null, before.summary), h('dt', null, 'after'), h('dd', null, after.summary))
      : h('p', {class: 'summary'}, (after || before || {}).summary || ''),
    Array.isArray(c.fields) && c.fields.length > 0
      ? h('ul', {class: 'diff-fields'}, c.fields.map((f) => h('li', null, h('code', null, f.field), ': ', value(f.before), ' → ', value(f.after))))
      : null);
}

function priorityText(before, after) {
  if (before && after) {
    return before.priority === after.priority ? `(priority ${after.priority})` : `(priority ${before.priority} → ${after.priority})`;
  }
  if (before) return `(was ${before.priority}, ${before.policyId})`;
  if (after) return `(now ${after.priority}, ${after.policyId})`;
  return '';
}

export function value(v) {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'number') return num(v);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : `[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function problemList(problems) {
  return h('ul', null, problems.map((p) => h('li', null,
    [p.file ? `${p.file}${p.line ? `:${p.line}:${p.column}` : ''}` : null, p.parameter, p.pointer].filter((x) => x).map((x) => h('code', null, x)),
    p.file || p.parameter || p.pointer ? ': ' : '', p.message)));
}

/** A failed call in words: its title and detail, and each problem with where it is. */
export function failure(what, e) {
  if (!(e instanceof ApiError)) return h('div', {class: 'notice error', role: 'alert'}, `${what}: ${e.message || e}`);
  const problems = e.problems;
  return h('div', {class: 'notice error', role: 'alert'},
    h('p', null, h('strong', null, `${what}. `), `${e.status ? `${e.status} ` : ''}${e.describe()}`),
    problems.length > 0 ? problemList(problems) : null,
    e.status === 422 && problems.some((p) => 'pointer' in p && !p.file)
      ? h('p', {class: 'hint'}, 'Choose Get advice to see each problem of the profile beside its field.') : null);
}
