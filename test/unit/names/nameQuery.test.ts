import { expect } from 'chai';
import {
  detectNames,
  explainMatches,
  nameClauses,
  parseNameQuery,
} from '../../../src/search/nameQuery.js';

describe('search/nameQuery', () => {
  it('detects names in any case and leaves the rest as free text', () => {
    const { names, rest } = parseNameQuery('kim jong un nuclear test');
    expect(names.map((n) => n.name)).to.deep.equal(['Kim Jong-un']);
    expect(rest).to.equal('nuclear test');
  });

  it('detects Hangul, quoted and given-name-first names', () => {
    expect(detectNames('김정은 summit').map((n) => n.name)).to.deep.equal(['Kim Jong-un']);
    expect(detectNames('"Kim Jong-un" missile').map((n) => n.query)).to.deep.equal(['Kim Jong-un']);
    expect(detectNames('sung kim').map((n) => n.name)).to.deep.equal(['Sung Kim']);
    expect(parseNameQuery('"Moon Jae-in" visit').rest).to.equal('visit');
  });

  it('reads a one-syllable given name only for a known person', () => {
    expect(detectNames('Kim Sung').map((n) => n.name)).to.deep.equal(['Sung Kim']);
    expect(detectNames('Kim Min')).to.deep.equal([]);
  });

  it('does not read a bare surname or an English phrase as a name', () => {
    expect(detectNames('kim')).to.deep.equal([]);
    expect(detectNames('moon landing')).to.deep.equal([]);
    expect(detectNames('park avenue')).to.deep.equal([]);
  });

  it('builds one clause per name: key term, whole-name match, folded title phrase, spellings in text', () => {
    const [clause] = nameClauses(detectNames('Kim Jongun'));
    const should = (clause as { bool: { should: object[] } }).bool.should;
    expect(should[0]).to.deep.equal({ term: { people_keys: { value: 'kim chong on', boost: 6 } } });
    expect(should[1]).to.deep.equal({ match: { names: { query: 'Kim Jongun', boost: 4 } } });
    expect(should).to.deep.include({
      match_phrase: { 'title.names': { query: 'kim chong on', boost: 3 } },
    });
    expect(should).to.deep.include({ match_phrase: { body: { query: 'Kim Jong-un' } } });
    expect(should).to.deep.include({ match_phrase: { body: { query: 'Kim Jongun' } } });
    // Spellings differing only in case or hyphens are one phrase to the text analyzer.
    expect(should).to.not.deep.include({ match_phrase: { body: { query: 'KIM JONG UN' } } });
    expect(should).to.deep.include({ match_phrase: { captions: { query: 'Kim Jongun' } } });
  });

  it('explains which spellings of a hit matched', () => {
    const detected = detectNames('Gim Jeong-eun');
    const out = explainMatches(detected, ['Kim Jong Un', '김정은', 'Kim Jong-il', 'Kim Jong-un']);
    expect(out).to.deep.equal([
      {
        query: 'Gim Jeong-eun',
        canonical: 'Kim Jong-un',
        variants: ['Kim Jong Un', '김정은', 'Kim Jong-un'],
      },
    ]);
  });
});
