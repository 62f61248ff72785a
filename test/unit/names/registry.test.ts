import { expect } from 'chai';
import { canonicalKey, displayName } from '../../../src/names/canonical.js';
import { extractPeople } from '../../../src/names/extract.js';
import {
  addPerson,
  applyRegistry,
  EMPTY_REGISTRY,
  ignoreName,
  mergeSpellings,
  parseRegistry,
  printRegistry,
  registryChanges,
  type Registry,
} from '../../../src/names/registry.js';

describe('names/registry', () => {
  afterEach(() => applyRegistry(EMPTY_REGISTRY));

  it('rejects a malformed file with its path and the field at fault', () => {
    expect(() => parseRegistry([], 'people.json')).to.throw(/people\.json: must hold an object/);
    expect(() => parseRegistry({ people: [{}] }, 'p.json')).to.throw(/people\[0\]\.display/);
    expect(() => parseRegistry({ people: [{ display: 'A', hangul: ['abc'] }] }, 'p.json')).to.throw(
      /hangul must be Hangul/,
    );
    expect(() => parseRegistry({ ignore: 'x' }, 'p.json')).to.throw(/"ignore" must be a list/);
    expect(() => parseRegistry({ peoples: [] }, 'p.json')).to.throw(/unknown field "peoples"/);
  });

  it('merges spellings no rule relates into one person with its display form', () => {
    const before = extractPeople(['Lhee Syng-man met Kim Dae-jung.']).map((p) => p.name);
    expect(before).to.not.include('Syngman Rhee');
    applyRegistry(mergeSpellings(EMPTY_REGISTRY, 'Syngman Rhee', ['Lhee Syng-man', '이승만']));
    const people = extractPeople(['Lhee Syng-man met Kim Dae-jung. Syngman Rhee left.']);
    const rhee = people.find((p) => p.name === 'Syngman Rhee');
    expect(rhee?.variants).to.have.members(['Lhee Syng-man', 'Syngman Rhee']);
    expect(canonicalKey('이승만')).to.equal(rhee?.key);
  });

  it('fixes the display form of a person the rules read', () => {
    expect(displayName(canonicalKey('Cha Duck-chul'))).to.not.equal('Cha Duck-chul');
    applyRegistry(addPerson(EMPTY_REGISTRY, 'Cha Duck-chul'));
    expect(extractPeople(['Cha Duk-chul spoke.']).map((p) => p.name)).to.deep.equal([
      'Cha Duck-chul',
    ]);
  });

  it('never reads an ignored string as a person, case and hyphens aside', () => {
    expect(extractPeople(['Han Solo flew.']).length).to.equal(1);
    applyRegistry(ignoreName(EMPTY_REGISTRY, 'Han Solo'));
    expect(extractPeople(['Han Solo flew. HAN SOLO landed.'])).to.deep.equal([]);
    expect(extractPeople(['Han Seung-soo spoke.']).length).to.equal(1);
  });

  it('lists the strings whose reading a change touches', () => {
    const a: Registry = addPerson(EMPTY_REGISTRY, 'Ban Ki-moon', { spellings: ['Pan Gi-mun'] });
    const b = ignoreName(mergeSpellings(a, 'Ban Ki-moon', ['Ban Gimun']), 'Park Avenue');
    expect(registryChanges(a, a)).to.deep.equal([]);
    expect(registryChanges(a, b)).to.have.members([
      'Ban Ki-moon',
      'Pan Gi-mun',
      'Ban Gimun',
      'Park Avenue',
    ]);
  });

  it('prints the file in a stable order that parses back to the same registry', () => {
    const r = ignoreName(addPerson(addPerson(EMPTY_REGISTRY, 'Z Z'), 'Ban Ki-moon'), 'Han Solo');
    const text = printRegistry(r);
    expect(parseRegistry(JSON.parse(text), 'x')).to.deep.equal({
      people: [{ display: 'Ban Ki-moon' }, { display: 'Z Z' }],
      ignore: ['Han Solo'],
    });
  });
});
