import { expect } from 'chai';
import { givenFirstLikelier, givenOdds, surnameOdds } from '../../../src/names/odds.js';

describe('names/odds', () => {
  it('ranks surnames by bearers, not by the table order', () => {
    expect(surnameOdds('Kim')).to.equal(1);
    expect(surnameOdds('Lee')).to.be.greaterThan(surnameOdds('Park'));
    // 심 is listed late in the surname table but borne by far more people than 도.
    expect(surnameOdds('Shim')).to.be.greaterThan(surnameOdds('Do'));
    expect(surnameOdds('Seoul')).to.equal(0);
  });

  it('ranks given syllables by the given-syllable table, rare ones below its end', () => {
    expect(givenOdds('Young')).to.be.greaterThan(givenOdds('Sook'));
    expect(givenOdds('Kim')).to.be.lessThan(givenOdds('Sung') / 10);
  });

  it('prefers the given name first where the last word is the likelier surname', () => {
    expect(givenFirstLikelier('Sung', 'Lee')).to.equal(true);
    expect(givenFirstLikelier('Hyun', 'Moon')).to.equal(true);
    expect(givenFirstLikelier('Park', 'Sung')).to.equal(false);
    expect(givenFirstLikelier('Han', 'Min')).to.equal(false);
  });

  it('reads the last word as the North spells given syllables after a North-only surname', () => {
    // As written, `Jong ... Chung` is North Korean, where `Chung` is 중 or 충, never the
    // common 정: the given name first (정종...) is the likelier.
    expect(givenFirstLikelier('Jong', 'Chung')).to.equal(true);
    // `Jung` is the South's own spelling of the surname: as written stays likelier.
    expect(givenFirstLikelier('Jung', 'Chung')).to.equal(false);
  });
});
