// One advice as a person reads it: what it is about, the recommendations grouped by priority,
// each with its summary, its numbers, a picture where one says more than text, and "Why?" —
// its reasoning down to profile values and fact rows. Print turns it into a report.

import {h, num, pct, usd, shortVersion, download, uid, announce} from './dom.js';
import {nameOf} from './state.js';
import {stockDaysChart, importSharesChart, corridorScoreChart, criteriaChart} from './charts.js';
import {reasonTree, reasonList} from './why.js';
import {warningsPanel, warningsAbout, warningMarker, nearMissesPanel, whatWouldChangeList} from './caveats.js';

const PRIORITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFO'];
const PRIORITY_TITLES = {HIGH: 'High priority', MEDIUM: 'Medium priority', LOW: 'Low priority', INFO: 'For information'};
const TYPE_TITLES = {STOCKPILE: 'Stockpile', DIVERSIFY: 'Diversify', COALITION: 'Coalition', CORRIDOR: 'Corridor'};

/**
 * @param advice  the advice JSON
 * @param options profile: the submitted profile, when known (for the import pictures);
 *                text: the advice exactly as the service sent it (what "Download JSON" saves)
 */
export function renderAdvice(advice, {profile = null, text = null} = {}) {
  const titleId = uid('advice-title');
  const country = nameOf('countries', advice.country);
  const recs = advice.recommendations || [];
  const groups = PRIORITIES.map((p) => [p, recs.filter((r) => r.priority === p)])
    .concat([['OTHER', recs.filter((r) => !PRIORITIES.includes(r.priority))]])
    .filter(([, list]) => list.length > 0);
  const controlled = controlledSources(advice);
  const warnings = warningsPanel(advice);
  return h('article', {class: 'advice', 'aria-labelledby': titleId},
    h('header', {class: 'advice-head'},
      h('h3', {id: titleId}, `Advice for ${country ? `${country} (${advice.country})` : advice.country}, as of ${advice.asOf}`),
      h('dl', {class: 'meta'},
        h('dt', null, 'Advice'), h('dd', null, h('code', null, advice.id)),
        h('dt', null, 'Evaluated'), h('dd', null, advice.evaluatedAt),
        h('dt', null, 'Rule set'), h('dd', null, shortVersion(advice.ruleSet && advice.ruleSet.version)),
        h('dt', null, 'Fact base'), h('dd', null, shortVersion(advice.factBase && advice.factBase.version))),
      h('div', {class: 'toolbar no-print'},
        h('button', {type: 'button', class: 'secondary', on: {click: () => {
          download(`${advice.id}.json`, text || JSON.stringify(advice, null, 2));
          announce(`Downloaded ${advice.id}.json`);
        }}}, 'Download JSON'),
        h('button', {type: 'button', class: 'secondary', on: {click: () => window.print()}}, 'Print report')),
      h('p', {class: 'counts'}, recs.length === 0 ? 'No recommendations.' :
        `${recs.length} recommendation${recs.length === 1 ? '' : 's'}: ` +
        groups.map(([p, list]) => `${list.length} ${(PRIORITY_TITLES[p] || p).toLowerCase()}`).join(', ') + '.')),
    warnings.panel,
    nearMissesPanel(advice),
    groups.map(([priority, list]) => h('section', {class: `priority-group ${priority}`, 'aria-label': PRIORITY_TITLES[priority] || 'Other'},
      h('h3', null, h('span', {class: `badge ${priority}`}, priority === 'OTHER' ? '—' : priority), ' ', PRIORITY_TITLES[priority] || 'Other priorities'),
      list.map((rec) => recommendationCard(advice, rec, profile, controlled, warnings.open)))),
    h('footer', {class: 'print-only'}, `Minerals Advisor advice ${advice.id}; rule set ${advice.ruleSet && advice.ruleSet.version}; fact base ${advice.factBase && advice.factBase.version}.`));
}

function recommendationCard(advice, rec, profile, controlled, openWarning) {
  const headingId = uid('rec');
  const subjectName = nameOf('minerals', rec.subject) || nameOf('coalitions', rec.subject);
  const [button, why] = disclosure('why', 'Why?', 'Hide reasons', headingId, () => reasonTree(advice, rec));
  // Advice recorded before counterfactuals existed has no whatWouldChange: no button then.
  const [wwcButton, wwc] = Array.isArray(rec.whatWouldChange)
    ? disclosure('wwc', 'What would change this?', 'Hide what would change this', headingId, () => whatWouldChangeList(advice, rec))
    : [null, null];
  return h('section', {class: 'rec panel', 'aria-labelledby': headingId, dataset: {rec: rec.id}},
    h('h4', {id: headingId},
      h('span', {class: `badge ${rec.priority}`}, rec.priority), ' ',
      `${TYPE_TITLES[rec.type] || rec.type}: ${rec.subject}`, subjectName ? ` (${subjectName})` : '',
      h('span', {class: 'rec-id muted'}, ` ${rec.id} · ${rec.policyId}`)),
    h('p', {class: 'summary'}, rec.summary),
    warningMarker(warningsAbout(advice, rec.subject), openWarning),
    h('div', {class: 'rec-body'},
      detailsList(rec.details || {}),
      h('div', {class: 'pictures'}, pictures(rec, profile, controlled))),
    h('div', {class: 'toolbar no-print'}, button, wwcButton),
    why,
    wwc,
    reasonList(advice, rec));
}

/** A button that shows and hides a panel built on first opening: [button, panel]. */
function disclosure(kind, label, hideLabel, headingId, build) {
  const id = uid(kind);
  const panel = h('div', {id, class: `${kind} no-print`, hidden: true});
  const button = h('button', {type: 'button', class: `secondary ${kind}-button`, 'aria-expanded': 'false', 'aria-controls': id,
    'aria-describedby': headingId, on: {click: () => {
      const opening = panel.hidden;
      if (opening && !panel.firstChild) panel.append(build());
      panel.hidden = !opening;
      button.setAttribute('aria-expanded', String(opening));
      button.textContent = opening ? hideLabel : label;
    }}}, label);
  return [button, panel];
}

function pictures(rec, profile, controlled) {
  const d = rec.details || {};
  const out = [];
  if (rec.type === 'STOCKPILE' && typeof d.currentDays === 'number') {
    out.push(stockDaysChart(d.currentDays, typeof d.targetDays === 'number' ? d.targetDays : null));
  }
  if ((rec.type === 'STOCKPILE' || rec.type === 'DIVERSIFY') && profile && Array.isArray(profile.minerals)) {
    const mineral = profile.minerals.find((m) => m && m.mineral === rec.subject);
    if (mineral && Array.isArray(mineral.imports)) {
      out.push(importSharesChart(rec.subject, mineral.imports, controlled.get(rec.subject) || new Set(),
        (id) => nameOf('countries', id)));
    }
  }
  if (rec.type === 'CORRIDOR' && d.status !== 'EXCLUDED' && typeof d.score === 'number') {
    out.push(corridorScoreChart(d.contributions, d.score, d.tier));
  }
  if (rec.type === 'COALITION' && (Array.isArray(d.met) || Array.isArray(d.unmet))) {
    out.push(criteriaChart(d.met, d.unmet, d.gaps));
  }
  return out;
}

/** The sources whose export controls the advice cites, by mineral: what its rules found binding. */
function controlledSources(advice) {
  const byMineral = new Map();
  for (const entry of Object.values(advice.evidence || {})) {
    if (entry && entry.type === 'ExportControl' && entry.mineral && entry.imposedBy) {
      if (!byMineral.has(entry.mineral)) byMineral.set(entry.mineral, new Set());
      byMineral.get(entry.mineral).add(entry.imposedBy);
    }
  }
  return byMineral;
}

// The details object, whatever its type, as labelled values: a pack with new detail fields
// still shows them all.
function detailsList(details) {
  const entries = Object.entries(details).filter(([k]) => k !== 'contributions' && k !== 'gaps');
  if (entries.length === 0) return null;
  return h('dl', {class: 'details'}, entries.map(([key, value]) => [h('dt', null, words(key)), h('dd', null, formatValue(key, value))]));
}

function words(key) {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/Usd$/, 'USD').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).replace(/ usd$/, ' (USD)');
}

function formatValue(key, value) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : nameWithId(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value !== 'number') return nameWithId(value);
  if (/Usd$/.test(key)) return usd(value);
  if (/Days$/.test(key)) return `${num(value)} days`;
  if (/Tonnes$/.test(key)) return `${num(value)} t`;
  if (/Share$/.test(key)) return pct(value);
  return num(value);
}

function nameWithId(id) {
  const name = nameOf('countries', id);
  return name ? `${id} (${name})` : String(id);
}
