// What the views share within one tab: who the caller is, the fact base's ids and names, and
// the advice seen in this tab (for "Compare").

import {api} from './api.js';

export const state = {
  session: null,
  catalogue: null,
};

export async function loadCatalogue() {
  if (!state.catalogue) {
    try {
      state.catalogue = (await api('GET', '/v1/catalogue')).json;
    } catch {
      state.catalogue = {countries: [], minerals: [], coalitions: []};
    }
  }
  return state.catalogue;
}

/** "DEU" → "Germany" when the fact base knows it. */
export function nameOf(kind, id) {
  const list = state.catalogue ? state.catalogue[kind] || [] : [];
  const entry = list.find((e) => e.id === id);
  return entry ? entry.name : null;
}

const SEEN = 'minerals-advisor.seen-advice';

/** The advice this tab has submitted or opened, newest first: id, country, asOf, when. */
export function seenAdvice() {
  try {
    return JSON.parse(sessionStorage.getItem(SEEN) || '[]');
  } catch {
    return [];
  }
}

export function rememberAdvice(advice) {
  const entry = {id: advice.id, country: advice.country, asOf: advice.asOf, evaluatedAt: advice.evaluatedAt};
  const list = [entry, ...seenAdvice().filter((e) => e.id !== advice.id)].slice(0, 20);
  sessionStorage.setItem(SEEN, JSON.stringify(list));
}

/** Views register here so that one can open another (the auditor opens an advice to compare). */
const listeners = new Map();

export function on(event, handler) {
  listeners.set(event, [...(listeners.get(event) || []), handler]);
}

export function emit(event, payload) {
  for (const handler of listeners.get(event) || []) handler(payload);
}

/** What a tab keeps for its user: forgotten with the key, so the next user starts clean. */
export function forgetTab() {
  sessionStorage.removeItem(SEEN);
  sessionStorage.removeItem('minerals-advisor.profile-draft');
}
