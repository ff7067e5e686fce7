import {h, append} from './dom.js';

export function compareView(section, session) {
  append(section, h('h2', {id: 'view-compare-title'}, 'compare'), h('p', null, 'Not built yet.'));
}
