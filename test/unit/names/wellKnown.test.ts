import { expect } from 'chai';
import { canonicalKey } from '../../../src/names/canonical.js';
import { extractPeople, findNames } from '../../../src/names/extract.js';
import { personPivots, pivotsMeet, pivotsReadings } from '../../../src/names/pivot.js';

function names(text: string): string[] {
  return extractPeople([text]).map((p) => p.name);
}

function keys(text: string, anyCase = false): string[] {
  return findNames(text, { anyCase }).map((s) => s.key);
}

/** Each text, read by `read`, names no one. */
function expectNone(read: (text: string) => string[], texts: readonly string[]): void {
  for (const text of texts) expect(read(text), text).to.deep.equal([]);
}

describe('names/extract as the news writes well-known people', () => {
  it('joins a syllable hyphened to a known given-first spelling into one given name', () => {
    // `Sung Kim` is the ambassador; `Il-Sung Kim` is Kim Il-sung, in text and in queries.
    expect(keys('Il-Sung Kim founded the state.')).to.deep.equal(['kim il song']);
    expect(keys('IL-SUNG KIM, left')).to.deep.equal(['kim il song']);
    expect(keys('il-sung kim', true)).to.deep.equal(['kim il song']);
    expect(keys('Ambassador Sung Kim said')).to.deep.equal(['kim song']);
    expect(keys('anti-Sung Kim protests')).to.deep.equal(['kim song']);
  });

  it("gives a known person's spelling no rule reads the person's own Hangul readings", () => {
    // `Syng` is no romanised syllable: the key (이승만's) is what says who it is.
    const [rhee] = extractPeople(['Supporters of Rhee Syng-man rallied in Seoul.']);
    expect(rhee?.name).to.equal('Syngman Rhee');
    const query = findNames('Rhee Sung-man', { anyCase: true })[0]!;
    const asked = personPivots(query.key, [query.text]).filter((p) => !p.startsWith('^!'));
    expect(asked.some((q) => rhee!.pivots.some((p) => pivotsMeet(q, p)))).to.equal(true);
  });

  it('reads no function word as a given syllable, and a park after a place preposition', () => {
    expect(names('The Kim Koo Museum in Hyochang Park draws students.')).to.deep.equal(['Kim Koo']);
    expect(names('The Kim Koo, he said.')).to.deep.equal(['Kim Koo']);
    expect(names('at Namsan Park, he said')).to.deep.equal([]);
    expect(names('a rally at the Yongsan Park on Sunday')).to.deep.equal([]);
    expect(names("I live in Jisung Park's hometown.")).to.deep.equal(['Park Ji-sung']);
    expect(names('a pass from Ji-sung Park')).to.deep.equal(['Park Ji-sung']);
    expect(names('In Chun Park, a lawmaker, said')).to.deep.equal(['Park In-jun']);
  });

  it('knows usage no key recovers: Yuna for 연아, a Western first name, Syngman', () => {
    for (const text of ['Kim Yu-na lit the cauldron.', 'Yuna Kim won.', '김연아 선수가']) {
      expect(names(text), text).to.deep.equal(['Kim Yu-na']);
    }
    expect(names('Chairman Jay Y. Lee was acquitted.')).to.deep.equal(['Lee Jae-yong']);
    expect(keys('Lee Syngman', true)).to.deep.equal(keys('Syngman Rhee', true));
  });

  it('takes a Hangul word in Korean prose as a name only where it is likely one', () => {
    expect(names('한강 수위가 급격히 오르고 있다.')).to.deep.equal([]);
    // A digit between words is still prose; a title ends with a particle, not 들 or 팀.
    expect(names('국민만 3명이 왔다.')).to.deep.equal([]);
    expect(names('여자 선수들이 왔다. 장관은 말했다.')).to.deep.equal([]);
    // Rarer surnames, names ending in 만, and a title two words on are still read.
    expect(names('추미애는 말했다.')).to.have.length(1);
    expect(names('이승만은 말했다.')).to.deep.equal(['Syngman Rhee']);
    expect(names('나경원 국민의힘 의원은')).to.have.length(1);
    expect(names('김구 선생은 말했다.')).to.deep.equal(['Kim Koo']);
    expect(names('국민만 보고 가겠다 위기를 기회로 경기 후 인터뷰에서')).to.deep.equal([]);
    expect(names('한강 작가는 노벨상을 받았다.')).to.deep.equal(['Han Kang']);
    expect(names('김구 주석의 업적을 기리는 행사')).to.deep.equal(['Kim Koo']);
    expect(names('박근혜 전 대통령이 말했다.')).to.deep.equal(['Park Geun-hye']);
    expect(names('이날 김정은은 말했다.')).to.deep.equal(['Kim Jong-un']);
    // Standing alone in English text, or glossing a Latin name, it is read as before.
    expect(names('Han Kang (한강) won the prize.')).to.deep.equal(['Han Kang']);
  });
});

describe('names/extract in Korean prose', () => {
  it('reads a rarer given syllable where an age or a title says a person is named', () => {
    expect(names('김열난(28) 시의원은 더 들어야 한다고 밝혔다.')).to.have.length(1);
    expect(keys('이난향 약사는 기자들에게 말했다.')).to.deep.equal([canonicalKey('이난향')]);
    // Typed alone as a query, it is the name asked for.
    expect(keys('김열난', true)).to.deep.equal([canonicalKey('김열난')]);
    // Not without the cue, nor a time word before a title (지난해 교사는).
    expectNone(names, ['이난향 말했다.', '지난해 교사는 말했다.', '지난해 대통령은 말했다.']);
  });

  it('reads no verb as a name: a quoting ending, or a verbal noun before an auxiliary', () => {
    expectNone(names, [
      '의견을 더 들어야 한다고 밝혔다.',
      '주민들은 같은 문제를 제기해 왔다.',
      '정부는 이를 강조해 왔다.',
    ]);
    expect(names('김은해 씨는 말했다.')).to.have.length(1);
    expect(names('김은해 주무관은 말했다.')).to.have.length(1);
  });
});

describe('names/extract for people in no table', () => {
  it('splits a joined given name either side of a consonant between vowels', () => {
    expect(keys('Yi Deoku', true)).to.have.length(1);
    const readings = pivotsReadings(extractPeople(['Jin Deokuk told reporters'])[0]!.pivots);
    expect(readings).to.include.members(['진 덕 욱', '진 더 국']);
    expect(pivotsReadings(extractPeople(['Kim Ina said'])[0]!.pivots)).to.include.members([
      '김 이 나',
      '김 인 아',
    ]);
  });

  it('reads a Korean one-syllable name after Wang, but not a pinyin one', () => {
    expect(names('Wang Hyuk, 45, said')).to.deep.equal(['Wang Hyuk']);
    expect(names('Wang Yul said.')).to.have.length(1);
    expectNone(names, ['Wang Yi said.', 'Li Peng said.', 'Wang Jun said.']);
    // A query of one is read as the Korean name too: the words typed still find the Chinese.
    expect(keys('Wang Hun', true)).to.deep.equal(['wank hon']);
  });

  it('reads a query that is a surname and a name-syllable word as that person', () => {
    for (const q of ['Seok Gun', 'Gun Kim', 'Lee Boil']) expect(keys(q, true), q).to.have.length(1);
    expectNone((q) => keys(q, true), ['Oh No', 'Park Avenue', 'Jason Kim']);
  });

  it('reads a typed query of a short word and a surname given name first, even an English word', () => {
    expect(keys('So Park', true)).to.deep.equal(['pak so']);
    expect(keys('Do Kim', true)).to.deep.equal(['kim to']);
    // Two surnames typed alone either way round: 예주, or 주예 written given name first.
    const [yeJoo] = findNames('Ye Joo', { anyCase: true });
    expect(yeJoo?.alsoRead).to.equal('Joo Ye');
    // Not typed as a name, not a name syllable, a Western name, or in running text.
    expectNone((q) => keys(q, true), ['so park', 'The Kim', 'A Park', 'Sam Park']);
    expectNone(names, ['Do Kim and his team agree.', 'So Park and Lee stayed.']);
  });

  it('reads a Western first name that is a syllable as opening a three-word Korean name', () => {
    expect(keys('Sam Woo Ham', true)).to.deep.equal(['ham sam wo']);
    expect(keys('Sam Woo Ham said the plan was late.')).to.deep.equal(['ham sam wo']);
    expect(keys('Sam Woo Ham met them.')).to.not.include('ham sam wo');
    // Before a surname no reading takes as a given syllable, as `Han Seong Kim, 45,` is read.
    expect(keys('Dan Woo Kim, 45, said.')).to.deep.equal(['kim tan wo']);
    expect(keys('Dan Woo Kim met them.')).to.not.include('kim tan wo');
    expect(keys('Ben Woo Ham', true)).to.not.include('ham pen wo');
  });

  it('reads a caption in capitals with its place mark, one syllable or three words', () => {
    expect(names('MYUN PARK, left, speaks.')).to.deep.equal(['Park Myeon']);
    expect(names('CHUL HWA PAK, left, speaks')).to.have.length(1);
    expect(keys('JI SUNG KIM, left, speaks')).to.deep.equal(['kim chi song']);
    expect(names('GUN CHOI, left, and YUL MOON, right.')).to.have.length(2);
    expectNone(names, [
      'JASON KIM, left',
      'SAMSUNG LEE, left',
      'THE KIM, left',
      'ONE PARK LEFT IN SEOUL',
    ]);
  });

  it('reads one given syllable before a short surname that is no English word, at a name end', () => {
    expect(keys('Young Im, 69, a police chief')).to.deep.equal(['im yong']);
    expect(keys('Nah Nam-yong, 59, a farmer')).to.deep.equal(['na nam yong']);
  });

  it('closes plain given syllables with a short English-word surname where the name ends', () => {
    expect(keys('Eunryong Ok said')).to.deep.equal(['ok on yong']);
    expect(keys('Yeonghee So, 34, said')).to.have.length(1);
    expectNone(keys, [
      'Gangnam No. 1',
      'I Do, he said',
      'Everything Ok, she said',
      'Gyeonggi Do, near the border',
      'Tang Soo Do.',
      'Alibaba founder Jack Ma said',
    ]);
  });

  it('reads In (인) only before a hyphenated given name that is no district', () => {
    expect(keys('In Wan-ju said')).to.deep.equal(['in wan cho']);
    expect(keys('In Wan-ju (인완주) said')).to.deep.equal(['in wan cho']);
    // It opens a name and never closes one; at a sentence's start only with Hangul, a verb, an
    // age or `who` after it.
    expect(keys('In Chan-ho, 37, said')).to.deep.equal(['in chan ho']);
    expect(keys('In Chan-ho, who lives here, said')).to.deep.equal(['in chan ho']);
    expectNone(keys, [
      'In Jong-no, 37 people were hurt',
      'In Jong-no, 1,200 people marched',
      'In Seoul, he said',
      'In Seo-gu, residents',
      'In Wanju said',
      'In Jong-no, residents',
      "In Sang-hoon's view",
    ]);
  });

  it('reads Hangul in parentheses after the Latin words of the same name, read or not', () => {
    // `Wang Hun` is pinyin-shaped, so the Latin alone is not read; the gloss is.
    expect(keys('Wang Hun (왕훈) said')).to.deep.equal(['wank hon']);
    expect(keys('Incheon (인천) port')).to.deep.equal([]);
    expect(keys('the Gangnam (강남) district')).to.deep.equal([]);
    expect(keys('Han Kang (한강) won')).to.deep.equal(['han kang']);
    // Standing alone in English text it is read as a name.
    expect(keys('심은 said')).to.have.length(1);
    expect(keys('인천', true)).to.have.length(1);
    expect(keys('Professor Wang Hun (왕훈) said')).to.deep.equal(['wank hon']);
    expectNone((q) => keys(q, true), ['in pohang', 'jae in']);
    expect(findNames('Lee Sang In, 40, said')[0]?.alsoRead).to.equal(undefined);
  });

  it('gives sure readings only where every given syllable is spelled one way', () => {
    const sure = (text: string) =>
      pivotsReadings(extractPeople([text])[0]!.pivots).filter((r) => r.startsWith('='));
    expect(sure('Cha Dae-seok said.')).to.deep.equal(['= 차 대 석']);
    expect(sure('차대석 said.')).to.deep.equal(['= 차 대 석']);
    expect(sure('Cha Dae-suk said.')).to.deep.equal([]);
  });

  it('names no one in a place written like a name, where it stands and around it', () => {
    expectNone(names, [
      'Hong Kong said on Monday.',
      'In Hong Kong, protesters marched.',
      "Hong Kong's leader spoke.",
      'HONG KONG, left, at night',
      'Ho Chi Minh City is hot.',
    ]);
    expectNone((q) => keys(q, true), ['hong kong', 'in hong kong', 'Hong Kong protests']);
    // A person next to the place is still read.
    expect(names("Hong Kong's envoy Hong Ki-won met Kim Jong-un.")).to.deep.equal([
      'Hong Ki-won',
      'Kim Jong-un',
    ]);
    expect(keys('kim jong un in hong kong', true)).to.deep.equal(['kim chong on']);
  });

  it('reads no Korean name in the given names after a Vietnamese or Chinese surname', () => {
    expectNone(names, [
      "Vietnam's Nguyen Thu Ha said on Monday.",
      'Nguyen Van Kim said.',
      'Zhang Min Ho said.',
      'Tran Thi Mai Lee said.',
      'Nguyen Van Son Park met them.',
    ]);
    expectNone((q) => keys(q, true), ['nguyen thu ha', 'zhang min ho']);
    // Only the word right before counts: a Korean name after it is read.
    expect(names('Nguyen and Ji-sung Park met.')).to.deep.equal(['Park Ji-sung']);
    expect(names('Lee Kuan Yew and Ho Chi Minh')).to.deep.equal(['Lee Kuan Yew', 'Ho Chi Minh']);
  });

  it('names no one in a university, hospital or station written after a name-like phrase', () => {
    expectNone(names, [
      'He studied at Sun Moon University in Asan.',
      'She joined Sung Kyun Kwan University last year.',
      'SUN MOON UNIVERSITY students marched.',
      'at Han Young Hospital, doctors said',
      'Fans filled Ji-sung Park Station.',
    ]);
    expectNone((q) => keys(q, true), ['Sun Moon University', 'Sung Kyun Kwan University']);
    // The same name without the noun, the noun in lower case (it describes), and a known
    // person's spelling (the place is named for them) are read.
    expect(names('Sun Moon said.')).to.deep.equal(['Son Moon']);
    expect(names('Lee Min-ho university friends came.')).to.deep.equal(['Lee Min-ho']);
    expect(names('The Kim Il Sung University campus.')).to.deep.equal(['Kim Il-sung']);
    expect(names('At Sun Moon University, Lee Min-ho spoke.')).to.deep.equal(['Lee Min-ho']);
  });

  it('reads a common noun typed alone in Hangul as the name asked for, never a place or title', () => {
    expect(keys('조국', true)).to.deep.equal(['cho kok']);
    expectNone((q) => keys(q, true), ['한국', '정부', '장관', '서울']);
    // In prose the noun stays a noun.
    expectNone(names, ['조국 통일을 위해 싸웠다.']);
  });

  it('reads a surname syllable before a title as a compound title, and the name before it', () => {
    expect(names('이란 시의원은 말했다.')).to.deep.equal(['Lee Ran']);
    expect(names('김영호 부회장은 말했다.')).to.deep.equal(['Kim Young-ho']);
    expectNone(names, ['도지사는 말했다.', '시의원들이 모였다.']);
    // A given name that is also a title (선수, athlete) is still a name.
    expect(names('이선수는 말했다.')).to.deep.equal(['Lee Soon-soo']);
  });

  it("reads a known person's spelling with a hyphen put in where no syllable rule reads it", () => {
    expect(names('Rhee Syng-man said.')).to.deep.equal(['Syngman Rhee']);
    for (const q of ['Rhee Syng-man', 'Lee Syng-man', 'Yi Syng-man']) {
      expect(keys(q, true), q).to.deep.equal(keys('Syngman Rhee', true));
    }
    expectNone(names, ['Kim Xyz-abc said.']);
  });

  it('reads In or On before a capitalised word as a headline preposition, else as a syllable', () => {
    expect(names('Talks with Lee Sang In Seoul')).to.deep.equal(['Lee Sang']);
    expect(names('Kim Min On Friday')).to.deep.equal(['Kim Min']);
    expect(names('Park Myung In of the ministry said.')).to.deep.equal(['Park Myung-in']);
    expect(names('Park Myung In said.')).to.deep.equal(['Park Myung-in']);
  });
});
