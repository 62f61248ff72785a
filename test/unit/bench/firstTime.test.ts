import { expect } from 'chai';
import { warmUpMix, type MixQuery } from '../../../bench/firstTime.js';

const q = (text: string): MixQuery => ({ kind: 'word', query: `q=${text}`, text });

describe('first-time benchmark warm-up', () => {
  it('keeps only queries sharing no word with the measured mix, whatever the case or quotes', () => {
    const mix = [q('missile'), q('"Trade Talks"'), q('Kim Jong-un')];
    const other = [
      q('MISSILE test'),
      q('talks'),
      q('harvest'),
      q('"rice harvest"'),
      q('jong'),
      q('Lee Jae-myung'),
    ];
    expect(warmUpMix(other, mix).map((w) => w.text)).to.deep.equal([
      'harvest',
      '"rice harvest"',
      'Lee Jae-myung',
    ]);
  });
});
