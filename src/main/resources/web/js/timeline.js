// The timeline: the officer's profile evaluated on every date of a range
// (POST /v1/advice/timeline), drawn as a chart of its recommendations over the dates where the
// advice changes — one row per (type, subject), one column per point, each cell the priority's
// letter on its colour — then each change point in words with the fact-base events before it.

import {api, ApiError} from './api.js';
import {h, s, replace, field, announce, uid} from './dom.js';
import {changeItem, failure} from './scenario.js';

const STEPS = [['month', 'Month'], ['day', 'Day'], ['week', 'Week'], ['quarter', 'Quarter'], ['year', 'Year'],
  ['changes', 'Each change in the fact base']];
const PRIORITY_ORDER = ['HIGH', 'MEDIUM', 'LOW', 'INFO'];
const PRIORITY_FILL = {HIGH: '#a12622', MEDIUM: '#8a5a00', LOW: '#2f6b3a', INFO: '#4b5563'};

/**
 * @param body    () => the profile as the officer's editor holds it (JSON text)
 * @param asOfNow () => the profile's asOf, for the range's defaults
 */
export function timelinePanel(body, asOfNow) {
  const titleId = uid('timeline-title');
  const from = h('input', {type: 'date'});
  const to = h('input', {type: 'date'});
  const step = h('select', null, STEPS.map(([v, label]) => h('option', {value: v}, label)));
  const fields = {
    from: field('From', from, {hint: 'Empty: a year before To'}),
    to: field('To', to, {hint: 'Empty: the profile\'s As of date'}),
    step: field('Step', step),
  };
  const show = h('button', {type: 'button', on: {click: () => go()}}, 'Show timeline');
  const status = h('p', {class: 'status', role: 'status'});
  const result = h('div', {class: 'timeline-result'});

  function fieldError(name, text) {
    const control = {from, to, step}[name];
    const slot = document.getElementById(`${control.id}-error`);
    slot.replaceChildren(text || '');
    if (text) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }

  async function go() {
    for (const name of ['from', 'to', 'step']) fieldError(name, '');
    const end = to.value || asOfNow() || '';
    const start = from.value || yearBefore(end);
    const query = new URLSearchParams({from: start, to: end, step: step.value});
    show.disabled = true;
    status.textContent = `Evaluating the profile from ${start} to ${end} by ${step.value}…`;
    replace(result);
    try {
      const timeline = (await api('POST', `/v1/advice/timeline?${query}`, body())).json;
      replace(result, timelineView(timeline));
      const changed = Math.max(timeline.points.length - 1, 0);
      status.textContent = `${timeline.evaluated} date${timeline.evaluated === 1 ? '' : 's'} evaluated from ${timeline.from} to ${timeline.to}; the advice changed on ${changed}.`;
      announce(status.textContent);
    } catch (e) {
      status.textContent = '';
      // The range's problems go beside their fields; the profile's are listed.
      const problems = e instanceof ApiError ? e.problems : [];
      const placed = problems.filter((p) => p.parameter && fields[p.parameter]);
      for (const name of ['from', 'to', 'step']) {
        const own = placed.filter((p) => p.parameter === name).map((p) => p.message).join('; ');
        if (own) fieldError(name, own);
      }
      replace(result, failure('The timeline could not be drawn', e));
      if (placed.length > 0) ({from, to, step}[placed[0].parameter]).focus();
    } finally {
      show.disabled = false;
    }
  }

  return h('section', {class: 'panel timeline no-print', 'aria-labelledby': titleId},
    h('h3', {id: titleId}, 'Timeline: the advice over dates'),
    h('p', {class: 'hint'}, 'Evaluates the profile on each date of the range (its As of replaced by each date) and shows where the advice changes. Nothing is recorded.'),
    h('div', {class: 'fields timeline-fields'}, fields.from, fields.to, fields.step),
    h('div', {class: 'toolbar'}, show, status),
    result);
}

function yearBefore(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
  if (!m) return '';
  return `${Number(m[1]) - 1}-${m[2]}-${m[2] === '02' && m[3] === '29' ? '28' : m[3]}`;
}

function key(r) {
  return `${r.type} ${r.subject}`;
}

function timelineView(timeline) {
  const points = Array.isArray(timeline.points) ? timeline.points : [];
  return h('div', {class: 'timeline-report'},
    h('h4', null, `${timeline.country}, ${timeline.from} to ${timeline.to} by ${timeline.step}`),
    timelineChart(timeline),
    h('h4', null, 'Where the advice changes'),
    points.length <= 1 ? h('p', {class: 'notice ok'}, 'The advice is the same on every date evaluated.') :
      h('ol', {class: 'change-points'}, points.slice(1).map((p) => h('li', {class: 'change-point', dataset: {asOf: p.asOf}},
        h('h5', null, p.asOf, ` — ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}`),
        h('ul', {class: 'diff-list'}, p.changes.map(changeItem)),
        Array.isArray(p.events) && p.events.length > 0 ? h('div', {class: 'events'},
          h('p', {class: 'muted'}, 'In the fact base since the date before:'),
          h('ul', null, p.events.map((e) => h('li', null, h('time', null, e.date), ` ${e.text} `,
            h('span', {class: 'muted'}, `(${e.kind}, ${e.file}:${e.line})`))))) : null))));
}

/** One row per (type, subject) in order of first appearance, one column per point. */
export function timelineChart(timeline) {
  const points = Array.isArray(timeline.points) ? timeline.points : [];
  const rows = [];
  const seen = new Set();
  for (const p of points) {
    for (const r of p.recommendations || []) {
      if (!seen.has(key(r))) {
        seen.add(key(r));
        rows.push({type: r.type, subject: r.subject});
      }
    }
  }
  const LABEL = 250;
  const COL = 78;
  const ROW = 20;
  const HEAD = 34;
  const width = LABEL + Math.max(points.length, 1) * COL + 10;
  const height = HEAD + rows.length * ROW + 8;
  const changedAt = points.map((p) => new Set((p.changes || []).map(key)));
  const byPoint = points.map((p) => new Map((p.recommendations || []).map((r) => [key(r), r])));
  const label = `Timeline of ${timeline.country}'s advice: ${rows.length} recommendations (rows) over ${points.length} `
    + `date${points.length === 1 ? '' : 's'} (columns: ${points.map((p) => p.asOf).join(', ')}), each cell the priority `
    + `from its date until the next; the advice changed on ${Math.max(points.length - 1, 0)} of them.`;
  const svg = s('svg', {class: 'timeline-chart', role: 'img', 'aria-label': label,
    width, height, viewBox: `0 0 ${width} ${height}`},
  s('title', null, label),
  points.map((p, c) => s('text', {class: 'tl-date', x: LABEL + c * COL + COL / 2, y: 14, 'text-anchor': 'middle',
    'font-size': 11, 'font-weight': 700, fill: '#1d2430', dataset: {asOf: p.asOf}}, p.asOf)),
  points.map((p, c) => s('text', {x: LABEL + c * COL + COL / 2, y: 28, 'text-anchor': 'middle', 'font-size': 10, fill: '#55606e'},
    c === 0 ? 'baseline' : `${(p.changes || []).length} change${(p.changes || []).length === 1 ? '' : 's'}`)),
  rows.map((row, i) => {
    const y = HEAD + i * ROW;
    const name = `${row.type} ${row.subject}`;
    return s('g', {class: 'tl-row', dataset: {type: row.type, subject: row.subject}},
      i % 2 === 0 ? s('rect', {x: 0, y, width, height: ROW, fill: '#f4f6f9'}) : null,
      s('text', {x: 4, y: y + 14, 'font-size': 11, fill: '#1d2430'}, s('title', null, name),
        name.length > 38 ? `${name.slice(0, 37)}…` : name),
      points.map((p, c) => {
        const r = byPoint[c].get(key(row));
        const x = LABEL + c * COL + 3;
        const changed = c > 0 && changedAt[c].has(key(row));
        const tip = `${name} on ${p.asOf}: ${r ? `${r.priority} (${r.policyId})` : 'no recommendation'}${changed ? ', changed at this date' : ''}`;
        if (!r) {
          return s('g', null, s('title', null, tip),
            changed ? s('rect', {x, y: y + 2, width: COL - 6, height: ROW - 4, fill: 'none', stroke: '#1d2430', 'stroke-width': 2, 'stroke-dasharray': '3 2'}) : null,
            s('text', {x: x + (COL - 6) / 2, y: y + 14, 'text-anchor': 'middle', 'font-size': 11, fill: '#55606e'}, '–'));
        }
        const known = PRIORITY_ORDER.includes(r.priority);
        return s('g', {class: 'tl-cell', dataset: {priority: r.priority}},
          s('title', null, tip),
          s('rect', {x, y: y + 2, width: COL - 6, height: ROW - 4, rx: 3, fill: PRIORITY_FILL[r.priority] || '#4b5563',
            stroke: changed ? '#1d2430' : 'none', 'stroke-width': changed ? 3 : 0}),
          s('text', {x: x + (COL - 6) / 2, y: y + 14, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 700, fill: '#fff'},
            `${known ? r.priority.charAt(0) : r.priority}${changed ? ' •' : ''}`));
      }));
  }));
  return h('figure', {class: 'chart-figure timeline-figure'},
    h('div', {class: 'chart-scroll', tabindex: '0', role: 'group', 'aria-label': 'Timeline chart (scrolls sideways)'}, svg),
    h('figcaption', null, `${rows.length} recommendations over ${points.length} dates. Each column holds from its date until the next.`),
    h('ul', {class: 'legend'},
      PRIORITY_ORDER.map((p) => h('li', null, h('span', {class: `swatch priority-${p}`, 'aria-hidden': 'true'}), `${p.charAt(0)} = ${p}`)),
      h('li', null, '– = no recommendation'),
      h('li', null, '• with a dark outline = changed at this date')));
}
