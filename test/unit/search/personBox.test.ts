import { expect } from 'chai';
import { containsRegex, personBoxRegex } from '../../../src/search/facets.js';

describe('search/facets personBoxRegex', () => {
  it('adds the display name of the person any spelling or Hangul names', () => {
    for (const q of ['김정은', 'Gim Jeong-eun', 'KIM JONG UN']) {
      expect(personBoxRegex(q), q).to.equal(`${containsRegex(q)}|${containsRegex('Kim Jong-un')}`);
    }
  });

  it('is the plain substring match when the text already is part of the display name', () => {
    expect(personBoxRegex('moon')).to.equal(containsRegex('moon'));
    expect(personBoxRegex('Kim Jong-un')).to.equal(containsRegex('Kim Jong-un'));
    // A fragment is not read as a whole name.
    expect(personBoxRegex('jong-U')).to.equal(containsRegex('jong-U'));
  });
});
