import { expect } from 'chai';
import {
  latinSpellings,
  nameSyllables,
  northSpells,
  pivotOf,
  pivotReadings,
  pivotsMeet,
  pivotsOf,
  readingsOf,
  splitSyllables,
} from '../../../src/names/pivot.js';

function meet(a: string, b: string): boolean {
  const pa = pivotOf(a);
  const pb = pivotOf(b);
  expect(pa, a).to.not.equal(null);
  expect(pb, b).to.not.equal(null);
  return pivotsMeet(pa!, pb!);
}

describe('names/pivot northSpells', () => {
  it("says how the North's habit spells a syllable: MR without marks, stops voiced or not", () => {
    expect(northSpells('정', 'jong')).to.equal(true);
    expect(northSpells('정', 'chong')).to.equal(true);
    expect(northSpells('정', 'chung')).to.equal(false);
    expect(northSpells('정', 'jeong')).to.equal(false);
    expect(northSpells('충', 'chung')).to.equal(true);
    expect(northSpells('길', 'gil')).to.equal(true);
    expect(northSpells('철', 'chol')).to.equal(true);
    expect(northSpells('ㄱ', 'k')).to.equal(false);
  });
});

describe('names/pivot syllable sets', () => {
  it('spells a syllable in RR, MR without marks and the customary habits', () => {
    expect(latinSpellings('정')).to.include.members(['jeong', 'jong', 'jung', 'chong', 'chung']);
    expect(latinSpellings('우')).to.include.members(['u', 'oo', 'woo', 'wu']);
    expect(latinSpellings('희')).to.include.members(['hui', 'hee', 'heui', 'hi']);
    expect(latinSpellings('오')).to.include.members(['o', 'oh']);
    expect(latinSpellings('태')).to.include.members(['tae', 'thae']);
    expect(latinSpellings('안')).to.include.members(['an', 'ahn']);
    expect(latinSpellings('리')).to.include.members(['ri', 'li', 'i', 'lee', 'rhee']);
    expect(latinSpellings('A')).to.deep.equal([]);
    // A silent h marks ㅓ or ㅕ after a u (Suh 서, Yuh 여), never ㅜ: 수 is Soo or Su.
    expect(latinSpellings('서')).to.include('suh');
    expect(latinSpellings('여')).to.include('yuh');
    expect(latinSpellings('수')).to.not.include('suh');
  });

  it('keeps syllables apart that no spelling confuses: 종 and 준, 성 and 송', () => {
    expect(readingsOf('jong')).to.include('종').and.include('정').and.not.include('준');
    expect(readingsOf('jun')).to.include('준').and.not.include('종');
    expect(readingsOf('song')).to.include('송').and.not.include('승');
    expect(readingsOf('seung')).to.include('승').and.not.include('송');
  });

  it('splits joined given names by the syllable inventory, fewest and commonest first', () => {
    expect(splitSyllables('minjun')).to.deep.equal(['min', 'jun']);
    expect(splitSyllables('jongun')).to.deep.equal(['jong', 'un']);
    expect(splitSyllables('seokyeol')).to.deep.equal(['seok', 'yeol']);
    expect(splitSyllables('xyzzy')).to.equal(null);
    // ㅚ is oi only where a syllable ends (Choi): before a final, o and i are two syllables'.
    expect(latinSpellings('최')).to.include('choi');
    expect(latinSpellings('횐')).to.not.include('hoin');
    expect(splitSyllables('hoin')).to.deep.equal(['ho', 'in']);
    expect(splitSyllables('hoim')).to.deep.equal(['ho', 'im']);
    expect(nameSyllables('Woo')).to.deep.equal(['woo']);
    expect(nameSyllables('Street')).to.equal(null);
  });

  it('counts ㅓ written u usual before a final only: Sung is 성, Chang-su is 수 (서 only widely)', () => {
    const at = (place: number) => (name: string, which: 'usual' | 'wide') =>
      pivotsOf(name)![which].split(' ')[place];
    const given = at(3);
    expect(given('Hwang Chang-su', 'usual')).to.equal('수');
    expect(given('Hwang Chang-su', 'wide')).to.include('서');
    expect(given('Hwang Chang-seo', 'usual')).to.equal('서');
    expect(given('Park Ji-sung', 'usual')).to.include('성');
    expect(given('Lee Jae-hyun', 'usual')).to.include('현');
    // Not after a silent ㅇ, where `Yun` and `Un` are 윤 and 운 as written: 연 and 언 only widely.
    const first = at(2);
    expect(first('Lee Yun-chang', 'usual')).to.equal('윤');
    expect(first('Lee Yun-chang', 'wide')).to.include('연');
    expect(first('Kim Un-ho', 'usual')).to.equal('운');
    // An unvoiced t or p is usual for ㄷ or ㅂ only where McCune-Reischauer could have written
    // the whole name: `Tae` is 태 after `Byeon`, 태 or 대 after `Kim`.
    expect(first('Byeon Tae-hwa', 'usual')).to.equal('태');
    expect(first('Kim Tae-ho', 'usual')).to.equal('태,대');
    expect(first('Ha Tong-yong', 'usual')).to.equal('통,동');
  });

  it('reads a name whose surname only strict RR writes (Gim, Bak, I) by RR syllable for syllable', () => {
    const usual = (name: string) => pivotsOf(name)!.usual;
    // The customary `Sun` is 순 or 선; after `Gim` it is RR's 순 alone, a sure reading.
    expect(usual('Kim Jae-sun')).to.equal('^! 김 재 순,선 !$');
    expect(usual('Gim Jae-sun')).to.equal('^! 김 재 순 !$');
    expect(pivotReadings(usual('Gim Jae-sun'))).to.include('= 김 재 순');
    expect(usual('I Ran')).to.equal('^! 이,리 란 !$');
    // A syllable RR spells as no name syllable keeps the usual sets (`Hyun` is RR for 휸).
    expect(usual('Gim Hyun-woo')).to.equal(usual('Kim Hyun-woo'));
  });

  it('gives a plain surname spelling its own usual surname, not what it spells without marks', () => {
    // `Song` is 송; 성 only as Sŏng with its breve dropped, which the wide pivot keeps.
    const song = pivotsOf('Song Sam-ri')!;
    expect(song.usual.split(' ')[1]).to.equal('송');
    expect(song.wide.split(' ')[1]).to.equal('송,성');
  });
});

describe('names/pivot silent e', () => {
  it('reads an n with a silent e as one syllable too (Nam June Paik is 백남준), and no wider', () => {
    const p = pivotsOf('Paik Nam-june')!;
    const all = [p.wide, ...(p.others ?? []).map((o) => o.wide)];
    expect(all.some((x) => pivotsMeet(x, pivotOf('Paek Nam-jun')!))).to.equal(true);
    expect(all.some((x) => pivotsMeet(x, pivotOf('Paek Nam-jong')!))).to.equal(false);
  });
});

describe('names/pivot same person or not', () => {
  const same: [string, string][] = [
    ['Kim Jong-un', '김정은'],
    ['Kim Jongun', 'Gim Jeong-eun'],
    ['Nam Woo Na', 'Nam U-na'],
    ['Go Young Oh', 'Go Yeong-o'],
    ['Ryoo Oh Mi', 'Ryu O-mi'],
    ['Seo Hoon', 'Suh Hoon'],
    ['Seo Hun', '서훈'],
    ['Goh Kun', 'Go Geon'],
    ['Cho Kuk', 'Cho Guk'],
    ['Hur Jun', 'Heo Jun'],
    ['Thae Yong-ho', 'Tae Young-ho'],
    // Surnames with a silent h or a doubled letter, as families abroad write them.
    ['Chey Tae-won', '최태원'],
    ['Nahm Sang-woo', 'Nam Sang-u'],
    ['Juhn Kyung-soo', 'Jeon Gyeong-su'],
    ['Shinn Hye-sung', 'Shin Hye-seong'],
    ['Bahng Min-jun', '방민준'],
    ['Ryang Chol-su', 'Yang Cheol-su'],
    ['Yoon Suk-yeol', 'Yun Sok-yol'],
    ['Lee Hui-jin', 'Lee Hee-jin'],
    ['Jung Eui-sun', 'Chung Ui-son'],
    ['Kim Been', 'Kim Bin'],
    ['Ri Sol-ju', '이설주'],
    ['Ji-sung Park', 'Park Ji-sung'],
    // The initial-sound rule on the given name's first syllable, as the South writes the North.
    ['최용해', '최룡해'],
    ['최용해', 'Choe Ryong-hae'],
    ['이노을', 'Ri Ro-ul'],
    // McCune-Reischauer's apostrophes kept and its breves dropped, as typeset copy does.
    ["Ch'oe Son-hui", '최선희'],
    ['Ch\u2019oe Son-hui', 'Choe Son-hui'],
  ];
  for (const [a, b] of same) {
    it(`${a} = ${b}`, () => expect(meet(a, b)).to.equal(true));
  }
  const apart: [string, string][] = [
    ['Park Won-jong', 'Park Won-jun'],
    ['Park Won-jong', '박원준'],
    ['Kim Jong-un', 'Kim Jong-il'],
    ['Lee Seung-min', 'Lee Song-min'],
    ['Kim Min-jun', 'Kim Min'],
    ['Kim Jong-un', 'Park Jong-un'],
    // Not past the first given syllable, nor to a syllable the rule does not make.
    ['김영룡', '김영용'],
    ['최용해', '최영해'],
  ];
  for (const [a, b] of apart) {
    it(`${a} != ${b}`, () => expect(meet(a, b)).to.equal(false));
  }

  // The engine matches by shared readings (people_readings): that must be the same verdict.
  it('says two spellings meet exactly when their readings share a value', () => {
    const shares = (a: string, b: string) => {
      const ra = new Set(pivotReadings(pivotOf(a)!));
      return pivotReadings(pivotOf(b)!).some((r) => ra.has(r));
    };
    for (const [a, b] of [...same, ...apart]) {
      expect(shares(a, b), `${a} / ${b}`).to.equal(meet(a, b));
    }
  });

  // Sure readings: what each given syllable names alone or far more often than anything else.
  const sure = (name: string) =>
    pivotReadings(pivotsOf(name)!.usual).filter((r) => r.startsWith('='));
  it('reads a spelling as the syllable it names far more often: Jun is 준 before 전', () => {
    expect(sure('Kim So-jun')).to.deep.equal(['= 김 소 준']);
    expect(sure('Park Sung-ho')).to.deep.equal(['= 박 성 호']);
    expect(sure('Kim So-jeon')).to.deep.equal(['= 김 소 전']);
    // The twin's unambiguous spelling never shares the sure reading.
    expect(sure('Kim So-jeon')).not.to.include.members(sure('Kim So-jun'));
  });
  it('reads no sure syllable where two are about as common, or RR and habit disagree', () => {
    // 숙 and 석 are both common `Suk`s.
    expect(sure('Choe Eun-suk')).to.deep.equal([]);
    // `Chae` is RR for 채 and the habit for 재; `Jung` RR for 중, the habit for 정.
    expect(sure('Kim Chae-won')).to.deep.equal([]);
    expect(sure('Lee Jung-ho')).to.deep.equal([]);
  });

  // Likely readings: short of sure, what a spelling most likely names, RR weighing in.
  const likely = (name: string) =>
    pivotReadings(pivotsOf(name)!.usual).filter((r) => r.startsWith('+'));
  it('reads a syllable RR spells so as that one, where the other is not far commoner', () => {
    // `Suk` is RR for 숙 and one customary habit of 석 (`Seok` is another): 숙 is likelier.
    expect(likely('Choe Eun-suk')).to.deep.equal(['+ 최 은 숙']);
    expect(likely('Hwang Suk-seung')).not.to.include.members(likely('Hwang Seok-seung'));
    expect(likely('Lee Sun-rae')).to.include('+ 이 순 래').and.not.include('+ 이 선 래');
    // Frequency outweighs RR where the habit's syllable is far commoner: `Chung` (RR 충) is 정.
    expect(likely('Lee Chung-ho')).to.include('+ 이 정 호').and.not.include('+ 이 충 호');
    // Neither way far enough: no likely reading, as none is sure.
    expect(likely('Kim Chae-won')).to.deep.equal([]);
    expect(likely('Lee Jung-ho')).to.deep.equal([]);
    // A sure reading is likely too, so a query spelled only likely still ranks it.
    expect(likely('Kim So-jun')).to.deep.equal(['+ 김 소 준']);
    expect(likely('Hwang Sook-seung')).to.deep.equal(likely('Hwang Suk-seung'));
  });
  it("keeps a spelling's own likely syllable where McCune-Reischauer widens it", () => {
    // MR could have written `Kwak Tae-ae` whole, so `Tae` may be 대 too; news's 태 is likelier.
    expect(pivotsOf('Kwak Tae-ae')!.usual).to.equal('^! 곽 태,대 애 !$');
    expect(likely('Kwak Tae-ae')).to.deep.equal(['+ 곽 태 애']);
    expect(likely('Gwak Dae-ae')).to.deep.equal(['+ 곽 대 애']);
    // Where RR's syllable is no name syllable (`Tong` is RR for 통), MR's is the likely one.
    expect(likely('Kim Tong-su')).to.deep.equal(['+ 김 동 수']);
    expect(likely('Kim Po-ra')).to.deep.equal(['+ 김 보 라']);
  });

  it('reads every choice of a member per position, usual ones marked', () => {
    expect(pivotReadings('^ 김 정,종 은,운 $')).to.deep.equal([
      '김 정 은',
      '김 정 운',
      '김 종 은',
      '김 종 운',
    ]);
    expect(pivotReadings('^! 박 지 성,숭 !$')).to.deep.equal([
      '! 박 지 성',
      '! 박 지 숭',
      '+ 박 지 성',
      '= 박 지 성',
    ]);
    expect(pivotReadings('^ ~kim~chong~on $')).to.deep.equal(['~kim~chong~on']);
    // A usual pivot never shares a value with a wide one.
    const p = pivotsOf('Kim Jong-un')!;
    const wide = new Set(pivotReadings(p.wide));
    expect(pivotReadings(p.usual).some((r) => wide.has(r))).to.equal(false);
  });

  it('reads a spelling McCune-Reischauer could write whole as MR reads it too, and no other', () => {
    const north = (name: string) => pivotsOf(name)!.north;
    // `kun` is 근 or 군 in MR; as usually spelled 건 or 군.
    expect(north('Choe Taek-kun')).to.equal('^m 최 택,댁 근,군,쿤,큰 m$');
    expect(pivotsOf('Choe Taek-kun')!.usual).to.not.contain('근');
    expect(north('Ri Pyong-chol')?.split(' ')[2]).to.contain('병');
    expect(north('Yi Sol-song')?.split(' ')[1]).to.equal('이');
    // MR never writes Choi, eu or eo: such a spelling has no MR reading.
    expect(north('Choi Taek-kun')).to.equal(undefined);
    expect(north('Choe Taek-geun')).to.equal(undefined);
    expect(north('Park Seong-yong')).to.equal(undefined);
    // Hangul is exact already; a name with MR's marks is read by them.
    expect(north('최택근')).to.equal(undefined);
    expect(north('Chʼoe Tʼaek-kŭn')).to.equal(undefined);
    expect(pivotReadings(north('Han To-gun')!)).to.include('m 한 도 근');
  });

  it('reads no pivot from words that are not a Korean name', () => {
    expect(pivotOf('Joe Biden')).to.equal(null);
    expect(pivotOf('Kim')).to.equal(null);
    expect(pivotOf('Nam June Paik Xyzzy')).to.equal(null);
  });
});
