// The auditors' view: find past advice, open one with its reasons, replay it under the rule set
// and fact base it was given with, check the whole audit chain, and take the bundle away for an
// offline check (`advisor audit verify-bundle`).

import {api, ApiError} from './api.js';
import {h, append, replace, field, uid, download, shortVersion, announce} from './dom.js';
import {state, nameOf, rememberAdvice} from './state.js';
import {renderAdvice} from './advice-view.js';

const TYPES = ['STOCKPILE', 'DIVERSIFY', 'COALITION', 'CORRIDOR'];
const PRIORITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFO'];
/** How many replay differences a table shows before it says how many more there are. */
const MAX_DIFFERENCES_SHOWN = 200;

export function auditorView(section) {
  const chain = chainPanel();
  const search = searchPanel();
  const opened = h('div', {class: 'audit-opened'});
  const results = resultsPanel({onOpen: (id) => openAdvice(id, opened), onProblems: search.showProblems});
  search.onSearch = (query) => results.search(query);
  chain.onOpen = (id) => openAdvice(id, opened);
  append(section, [
    h('h2', {id: 'view-auditor-title'}, 'Audit'),
    h('p', {class: 'muted'}, 'Every advice is recorded in a hash chain before it is given: find one, open it, '
      + 'replay it under its own rule set and fact base, or check that no record was altered.'),
    chain.element, search.element, results.element, opened]);
  loadSuggestions(search.lists);
  results.search({});
  // Coming back to the view shows what was recorded meanwhile, under the same search.
  window.addEventListener('hashchange', () => {
    if (location.hash === '#auditor' && section.isConnected) results.search(search.query());
  });
}

// ---------------------------------------------------------------------------------------------
// The chain as a whole

function chainPanel() {
  const out = h('div', {class: 'audit-chain-result'});
  const button = h('button', {type: 'button', on: {click: () => verify()}}, 'Verify the chain');
  const panel = {
    onOpen: null,
    element: h('section', {class: 'panel', 'aria-labelledby': 'audit-chain-title'},
      h('h3', {id: 'audit-chain-title'}, 'Audit chain'),
      h('div', {class: 'toolbar'}, button,
        h('span', {class: 'hint'}, 'Recomputes every record\'s hash and link, advice and rule-set activations alike.')),
      out),
  };

  async function verify() {
    button.disabled = true;
    replace(out, h('p', {class: 'muted'}, 'Checking every record…'));
    try {
      const status = (await api('GET', '/v1/audit/verify')).json;
      const sentence = chainSentence(status);
      const openBroken = !status.valid && isAdviceId(status.firstBroken)
        ? h('button', {type: 'button', class: 'secondary', on: {click: () => panel.onOpen(status.firstBroken)}},
          'Open the broken advice')
        : null;
      replace(out,
        h('p', {class: `notice ${status.valid ? 'ok' : 'error'}`},
          h('span', {class: `badge ${status.valid ? 'ok' : 'bad'}`}, status.valid ? 'valid' : 'broken'), ' ', sentence),
        openBroken ? h('div', {class: 'toolbar'}, openBroken) : null,
        h('p', {class: 'hint'}, `Checked at ${new Date().toLocaleTimeString('en-GB')}.`));
      announce(sentence);
    } catch (e) {
      showError(out, 'The chain could not be checked', e);
    } finally {
      button.disabled = false;
    }
  }

  return panel;
}

function chainSentence(status) {
  if (status.valid) {
    return `The audit chain is valid: ${plural(status.records, 'record')} checked.`;
  }
  if (status.firstBroken) {
    return `The audit chain is broken at record #${status.firstBrokenSeq} (${status.firstBroken}): ${status.reason}`;
  }
  return `The audit chain is broken: ${status.reason}`;
}

// ---------------------------------------------------------------------------------------------
// The search form

function searchPanel() {
  const lists = {
    countries: h('datalist', {id: uid('countries')}),
    policies: h('datalist', {id: uid('policies')}),
    ruleSets: h('datalist', {id: uid('rule-sets')}),
  };
  const controls = {
    country: h('input', {type: 'text', list: lists.countries.id, autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'characters', size: 6}),
    from: h('input', {type: 'date'}),
    to: h('input', {type: 'date'}),
    policyId: h('input', {type: 'text', list: lists.policies.id, autocomplete: 'off', spellcheck: 'false'}),
    type: select(TYPES),
    priority: select(PRIORITIES),
    ruleSet: h('input', {type: 'text', list: lists.ruleSets.id, autocomplete: 'off', spellcheck: 'false'}),
    limit: h('input', {type: 'number', min: 1, max: 500, step: 1, inputmode: 'numeric'}),
  };
  const wrappers = {
    country: field('Country', controls.country, {hint: 'e.g. IND'}),
    from: field('From', controls.from, {hint: 'On or after (UTC)'}),
    to: field('To', controls.to, {hint: 'On or before (UTC)'}),
    policyId: field('Policy id', controls.policyId, {hint: 'Fired, e.g. COR-GATE'}),
    type: field('Type', controls.type),
    priority: field('Priority', controls.priority, {hint: 'Same recommendation as Type'}),
    ruleSet: wide(field('Rule-set version', controls.ruleSet, {hint: 'sha256:… or its first hex digits, as the tables show it'})),
    limit: field('Page size', controls.limit, {hint: '1 to 500; 50 if empty'}),
  };
  const general = h('div', {class: 'audit-search-error'});
  const form = h('form', {class: 'audit-search', novalidate: true, 'aria-labelledby': 'audit-search-title'},
    h('div', {class: 'fields'}, Object.values(wrappers),
      h('div', {class: 'toolbar search-actions'},
        h('button', {type: 'submit'}, 'Search'),
        h('button', {type: 'button', class: 'secondary', on: {click: clearForm}}, 'Clear'))),
    general,
    Object.values(lists));
  const panel = {
    lists,
    onSearch: null,
    element: h('section', {class: 'panel', 'aria-labelledby': 'audit-search-title'},
      h('h3', {id: 'audit-search-title'}, 'Search past advice'), form),
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    panel.onSearch(query());
  });

  function query() {
    const q = {};
    for (const [name, control] of Object.entries(controls)) {
      const value = control.value.trim();
      if (value) q[name] = value;
    }
    if (q.ruleSet && !q.ruleSet.startsWith('sha256:')) {
      // The tables show a version by its first hex digits; a prefix that names exactly one known
      // version stands for it (the service matches whole versions only).
      const known = [...lists.ruleSets.options].map((o) => o.value).filter((v) => v.startsWith(`sha256:${q.ruleSet.toLowerCase()}`));
      if (known.length === 1) {
        q.ruleSet = known[0];
        controls.ruleSet.value = known[0];
      }
    }
    return q;
  }

  function clearForm() {
    for (const control of Object.values(controls)) control.value = '';
    showProblems([]);
    panel.onSearch({});
  }

  /** A 400's problems beside the fields they name; any other problem above the results. */
  function showProblems(problems, error) {
    const byParameter = new Map(problems.filter((p) => p.parameter in controls).map((p) => [p.parameter, p.message]));
    for (const [name, wrapper] of Object.entries(wrappers)) {
      const message = byParameter.get(name);
      wrapper.querySelector('.field-error').textContent = message || '';
      if (message) controls[name].setAttribute('aria-invalid', 'true');
      else controls[name].removeAttribute('aria-invalid');
    }
    const rest = problems.filter((p) => !(p.parameter in controls));
    if (error && (rest.length > 0 || byParameter.size === 0)) {
      replace(general, h('div', {class: 'notice error', role: 'alert'}, error.describe(),
        rest.length > 0 ? h('ul', null, rest.map((p) => h('li', null, p.message))) : null));
    } else {
      replace(general);
    }
    const first = Object.keys(controls).find((name) => byParameter.has(name));
    if (first) controls[first].focus();
  }

  panel.showProblems = showProblems;
  panel.query = query;
  return panel;
}

function wide(wrapper) {
  wrapper.classList.add('wide');
  return wrapper;
}

function select(values) {
  return h('select', null, h('option', {value: ''}, 'any'), values.map((v) => h('option', {value: v}, v)));
}

/** The ids an auditor would otherwise type from memory: countries, policies, rule-set versions. */
async function loadSuggestions(lists) {
  const countries = state.catalogue ? state.catalogue.countries || [] : [];
  fill(lists.countries, countries.map((c) => [c.id, c.name]));
  try {
    const [active, all] = await Promise.all([api('GET', '/v1/rulesets/active'), api('GET', '/v1/rulesets')]);
    fill(lists.policies, (active.json.policies || []).map((p) => [p.id, p.title]));
    fill(lists.ruleSets, (all.json.ruleSets || []).map((r) => [r.version, `${r.status}, proposed ${day(r.proposedAt)}`]));
  } catch {
    // Suggestions only: the fields take any value without them.
  }
}

function fill(list, entries) {
  replace(list, entries.map(([value, label]) => h('option', {value}, label)));
}

// ---------------------------------------------------------------------------------------------
// The results and their pages

function resultsPanel({onOpen, onProblems}) {
  const body = h('div', {class: 'audit-results'});
  const status = h('p', {class: 'audit-status'});
  const previous = h('button', {type: 'button', class: 'secondary', disabled: true, on: {click: () => turn(-1)}}, 'Previous page');
  const next = h('button', {type: 'button', class: 'secondary', disabled: true, on: {click: () => turn(1)}}, 'Next page');
  const pageNo = h('span', {class: 'page-no'}, 'page 1');
  const pager = h('nav', {class: 'toolbar pager', 'aria-label': 'Result pages'}, previous, pageNo, next);
  // One search's paging: the query as it was submitted, the cursors of the pages before this one.
  let query = {};
  let earlier = [];
  let cursor = null;
  let nextCursor = null;
  let request = 0;
  let busy = false;
  let opened = null;
  const panel = {
    element: h('section', {class: 'panel', 'aria-labelledby': 'audit-results-title'},
      h('h3', {id: 'audit-results-title'}, 'Past advice'), status, body, pager),
    search(q) {
      query = q;
      earlier = [];
      cursor = null;
      return load();
    },
  };

  function turn(direction) {
    if (busy) return;
    if (direction > 0 && nextCursor) {
      earlier.push(cursor);
      cursor = nextCursor;
    } else if (direction < 0 && earlier.length > 0) {
      cursor = earlier.pop();
    } else {
      return;
    }
    load();
  }

  async function load() {
    const mine = ++request;
    const params = new URLSearchParams(query);
    if (cursor) params.set('cursor', cursor);
    const page = earlier.length + 1;
    // The pager stays enabled (a disabled button would drop the keyboard focus) but ignores
    // clicks until this page has come.
    busy = true;
    status.textContent = 'Searching…';
    try {
      const qs = params.toString();
      const reply = (await api('GET', `/v1/audit/advice${qs ? `?${qs}` : ''}`)).json;
      if (mine !== request) return;
      onProblems([]);
      nextCursor = reply.nextCursor || null;
      const items = reply.items || [];
      const said = items.length === 0
        ? (page === 1 ? 'No advice matches this search.' : `No advice on page ${page}.`)
        : `${plural(items.length, 'advice', 'advice')} on page ${page}${nextCursor ? ', more on the next page' : ''}.`;
      status.textContent = said;
      replace(body, items.length ? resultsTable(items, page) : null);
      pageNo.textContent = `page ${page}`;
      setPager();
      announce(said);
    } catch (e) {
      if (mine !== request) return;
      status.textContent = 'The search failed.';
      replace(body);
      nextCursor = null;
      setPager();
      if (e instanceof ApiError && e.status === 400) {
        onProblems(e.problems, e);
        announce(`The search was refused: ${e.problems.map((p) => p.message).join('; ') || e.describe()}`);
      } else {
        showError(body, 'The search failed', e);
      }
    } finally {
      if (mine === request) busy = false;
    }
  }

  /** Enables what leads somewhere; focus on a button that no longer does moves to the other. */
  function setPager() {
    const focused = document.activeElement;
    previous.disabled = earlier.length === 0;
    next.disabled = !nextCursor;
    if (focused === next && next.disabled && !previous.disabled) previous.focus();
    if (focused === previous && previous.disabled && !next.disabled) next.focus();
  }

  function resultsTable(items, page) {
    const head = ['Advice', 'Created (UTC)', 'Country', 'As of', 'Rule set', 'Recommendations', 'Key (role)'];
    return h('div', {class: 'table-wrap'},
      h('table', {class: 'data audit-list'},
        h('caption', {class: 'visually-hidden'}, `Past advice, page ${page}, newest first`),
        // "Open" comes first so that on a phone it is in view without scrolling the table.
        h('thead', null, h('tr', null, h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Open')),
          head.map((t) => h('th', {scope: 'col'}, t)))),
        h('tbody', null, items.map(resultRow))));
  }

  function resultRow(item) {
    const name = nameOf('countries', item.country);
    return h('tr', {class: item.id === opened ? 'opened' : null, dataset: {id: item.id}},
      h('td', {class: 'actions'}, h('button', {type: 'button', class: 'secondary', 'aria-label': `Open ${item.id}`,
        on: {click: () => open(item.id)}}, 'Open')),
      h('td', null, h('code', {class: 'audit-id'}, item.id)),
      h('td', null, h('time', {datetime: item.createdAt}, when(item.createdAt))),
      h('td', {class: 'country'}, item.country, name ? h('span', {class: 'muted'}, ` ${name}`) : null),
      h('td', {class: 'day'}, item.asOf),
      h('td', null, shortVersion(item.ruleSet)),
      h('td', null, counts(item.recommendations || [])),
      h('td', null, item.keyId, h('span', {class: 'muted'}, ` (${item.role})`)));
  }

  function open(id) {
    opened = id;
    for (const row of body.querySelectorAll('tbody tr')) row.classList.toggle('opened', row.dataset.id === id);
    onOpen(id);
  }

  return panel;
}

function counts(recommendations) {
  const by = new Map();
  for (const r of recommendations) by.set(r.priority, (by.get(r.priority) || 0) + 1);
  const shown = PRIORITIES.filter((p) => by.has(p));
  if (shown.length === 0) return h('span', {class: 'muted'}, 'none');
  return h('span', {class: 'counts'}, shown.map((p) => h('span', {class: `badge ${p}`}, `${by.get(p)} ${p}`)));
}

// ---------------------------------------------------------------------------------------------
// One advice, opened

let opening = 0;

async function openAdvice(id, container) {
  const mine = ++opening;
  replace(container, h('section', {class: 'panel'}, h('p', {class: 'muted'}, `Opening ${id}…`)));
  const path = encodeURIComponent(id);
  const [adviceReply, bundleReply] = await Promise.allSettled([
    api('GET', `/v1/advice/${path}`),
    api('GET', `/v1/audit/advice/${path}/export`),
  ]);
  if (mine !== opening) return;
  if (adviceReply.status === 'rejected') {
    const box = h('section', {class: 'panel'});
    replace(container, box);
    showError(box, `${id} could not be opened`, adviceReply.reason);
    return;
  }
  const advice = adviceReply.value.json;
  const bundle = bundleReply.status === 'fulfilled' ? bundleReply.value : null;
  rememberAdvice(advice);
  const title = h('h3', {id: 'audit-open-title'}, `Advice ${advice.id}`);
  const replayOut = h('div', {class: 'audit-replay'});
  const replayButton = h('button', {type: 'button', on: {click: () => replay(advice.id, replayOut, replayButton)}}, 'Replay');
  const downloadButton = h('button', {type: 'button', class: 'secondary', disabled: !bundle, on: {click: () => {
    const name = `${advice.id}.bundle.json`;
    download(name, bundle.text);
    announce(`The audit bundle was downloaded as ${name}.`);
  }}}, 'Download audit bundle');
  replace(container, h('section', {class: 'panel audit-open', 'aria-labelledby': 'audit-open-title'},
    title,
    bundle ? recordFacts(bundle.json.record) : null,
    bundle ? null : h('p', {class: 'notice warn'}, `The audit bundle could not be exported: ${describe(bundleReply.reason)}`),
    h('div', {class: 'toolbar'}, replayButton, downloadButton),
    replayOut,
    renderAdvice(advice, {profile: bundle ? bundle.json.input : null, text: adviceReply.value.text})));
  // Keyboard users land on the opened advice's first action; the announcement says what opened.
  replayButton.focus();
  announce(`Opened ${advice.id}: ${plural((advice.recommendations || []).length, 'recommendation')}.`);
}

/** What the audit store adds to the advice (which shows its own country, date and versions). */
function recordFacts(record) {
  const rows = [
    ['Audit record', `#${record.seq}, recorded ${when(record.createdAt)} (UTC)`],
    ['Given to key', `${record.keyId} (role ${record.role})`],
    ['Record hash', shortVersion(record.hash)],
    ['Previous hash', shortVersion(record.prevHash)],
  ];
  return h('dl', {class: 'audit-facts'}, rows.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

async function replay(id, out, button) {
  button.disabled = true;
  replace(out, h('p', {class: 'muted'}, 'Replaying under the stored rule set and fact base…'));
  try {
    const result = (await api('POST', `/v1/advice/${encodeURIComponent(id)}/replay`)).json;
    const differences = result.differences || [];
    const verdict = result.identical
      ? 'identical to the stored advice.'
      : `differs from the stored advice in ${plural(differences.length, 'place')}.`;
    replace(out,
      h('p', {class: `notice ${result.identical ? 'ok' : 'error'}`},
        'Replayed with rule set ', shortVersion(result.ruleSet), ' and fact base ', shortVersion(result.factBase), ': ', verdict),
      result.identical ? null : differencesTable(differences));
    announce(`Replayed with rule set ${shortHex(result.ruleSet)} and fact base ${shortHex(result.factBase)}: ${verdict}`);
  } catch (e) {
    showError(out, 'The replay failed', e);
  } finally {
    button.disabled = false;
  }
}

function differencesTable(differences) {
  const shown = differences.slice(0, MAX_DIFFERENCES_SHOWN);
  return [
    h('div', {class: 'table-wrap'},
      h('table', {class: 'data audit-diff'},
        h('caption', {class: 'visually-hidden'}, 'Where the replayed advice differs from the stored one'),
        h('thead', null, h('tr', null, ['Pointer', 'Stored', 'Replayed'].map((t) => h('th', {scope: 'col'}, t)))),
        h('tbody', null, shown.map((d) => h('tr', null,
          h('td', null, h('code', null, d.pointer || '(the whole advice)')),
          h('td', null, jsonValue(d.stored)),
          h('td', null, jsonValue(d.replayed))))))),
    differences.length > shown.length
      ? h('p', {class: 'hint'}, `… and ${differences.length - shown.length} more; the audit bundle has the whole advice.`)
      : null,
  ];
}

function jsonValue(value) {
  return value === undefined ? h('span', {class: 'muted'}, '(absent)') : h('code', null, JSON.stringify(value));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function showError(container, what, error) {
  const text = `${what}: ${describe(error)}`;
  replace(container, h('p', {class: 'notice error', role: 'alert'}, text));
}

function describe(error) {
  return error instanceof ApiError ? error.describe() : String((error && error.message) || error);
}

function isAdviceId(id) {
  return typeof id === 'string' && id.startsWith('adv_');
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function shortHex(version) {
  return version ? String(version).replace(/^sha256:/, '').slice(0, 12) : '—';
}

/** 2026-12-01T08:33:56.169Z → 2026-12-01 08:33:56 (UTC, as the store keeps it). */
function when(instant) {
  return instant ? String(instant).replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '—';
}

function day(instant) {
  return instant ? String(instant).slice(0, 10) : '—';
}
