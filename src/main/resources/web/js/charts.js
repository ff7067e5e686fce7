// Small SVG pictures of an advice's numbers. Each is an <svg role="img"> with a label that says
// in words what it shows, followed by the same figures as text (a legend a screen reader and a
// printout can read). Colours are a fixed palette; a controlled source is also hatched and
// named, never told by colour alone.

import {h, s, num, pct} from './dom.js';

const PALETTE = ['#1f5fa8', '#d08c00', '#2f8f5b', '#7b4fb0', '#c2410c', '#0f766e', '#9d174d', '#4b5563'];
const WIDTH = 420;

let patternCounter = 0;

/** Stock held, in days of demand, against the target the advice sets (if any). */
export function stockDaysChart(currentDays, targetDays) {
  const max = Math.max(currentDays || 0, targetDays || 0, 1) * 1.1;
  const scale = (d) => 10 + (WIDTH - 20) * (d / max);
  const label = targetDays === null || targetDays === undefined
    ? `Stock: ${num(currentDays)} days of demand`
    : `Stock: ${num(currentDays)} days of demand against a target of ${num(targetDays)} days`;
  const short = targetDays !== null && targetDays !== undefined && currentDays < targetDays;
  const svg = s('svg', {viewBox: `0 0 ${WIDTH} 56`, class: 'chart', role: 'img', 'aria-label': label},
    s('title', null, label),
    s('rect', {x: 10, y: 12, width: WIDTH - 20, height: 18, fill: '#eef1f5'}),
    s('rect', {x: 10, y: 12, width: Math.max(scale(currentDays || 0) - 10, 1), height: 18,
      fill: short ? '#a12622' : '#2f8f5b', class: 'bar-current'}),
    targetDays === null || targetDays === undefined ? null : [
      s('line', {x1: scale(targetDays), x2: scale(targetDays), y1: 6, y2: 36, stroke: '#1d2430', 'stroke-width': 2,
        'stroke-dasharray': '4 2'}),
      s('text', {x: Math.min(scale(targetDays), WIDTH - 60), y: 50, 'font-size': 11, fill: '#1d2430'},
        `target ${num(targetDays)} d`),
    ],
    s('text', {x: 12, y: 50, 'font-size': 11, fill: '#1d2430'}, `now ${num(currentDays)} d`));
  return h('figure', {class: 'chart-figure'}, svg,
    h('figcaption', null, label, short ? ` (short by ${num(targetDays - currentDays)} days)` : ''));
}

/**
 * Imports by source as one 100% bar. {@code controlled} is the set of sources whose export
 * controls the advice cites for this mineral; {@code evidence} maps a source to those ids.
 */
export function importSharesChart(mineral, imports, controlled, names = (id) => id) {
  const total = imports.reduce((sum, i) => sum + (Number(i.tonnes) || 0), 0);
  if (!total) {
    return h('p', {class: 'muted'}, `No imports of ${mineral} in the profile.`);
  }
  const rows = imports
    .map((i) => ({from: i.from, tonnes: Number(i.tonnes) || 0, share: (Number(i.tonnes) || 0) / total}))
    .sort((a, b) => b.tonnes - a.tonnes || String(a.from).localeCompare(String(b.from)));
  patternCounter += 1;
  const hatch = `hatch-${patternCounter}`;
  let x = 10;
  const segments = rows.map((r, index) => {
    const width = (WIDTH - 20) * r.share;
    const colour = PALETTE[index % PALETTE.length];
    const group = s('g', null,
      s('rect', {x, y: 8, width: Math.max(width, 0.5), height: 24, fill: colour},
        s('title', null, `${r.from}: ${pct(r.share)}${controlled.has(r.from) ? ', export-controlled' : ''}`)),
      controlled.has(r.from) ? s('rect', {x, y: 8, width: Math.max(width, 0.5), height: 24, fill: `url(#${hatch})`}) : null,
      width > 34 ? s('text', {x: x + 4, y: 25, 'font-size': 11, fill: '#fff'}, r.from) : null);
    x += width;
    return group;
  });
  const controlledShare = rows.filter((r) => controlled.has(r.from)).reduce((sum, r) => sum + r.share, 0);
  const label = `Imports of ${mineral} by source: ` + rows.map((r) => `${r.from} ${pct(r.share)}${controlled.has(r.from) ? ' (export-controlled)' : ''}`).join(', ');
  const svg = s('svg', {viewBox: `0 0 ${WIDTH} 40`, class: 'chart', role: 'img', 'aria-label': label},
    s('title', null, label),
    s('defs', null, s('pattern', {id: hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'},
      s('rect', {width: 3, height: 6, fill: 'rgba(0,0,0,0.45)'}))),
    segments);
  const legend = h('ul', {class: 'legend'}, rows.map((r, index) => h('li', {class: controlled.has(r.from) ? 'controlled' : null},
    h('span', {class: `swatch swatch-${index % PALETTE.length}${controlled.has(r.from) ? ' hatched' : ''}`, 'aria-hidden': 'true'}),
    `${r.from}${names(r.from) ? ` (${names(r.from)})` : ''}: ${num(r.tonnes)} t, ${pct(r.share)}`,
    controlled.has(r.from) ? h('strong', {class: 'controlled-mark'}, ' — export-controlled') : null)));
  return h('figure', {class: 'chart-figure'}, svg,
    h('figcaption', null, `Imports by source, ${num(total)} t in all`,
      controlledShare > 0 ? `; ${pct(controlledShare)} from export-controlled sources (hatched)` : ''),
    legend);
}

/** A corridor's score as its contributions stacked by policy id; a negative one drawn left of zero. */
export function corridorScoreChart(contributions, score, tier) {
  const entries = Object.entries(contributions || {});
  const positive = entries.filter(([, v]) => v > 0).reduce((sum, [, v]) => sum + v, 0);
  const negative = entries.filter(([, v]) => v < 0).reduce((sum, [, v]) => sum + v, 0);
  const lo = Math.min(0, negative);
  const hi = Math.max(100, positive);
  const scale = (v) => 10 + (WIDTH - 20) * ((v - lo) / (hi - lo));
  let up = 0;
  let down = 0;
  const bars = entries.map(([policy, points], index) => {
    let from;
    let to;
    if (points >= 0) {
      from = up;
      to = up + points;
      up = to;
    } else {
      to = down;
      from = down + points;
      down = from;
    }
    const x = scale(from);
    const width = scale(to) - scale(from);
    return s('g', null,
      s('rect', {x, y: 8, width: Math.max(width, 0.5), height: 24, fill: points < 0 ? '#a12622' : PALETTE[index % PALETTE.length]},
        s('title', null, `${policy}: ${points > 0 ? '+' : ''}${points}`)),
      width > 26 ? s('text', {x: x + 3, y: 25, 'font-size': 10, fill: '#fff'}, `${points > 0 ? '+' : ''}${points}`) : null);
  });
  const label = `Score ${score}${tier ? `, ${tier}` : ''}: ` + entries.map(([p, v]) => `${p} ${v > 0 ? '+' : ''}${v}`).join(', ');
  // The score's label sits above the bar, the axis ends below it, so the two never collide.
  const svg = s('svg', {viewBox: `0 0 ${WIDTH} 62`, class: 'chart', role: 'img', 'aria-label': label},
    s('title', null, label),
    s('g', {transform: 'translate(0 12)'},
      s('rect', {x: 10, y: 8, width: WIDTH - 20, height: 24, fill: '#eef1f5'}),
      bars,
      s('line', {x1: scale(0), x2: scale(0), y1: 4, y2: 36, stroke: '#1d2430', 'stroke-width': 1}),
      s('line', {x1: scale(score), x2: scale(score), y1: 2, y2: 36, stroke: '#1d2430', 'stroke-width': 2, 'stroke-dasharray': '4 2'}),
      s('text', {x: scale(0), y: 48, 'font-size': 11, fill: '#55606e', 'text-anchor': lo < 0 ? 'middle' : 'start'}, '0'),
      lo < 0 ? s('text', {x: 10, y: 48, 'font-size': 11, fill: '#55606e'}, String(lo)) : null,
      s('text', {x: WIDTH - 10, y: 48, 'font-size': 11, fill: '#55606e', 'text-anchor': 'end'}, String(hi))),
    s('text', {x: Math.min(Math.max(scale(score), 40), WIDTH - 40), y: 11, 'font-size': 11, fill: '#1d2430', 'text-anchor': 'middle'},
      `score ${score}`));
  const legend = h('ul', {class: 'legend'}, entries.map(([policy, points], index) => h('li', null,
    h('span', {class: `swatch ${points < 0 ? 'swatch-negative' : `swatch-${index % PALETTE.length}`}`, 'aria-hidden': 'true'}),
    h('code', null, policy), `: ${points > 0 ? '+' : ''}${points} points`)));
  return h('figure', {class: 'chart-figure'}, svg,
    h('figcaption', null, `Score ${score}`, tier ? `, tier ${tier}` : '', ', by policy id'), legend);
}

/** A coalition's criteria, met and unmet, with what would close each gap. */
export function criteriaChart(met, unmet, gaps) {
  const all = [...(met || []).map((c) => ({c, ok: true})), ...(unmet || []).map((c) => ({c, ok: false}))];
  const label = `${(met || []).length} of ${all.length} criteria met`;
  return h('figure', {class: 'chart-figure'},
    h('ul', {class: 'criteria', 'aria-label': label}, all.map(({c, ok}) => h('li', {class: ok ? 'met' : 'unmet'},
      h('span', {class: 'mark', 'aria-hidden': 'true'}, ok ? '✓' : '✗'),
      h('code', null, c), ok ? ' met' : ' unmet',
      !ok && gaps && gaps[c] ? h('span', {class: 'gap'}, ` — ${gaps[c]}`) : null))),
    h('figcaption', null, label));
}
