// Two advices side by side in what differs: which recommendations one has and the other not,
// and for those both have (same type and subject), each changed priority, summary or number.
// Two countries, or one country on two dates, or one profile under two rule sets.

import {api} from './api.js';
import {h, append, replace, field, shortVersion, num, announce} from './dom.js';
import {seenAdvice, rememberAdvice} from './state.js';

export function compareView(section) {
  const first = h('input', {type: 'text', autocomplete: 'off', spellcheck: 'false', list: 'seen-advice'});
  const second = h('input', {type: 'text', autocomplete: 'off', spellcheck: 'false', list: 'seen-advice'});
  const seen = h('datalist', {id: 'seen-advice'});
  const out = h('div', {class: 'compare-result'});
  const status = h('p', {role: 'status'});

  // The fields offer the tab's two newest advices until the reader types an id of their own.
  let offered = ['', ''];

  function refreshSeen() {
    const list = seenAdvice();
    replace(seen, list.map((e) => h('option', {value: e.id}, `${e.country} as of ${e.asOf} (${e.evaluatedAt})`)));
    const newest = [list[1] ? list[1].id : '', list[0] ? list[0].id : ''];
    if (first.value === offered[0] && second.value === offered[1]) {
      first.value = newest[0];
      second.value = newest[1];
      offered = newest;
    }
  }

  async function compare(event) {
    event.preventDefault();
    replace(out);
    const ids = [first.value.trim(), second.value.trim()];
    if (!ids[0] || !ids[1]) {
      status.textContent = 'Give two advice ids (adv_…).';
      return;
    }
    status.textContent = 'Loading both…';
    try {
      const [a, b] = await Promise.all(ids.map(async (id) => (await api('GET', `/v1/advice/${encodeURIComponent(id)}`)).json));
      rememberAdvice(a);
      rememberAdvice(b);
      const diff = diffAdvice(a, b);
      replace(out, renderDiff(a, b, diff));
      status.textContent = diff.count === 0 ? 'The two advices recommend the same things.' : `${diff.count} difference${diff.count === 1 ? '' : 's'}.`;
      announce(status.textContent);
    } catch (e) {
      status.textContent = '';
      replace(out, h('p', {class: 'notice error', role: 'alert'}, e.describe ? e.describe() : String(e.message || e)));
    }
  }

  append(section,
    h('h2', {id: 'view-compare-title'}, 'Compare two advices'),
    h('form', {class: 'panel', novalidate: true, on: {submit: compare}},
      h('p', {class: 'hint'}, 'Advice ids are offered from this tab\'s history (submitted or opened here); any id you may read works.'),
      seen,
      h('div', {class: 'fields wide'}, field('First advice', first), field('Second advice', second)),
      h('div', {class: 'toolbar'}, h('button', {type: 'submit'}, 'Compare'), status)),
    out);
  refreshSeen();
  window.addEventListener('hashchange', () => {
    if (location.hash === '#compare') refreshSeen();
  });
}

const key = (r) => `${r.type}\u0000${r.subject}`;

export function diffAdvice(a, b) {
  const left = new Map((a.recommendations || []).map((r) => [key(r), r]));
  const right = new Map((b.recommendations || []).map((r) => [key(r), r]));
  const onlyFirst = [...left.values()].filter((r) => !right.has(key(r)));
  const onlySecond = [...right.values()].filter((r) => !left.has(key(r)));
  const changed = [];
  for (const [k, r] of left) {
    const other = right.get(k);
    if (!other) continue;
    const changes = [];
    for (const field of ['priority', 'policyId', 'summary']) {
      if (r[field] !== other[field]) changes.push({what: field, first: r[field], second: other[field]});
    }
    const keys = new Set([...Object.keys(r.details || {}), ...Object.keys(other.details || {})]);
    for (const d of keys) {
      const x = JSON.stringify((r.details || {})[d]);
      const y = JSON.stringify((other.details || {})[d]);
      if (x !== y) changes.push({what: `details.${d}`, first: (r.details || {})[d], second: (other.details || {})[d]});
    }
    if (changes.length > 0) changed.push({first: r, second: other, changes});
  }
  return {onlyFirst, onlySecond, changed, count: onlyFirst.length + onlySecond.length + changed.length};
}

function renderDiff(a, b, diff) {
  const recLine = (r) => [h('span', {class: `badge ${r.priority}`}, r.priority), ` ${r.type} ${r.subject}: ${r.summary}`];
  const show = (v) => (v === undefined ? '—' : typeof v === 'number' ? num(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return h('div', null,
    h('section', {class: 'panel', 'aria-label': 'What the two advices are'},
      h('div', {class: 'table-wrap'}, h('table', {class: 'data'},
        h('thead', null, h('tr', null, h('th', null, ''), h('th', null, `First: ${a.id}`), h('th', null, `Second: ${b.id}`))),
        h('tbody', null,
          h('tr', null, h('th', null, 'Country'), h('td', null, a.country), h('td', null, b.country)),
          h('tr', null, h('th', null, 'As of'), h('td', null, a.asOf), h('td', null, b.asOf)),
          h('tr', null, h('th', null, 'Rule set'), h('td', null, shortVersion(a.ruleSet && a.ruleSet.version)), h('td', null, shortVersion(b.ruleSet && b.ruleSet.version))),
          h('tr', null, h('th', null, 'Fact base'), h('td', null, shortVersion(a.factBase && a.factBase.version)), h('td', null, shortVersion(b.factBase && b.factBase.version))),
          h('tr', null, h('th', null, 'Recommendations'), h('td', {class: 'num'}, a.recommendations.length), h('td', {class: 'num'}, b.recommendations.length)))))),
    diff.count === 0 ? h('p', {class: 'notice ok'}, 'No difference in the recommendations: same types, subjects, priorities, summaries and numbers.') : null,
    diff.onlyFirst.length === 0 ? null : h('section', {class: 'panel'}, h('h3', null, `Only in the first (${diff.onlyFirst.length})`),
      h('ul', null, diff.onlyFirst.map((r) => h('li', null, recLine(r))))),
    diff.onlySecond.length === 0 ? null : h('section', {class: 'panel'}, h('h3', null, `Only in the second (${diff.onlySecond.length})`),
      h('ul', null, diff.onlySecond.map((r) => h('li', null, recLine(r))))),
    diff.changed.length === 0 ? null : h('section', {class: 'panel'}, h('h3', null, `In both, changed (${diff.changed.length})`),
      diff.changed.map((c) => h('div', {class: 'changed'},
        h('h4', null, `${c.first.type} ${c.first.subject}`),
        h('div', {class: 'table-wrap'}, h('table', {class: 'data'},
          h('thead', null, h('tr', null, h('th', null, 'What'), h('th', null, 'First'), h('th', null, 'Second'))),
          h('tbody', null, c.changes.map((x) => h('tr', null, h('td', null, h('code', null, x.what)), h('td', null, show(x.first)), h('td', null, show(x.second)))))))))));
}
