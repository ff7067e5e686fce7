// RFC 6901 JSON Pointers: the address every validation problem gives, and the name of every
// form control that edits a profile value, so a problem lands beside its field.

export function parse(pointer) {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function join(...tokens) {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function get(doc, pointer) {
  let node = doc;
  for (const token of parse(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[token];
  }
  return node;
}

/** Sets (or with {@code undefined}, removes) the value, creating objects on the way. */
export function set(doc, pointer, value) {
  const tokens = parse(pointer);
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (node[token] === null || typeof node[token] !== 'object') node[token] = {};
    node = node[token];
  }
  const last = tokens[tokens.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/** '/minerals/0/imports/1/tonnes' → '/minerals/0/imports/1' ('' for the document). */
export function parent(pointer) {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}
