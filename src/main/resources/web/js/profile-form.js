// The country profile as a form. The form edits a plain profile object in place, control by
// control, each control named by the JSON Pointer of the value it edits (data-pointer): a
// validation problem from the service finds its field by the same pointer, and a field the form
// does not know (an unknown one typed in the JSON editor) is kept, not dropped.

import {h, field, uid, replace} from './dom.js';
import * as ptr from './pointer.js';

const CAPABILITIES = [
  ['semiconductorFabrication', 'Semiconductor fabrication'],
  ['semiconductorAssemblyTest', 'Semiconductor assembly and test'],
  ['chipDesign', 'Chip design'],
  ['investmentScreening', 'Investment screening'],
  ['esgStandards', 'ESG standards for mining and processing'],
];
const REGIMES = ['NONE', 'PARTIAL', 'ALIGNED'];
const CLEARANCES = ['GRANTED', 'PENDING', 'REFUSED'];

export function blankProfile() {
  // Only what the contract requires: an empty field is left out, so the service names it "required".
  return {asOf: new Date().toISOString().slice(0, 10), minerals: []};
}

export class ProfileForm {
  /**
   * @param onChange     called with the profile after every edit
   * @param onReshaped   called when an entry was added or removed: the problems shown, which
   *                     name entries by position, no longer apply
   */
  constructor(catalogue, onChange, onReshaped) {
    this.catalogue = catalogue;
    this.onChange = onChange || (() => {});
    this.onReshaped = onReshaped || (() => {});
    this.problems = [];
    this.profile = blankProfile();
    this.root = h('div', {class: 'profile-form'});
    this.lists = h('div', {hidden: true},
      datalist('countries-list', catalogue.countries),
      datalist('minerals-list', catalogue.minerals));
    this.render();
  }

  setProfile(profile) {
    this.profile = isObject(profile) ? profile : blankProfile();
    this.problems = [];
    this.render();
  }

  /** After an entry is added or removed: redraw, and drop the problems that named positions. */
  reshaped(focusPointer) {
    this.problems = [];
    this.onReshaped();
    this.changed();
    this.render(focusPointer);
  }

  changed() {
    this.onChange(this.profile);
  }

  render(focusPointer) {
    replace(this.root, this.lists, this.general(), this.membershipsSection(), this.capabilitiesSection(),
      this.mineralsSection(), this.corridorsSection());
    this.placeProblems();
    if (focusPointer !== undefined) this.focus(focusPointer);
  }

  /** Focuses the control a pointer names, or the first control of the group that holds it. */
  focus(pointer) {
    let at = pointer;
    let target = this.find(at);
    while (!target && at !== '') {
      at = ptr.parent(at);
      target = this.find(at);
    }
    if (!target) return;
    (target.matches('input, select, textarea, button') ? target : target.querySelector('input, select, button'))?.focus();
  }

  // --- controls ------------------------------------------------------------------------------

  text(label, pointer, {hint, list, type = 'text', autocomplete = 'off'} = {}) {
    const value = ptr.get(this.profile, pointer);
    const input = h('input', {type, list, autocomplete, spellcheck: 'false',
      value: value === undefined || value === null ? '' : String(value),
      on: {input: (e) => {
        const v = e.target.value.trim();
        // An emptied array entry keeps its place (removing it would shift every later one
        // under the controls that edit them); an emptied object field is left out.
        ptr.set(this.profile, pointer, v === '' && !inArray(pointer) ? undefined : v);
        this.changed();
      }}});
    return field(label, input, {hint, pointer});
  }

  /** A number field that keeps what it cannot read as a string, so the service says what is wrong. */
  number(label, pointer, {hint} = {}) {
    const value = ptr.get(this.profile, pointer);
    const input = h('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off',
      value: value === undefined || value === null ? '' : String(value),
      on: {input: (e) => {
        const v = e.target.value.trim().replace(/[_\s]/g, '');
        let parsed;
        if (v === '') parsed = undefined;
        else if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) parsed = Number(v);
        else parsed = e.target.value;
        ptr.set(this.profile, pointer, parsed);
        this.changed();
      }}});
    return field(label, input, {hint, pointer});
  }

  bool(label, pointer) {
    const id = uid('b');
    const input = h('input', {type: 'checkbox', id, checked: ptr.get(this.profile, pointer) === true,
      'aria-describedby': `${id}-error`, dataset: {pointer},
      on: {change: (e) => {
        ptr.set(this.profile, pointer, e.target.checked);
        this.changed();
      }}});
    return h('div', {class: 'field inline'}, input, h('label', {for: id}, label), h('p', {class: 'field-error', id: `${id}-error`, role: 'alert'}));
  }

  choice(label, pointer, options, defaultText) {
    const value = ptr.get(this.profile, pointer);
    const known = value === undefined || options.includes(value);
    const select = h('select', {on: {change: (e) => {
      ptr.set(this.profile, pointer, e.target.value === '' ? undefined : e.target.value);
      this.changed();
    }}},
    h('option', {value: '', selected: value === undefined}, defaultText),
    options.map((o) => h('option', {value: o, selected: value === o}, o)),
    known ? null : h('option', {value: String(value), selected: true}, `${String(value)} (not allowed)`));
    return field(label, select, {pointer});
  }

  group(legend, pointer, ...content) {
    return h('fieldset', {dataset: {pointer}},
      h('legend', null, legend),
      h('p', {class: 'field-error group-error', role: 'alert'}),
      content);
  }

  // --- sections ------------------------------------------------------------------------------

  general() {
    return this.group('Country', '',
      h('div', {class: 'fields'},
        this.text('Country', '/country', {list: 'countries-list', hint: 'ISO 3166 alpha-3 code, e.g. IND'}),
        this.text('As of', '/asOf', {type: 'date', hint: 'The date the advice is for'}),
        this.number('Stockpile budget (USD)', '/stockpileBudgetUsd', {hint: 'Optional; 0 or more'})));
  }

  membershipsSection() {
    const members = Array.isArray(this.profile.memberships) ? this.profile.memberships : null;
    const known = this.catalogue.coalitions;
    const knownIds = new Set(known.map((c) => c.id));
    const rebuild = (id, on) => {
      const list = Array.isArray(this.profile.memberships) ? this.profile.memberships.filter((m) => m !== id) : [];
      if (on) list.push(id);
      this.profile.memberships = list;
      this.reshaped();
      this.root.querySelector(`input[data-coalition="${CSS.escape(id)}"]`)?.focus();
    };
    const boxes = known.map((c) => {
      const index = members ? members.indexOf(c.id) : -1;
      const id = uid('m');
      return h('div', {class: 'field inline'},
        h('input', {type: 'checkbox', id, checked: index >= 0, 'aria-describedby': `${id}-error`,
          dataset: index >= 0 ? {pointer: `/memberships/${index}`, coalition: c.id} : {coalition: c.id},
          on: {change: (e) => rebuild(c.id, e.target.checked)}}),
        h('label', {for: id}, `${c.name} (${c.id})`),
        h('p', {class: 'field-error', id: `${id}-error`, role: 'alert'}));
    });
    // Entries the fact base does not know (typed in JSON): editable, so a suggestion can fix them.
    const others = (members || []).map((m, i) => [m, i]).filter(([m]) => !knownIds.has(m)).map(([m, i]) =>
      h('div', {class: 'row'},
        this.text(`Membership ${i + 1}`, `/memberships/${i}`),
        h('button', {type: 'button', class: 'secondary', on: {click: () => {
          this.profile.memberships.splice(i, 1);
          this.reshaped('/memberships');
        }}}, `Remove membership ${i + 1}`)));
    return this.group('Coalition memberships', '/memberships', h('div', {class: 'checks'}, boxes), others);
  }

  capabilitiesSection() {
    return this.group('Capabilities', '/capabilities',
      h('div', {class: 'checks'}, CAPABILITIES.map(([key, label]) => this.bool(label, `/capabilities/${key}`))),
      h('div', {class: 'fields'}, this.choice('Export-control regime', '/capabilities/exportControlRegime', REGIMES, '(default: NONE)')));
  }

  mineralsSection() {
    const minerals = Array.isArray(this.profile.minerals) ? this.profile.minerals : [];
    return this.group('Minerals', '/minerals',
      minerals.map((m, i) => this.mineral(m, i)),
      h('button', {type: 'button', class: 'secondary', on: {click: () => {
        if (!Array.isArray(this.profile.minerals)) this.profile.minerals = [];
        // No empty strings: a field not filled in is missing, and the service says "required".
        this.profile.minerals.push({imports: []});
        this.reshaped(`/minerals/${this.profile.minerals.length - 1}/mineral`);
      }}}, 'Add mineral'));
  }

  mineral(m, i) {
    const base = `/minerals/${i}`;
    const imports = m && Array.isArray(m.imports) ? m.imports : [];
    const name = m && m.mineral ? m.mineral : '(new)';
    return this.group(`Mineral ${i + 1}: ${name}`, base,
      h('div', {class: 'fields'},
        this.text('Mineral', `${base}/mineral`, {list: 'minerals-list'}),
        this.number('Annual demand (t)', `${base}/annualDemandTonnes`, {hint: 'More than 0'}),
        this.number('Domestic production (t)', `${base}/domesticProductionTonnes`, {hint: 'Default 0'}),
        this.number('Stock (t)', `${base}/stockTonnes`, {hint: 'Default 0'}),
        this.bool('Defence use', `${base}/defenceUse`)),
      h('div', {class: 'imports', dataset: {pointer: `${base}/imports`}},
        h('h4', null, `Imports of ${name} by source`),
        h('p', {class: 'field-error group-error', role: 'alert'}),
        imports.map((_, j) => h('div', {class: 'import-row', dataset: {pointer: `${base}/imports/${j}`}},
          this.text(`Import ${j + 1} source`, `${base}/imports/${j}/from`, {list: 'countries-list'}),
          this.number(`Import ${j + 1} tonnes`, `${base}/imports/${j}/tonnes`),
          h('button', {type: 'button', class: 'secondary', on: {click: () => {
            this.profile.minerals[i].imports.splice(j, 1);
            this.reshaped(`${base}/imports`);
          }}}, `Remove import ${j + 1}`),
          h('p', {class: 'field-error group-error', role: 'alert'}))),
        h('button', {type: 'button', class: 'secondary', on: {click: () => {
          if (!Array.isArray(this.profile.minerals[i].imports)) this.profile.minerals[i].imports = [];
          this.profile.minerals[i].imports.push({});
          this.reshaped(`${base}/imports/${this.profile.minerals[i].imports.length - 1}/from`);
        }}}, `Add import of ${name}`)),
      h('button', {type: 'button', class: 'secondary danger-text', on: {click: () => {
        this.profile.minerals.splice(i, 1);
        this.reshaped('/minerals');
      }}}, `Remove mineral ${i + 1} (${name})`));
  }

  corridorsSection() {
    const corridors = Array.isArray(this.profile.corridors) ? this.profile.corridors : [];
    return this.group('Candidate corridors', '/corridors',
      corridors.map((c, i) => this.corridor(c, i)),
      h('button', {type: 'button', class: 'secondary', on: {click: () => {
        if (!Array.isArray(this.profile.corridors)) this.profile.corridors = [];
        // Its two yes/no fields are required: unticked boxes on screen must mean "no" when sent.
        this.profile.corridors.push({powerAvailable: false, magnetPlantLinked: false});
        this.reshaped(`/corridors/${this.profile.corridors.length - 1}/id`);
      }}}, 'Add corridor'));
  }

  corridor(c, i) {
    const base = `/corridors/${i}`;
    const name = c && c.id ? c.id : '(new)';
    return this.group(`Corridor ${i + 1}: ${name}`, base,
      h('div', {class: 'fields'},
        this.text('Corridor id', `${base}/id`),
        this.text('Name', `${base}/name`),
        this.text('Region', `${base}/region`),
        this.number('Resource (t REO)', `${base}/resourceTonnesReo`),
        this.number('Separation capacity (t/yr)', `${base}/separationCapacityTpa`),
        this.number('Port distance (km)', `${base}/portDistanceKm`),
        this.choice('Clearance', `${base}/clearance`, CLEARANCES, '(choose)'),
        this.bool('Power available', `${base}/powerAvailable`),
        this.bool('Magnet plant linked', `${base}/magnetPlantLinked`)),
      h('button', {type: 'button', class: 'secondary danger-text', on: {click: () => {
        this.profile.corridors.splice(i, 1);
        this.reshaped('/corridors');
      }}}, `Remove corridor ${i + 1} (${name})`));
  }

  // --- problems ------------------------------------------------------------------------------

  find(pointer) {
    return this.root.querySelector(`[data-pointer="${CSS.escape(pointer)}"]`);
  }

  /** Shows each problem beside its field; they stay there through redraws until the next submit. */
  showProblems(problems) {
    this.problems = [...problems];
    this.placeProblems();
  }

  /**
   * Each problem beside the control its pointer names, or failing that beside the nearest group
   * that holds it (an unknown field beside its mineral).
   */
  placeProblems() {
    this.clearMarks();
    for (const problem of this.problems) {
      let pointer = problem.pointer || '';
      let target = this.find(pointer);
      while (!target && pointer !== '') {
        pointer = ptr.parent(pointer);
        target = this.find(pointer);
      }
      if (!target) target = this.root.querySelector('fieldset');
      const isControl = target.matches('input, select, textarea');
      const slot = isControl ? document.getElementById(`${target.id}-error`) : target.querySelector(':scope > .field-error');
      if (isControl) target.setAttribute('aria-invalid', 'true');
      else if (target.tagName === 'FIELDSET') target.classList.add('invalid');
      slot.append(h('span', {class: 'problem-line'},
        isControl || !problem.pointer ? '' : h('code', null, problem.pointer), isControl || !problem.pointer ? '' : ': ',
        problem.message,
        problem.suggestion ? [' ', h('button', {type: 'button', class: 'secondary small', on: {click: () => {
          this.problems = this.problems.filter((p) => p !== problem);
          ptr.set(this.profile, problem.pointer, problem.suggestion);
          this.changed();
          this.render(problem.pointer);
        }}}, `Use ${problem.suggestion}`)] : null,
        problem.code === 'unknown_field' ? [' ', h('button', {type: 'button', class: 'secondary small', on: {click: () => {
          this.problems = this.problems.filter((p) => p !== problem);
          ptr.set(this.profile, problem.pointer, undefined);
          this.changed();
          this.render(ptr.parent(problem.pointer));
        }}}, `Remove ${ptr.parse(problem.pointer).pop()}`)] : null));
    }
  }

  clearProblems() {
    this.problems = [];
    this.clearMarks();
  }

  clearMarks() {
    for (const el of this.root.querySelectorAll('.field-error')) el.replaceChildren();
    for (const el of this.root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of this.root.querySelectorAll('fieldset.invalid')) el.classList.remove('invalid');
  }
}

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the pointer names an array element ('/memberships/1'), not an object member. */
function inArray(pointer) {
  return /^\d+$/.test(ptr.parse(pointer).pop() || '');
}

function datalist(id, entries) {
  return h('datalist', {id}, (entries || []).map((e) => h('option', {value: e.id}, e.name)));
}
