// What the reader should weigh beside the recommendations: the advice's warnings about its facts
// (grouped by code, each fact row openable to its source and date), the near misses (risk
// factors that almost fired), and per recommendation "What would change this?" (the smallest
// single changes that would end or move it). Every cue is said in words, never by colour alone.

import {h, num, pct, uid} from './dom.js';
import {nameOf} from './state.js';
import {evidenceList, evidenceRow} from './why.js';

/** The contract's warning codes in plain words; an unknown code is shown by its own name. */
const WARNING_TITLES = {
  SUSPENSION_LAPSED: ['Suspension lapsed', 'A suspended export control whose suspension has ended: nothing says what followed, so it is treated as back in force.'],
  STALE_FACT: ['Stale fact', 'A fact row the recommendation rests on is older than its file\'s maximum age.'],
  ILLUSTRATIVE_FACT: ['Illustrative fact', 'A fact row the recommendation rests on is an assumed figure, not a sourced one.'],
  NO_PRODUCTION_DATA: ['No production data', 'The fact base has no production row for this mineral: its producers are unknown, not absent.'],
};

export function warningTitle(code) {
  if (WARNING_TITLES[code]) return WARNING_TITLES[code][0];
  const words = String(code).toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function subjectLabel(subject) {
  const name = nameOf('minerals', subject) || nameOf('coalitions', subject) || nameOf('countries', subject);
  return name && name !== subject ? `${subject} (${name})` : String(subject);
}

/** Warnings grouped by code, in the advice's order (the contract orders them by code, then subject). */
function groupWarnings(advice) {
  const groups = new Map();
  for (const w of Array.isArray(advice.warnings) ? advice.warnings : []) {
    if (!groups.has(w.code)) groups.set(w.code, []);
    groups.get(w.code).push(w);
  }
  return groups;
}

/**
 * The warnings panel. A group of up to three opens by default; a longer one shows its subjects
 * in its summary and opens on request (or from a recommendation's marker).
 * Returns {panel, open(code, subject)}: open() shows a group and focuses the subject's warning.
 */
export function warningsPanel(advice) {
  const groups = groupWarnings(advice);
  const total = [...groups.values()].reduce((n, list) => n + list.length, 0);
  if (total === 0) return {panel: null, open: () => {}};
  const titleId = uid('warnings-title');
  const items = new Map();
  const detailsByCode = new Map();
  const panel = h('section', {class: 'panel warnings', role: 'note', 'aria-labelledby': titleId},
    h('h3', {id: titleId}, `Warnings (${total})`),
    h('p', {class: 'hint'}, 'What to know about the facts behind this advice. Warnings never change a recommendation.'),
    [...groups.entries()].map(([code, list]) => {
      const details = h('details', {class: 'warning-group', open: list.length <= 3 || null, dataset: {code}},
        h('summary', null,
          h('span', {class: 'warning-mark', 'aria-hidden': 'true'}, '⚠ '),
          h('strong', null, `${warningTitle(code)} (${list.length})`), ' ', h('code', null, code), ': ',
          list.map((w) => w.subject).join(', ')),
        WARNING_TITLES[code] ? h('p', {class: 'hint'}, WARNING_TITLES[code][1]) : null,
        h('ul', {class: 'warning-list'}, list.map((w) => {
          const li = h('li', {tabindex: '-1', dataset: {subject: w.subject || ''}},
            h('strong', null, w.subject ? subjectLabel(w.subject) : 'The advice'), ': ', w.message,
            Array.isArray(w.evidence) && w.evidence.length > 0 ? evidenceList(advice, w.evidence) : null);
          items.set(`${code} ${w.subject}`, li);
          return li;
        })));
      detailsByCode.set(code, details);
      return details;
    }));
  function open(code, subject) {
    const details = detailsByCode.get(code);
    if (!details) return;
    details.open = true;
    const li = items.get(`${code} ${subject}`);
    (li || details.querySelector('summary')).focus();
    (li || details).scrollIntoView({block: 'nearest'});
  }
  return {panel, open};
}

/** The warnings about one subject, as the codes that concern it. */
export function warningsAbout(advice, subject) {
  return (Array.isArray(advice.warnings) ? advice.warnings : []).filter((w) => w.subject === subject);
}

/** The marker on a recommendation whose subject has warnings: each code a button to its warning. */
export function warningMarker(warnings, open) {
  if (warnings.length === 0) return null;
  return h('p', {class: 'rec-warnings'},
    h('span', {class: 'warning-mark', 'aria-hidden': 'true'}, '⚠ '),
    h('strong', null, warnings.length === 1 ? 'Warning: ' : `${warnings.length} warnings: `),
    h('span', {class: 'no-print'}, warnings.map((w, i) => [i ? ', ' : '',
      h('button', {type: 'button', class: 'link', on: {click: () => open(w.code, w.subject)}},
        `${warningTitle(w.code)} (${w.subject})`)])),
    // Buttons do not print: the report says the same in plain text.
    h('span', {class: 'print-only print-inline'}, warnings.map((w) => `${warningTitle(w.code)} (${w.subject})`).join(', ')));
}

const FACTOR_WORDS = {
  GLOBAL_CHOKEPOINT: 'Global chokepoint', CONCENTRATED_SOURCING: 'Concentrated sourcing',
  EXPORT_CONTROL_EXPOSED: 'Export-control exposure', IMPORT_RELIANT: 'Import reliance', DEFENCE_CRITICAL: 'Defence critical',
};

/** "Almost fired": each risk factor within 10 % of its threshold, per mineral. */
export function nearMissesPanel(advice) {
  const misses = Array.isArray(advice.nearMisses) ? advice.nearMisses : [];
  if (misses.length === 0) return null;
  const byMineral = new Map();
  for (const m of misses) {
    if (!byMineral.has(m.mineral)) byMineral.set(m.mineral, []);
    byMineral.get(m.mineral).push(m);
  }
  const titleId = uid('near-title');
  return h('section', {class: 'panel near-misses', 'aria-labelledby': titleId},
    h('h3', {id: titleId}, `Near misses: almost fired (${misses.length})`),
    h('p', {class: 'hint'}, 'Risk factors that did not fire although their value is within 10% of the threshold.'),
    h('dl', {class: 'near-list'}, [...byMineral.entries()].map(([mineral, list]) => [
      h('dt', null, subjectLabel(mineral)),
      h('dd', null, h('ul', null, list.map((m) => h('li', null,
        h('strong', null, FACTOR_WORDS[m.factor] || m.factor), ' ', h('code', null, m.policyId), ': ', m.condition,
        h('span', {class: 'muted'}, ` (value ${nearValue(m.value, m.threshold)}, threshold ${nearValue(m.threshold, m.threshold)})`)))))])));
}

function nearValue(v, threshold) {
  return typeof v === 'number' && typeof threshold === 'number' && threshold <= 1 ? pct(v) : num(v);
}

const EFFECT_WORDS = {
  ENDS: 'Ends it', LOWERS_TARGET: 'Lowers the target', RAISES_TARGET: 'Raises the target', PRIORITY: 'Changes the priority',
  STATUS: 'Changes the status', TIER: 'Changes the tier', RANK: 'Changes the rank',
};

/** The content of "What would change this?": each change in words, its policy, threshold and target. */
export function whatWouldChangeList(advice, rec) {
  const items = Array.isArray(rec.whatWouldChange) ? rec.whatWouldChange : [];
  if (items.length === 0) {
    return h('p', {class: 'muted'}, 'No single change to the profile or the fact base ends or moves this recommendation.');
  }
  return h('div', {class: 'wwc-body'},
    h('p', {class: 'muted'}, `${items.length} single change${items.length === 1 ? '' : 's'} that would end or move ${rec.id}:`),
    h('ul', {class: 'wwc-list'}, items.map((c) => h('li', {class: 'wwc-item', dataset: {effect: c.effect}},
      h('p', {class: 'wwc-text'}, h('span', {class: 'badge wwc-effect'}, EFFECT_WORDS[c.effect] || c.effect), ' ', c.text),
      h('dl', {class: 'row wwc-meta'},
        h('dt', null, 'policy'), h('dd', null, h('code', null, c.policyId)),
        h('dt', null, 'threshold'), h('dd', null, c.threshold === null || c.threshold === undefined ? 'none (a flag, a membership or a clearance)' : num(c.threshold)),
        h('dt', null, 'changes'), h('dd', null, targetOf(advice, c)),
        h('dt', null, 'from → to'), h('dd', null, show(c.from), ' → ', show(c.to)))))));
}

function targetOf(advice, c) {
  const target = String(c.target || '');
  if (target.startsWith('profile:')) {
    return ['profile field ', h('code', {class: 'wwc-target'}, target.slice('profile:'.length) || '/')];
  }
  const row = (advice.evidence || {})[target];
  return [`fact row `, h('code', {class: 'wwc-target'}, target), c.field ? [', column ', h('code', null, c.field)] : '',
    row ? h('ul', {class: 'evidence'}, evidenceRow(target, row)) : null];
}

function show(v) {
  if (v === null || v === undefined) return 'none';
  // Six significant digits: the text beside it rounds in the safe direction, this shows the boundary.
  if (typeof v === 'number') return h('abbr', {title: String(v)}, String(Number(v.toPrecision(6))));
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'none';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
