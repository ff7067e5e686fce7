import {h, append} from './dom.js';

export function officerView(section, session) {
  append(section, h('h2', {id: 'view-officer-title'}, 'officer'), h('p', null, 'Not built yet.'));
}
