import {h, append} from './dom.js';

export function ruleSetsView(section, session) {
  append(section, h('h2', {id: 'view-rulesets-title'}, 'rulesets'), h('p', null, 'Not built yet.'));
}
