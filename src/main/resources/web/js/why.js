// "Why?": a recommendation's reasoning as a tree. Its roots are the firings of `because` that no
// other firing of it rests on (the one that made the recommendation, and the steps that weighed
// it against the others); each firing opens onto the firings it depends on and, at the leaves,
// the profile values and fact-base rows (file:line, source, date) it used. Native
// <details>/<summary> make every level keyboard- and screen-reader-operable without script.

import {h} from './dom.js';

export function reasonTree(advice, recommendation) {
  const steps = stepIndex(advice);
  const because = new Set(recommendation.because || []);
  if (!advice.trace || advice.trace.length === 0) {
    return h('p', {class: 'notice'}, 'This advice was written without its trace; open it from the audit trail to read its reasons.');
  }
  const dependedOn = new Set();
  for (const n of because) {
    const step = steps.get(n);
    for (const d of (step && step.dependsOn) || []) if (because.has(d)) dependedOn.add(d);
  }
  const roots = [...because].filter((n) => !dependedOn.has(n)).sort((a, b) => b - a);
  return h('div', {class: 'why-tree'},
    h('p', {class: 'muted'}, `${because.size} rule firing${because.size === 1 ? '' : 's'} behind ${recommendation.id}; open each to read what it rests on.`),
    h('ul', {class: 'tree', role: 'list'}, roots.map((n) => h('li', null, stepNode(advice, steps, because, n, new Set(), true)))));
}

function stepIndex(advice) {
  const steps = new Map();
  for (const step of advice.trace || []) steps.set(step.step, step);
  return steps;
}

function stepNode(advice, steps, because, n, path, open) {
  const step = steps.get(n);
  if (!step) return h('p', {class: 'field-error'}, `step ${n} is not in the trace`);
  const children = (step.dependsOn || []).filter((d) => because.has(d) && !path.has(d));
  const inner = new Set(path).add(n);
  return h('details', {class: 'step', open: open || null, dataset: {step: String(n)}},
    h('summary', null,
      h('span', {class: 'step-no'}, `#${step.step}`), ' ',
      h('code', {class: 'policy'}, step.policyId), ' ',
      h('span', {class: 'rule'}, step.rule)),
    h('div', {class: 'step-body'},
      h('p', {class: 'explanation'}, step.explanation),
      h('p', {class: 'muted'}, 'Rule ', h('code', null, step.rule), ' in ', h('code', null, step.ruleFile),
        ', policy ', h('code', null, step.policyId), `, firing ${step.step} of the evaluation.`),
      factsList('Matched', step.matched),
      evidenceList(advice, step.evidence || []),
      factsList('Produced', step.produced),
      children.length === 0 ? null : h('div', null, h('h5', null, 'Rests on'),
        h('ul', {class: 'tree', role: 'list'}, children.map((d) => h('li', null, stepNode(advice, steps, because, d, inner, false)))))));
}

function factsList(title, facts) {
  if (!facts || facts.length === 0) return null;
  return h('div', null, h('h5', null, title), h('ul', {class: 'facts'}, facts.map((fact) => h('li', null, describeFact(fact)))));
}

function describeFact(fact) {
  const {type, ...fields} = fact;
  return [h('strong', null, type || 'fact'), ' ', Object.entries(fields).map(([k, v], i) => [i ? ', ' : '', `${k} = `, h('code', null, show(v))])];
}

export function evidenceList(advice, ids) {
  if (ids.length === 0) return null;
  const evidence = advice.evidence || {};
  return h('div', null, h('h5', null, 'Evidence'), h('ul', {class: 'evidence'}, ids.map((id) => {
    const entry = evidence[id];
    if (!entry) return h('li', null, h('code', null, id), ' (not listed in the advice)');
    return evidenceRow(id, entry);
  })));
}

/** One evidence entry as a list item: a profile value, or a fact row that opens to its source and date. */
export function evidenceRow(id, entry) {
  return id.startsWith('profile:') ? profileValue(id, entry) : factRow(id, entry);
}

function profileValue(id, entry) {
  return h('li', {class: 'evidence-profile'},
    h('span', {class: 'kind'}, 'Profile'), ' ', h('code', null, entry.pointer), ' = ', h('code', null, show(entry.value)),
    entry.defaulted ? h('span', {class: 'muted'}, ' (not given: the contract\'s default)') : null);
}

function factRow(id, entry) {
  const {type, file, line, source, asOf, ...columns} = entry;
  return h('li', {class: 'evidence-row'},
    h('details', null,
      h('summary', null, h('span', {class: 'kind'}, 'Fact row'), ' ', h('code', {class: 'row-id'}, `${file}:${line}`),
        ` ${type}: `, Object.entries(columns).slice(0, 4).map(([k, v], i) => [i ? ', ' : '', `${k} ${show(v)}`])),
      h('dl', {class: 'row'},
        Object.entries(columns).map(([k, v]) => [h('dt', null, k), h('dd', null, show(v))]),
        h('dt', null, 'source'), h('dd', null, source),
        h('dt', null, 'as of'), h('dd', null, asOf),
        h('dt', null, 'where'), h('dd', null, h('code', null, `${file}:${line}`)))));
}

function show(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** For the printed report: each firing behind the recommendation in one line, in firing order. */
export function reasonList(advice, recommendation) {
  const steps = stepIndex(advice);
  const because = [...(recommendation.because || [])].sort((a, b) => a - b);
  if (because.length === 0 || steps.size === 0) return null;
  return h('ol', {class: 'print-only reasons'}, because.map((n) => {
    const step = steps.get(n);
    return h('li', null, step ? [`#${n} ${step.policyId}: ${step.explanation} (${step.ruleFile}, `, `"${step.rule}")`] : `#${n}`);
  }));
}
