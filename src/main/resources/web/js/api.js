// The one way the page talks to the service: same origin, the tab's API key as a bearer token,
// and every error as the service's RFC 9457 problem document.

const KEY = 'minerals-advisor.api-key';

export function apiKey() {
  return sessionStorage.getItem(KEY) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get problems() {
    return Array.isArray(this.problem.problems) ? this.problem.problems : [];
  }

  /** "422 Invalid profile: 3 problem(s)…" — what a person reads when a call fails. */
  describe() {
    const p = this.problem;
    return [p.title || `HTTP ${this.status}`, p.detail].filter(Boolean).join(': ');
  }
}

/**
 * api('POST', '/v1/advice', profileOrText) → {status, json, text, headers}.
 * A body that is already a string is sent as it is (the JSON editor's text, byte for byte).
 */
export async function api(method, path, body) {
  const headers = {Accept: 'application/json'};
  const key = apiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, {method, headers, body: payload, cache: 'no-store'});
  } catch (e) {
    throw new ApiError(0, {title: 'The service cannot be reached', detail: String(e.message || e)});
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json && typeof json === 'object' ? json : {title: response.statusText, detail: text});
  }
  return {status: response.status, json, text, headers: response.headers};
}
