// The versions that are not live: what the gate found in each (problems at file:line:column,
// failing scenarios, the coverage table), what it would change, and — for an expert — the
// approve, activate and roll-back actions.

import {api} from './api.js';
import {h, replace, shortVersion, announce, field, uid} from './dom.js';
import {versionPath, when, statusBadge, table, where, facts, errorNotice, problemText, plural, approvalsText, testsText}
  from './rulesets-format.js';
import {impactForm} from './rulesets-impact.js';

export function candidatesPanel(ctx) {
  const titleId = uid('rs-candidates');
  const body = h('div', null, h('p', {class: 'muted'}, 'Loading…'));
  // Outside the re-rendered list, so an action's outcome stays on screen after the refresh it causes.
  const outcome = h('div', {class: 'rs-result'});
  const say = (node) => replace(outcome, node);
  const el = h('section', {class: 'panel', 'aria-labelledby': titleId},
    h('h3', {id: titleId}, 'Candidates and earlier versions'), outcome, body);

  function render(result, list) {
    if (result.status === 'rejected') {
      replace(body, errorNotice(result.reason));
      return;
    }
    const all = result.value.json.candidates || [];
    const activated = new Set(((list && list.activations) || []).map((a) => a.version));
    if (all.length === 0) {
      replace(body, h('p', null, 'No candidates: the active rule set is the only version the service has seen.'));
      return;
    }
    const ready = all.filter((c) => c.ruleSet.status === 'ready').length;
    replace(body,
      h('p', null, `${plural(all.length, 'version')} besides the active one, newest first; ${ready} ready for approval.`),
      all.map((c, i) => candidateCard(c, {ctx, say, wasActive: activated.has(c.ruleSet.version), open: c.ruleSet.status === 'ready' || i === 0})));
  }

  return {el, render};
}

function candidateCard(c, {ctx, say, wasActive, open}) {
  const rs = c.ruleSet;
  const headingId = uid('rs-cand');
  return h('details', {class: 'rs-card', open},
    h('summary', {id: headingId}, shortVersion(rs.version), ' ', statusBadge(rs.status), ' ', rs.reason,
      h('span', {class: 'muted'}, ` — ${rs.proposer}, `, when(rs.proposedAt))),
    facts([
      ['Origin', `${rs.origin}, proposed by ${rs.proposer}`],
      ['Approvals', approvalsText(rs)],
      ['Activated', rs.activatedAt ? when(rs.activatedAt) : null],
      ['Retired', rs.retiredAt ? when(rs.retiredAt) : null],
      ['Rules', String((c.rules || []).length)],
    ]),
    problemsBlock(c.problems || []),
    testsBlock(c.tests),
    c.coverage ? coverageBlock(c.coverage) : null,
    // Any version that compiled can be compared, a rejected one too: what its failing scenarios mean in advice.
    (c.rules || []).length > 0 ? impactForm(rs.version, headingId) : null,
    ctx.canWrite ? actions(rs, {ctx, say, wasActive, headingId}) : null);
}

function problemsBlock(problems) {
  if (problems.length === 0) return h('p', null, 'Compile and checks: no problems.');
  return [
    h('h4', null, `Problems (${problems.length})`),
    h('ul', {class: 'rs-problems'}, problems.map((p) => h('li', null, h('code', null, problemText(p))))),
  ];
}

function testsBlock(tests) {
  if (!tests) return null;
  const failures = tests.failures || [];
  return [
    h('h4', null, 'Scenario tests'),
    h('p', null, tests.failed > 0 ? h('span', {class: 'badge bad'}, 'Failing') : tests.passed > 0 ? h('span', {class: 'badge ok'}, 'Passing') : null,
      ' ', testsText(tests)),
    failures.length === 0 ? null : h('ul', {class: 'rs-problems'}, failures.map((f) => h('li', null,
      h('code', null, `rules/${f.scenario}`),
      h('ul', null, (f.failures || []).map((why) => h('li', {class: 'rs-pre'}, why)))))),
  ];
}

function coverageBlock(coverage) {
  const rules = coverage.rules || [];
  const unfiredRules = coverage.unfiredRules || [];
  const unfiredPolicies = coverage.unfiredPolicies || [];
  return [
    h('p', null, unfiredRules.length === 0 && unfiredPolicies.length === 0
      ? 'Coverage: every rule and policy is fired by some scenario.'
      : `Coverage: no scenario fires ${plural(unfiredRules.length, 'rule')} (${unfiredRules.map(nameOf).join('; ') || '—'}) `
        + `and ${plural(unfiredPolicies.length, 'policy', 'policies')} (${unfiredPolicies.map(nameOf).join(', ') || '—'}).`),
    h('details', null, h('summary', null, `Coverage table (${plural(rules.length, 'rule')})`),
      table('How many scenarios fire each rule', ['Rule', 'Policy', 'Where', 'Fired by scenarios'],
        rules.map((r) => [r.rule, h('code', null, r.policyId), where(r.file, r.line), String(r.firedBy)]), {numeric: [3]})),
  ];
}

function nameOf(x) {
  if (typeof x === 'string') return x;
  return x.rule || x.name || x.id || x.policyId || JSON.stringify(x);
}

/** Approve (a ready candidate), activate (a ready one with its approvals), roll back (a version that was live). */
function actions(rs, {ctx, say, wasActive, headingId}) {
  const out = h('div', {class: 'rs-result'});
  const reason = h('input', {type: 'text', autocomplete: 'off', maxlength: '500'});
  const approvedByMe = (rs.approvals || []).some((a) => a.keyId === ctx.session.keyId);
  const controls = [];
  if (rs.status === 'ready' && !wasActive) {
    const missing = Math.max(0, rs.approvalsRequired - (rs.approvals || []).length);
    controls.push(h('p', {class: 'hint'}, missing > 0
      ? `It goes live by itself when ${plural(missing, 'more expert key')} approve${missing === 1 ? 's' : ''} it.`
      : 'It has its approvals: Activate makes it live.'));
    controls.push(approvedByMe
      ? h('p', null, `Your key (${ctx.session.keyId}) has approved it; another expert key must approve it too.`)
      : h('div', {class: 'toolbar'}, button('Approve', headingId, () => post(`${versionPath(rs.version)}/approve`, undefined, 'Approved', 'Approval failed'))));
  }
  // Activate only where the service would: a rollback, or a ready candidate with all its
  // approvals (without them the button could only fail).
  const approved = (rs.approvals || []).length >= rs.approvalsRequired;
  if ((rs.status === 'ready' && approved) || wasActive) {
    const verb = wasActive ? 'Roll back to this version' : 'Activate';
    controls.push(field(wasActive ? 'Reason for the rollback (optional)' : 'Reason for activating (optional)', reason));
    controls.push(h('div', {class: 'toolbar'}, button(verb, headingId, () => {
      const why = reason.value.trim();
      return post(`${versionPath(rs.version)}/activate`, why ? {reason: why} : {},
        wasActive ? 'Rolled back' : 'Activated', wasActive ? 'Rollback failed' : 'Activation failed');
    })));
  }
  if (controls.length === 0) return null;
  return h('div', {class: 'rs-actions'}, h('h4', null, 'Actions'), controls, out);

  function button(text, describedBy, act) {
    const b = h('button', {type: 'button', 'aria-describedby': describedBy, on: {click: async () => {
      b.disabled = true;
      try {
        await act();
      } finally {
        b.disabled = false;
      }
    }}}, text);
    return b;
  }

  async function post(path, body, done, failed) {
    replace(out, h('p', {class: 'muted'}, 'Working…'));
    try {
      const entry = (await api('POST', path, body)).json;
      // A rollback needs no approvals, so their count would only mislead there.
      const message = `${done}: version ${entry.version.replace(/^sha256:/, '').slice(0, 12)} is now ${entry.status}`
        + (done === 'Rolled back' ? '.' : ` (approvals ${approvalsText(entry)}).`);
      say(h('p', {class: 'notice ok'}, message));
      announce(message);
      await ctx.refresh({resetEditor: entry.status === 'active'});
    } catch (e) {
      replace(out, errorNotice(e, failed));
      announce(`${failed}: ${e.message}`);
    }
  }
}
