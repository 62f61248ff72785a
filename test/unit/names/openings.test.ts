import { expect } from 'chai';
import { Openings } from '../../../src/names/openings.js';

describe('names/openings', () => {
  const spellings = ['Kim', 'Ri', 'O', 'Sung Kim', 'Chŏng', "Ch'oe", 'KIM'];
  const openings = new Openings(spellings);

  it('never says no where a spelling starts, whatever follows it', () => {
    for (const s of spellings) {
      for (const after of ['', ' ', 'x', '-un', '’s']) {
        const text = `the ${s}${after}`;
        expect(openings.mayOpen(text, 4), JSON.stringify(text)).to.equal(true);
      }
    }
  });

  it('says no where the first three characters open no spelling', () => {
    expect(openings.mayOpen('The cat', 0)).to.equal(false);
    expect(openings.mayOpen('Kit', 0)).to.equal(false);
    expect(openings.mayOpen('Ki', 0)).to.equal(false);
    expect(openings.mayOpen('Seoul', 0)).to.equal(false);
  });
});
