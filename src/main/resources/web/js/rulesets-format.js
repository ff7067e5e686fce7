// What the rule-set panels share: how a time, a status, a problem and an error read, and one
// table builder, so that every panel says the same thing the same way.

import {h} from './dom.js';
import {ApiError} from './api.js';

/** The path of one version's routes: the version's colon must travel encoded, as in Location. */
export function versionPath(version) {
  return `/v1/rulesets/${encodeURIComponent(version)}`;
}

/** 2026-12-01T08:34:16.949Z → "2026-12-01 08:34:16 UTC" (the full value in datetime). */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return h('time', {datetime: iso}, `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
}

const STATUS_CLASS = {active: 'ok', ready: 'rs-ready', rejected: 'bad', retired: 'rs-retired'};

export function statusBadge(status) {
  return h('span', {class: `badge ${STATUS_CLASS[status] || ''}`}, status || 'unknown');
}

/** A gate problem as the CLI prints it: rules/x.drl:line:column: message; a body problem by pointer. */
export function problemText(p) {
  if (p.file) {
    const warning = p.severity === 'WARNING' ? ' (warning)' : '';
    return `${p.file}:${p.line ?? 0}:${p.column ?? 0}: ${p.message}${warning}`;
  }
  if (p.pointer !== undefined) return `${p.pointer || '/'}: ${p.code}: ${p.message}`;
  return p.message || JSON.stringify(p);
}

export function describeError(e) {
  return e instanceof ApiError ? e.describe() : String((e && e.message) || e);
}

/** An error as a person reads it: the problem's title and detail, then each of its problems. */
export function errorNotice(e, lead) {
  const problems = e instanceof ApiError ? e.problems : [];
  return h('div', {class: 'notice error', role: 'alert'},
    h('p', {class: 'rs-flush'}, lead ? `${lead}: ${describeError(e)}` : describeError(e)),
    problems.length > 0 ? h('ul', {class: 'rs-problems'}, problems.map((p) => h('li', null, h('code', null, problemText(p))))) : null);
}

/**
 * table('Rules', ['Name', 'Policy'], rows) with rows as arrays of cells (text or nodes), inside
 * the scrolling wrapper so a wide table never widens a phone's page.
 */
export function table(caption, headers, rows, {numeric = [], id} = {}) {
  const cls = (i) => (numeric.includes(i) ? 'num' : null);
  return h('div', {class: 'table-wrap'},
    h('table', {class: 'data', id},
      h('caption', {class: 'rs-caption'}, caption),
      h('thead', null, h('tr', null, headers.map((name, i) => h('th', {scope: 'col', class: cls(i)}, name)))),
      h('tbody', null, rows.map((row) => h('tr', null, row.map((cell, i) => h('td', {class: cls(i)}, cell)))))));
}

/** rules/stockpile.drl:15 in code type. */
export function where(file, line) {
  return h('code', null, line ? `${file}:${line}` : file);
}

/** A definition list of label → value pairs, skipping absent values. */
export function facts(pairs) {
  return h('dl', {class: 'rs-meta'}, pairs.filter(([, v]) => v !== undefined && v !== null)
    .map(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function approvalsText(rs) {
  const keys = (rs.approvals || []).map((a) => a.keyId);
  return `${keys.length} of ${rs.approvalsRequired}${keys.length ? ` (${keys.join(', ')})` : ''}`;
}

export function testsText(tests) {
  if (!tests) return '—';
  if (tests.passed === 0 && tests.failed === 0) return 'scenarios not run';
  return `${tests.passed} passed, ${tests.failed} failed`;
}
