import { expect } from 'chai';
import {
  blocksName,
  codePointAt,
  codePointBefore,
  isLetter,
  isUpper,
} from '../../../src/names/chars.js';

const cp = (ch: string) => ch.codePointAt(0)!;

describe('names/chars', () => {
  it('classifies letters and marks as the u-flag regex classes do, astral ones included', () => {
    for (const ch of ['a', 'Z', 'é', 'ŏ', '김', '\u0301', '𝐀'])
      expect(isLetter(cp(ch)), ch).to.equal(true);
    for (const ch of [' ', '-', '5', '’', '“', '\u00a0'])
      expect(isLetter(cp(ch)), ch).to.equal(false);
    expect(isUpper(cp('Ŏ'))).to.equal(true);
    expect(isUpper(cp('𝐀'))).to.equal(true);
    expect(isUpper(cp('ǅ'))).to.equal(false); // titlecase, not \p{Lu}
    expect(isLetter(NaN)).to.equal(false);
  });

  it('blocks a name after letters, digits, apostrophes and a full stop only', () => {
    for (const ch of ['x', '5', "'", '’', '.', 'é', '김', '\u0301'])
      expect(blocksName(cp(ch)), JSON.stringify(ch)).to.equal(true);
    for (const ch of [
      ' ',
      '\u00a0',
      '\u3000',
      '(',
      '«',
      '"',
      '“',
      '/',
      ':',
      '-',
      '\u2010',
      '\u2011',
      '—',
    ])
      expect(blocksName(cp(ch)), JSON.stringify(ch)).to.equal(false);
    expect(blocksName(NaN)).to.equal(false);
  });

  it('reads surrogate pairs as one code point and lone surrogates as themselves', () => {
    const text = 'a𝐀\ud800b';
    expect(codePointAt(text, 1)).to.equal(0x1d400);
    expect(codePointAt(text, 3)).to.equal(0xd800);
    expect(codePointBefore(text, 3)).to.equal(0x1d400);
    expect(codePointBefore(text, 4)).to.equal(0xd800);
    expect(Number.isNaN(codePointBefore(text, 0))).to.equal(true);
    expect(Number.isNaN(codePointAt(text, 9))).to.equal(true);
  });
});
