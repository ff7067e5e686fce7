import {h, append} from './dom.js';

export function auditorView(section, session) {
  append(section, h('h2', {id: 'view-auditor-title'}, 'auditor'), h('p', null, 'Not built yet.'));
}
