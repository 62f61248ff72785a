import { expect } from 'chai';
import {
  canonicalKey,
  displayName,
  engineToken,
  knownPerson,
  spellingForm,
  variantsOf,
} from '../../../src/names/canonical.js';
import { romanizeHangul, romanizeSyllable } from '../../../src/names/hangul.js';
import { foldLetters } from '../../../src/names/tables/fold.js';
import { SURNAMES } from '../../../src/names/tables/surnames.js';

// Each group: spellings of one person that must share a key.
const SAME: readonly (readonly string[])[] = [
  [
    'Kim Jong-un',
    'Kim Jong Un',
    'Kim Jong-Un',
    'KIM JONG UN',
    'Kim Jongun',
    'Gim Jeong-eun',
    'Kim Chŏng-ŭn',
    'Kim Jeong Eun',
    '김정은',
    "Kim Jong-un's",
  ],
  ['Kim Jong-il', 'Kim Jong Il', 'Kim Chŏng-il', 'Gim Jeong-il', '김정일'],
  ['Kim Il-sung', 'Kim Il Sung', 'Kim Ilsung', 'Gim Il-seong', 'Kim Il-sŏng', '김일성'],
  ['Kim Yo-jong', 'Kim Yo Jong', 'Kim Yeo-jeong', 'Kim Yŏ-jŏng', '김여정'],
  ['Kim Jong-nam', 'Kim Jong Nam', 'Gim Jeong-nam', '김정남'],
  [
    'Park Geun-hye',
    'Park Geun Hye',
    'Pak Kun Hye',
    'Bak Geun-hye',
    'Park Keun-hye',
    'Pak Kŭn-hye',
    '박근혜',
  ],
  ['Park Chung-hee', 'Park Chung Hee', 'Pak Jong Hui', 'Bak Jeong-hui', 'Pak Chŏng-hŭi', '박정희'],
  ['Moon Jae-in', 'Moon Jae In', 'Mun Jae-in', 'Mun Chae-in', 'MOON JAE IN', '문재인'],
  ['Moon Chung-in', 'Moon Chung In', 'Mun Jeong-in', '문정인'],
  [
    'Lee Myung-bak',
    'Lee Myung Bak',
    'Yi Myŏng-bak',
    'Rhee Myung-bak',
    'Ri Myong Bak',
    'I Myeong-bak',
    '이명박',
  ],
  ['Roh Moo-hyun', 'Roh Moo Hyun', 'No Mu-hyŏn', 'Noh Moo-hyun', '노무현'],
  ['Yoon Suk-yeol', 'Yoon Suk Yeol', 'Yun Sŏk-yŏl', 'Yoon Seok-yeol', 'Yun Sok Yol', '윤석열'],
  ['Choe Son-hui', 'Choe Son Hui', 'Choi Sun-hee', 'Choe Sŏn-hŭi', "Ch'oe Son-hui", '최선희'],
  ['Ri Yong-ho', 'Ri Yong Ho', 'Lee Yong-ho', 'Yi Yong-ho', '리용호'],
  ['Choe Ryong-hae', 'Choi Ryong-hae', 'Choe Yong-hae', '최룡해'],
  ['Chung Eui-yong', 'Chung Eui Yong', 'Jeong Ui-yong', 'Chŏng Ŭi-yong', '정의용'],
  ['Kang Kyung-wha', 'Kang Kyung Wha', 'Gang Gyeong-hwa', '강경화'],
  ['Ban Ki-moon', 'Ban Ki Moon', 'Pan Gi-mun', '반기문'],
  ['Han Duck-soo', 'Hahn Deok-su', 'Han Tŏk-su', '한덕수'],
  ['Kim Dae-jung', 'Kim Dae Jung', 'Gim Dae-jung', 'Kim Tae-chung', '김대중'],
  ['Jung Min-kyu', 'Jeong Min-gyu', 'Chung Min Kyu', 'Chong Minkyu'],
  ['Ahn Cheol-soo', 'An Chŏl-su', 'Ahn Chul-soo', '안철수'],
  ['Syngman Rhee', 'Rhee Syngman', 'Yi Sung-man', '이승만'],
  ['Sung Kim', 'Kim Sung'],
  ['Kim Ki-duk', 'Kim Ki Duk', 'Gim Gi-deok', 'Kim Kee-duck', '김기덕'],
  ['Oh Se-hoon', 'O Se-hun', '오세훈'],
  ['Seo Hoon', 'Suh Hoon', 'So Hun', '서훈'],
  ['Baek Jong-won', 'Paik Jong-won', 'Paek Jong Won', '백종원'],
  ['Yoo Seung-min', 'Yu Seung-min', 'Ryu Seung-min', '유승민'],
];

// Pairs that must never share a key: one syllable apart, or a surname-first/given-first trap.
const DIFFERENT: readonly [string, string][] = [
  ['Kim Jong-un', 'Kim Jong-il'],
  ['Kim Jong-un', 'Kim Il-sung'],
  ['Kim Jong-il', 'Kim Il-sung'],
  ['Kim Jong-un', 'Kim Jong-nam'],
  ['Kim Jong-un', 'Kim Yo-jong'],
  ['Kim Jong-il', 'Kim Jong-nam'],
  ['Park Chung-hee', 'Park Geun-hye'],
  ['Moon Chung-in', 'Moon Jae-in'],
  ['Sung Kim', 'Kim Il-sung'],
  ['Lee Myung-bak', 'Lim Yong-bak'],
  ['Lee Jae-myung', 'Lee Myung-bak'],
  ['Kim Dae-jung', 'Kim Young-sam'],
  ['Roh Moo-hyun', 'Roh Tae-woo'],
  ['Kim Jong-un', '김정일'],
  ['김정은', '김정일'],
  ['Moon Jae-in', 'Moon'],
  ['Kim Jong-un', 'Kim'],
];

describe('names/canonical canonicalKey', () => {
  for (const group of SAME) {
    it(`gives one key to every spelling of ${group[0]}`, () => {
      const keys = group.map((n) => [n, canonicalKey(n)]);
      const first = keys[0]![1];
      for (const [n, k] of keys) expect(k, n).to.equal(first);
    });
    it(`gives one engine token to every spelling of ${group[0]}`, () => {
      const first = engineToken(group[0]!);
      for (const n of group) expect(engineToken(n), n).to.equal(first);
    });
  }
  for (const [a, b] of DIFFERENT) {
    it(`keeps ${a} and ${b} apart`, () => {
      expect(canonicalKey(a)).to.not.equal(canonicalKey(b));
      expect(engineToken(a)).to.not.equal(engineToken(b));
    });
  }

  it('keeps syllables separate in the key', () => {
    expect(canonicalKey('Kim Jong-un')).to.equal('kim chong on');
    expect(canonicalKey('Kim Jongun')).to.equal('kim chong on');
    expect(canonicalKey('Kim Il Sung')).to.equal('kim il song');
  });

  it('keys a Hangul name syllable by syllable, as its hyphenated romanization', () => {
    // Every surname with every pair of given syllables from a spread of the 11,172: the Hangul
    // and its Revised Romanization with hyphens share a key (run together, the romanization was
    // split where the folded letters allowed: 한여은 was keyed as one given syllable).
    const syllables: string[] = [];
    for (let c = 0xac00; c <= 0xd7a3; c += 37) syllables.push(String.fromCharCode(c));
    let checked = 0;
    for (const s of SURNAMES.slice(0, 40)) {
      const surname = s.hangul[0]!;
      for (let i = 0; i < syllables.length; i += 7) {
        const a = syllables[i]!;
        const b = syllables[(i * 13 + 5) % syllables.length]!;
        const rr = `${s.latin[0]} ${romanizeSyllable(a)}-${romanizeSyllable(b)!.toLowerCase()}`;
        const key = canonicalKey(rr);
        if (key.split(' ').length !== 3) continue; // not read as Korean (a foreign key)
        expect(canonicalKey(surname + a + b), `${surname}${a}${b} / ${rr}`).to.equal(key);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(1000);
    expect(canonicalKey('한여은')).to.equal(canonicalKey('Han Yeo-eun'));
  });

  it('keys a Hangul name apart from the known person whose key it folds to', () => {
    // Hangul is exact: 김정운 and 김종은 fold like 김정은 but are other people.
    const jongun = canonicalKey('Kim Jong-un');
    expect(canonicalKey('김정은')).to.equal(jongun);
    for (const other of ['김정운', '김종은']) {
      expect(canonicalKey(other), other).to.equal(`${jongun} ${other}`);
      expect(knownPerson(canonicalKey(other)), other).to.equal(undefined);
    }
    // Shown as written, and the display keys back to the same person.
    for (const other of ['김정운', '김유나']) {
      expect(displayName(canonicalKey(other))).to.equal(other);
      expect(canonicalKey(displayName(canonicalKey(other)))).to.equal(canonicalKey(other));
    }
    expect(displayName(canonicalKey('김연아'))).to.equal('Kim Yu-na');
    // A Latin spelling may be the known person written another way: it stays theirs.
    expect(canonicalKey('Gim Jeong-eun')).to.equal(jongun);
  });

  it('keys non-Korean names by their lower-case words', () => {
    expect(canonicalKey('Joe Biden')).to.equal('joe biden');
    expect(canonicalKey('Xi Jinping')).to.equal('xi jinping');
  });
});

describe('names/canonical displayName', () => {
  it('uses the known spelling for well-known people', () => {
    for (const n of ['Kim Jong Un', '김정은', 'Gim Jeong-eun']) {
      expect(displayName(canonicalKey(n))).to.equal('Kim Jong-un');
    }
    expect(displayName(canonicalKey('Mun Chae-in'))).to.equal('Moon Jae-in');
    expect(displayName(canonicalKey('Yi Myŏng-bak'))).to.equal('Lee Myung-bak');
    expect(displayName(canonicalKey('Lee Yong-ho'))).to.equal('Ri Yong-ho');
    expect(displayName(canonicalKey('Kim Sung'))).to.equal('Sung Kim');
  });

  it('builds customary surname + hyphenated given name otherwise', () => {
    expect(displayName(canonicalKey('Gim Cheol-su'))).to.equal('Kim Chul-soo');
    expect(displayName(canonicalKey('Bak Min Gyu'))).to.equal('Park Min-gyu');
  });

  it('depends on the key alone: every spelling gives one facet value', () => {
    for (const group of SAME) {
      const values = new Set(group.map((n) => displayName(canonicalKey(n))));
      expect([...values], group[0]).to.have.length(1);
    }
  });
});

describe('names/canonical variantsOf', () => {
  it('lists layout variants, known aliases and Hangul', () => {
    const v = variantsOf('kim jong un');
    expect(v).to.include.members([
      'Kim Jong-un',
      'Kim Jong Un',
      'KIM JONG UN',
      'Kim Jongun',
      '김정은',
    ]);
  });
  it('keeps every variant on the same key', () => {
    for (const v of variantsOf('Park Geun-hye')) {
      expect(canonicalKey(v), v).to.equal(canonicalKey('Park Geun-hye'));
    }
  });
});

describe('names/hangul', () => {
  it('romanizes syllables arithmetically (RR, no sound changes)', () => {
    expect(romanizeSyllable('가')).to.equal('ga');
    expect(romanizeSyllable('힣')).to.equal('hit');
    expect(romanizeSyllable('정')).to.equal('jeong');
    expect(romanizeSyllable('은')).to.equal('eun');
    expect(romanizeSyllable('a')).to.equal(undefined);
    expect(romanizeHangul('김정은 (Kim)')).to.equal('gimjeongeun (Kim)');
  });
});

describe('names/tables surnames', () => {
  it('keys are fixed points of the folding (the analyzer folds them again)', () => {
    for (const s of SURNAMES) {
      expect(foldLetters(foldLetters(s.key)), s.key).to.equal(foldLetters(s.key));
    }
  });
  it('every spelling of a surname normalises to its key', () => {
    for (const s of SURNAMES) {
      for (const latin of s.latin) {
        const token = engineToken(`${latin} Min-su`);
        expect(token.split(' ')[0], latin).to.equal(foldLetters(s.key));
      }
      for (const h of s.hangul) {
        expect(engineToken(`${h}민수`).split(' ')[0], h).to.equal(foldLetters(s.key));
      }
    }
  });
});

describe('names/canonical spellingForm', () => {
  it('compares spellings as extraction writes them: hyphens and typeset apostrophes plain', () => {
    expect(spellingForm('Ch\u2019oe Son\u2010hui')).to.equal(spellingForm("Ch'oe Son-hui"));
    expect(spellingForm('KIM JONG-UN')).to.equal('kim jong un');
  });
});
