import { expect } from 'chai';
import { canonicalKey } from '../../../src/names/canonical.js';
import { isPersonKey } from '../../../src/search/personPage.js';

describe('search/personPage isPersonKey', () => {
  it('accepts what canonicalKey makes, a Hangul name keyed apart from a known person included', () => {
    for (const name of ['Kim Jong-un', '김정운', 'Joe Biden', 'Ban Ki-moon']) {
      expect(isPersonKey(canonicalKey(name)), name).to.equal(true);
    }
  });
  it('refuses markup, an empty key and a long one', () => {
    for (const key of ['', '<script>', 'kim"chong', 'a'.repeat(101)]) {
      expect(isPersonKey(key), key).to.equal(false);
    }
  });
});
