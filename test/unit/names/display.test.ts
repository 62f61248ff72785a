import { expect } from 'chai';
import { canonicalKey, displayName, knownPerson } from '../../../src/names/canonical.js';
import { romanizeSyllable } from '../../../src/names/hangul.js';
import { givenSpelling, isCommonSyllable, segment } from '../../../src/names/syllables.js';
import { foldLetters } from '../../../src/names/tables/fold.js';
import { GIVEN_SYLLABLES } from '../../../src/names/tables/givenSyllables.js';
import { COMMON_GIVEN_SYLLABLES } from '../../../src/names/tables/known.js';

// People in no table, each written several ways: the facet must show one readable value, the
// customary South Korean spelling, whichever way an article wrote the name.
const UNKNOWN: readonly (readonly [display: string, spellings: readonly string[]])[] = [
  ['Kim Ji-young', ['Gim Ji-yeong', 'Kim Ji Young', 'Kim Jiyoung', '김지영']],
  ['Lee Sung-hoon', ['Yi Sŏng-hun', 'Lee Seong-hun', 'LEE SUNG HOON', '이성훈']],
  ['Choi Dong-hyun', ['Choe Tong-hyŏn', 'Choi Donghyun', 'Choi Dong Hyun', '최동현']],
  ['Jung Hee-jin', ['Jeong Hui-jin', 'Chong Hui Jin', 'Jung Heejin', '정희진']],
  ['Yoon Soon-ja', ['Yun Sun-ja', 'Yoon Sunja', 'Youn Soon Ja', '윤순자']],
  ['Seo Jun-ho', ['Suh Joon-ho', 'Sŏ Chun-ho', 'Seo Junho', '서준호']],
  ['Lim Hyun-suk', ['Im Hyeon-seok', 'Rim Hyon-sok', 'Lim Hyunsuk', '임현석']],
  ['Oh Young-il', ['O Yŏng-il', 'Oh Yeong-il', 'Oh Youngil', '오영일']],
  ['Ko Soon-sil', ['Ko Sun-sil', 'Koh Soonsil', 'Go Sun Sil', '고순실']],
  ['Bae Hoi-jin', ['Pae Hoe-jin', 'Bae Hoijin', '배회진']],
  ['Song Yang-ho', ['Song Ryang-ho', 'Song Yangho', '송양호']],
  ['Ahn Dong-won', ['An Tong-wŏn', 'Ahn Dongwon', '안동원']],
  ['Heo Kwang-sik', ['Huh Kwang-shik', 'Hŏ Kwang-sik', '허광식']],
  ['Kim Sung-chul', ['Gim Seong-cheol', 'Kim Song-chol', 'Kim Sungchul', '김성철']],
  ['Park Eun-young', ['Pak Ŭn-yŏng', 'Bak Eun-yeong', 'Park Eunyoung', '박은영']],
  ['Chang Chul-woo', ['Jang Cheol-woo', 'Chang Chulwoo']],
  ['Lee Dong-wook', ['Yi Dong-wook', 'Lee Dongwook']],
];

// Joined given names whose split has a tie between two-syllable readings: the one made of the
// more common name syllables wins, then a final ng over an initial g.
const SPLITS: readonly (readonly [written: string, syllables: string])[] = [
  ['Soonsil', 'son sil'],
  ['Nakyon', 'nak yon'], // 낙연, not 나+견
  ['Youngil', 'yonk il'], // 영일, not 연+길
  ['Donghoon', 'tonk hon'],
  ['Dongyoung', 'tonk yonk'], // 동영, not 돈+경
  ['Myounggyon', 'myonk yon'], // 명연 beats 면균: nobody is sure, so the commoner one
  ['Chulwoo', 'chol wo'], // 철우, not 주+뤄
  ['Jongun', 'chonk on'], // 정은, not 전+근
  ['Mingyu', 'min kyo'],
];

describe('names/canonical displayName of unknown people', () => {
  for (const [display, spellings] of UNKNOWN) {
    it(`shows every spelling of ${display} as ${display}`, () => {
      expect(knownPerson(canonicalKey(display)), 'not a known person').to.equal(undefined);
      for (const s of [display, ...spellings])
        expect(displayName(canonicalKey(s)), s).to.equal(display);
    });
  }

  it('keys a display to the key it was made from', () => {
    for (const [, spellings] of UNKNOWN) {
      for (const s of spellings)
        expect(canonicalKey(displayName(canonicalKey(s))), s).to.equal(canonicalKey(s));
    }
  });

  it('shows the people of data/sample as the news writes them', () => {
    const seen: [string, string][] = [
      ['Jang Song-thaek', 'Jang Song-thaek'],
      ['Choi Soon-sil', 'Choi Soon-sil'],
      ['Hwang Kyo-ahn', 'Hwang Kyo-ahn'],
      ['Han Dong-hoon', 'Han Dong-hoon'],
      ['Chung Dong-young', 'Chung Dong-young'],
      ['Lee Hoi-chang', 'Lee Hoi-chang'],
      ['Kim Eui-kyeom', 'Kim Eui-kyeom'],
      ['Kim Yong-il', 'Kim Yong-il'],
      ['Kim Yong-nam', 'Kim Yong-nam'],
      ['Kim Kyong-hui', 'Kim Kyong-hui'],
      ['Cho Myoung-gyon', 'Cho Myoung-gyon'],
      ['Lee Nak-yon', 'Lee Nak-yon'],
      ['Kwon Yang-sook', 'Kwon Yang-sook'],
      ['Hwang Pyong-so', 'Hwang Pyong-so'],
      ['장성택', 'Jang Song-thaek'],
      ['Choe Sun-sil', 'Choi Soon-sil'],
    ];
    for (const [written, display] of seen)
      expect(displayName(canonicalKey(written)), written).to.equal(display);
  });

  it('keeps Kim Yong-il (known) and Kim Jong-il apart', () => {
    expect(canonicalKey('Kim Yong-il')).to.not.equal(canonicalKey('Kim Jong-il'));
  });
});

describe('names/syllables segment ties', () => {
  for (const [written, syllables] of SPLITS) {
    it(`splits ${written} as ${syllables}`, () => {
      expect(segment(foldLetters(written.toLowerCase()))?.join(' ')).to.equal(syllables);
    });
  }
});

describe('names/syllables givenSpelling', () => {
  it('spells a folded syllable as its most common name syllable is spelled', () => {
    const expected: Record<string, string> = {
      tonk: 'dong', // 동, not 덩
      il: 'il', // 일, not 읠
      sil: 'sil', // 실, not 싈
      hoe: 'hoi',
      yank: 'yang', // 양, not 량
      kwan: 'kwan',
      yonk: 'young',
      sonk: 'sung',
      son: 'soon',
      hi: 'hee',
      chol: 'chul',
      hyon: 'hyun',
      chon: 'jun',
      wo: 'woo',
      yom: 'yeom', // no ranked syllable: the shortest spelling of a name syllable (염, not 렴)
    };
    for (const [folded, spelling] of Object.entries(expected)) {
      expect(givenSpelling(folded), folded).to.equal(spelling);
    }
  });

  it('ranks only distinct common name syllables', () => {
    const hangul = GIVEN_SYLLABLES.map(([h]) => h);
    expect(new Set(hangul).size).to.equal(hangul.length);
    for (const h of hangul) {
      expect(COMMON_GIVEN_SYLLABLES, h).to.include(h);
      expect(isCommonSyllable(foldLetters(romanizeSyllable(h)!)), h).to.equal(true);
    }
  });

  it('every spelling folds back to its own key syllable', () => {
    for (const [h, spelling] of GIVEN_SYLLABLES) {
      const folded = foldLetters(spelling.toLowerCase());
      const shown = givenSpelling(folded)!;
      expect(foldLetters(shown), `${h} ${spelling}`).to.equal(folded);
    }
  });
});
