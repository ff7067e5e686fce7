// The page's frame: the caller's key and role, the views that role may use, and hash routing
// (#officer, #auditor, #compare, #rulesets) so the browser's back button and links work.

import {api, apiKey, setApiKey, ApiError} from './api.js';
import {h, replace} from './dom.js';
import {state, loadCatalogue, forgetTab} from './state.js';
import {officerView} from './officer.js';
import {auditorView} from './auditor.js';
import {compareView} from './compare.js';
import {ruleSetsView} from './rulesets.js';

/** Every view, in menu order, with the roles' view names (from GET /v1/session) that show it. */
const VIEWS = [
  {id: 'officer', title: 'Advice', needs: ['officer'], build: officerView},
  {id: 'auditor', title: 'Audit', needs: ['auditor'], build: auditorView},
  {id: 'compare', title: 'Compare', needs: ['officer', 'auditor'], build: compareView},
  {id: 'rulesets', title: 'Rule sets', needs: ['rulesets'], build: ruleSetsView},
];

const mounted = new Map();

async function start() {
  const form = document.getElementById('key-form');
  const input = document.getElementById('api-key');
  const keyError = document.getElementById('api-key-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // A mistyped key must not sign out the one that works: try it before switching to it.
    const previous = apiKey();
    setApiKey(input.value.trim());
    input.value = '';
    try {
      await api('GET', '/v1/session');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setApiKey(previous);
        keyError.textContent = `That key was not accepted: ${e.describe()}`;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
    }
    keyError.textContent = '';
    input.removeAttribute('aria-invalid');
    resetViews();
    identify();
  });
  document.getElementById('forget-key').addEventListener('click', () => {
    setApiKey('');
    forgetTab();
    resetViews();
    identify();
  });
  window.addEventListener('hashchange', showRoute);
  await identify();
}

function resetViews() {
  mounted.clear();
  state.catalogue = null;
  replace(document.getElementById('main'));
}

async function identify() {
  const form = document.getElementById('key-form');
  const who = document.getElementById('who');
  const main = document.getElementById('main');
  try {
    state.session = (await api('GET', '/v1/session')).json;
  } catch (e) {
    state.session = {local: false, role: null, views: []};
    if (e instanceof ApiError && e.status === 401) {
      setApiKey('');
      replace(main, h('p', {class: 'notice error', role: 'alert'}, `That key was not accepted: ${e.describe()}`));
    } else {
      replace(main, h('p', {class: 'notice error', role: 'alert'}, `The service cannot be reached: ${e.message}`));
    }
  }
  const session = state.session;
  form.hidden = session.local;
  if (session.local) {
    who.textContent = 'Local single-user mode: every role, no key needed.';
  } else if (session.role) {
    who.textContent = `Signed in with key ${session.keyId} (role ${session.role}).`;
  } else {
    who.textContent = 'Enter an API key to start.';
    if (!main.querySelector('.error')) {
      replace(main, h('p', {class: 'notice'}, 'This service needs an API key. Your administrator gives you one for your role: officer, auditor, expert or admin.'));
    }
  }
  if (session.role) {
    await loadCatalogue();
  }
  renderMenu();
  showRoute();
}

function allowedViews() {
  const granted = new Set(state.session ? state.session.views : []);
  return VIEWS.filter((v) => v.needs.some((n) => granted.has(n)));
}

function renderMenu() {
  const list = document.getElementById('views');
  replace(list, allowedViews().map((v) => h('li', null, h('a', {href: `#${v.id}`, id: `nav-${v.id}`}, v.title))));
}

function showRoute() {
  const views = allowedViews();
  if (views.length === 0) return;
  const wanted = location.hash.replace(/^#/, '').split('/')[0];
  const view = views.find((v) => v.id === wanted) || views[0];
  const main = document.getElementById('main');
  for (const [id, section] of mounted) section.hidden = id !== view.id;
  for (const v of views) {
    const link = document.getElementById(`nav-${v.id}`);
    if (link) {
      if (v.id === view.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
  if (!mounted.has(view.id)) {
    const stale = main.querySelector(':scope > .notice');
    if (stale) stale.remove();
    const section = h('section', {id: `view-${view.id}`, class: 'view', 'aria-labelledby': `view-${view.id}-title`});
    mounted.set(view.id, section);
    main.append(section);
    view.build(section, state.session);
  }
  document.title = `${view.title} — Minerals Advisor`;
}

start();
