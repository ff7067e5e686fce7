// The domain expert's view of the rules: what is live (rule set and fact base), every version
// the service has seen, the candidates with what the gate found and what they would change,
// and an editor that proposes a changed file as a new candidate. An auditor sees the same,
// read-only: the write controls are never built for that role.

import {api} from './api.js';
import {h, append, replace, shortVersion, announce, uid} from './dom.js';
import {when, statusBadge, table, where, facts, errorNotice, plural, approvalsText, testsText} from './rulesets-format.js';
import {candidatesPanel} from './rulesets-candidates.js';
import {editorPanel} from './rulesets-editor.js';

const WRITERS = ['expert', 'admin'];

export function ruleSetsView(section, session) {
  const canWrite = WRITERS.includes(session.role);
  const status = h('p', {class: 'muted rs-flush', role: 'status'});
  const active = panel('Active rule set');
  const factBase = canWrite ? panel('Active fact base') : null;
  const history = panel('History of versions');
  const ctx = {session, canWrite, refresh};
  const candidates = candidatesPanel(ctx);
  const editor = editorPanel(ctx);

  append(section, [
    h('h2', {id: 'view-rulesets-title'}, 'Rule sets'),
    h('p', {class: 'muted'}, canWrite
      ? 'What is live, what has been proposed, and what a change would do to stored advice. Edit a file to propose a new candidate.'
      : 'What is live, what has been proposed and what each change would do, read-only for your role.'),
    h('div', {class: 'toolbar'}, h('button', {type: 'button', class: 'secondary', on: {click: () => refresh({announceAs: 'Rule sets reloaded'})}}, 'Refresh'), status),
    active.el, factBase && factBase.el, editor.el, candidates.el, history.el]);

  let activeVersion = null;

  async function refresh({announceAs, resetEditor = false} = {}) {
    status.textContent = 'Loading…';
    const [activeR, factR, listR, candidatesR] = await Promise.allSettled([
      api('GET', '/v1/rulesets/active'),
      canWrite ? api('GET', '/v1/factbase/active') : Promise.resolve(null),
      api('GET', '/v1/rulesets'),
      api('GET', '/v1/rulesets/candidates'),
    ]);
    show(active, activeR, renderActive);
    if (factBase) show(factBase, factR, renderFactBase);
    show(history, listR, renderHistory);
    const list = listR.status === 'fulfilled' ? listR.value.json : null;
    candidates.render(candidatesR, list);
    if (activeR.status === 'fulfilled') {
      activeVersion = activeR.value.json.version;
      await editor.showActive(activeVersion, {reset: resetEditor});
    }
    status.textContent = activeVersion ? `Active version ${activeVersion.replace(/^sha256:/, '').slice(0, 12)}.` : '';
    if (announceAs) announce(announceAs);
  }

  refresh();
}

function panel(title) {
  const id = uid('rs-panel');
  const body = h('div', null, h('p', {class: 'muted'}, 'Loading…'));
  const el = h('section', {class: 'panel', 'aria-labelledby': id}, h('h3', {id}, title), body);
  return {el, body};
}

function show(target, result, render) {
  if (result.status === 'rejected') replace(target.body, errorNotice(result.reason));
  else replace(target.body, render(result.value.json));
}

function renderActive(rs) {
  return [
    facts([
      ['Version', shortVersion(rs.version)],
      ['Loaded', when(rs.loadedAt)],
      ['Directory', h('code', null, rs.directory)],
      ['Files', h('ul', {class: 'rs-inline'}, (rs.files || []).map((f) => h('li', null, h('code', null, f))))],
    ]),
    h('details', {open: true},
      h('summary', null, `Rules (${(rs.rules || []).length})`),
      table(`The ${plural((rs.rules || []).length, 'rule')} of the active rule set, in file order`,
        ['Rule', 'Policy', 'Where'],
        (rs.rules || []).map((r) => [r.name, h('code', null, r.policyId), where(r.file, r.line)]),
        {id: 'rs-active-rules'})),
    h('details', null,
      h('summary', null, `Policy catalogue (${(rs.policies || []).length})`),
      table('The policies the rules cite (rules/policies.yaml)', ['Policy', 'Title', 'Section', 'Rules'],
        (rs.policies || []).map((p) => [h('code', null, p.id), p.title, p.section || '—',
          h('ul', {class: 'rs-plain'}, (p.rules || []).map((r) => h('li', null, r)))]))),
  ];
}

function renderFactBase(fb) {
  const rows = Object.entries(fb.rows || {});
  return [
    facts([
      ['Version', shortVersion(fb.version)],
      ['Loaded', when(fb.loadedAt)],
      ['Directory', h('code', null, fb.directory)],
      ['Files', h('ul', {class: 'rs-inline'}, (fb.files || []).map((f) => h('li', null, h('code', null, f))))],
    ]),
    table('Rows per table of the fact base', ['Table', 'Rows'], rows.map(([name, n]) => [name, String(n)]), {numeric: [1]}),
  ];
}

function renderHistory(list) {
  const sets = list.ruleSets || [];
  const activations = list.activations || [];
  return [
    h('p', null, `Newest first. A candidate goes live once ${plural(list.approvalsRequired, 'distinct expert key')} ${list.approvalsRequired === 1 ? 'has' : 'have'} approved it.`),
    table(`Versions (${sets.length})`,
      ['Version', 'Status', 'Origin', 'Proposed by', 'Reason', 'Proposed', 'Approvals', 'Activated', 'Retired', 'Gate'],
      sets.map((rs) => [shortVersion(rs.version), statusBadge(rs.status), rs.origin, rs.proposer, rs.reason,
        when(rs.proposedAt), approvalsText(rs), when(rs.activatedAt), when(rs.retiredAt), gateText(rs)]),
      {id: 'rs-history'}),
    table(`Activations (${activations.length}), each a record of the audit chain`,
      ['When', 'Version', 'Previous', 'Proposed by', 'Approved by', 'Reason', 'Tests', 'Impact', 'Record'],
      activations.map((a) => [when(a.activatedAt), shortVersion(a.version), shortVersion(a.previousVersion), a.proposer,
        (a.approvers || []).join(', ') || '—', a.reason, testsText(a.summary && a.summary.tests),
        impactSummary(a.summary && a.summary.impact), h('code', null, a.id)]),
      {id: 'rs-activations'}),
  ];
}

function gateText(rs) {
  return `${plural(rs.errors || 0, 'error')}, ${plural(rs.warnings || 0, 'warning')}; ${testsText(rs.tests)}`;
}

function impactSummary(impact) {
  if (!impact) return '—';
  const rules = `rules ~${impact.rulesChanged} +${impact.rulesAdded} −${impact.rulesRemoved}`;
  return `${impact.changed} of ${plural(impact.profiles, 'stored profile')} changed; ${rules}`;
}
