// Building the page from data without ever parsing data as HTML: every value from the API
// (a country name, a rule file, a source citation) becomes a text node, so hostile input
// shows as text and never runs.

/**
 * h('p', {class: 'x', on: {click: f}, dataset: {pointer: '/a'}}, 'text', child, [more])
 * Attributes whose value is null, undefined or false are left out; true sets them empty.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props);
  append(el, ...children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, props);
  append(el, ...children);
  return el;
}

function applyProps(el, props) {
  if (!props) return;
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (name === 'dataset') {
      for (const [key, v] of Object.entries(value)) el.dataset[key] = v;
    } else if (name === 'value' && 'value' in el && !(el instanceof SVGElement)) {
      el.value = value;
    } else if (name === 'checked' || name === 'selected') {
      el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/** Appends children (nodes, text, arrays of them; null and false skipped). */
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, ...children);
}

let uniqueCounter = 0;
/** An id unique in the page, for label/aria-describedby pairs. */
export function uid(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** A labelled control: <div class="field"><label for=id>label</label>control<p class="field-error"></p></div>. */
export function field(label, control, {hint, pointer} = {}) {
  const id = control.id || uid('f');
  control.id = id;
  const error = h('p', {class: 'field-error', id: `${id}-error`, role: 'alert'});
  const described = [`${id}-error`];
  let hintEl = null;
  if (hint) {
    hintEl = h('p', {class: 'hint', id: `${id}-hint`}, hint);
    described.push(`${id}-hint`);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  if (pointer !== undefined) control.dataset.pointer = pointer;
  return h('div', {class: 'field'}, h('label', {for: id}, label), control, hintEl, error);
}

/** Offers a file for download (the advice as JSON, an audit bundle) under a readable name. */
export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = h('a', {href: url, download: filename, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Numbers as a reader wants them: few digits, thousands separated, units said.
const plain = new Intl.NumberFormat('en', {maximumFractionDigits: 2});
const tenths = new Intl.NumberFormat('en', {maximumFractionDigits: 1});
const whole = new Intl.NumberFormat('en', {maximumFractionDigits: 0});

export function num(x) {
  if (x === null || x === undefined) return '—';
  if (typeof x !== 'number') return String(x);
  // As many digits as the summaries write: 221.9 t, not 222 t beside a summary that says 221.9.
  if (Math.abs(x) >= 1000) return whole.format(x);
  return Math.abs(x) >= 100 ? tenths.format(x) : plain.format(x);
}

export function pct(x) {
  if (x === null || x === undefined) return '—';
  return `${plain.format(x * 100)}%`;
}

export function usd(x) {
  if (x === null || x === undefined) return '—';
  return `USD ${whole.format(x)}`;
}

/** sha256:9bbaaf61… → 9bbaaf61 (the full value stays in the title). */
export function shortVersion(v) {
  if (!v) return '—';
  const hex = String(v).replace(/^sha256:/, '');
  return h('abbr', {title: v, class: 'version'}, hex.slice(0, 12));
}

/** Polite announcement for screen readers of what just happened (submitted, verified…). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) {
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 20);
  }
}
