import { expect } from 'chai';
import { SpellingTrie } from '../../../src/names/trie.js';

describe('names/trie', () => {
  const entries = ['Sung', 'Sung Kim', 'Su', 'Kim', 'Ch’oe', 'KIM'].map((text) => ({
    text,
    known: text.includes(' '),
  }));
  const trie = new SpellingTrie(entries, (e) => e.known);
  const walk = (text: string, i: number, knownOnly = false): string[] => {
    const out: (typeof entries)[number][] = [];
    const n = trie.walk(text, i, knownOnly, out);
    return out.slice(0, n).map((e) => e.text);
  };

  it('gives every entry spelled from a place, shortest first', () => {
    expect(walk('Ambassador Sung Kim said', 11)).to.deep.equal(['Su', 'Sung', 'Sung Kim']);
    expect(walk('Sungho', 0)).to.deep.equal(['Su', 'Sung']);
    expect(walk('KIM JONG UN', 0)).to.deep.equal(['KIM']);
  });

  it('reads characters beyond ASCII and stops at the end of the text', () => {
    expect(walk('Ch’oe', 0)).to.deep.equal(['Ch’oe']);
    expect(walk('Su', 0)).to.deep.equal(['Su']);
    expect(walk('Ch', 0)).to.deep.equal([]);
  });

  it('finds nothing where no entry starts', () => {
    expect(walk('The Kim', 0)).to.deep.equal([]);
    expect(walk('Kam', 0)).to.deep.equal([]);
  });

  it('follows marked entries alone when asked', () => {
    expect(walk('Sung Kim', 0, true)).to.deep.equal(['Sung Kim']);
    expect(walk('Kim Jong', 0, true)).to.deep.equal([]);
  });
});
