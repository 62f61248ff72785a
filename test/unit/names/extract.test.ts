import { expect } from 'chai';
import { HANGUL_COMMON_NOUNS } from '../../../src/names/tables/hangulWords.js';
import {
  extractPeople,
  extractTitledPeople,
  findNames,
  spanPivots,
} from '../../../src/names/extract.js';
import { pivotsMeet, pivotsReadings } from '../../../src/names/pivot.js';

function people(...texts: string[]): Record<string, string[]> {
  return Object.fromEntries(extractPeople(texts).map((p) => [p.name, p.variants]));
}

describe('names/extract extractPeople', () => {
  it('finds every layout of a name and keeps one mention per person', () => {
    const found = people(
      'Kim Jong Un Meets Moon Jae In',
      'North Korean leader Kim Jong-un met Moon Jae-in. KIM JONG UN waved; Kim Jongun smiled.',
    );
    expect(Object.keys(found)).to.have.members(['Kim Jong-un', 'Moon Jae-in']);
    expect(found['Kim Jong-un']).to.have.members([
      'Kim Jong Un',
      'Kim Jong-un',
      'KIM JONG UN',
      'Kim Jongun',
    ]);
  });

  it('lets Hangul in parentheses settle which reading a spelling is, in the whole article', () => {
    const readings = (...texts: string[]) =>
      extractPeople(texts).map((p) => pivotsReadings(p.pivots).filter((r) => !/^[!=+]/.test(r)));
    // `Dae-suk` spells 대숙 or 대석; the Hangul says which, for every mention of the person.
    expect(readings('Cha Dae-suk said.', 'Cha Dae-suk (차대숙) added')).to.deep.equal([
      ['차 대 숙'],
    ]);
    expect(readings('Cha Dae-suk said.')[0]).to.include('차 대 석');
    // Hangul the spelling cannot read is another name in parentheses: nothing is narrowed.
    const other = readings('Park Won-jong (박원준) said')[0]!;
    expect(other).to.include.members(['박 원 종', '박 원 준']);
  });

  it('reads surnames of fewer bearers, and MR spellings of table surnames without marks', () => {
    expect(people('said Uh Jung-il, a lawmaker')).to.have.keys('Oh Jung-il');
    expect(findNames('독고일운 said').map((s) => s.key)).to.deep.equal(['toko il on']);
    expect(findNames('사공일 said').map((s) => s.key)).to.deep.equal(['sakonk il']);
    const chegal = extractPeople(['Chegal Ho-chin said'])[0]!;
    expect(pivotsReadings(chegal.pivots)).to.include('제갈 호 진');
    expect(extractPeople(['said Pu Han-bin on Monday'])[0]!.key).to.equal('po han pin');
    // Surnames that are everyday words stay unread where a name would be a guess.
    for (const text of ['In Seoul, officials said', 'On Jeju-do, officials said', 'Uh, I think']) {
      expect(findNames(text), text).to.deep.equal([]);
    }
    expect(people('UN Ban Ki-moon spoke')).to.have.keys('Ban Ki-moon');
    // McCune-Reischauer's 은 without the breve, never in capitals (the United Nations).
    expect(findNames('led by Un Kuk-pong, who').map((s) => s.key)).to.deep.equal(['on kok pong']);
    expect(findNames('UN Ban Ki-moon', { anyCase: true }).map((s) => s.key)).to.deep.equal([
      'pan ki mon',
    ]);
    expect(findNames('Un Sang-yong', { anyCase: true }).map((s) => s.key)).to.deep.equal([
      'on sang yong',
    ]);
    expect(findNames('un ban ki-moon', { anyCase: true }).map((s) => s.key)).to.deep.equal([
      'pan ki mon',
    ]);
  });

  it('reads the passport and diaspora spellings of surnames, keyed as the table spells them', () => {
    const keyOf = (text: string) => extractPeople([text]).map((p) => p.key);
    expect(keyOf('Kweon Jae-min, 44, a nurse, said.')).to.deep.equal(['kwon chae min']);
    expect(keyOf('Jae-min Whang said.')).to.deep.equal(['hwang chae min']);
    expect(keyOf('Leem Jihoon said.')).to.deep.equal(keyOf('Lim Ji-hoon said.'));
    expect(keyOf('Rhyu Si-min said.')).to.deep.equal(keyOf('Yoo Si-min said.'));
    expect(keyOf('Byoun Ji-ho, 44, said.')).to.deep.equal(keyOf('Byun Ji-ho, 44, said.'));
    expect(keyOf('Kyoung Joonyun said.')).to.deep.equal(keyOf('Kyung Jun-yun said.'));
    // 예 written Yeh abroad (a silent h, as in Oh) is one syllable, keyed as Ye.
    expect(keyOf('Park Yehhyeok said.')).to.deep.equal(keyOf('Park Ye-hyeok said.'));
  });

  it('attaches Hangul in parentheses as a spelling', () => {
    const found = people('Moon Jae-in (문재인) spoke.');
    expect(found['Moon Jae-in']).to.deep.equal(['Moon Jae-in', '문재인']);
  });

  it('finds bare Hangul names and drops a trailing particle', () => {
    const found = people('김정은은 문재인 대통령과 만났다. 한국 정부는 발표했다.');
    expect(Object.keys(found)).to.have.members(['Kim Jong-un', 'Moon Jae-in']);
    expect(found['Kim Jong-un']).to.deep.equal(['김정은']);
  });

  it('takes no common noun of Korean prose for a name, and a role after a name as a title', () => {
    for (const noun of HANGUL_COMMON_NOUNS) {
      expect(Object.keys(people(`${noun} 관련 논의가 이어졌다.`)), noun).to.deep.equal([]);
    }
    // Alone in an English sentence a Hangul word still comes as a name.
    expect(Object.keys(people('이야기, a writer, said'))).to.have.length(1);
    // A two-syllable name needs a title or role after it in Korean prose.
    expect(Object.keys(people('주정 농민은 화요일 기자들에게 말했다.'))).to.have.length(1);
    expect(Object.keys(people('김정 교사는 말했다.'))).to.have.length(1);
    expect(Object.keys(people('편철 형사는 기자들에게 말했다.'))).to.have.length(1);
    // An office named with what it heads ends in a title; a noun ending like one does not.
    expect(Object.keys(people('정태 노조위원장은 말했다.'))).to.have.length(1);
    expect(Object.keys(people('정태 재래시장에서 샀다. 정태 한의원에서 만났다.'))).to.deep.equal(
      [],
    );
    expect(Object.keys(people('경찰 형사는 말했다. 회사 대리는 말했다.'))).to.deep.equal([]);
    expect(Object.keys(people('한강 수위가 높아졌다.'))).to.deep.equal([]);
  });

  it('never takes a Hangul name for the known person it only folds like', () => {
    const found = people('김정운 교수는 김정은 위원장에 대해 말했다.');
    expect(Object.keys(found)).to.have.members(['Kim Jong-un', '김정운']);
    expect(found['김정운']).to.deep.equal(['김정운']);
  });

  it('reads a Hangul word alone in English text as a name, the same word in Korean prose not', () => {
    const spans = (t: string) => findNames(t).map((s) => s.text);
    // 이후 is also the word "after": among Korean words, or glossing in parentheses, it is one.
    expect(spans('이후, a lawmaker, said on Monday that talks would resume.')).to.deep.equal([
      '이후',
    ]);
    expect(spans('The vote came after 이후 said so.')).to.deep.equal(['이후']);
    expect(spans('회담 이후 정부는 발표했다.')).to.deep.equal([]);
    expect(spans('the government (정부) said')).to.deep.equal([]);
    expect(spans('이후')).to.deep.equal([]);
  });

  it('reads a one-syllable given name before a reporting verb, even after the surname I', () => {
    const spans = (t: string) => findNames(t).map((s) => s.text);
    expect(spans('I Ho said on Monday that it rained.')).to.deep.equal(['I Ho']);
    expect(spans('Jeong Do told reporters it was over.')).to.deep.equal(['Jeong Do']);
    // Not a verb of saying, or an English word after I: no name.
    expect(spans('I Ho went home.')).to.deep.equal([]);
    expect(spans('I Do said nothing.')).to.deep.equal([]);
  });

  it('reads a vowel letter or a short word that is a name syllable as a lone given name', () => {
    const spans = (t: string) => findNames(t).map((s) => s.text);
    expect(spans('Gim A said on Monday that it rained.')).to.deep.equal(['Gim A']);
    expect(spans('Kim So, 41, a nurse, said')).to.deep.equal(['Kim So']);
    expect(spans('Bae U told reporters it was over.')).to.deep.equal(['Bae U']);
    // Where no clause ends, or after a surname that is a word, or the pronoun: no name.
    expect(spans('Kim So much for that.')).to.deep.equal([]);
    expect(spans('Oh No. So Do. Lee I said.')).to.deep.equal([]);
  });

  it('reads KCNA style, McCune-Reischauer and possessives', () => {
    const found = people(
      "KCNA said Park Geun Hye and Choe Son Hui met. Kim Chŏng-ŭn's aide Kim Ch'ŏl-su left.",
    );
    expect(found).to.have.keys('Park Geun-hye', 'Choe Son-hui', 'Kim Jong-un', 'Kim Chul-soo');
    expect(found['Kim Jong-un']).to.deep.equal(['Kim Chŏng-ŭn']);
  });

  it('reads KCNA style after a surname that is also an English word', () => {
    expect(people('Ri Yong Ho spoke; Ri Myung Bak did not.')).to.have.keys(
      'Ri Yong-ho',
      'Lee Myung-bak',
    );
  });

  it('knows given-name-first and non-Korean people', () => {
    const found = people('US envoy Sung Kim met Joe Biden; Syngman Rhee was the first president.');
    expect(Object.keys(found)).to.have.members(['Sung Kim', 'Joe Biden', 'Syngman Rhee']);
  });

  it('orders a name of two surname words by the word the article later calls the person', () => {
    const read = (...texts: string[]) =>
      extractTitledPeople(texts).people.map((p) => ({
        key: p.key,
        readings: pivotsReadings(p.pivots.filter((x) => x.startsWith('^ '))),
      }));
    // `Jong Ju`: 정주 as read; `Ju said` makes it 주종, written given name first.
    const [ju] = read('Jong Ju, a farmer, said the plan was bad.', 'Ju said it would return.');
    expect(ju!.key).to.equal('cho chong');
    expect(ju!.readings).to.include('주 종').and.not.include('정 주');
    expect(read('Jong Ju, a farmer, spoke.', '"It is bad," said Ju.')[0]!.key).to.equal(
      'cho chong',
    );
    expect(read('Jong Ju, a farmer, spoke.', 'Mr. Ju declined to comment.')[0]!.key).to.equal(
      'cho chong',
    );
    // The title's people follow the new key.
    expect(
      extractTitledPeople(['Jong Ju speaks out', 'Jong Ju spoke.', 'Ju said so.']).titleKeys,
    ).to.deep.equal(['cho chong']);
    // `Jung Joo` is both 정주 and 주정; `Jung said` leaves 정주 alone.
    const [jung] = read('Jung Joo, a farmer, spoke.', 'Jung said it would return.');
    expect(jung!.key).to.equal('chong cho');
    expect(jung!.readings).to.include('정 주').and.not.include('주 정');
    // Nothing said, or both words alone, or the word only inside another name: as read.
    expect(read('Jung Joo, a farmer, spoke.')[0]!.readings).to.include.members(['정 주', '주 정']);
    expect(read('Jong Ju spoke.', 'Ju Min-ho said so.')[0]!.key).to.equal('chong cho');
    expect(read('Jong Ju spoke.', 'Jong said so. Ju said so too.')[0]!.key).to.equal('chong cho');
  });

  it('keeps Kim Il-sung, Kim Jong-il and Kim Jong-un apart', () => {
    const found = people(
      'Kim Il-sung, his son Kim Jong-il and grandson Kim Jong-un; Kim Jong-nam.',
    );
    expect(Object.keys(found)).to.have.members([
      'Kim Il-sung',
      'Kim Jong-il',
      'Kim Jong-un',
      'Kim Jong-nam',
    ]);
  });

  it('does not take English words or bare surnames for people', () => {
    const found = people(
      'The moon rose over a park. Park Avenue was closed. Moon Landing Anniversary.',
      'Kim said talks went well. Lee Said Nothing. Moon In Seoul. Oh No. Kim Hails Victory.',
      'Moon Mission Delayed. Song Contest. Han River. Park Service. Kang Says.',
    );
    expect(found).to.deep.equal({});
  });

  it('is fast enough for the article pipeline', () => {
    const para =
      "North Korean leader Kim Jong-un met South Korea's Moon Jae-in at the border on Friday. " +
      'The two leaders discussed the nuclear program, officials in Seoul said. Kim said it went well. ';
    const texts = Array.from({ length: 14 }, () => para);
    extractPeople(texts);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 500; i++) extractPeople(texts);
    const perArticleMs = Number(process.hrtime.bigint() - started) / 1e6 / 500;
    expect(perArticleMs).to.be.below(1);
  });
});

describe('names/extract edge cases (fast paths give what the plain regexes gave)', () => {
  it('non-breaking space, non-breaking hyphen, tab, MR apostrophe, bare surname', () => {
    expect(
      people("Kim\u00a0Jong\u2011un met Ch'oe Son-hui\tand SHINZO ABE; Kim said."),
    ).to.deep.equal({ 'Kim Jong-un': ['Kim Jong-un'], 'Choe Son-hui': ["Ch'oe Son-hui"] });
  });
  it('typeset marks: a curly apostrophe inside a surname, hyphens given name first', () => {
    expect(
      people(
        'Ch\u2019oe Ryong-hae met T\u2019ae Yong-ho; Seung\u2010gyu Lee and Hui\u2011sang Jang said.',
      ),
    ).to.deep.equal({
      'Choe Ryong-hae': ["Ch'oe Ryong-hae"],
      'Tae Young-ho': ["T'ae Yong-ho"],
      'Lee Sung-gyu': ['Seung-gyu Lee'],
      'Chang Hee-sang': ['Hui-sang Jang'],
    });
    expect(findNames('T\u2019AE YONG-HO', { anyCase: true }).map((s) => s.key)).to.deep.equal([
      'tae yong ho',
    ]);
  });
  it('curly possessive, spaced layout with Hangul, breves, joined given name', () => {
    expect(
      people(
        "Donald Trump\u2019s talk with Moon Jae In (문재인) and Kwŏn Yŏng-se, then Park Geun-hye's aide Lee Jaeyong.",
      ),
    ).to.deep.equal({
      'Donald Trump': ['Donald Trump'],
      'Moon Jae-in': ['Moon Jae In', '문재인'],
      'Kwon Young-se': ['Kwŏn Yŏng-se'],
      'Park Geun-hye': ['Park Geun-hye'],
      'Lee Jae-yong': ['Lee Jaeyong'],
    });
  });
  it('weak surname, known alias with a full stop, digits and a hyphenated surname-like word', () => {
    expect(
      people(
        'So Jae-in, Sung Y. Kim and Joe Biden. Kim 2020 Lee Jong5 Han-Sol Kim Han-sol 김여정은 말했다',
      ),
    ).to.deep.equal({
      'Seo Jae-in': ['So Jae-in'],
      'Sung Kim': ['Sung Y. Kim'],
      'Joe Biden': ['Joe Biden'],
      'Kim Han-sol': ['Kim Han-sol'],
      'Kim Yo-jong': ['김여정'],
    });
  });
  it('surnames glued to letters, digits or a full stop are not names; a hyphen or any space may come before one (NOT_BEFORE_NAME)', () => {
    expect(
      people('McKim Jong-un x.Kim Jong-un 2Kim Jong-un (Kim Jong Un) KIM JONG UN'),
    ).to.deep.equal({ 'Kim Jong-un': ['Kim Jong Un', 'KIM JONG UN'] });
    expect(
      people('anti-Kim Jong-un protests; talks with\u00a0Moon Jae-in; «Park Geun-hye»'),
    ).to.deep.equal({
      'Kim Jong-un': ['Kim Jong-un'],
      'Moon Jae-in': ['Moon Jae-in'],
      'Park Geun-hye': ['Park Geun-hye'],
    });
  });
  it('an apostrophe part that does not end a name is left off; astral and lone surrogates', () => {
    expect(
      people("Kim Jong-un's5 Lee Myung-Bak'x1 Kim Jong-un'a Park\u00a0Geun Hye\ud800 𝐀Kim Jong-un"),
    ).to.deep.equal({
      'Kim Jong-un': ['Kim Jong-un'],
      'Lee Myung-bak': ['Lee Myung-Bak'],
      'Park Geun-hye': ['Park Geun Hye'],
    });
  });
  it('a name inside a known spelling that is not a name start is still read', () => {
    expect(people('xSung Kim Jong-un and Sung Kim')).to.deep.equal({
      'Kim Jong-un': ['Kim Jong-un'],
      'Sung Kim': ['Sung Kim'],
    });
  });
});

describe('names/extract findNames', () => {
  it('gives spans in text order with Hangul in parentheses, in either case mode', () => {
    const text = '김정은 met Moon Jae-in (문재인) and Joe Biden’s aide';
    const cased = findNames(text);
    expect(cased.map((s) => [s.start, s.end, s.text, s.hangul])).to.deep.equal([
      [0, 3, '김정은', undefined],
      [8, 25, 'Moon Jae-in', '문재인'],
      [30, 39, 'Joe Biden', undefined],
    ]);
    expect(findNames(text.toLowerCase(), { anyCase: true }).map((s) => s.key)).to.deep.equal(
      cased.map((s) => s.key),
    );
  });
});

describe('names/extract given name first', () => {
  const read = (text: string, anyCase = false) =>
    findNames(text, { anyCase }).map((s) => [s.text, s.surnameFirst ?? s.text]);

  it('splits a joined given name at a vowel pair, but no English word so split', () => {
    expect(findNames('Nam Hoin said.').map((s) => s.text)).to.deep.equal(['Nam Hoin']);
    expect(findNames('Hoim Lee said.')[0]?.surnameFirst).to.equal('Lee Hoim');
    for (const text of [
      'Moon Join Talks',
      'Is Kim Going Nuclear?',
      'Park Soil said',
      'Kim Oil said',
    ]) {
      expect(findNames(text), text).to.deep.equal([]);
    }
  });

  it('reads joined, spaced and hyphenated given names before a surname, in either case mode', () => {
    const cases: [string, string, string][] = [
      ['Minjun Kim said on Monday.', 'Minjun Kim', 'Kim Minjun'],
      ['Seoyeon Park, a nurse, said', 'Seoyeon Park', 'Park Seoyeon'],
      ['The artist Nam June Paik was born in Seoul.', 'Nam June Paik', 'Paik Nam-June'],
      ['Ji Sung Park scored twice.', 'Ji Sung Park', 'Park Ji-Sung'],
      ['Heung Min Son scored.', 'Heung Min Son', 'Son Heung-Min'],
      ['Heung-Min Son scored.', 'Heung-Min Son', 'Son Heung-Min'],
      ['Hoon Seo, a council member, said', 'Hoon Seo', 'Seo Hoon'],
      ['Woohong Chun, 41, said', 'Woohong Chun', 'Chun Woohong'],
      ['KyungHee Kim said on Monday.', 'KyungHee Kim', 'Kim Kyung-Hee'],
    ];
    for (const [text, written, surnameFirst] of cases) {
      expect(read(text), text).to.deep.equal([[written, surnameFirst]]);
      const lower = read(text.toLowerCase(), true);
      expect(
        lower.map(([w]) => w),
        text,
      ).to.deep.equal([written.toLowerCase()]);
    }
  });

  it('reads a hyphenated given name before a short surname that is also a word, and in capitals', () => {
    // The hyphen is the sign: `Yi` and `Ko` close the name anywhere, `So` (an English word) where
    // the name ends.
    expect(read('said Geun-kil Yi on Monday.')).to.deep.equal([['Geun-kil Yi', 'Yi Geun-kil']]);
    expect(read('said Eun-kyu Ko, a lawmaker')).to.deep.equal([['Eun-kyu Ko', 'Ko Eun-kyu']]);
    expect(read('was Kwang-rae So, 63, a teacher')).to.deep.equal([
      ['Kwang-rae So', 'So Kwang-rae'],
    ]);
    expect(read('the Kwang-rae So report')).to.deep.equal([]);
    expect(read('A follow-up So far')).to.deep.equal([]);
    expect(read('eun-kyu ko', true)).to.deep.equal([['eun-kyu ko', 'ko eun-kyu']]);
    // A short surname that is no English word closes a joined given name where the name ends.
    expect(read('Kyumi Yi said on Monday')).to.deep.equal([['Kyumi Yi', 'Yi Kyumi']]);
    expect(read('Minjun Ko, 34, a nurse')).to.deep.equal([['Minjun Ko', 'Ko Minjun']]);
    expect(read('the Minjun Ko report')).to.deep.equal([]);
    expect(read('Wang Yi said')).to.deep.equal([]);
    // A given syllable pinyin cannot spell is Korean after a surname Chinese names share, where
    // one pinyin can spell stays Chinese.
    for (const chinese of ['Wang Jun', 'Li Peng', 'Ma Kai', 'Sun Li', 'Gong Li', 'Wang Lo']) {
      expect(read(`"Fine," ${chinese}, 40, a nurse, said.`), chinese).to.deep.equal([]);
    }
    for (const korean of ['Wang Jong', 'Ma Ho', 'Gong Gi', 'Sun Ho', 'Wang Kyu', 'Wang Mun']) {
      expect(read(`"Fine," ${korean}, 40, a nurse, said.`), korean).to.deep.equal([
        [korean, korean],
      ]);
    }
    // After a weak surname that is no English word, a capitalised word at the clause's end is
    // the name's, one word or the second of two; after one that is a word, it is not.
    expect(read('said Yi Ran, a researcher')).to.deep.equal([['Yi Ran', 'Yi Ran']]);
    expect(read('said Jin Myung In, a teacher')).to.deep.equal([['Jin Myung In', 'Jin Myung In']]);
    // After `I` (strict RR's 이), only where the person is described next.
    expect(read('said I Ran, a researcher')).to.deep.equal([['I Ran', 'I Ran']]);
    expect(read('I Won, 45, a teacher, said')).to.deep.equal([['I Won', 'I Won']]);
    expect(read('I Ran, and then I left')).to.deep.equal([]);
    expect(read('I Ran said nothing')).to.deep.equal([]);
    // After any surname, a given syllable that is a short English word too where an age or
    // `who` follows; not where Chinese names share the pair.
    expect(read('Chung Hi, 33, a caretaker, said')).to.deep.equal([['Chung Hi', 'Chung Hi']]);
    expect(read('Kim Go, who runs a shop')).to.deep.equal([['Kim Go', 'Kim Go']]);
    expect(read('Wang Yi, 65, said')).to.deep.equal([]);
    expect(read('Chung Hi said')).to.deep.equal([]);
    // Strict RR's one-letter surnames before a joined given name of common name syllables, in
    // running text or before a clause's end; not English words that split into rarer ones, a
    // quoted title, nor a word after a Roman numeral.
    expect(read('When I Sangbeom began working')).to.deep.equal([['I Sangbeom', 'I Sangbeom']]);
    expect(read('O Seongseo, right, works at a desk')).to.deep.equal([
      ['O Seongseo', 'O Seongseo'],
    ]);
    for (const text of [
      'Why I Hide things',
      'So I Began to wonder',
      'the single "I Soju," which',
      'the Phase I Data show',
    ])
      expect(read(text), text).to.deep.equal([]);
    // A one-syllable given name that is an English word, before a surname that is none, and
    // `Do` after given syllables that are no word, where only a person can end.
    expect(read('said Ran Lee, a lawmaker')).to.deep.equal([['Ran Lee', 'Lee Ran']]);
    // A vowel letter and a surname: 우리 as read, and 이우 where a person is described next.
    expect(findNames('said U Lee, a nurse')[0]?.alsoRead).to.equal('Lee U');
    expect(findNames('U Lee of the ministry')).to.deep.equal([]);
    expect(read('Hanjee Do told reporters')).to.deep.equal([['Hanjee Do', 'Do Hanjee']]);
    expect(read('Gyeonggi Do, a province')).to.deep.equal([]);
    // Islands, provinces and arts take an apposition after `Do` as people do.
    for (const place of ['Ganghwa Do, an island', 'Chungnam Do, a province', 'Hwarang Do, an art'])
      expect(read(place), place).to.deep.equal([]);
    // Two spaced name syllables that are English words too, after a weak surname, likewise.
    expect(findNames('Wi So In, 29, a coach, said').map((x) => x.key)).to.deep.equal(['wi so in']);
    expect(findNames('Wi So In the end').map((x) => x.key)).to.deep.equal([]);
    // A vowel letter ends such a name too; a syllable that is no English word before a short
    // surname that is one, but never the pronoun I.
    expect(findNames('Jin Yun A, who is a nurse').map((x) => x.text)).to.deep.equal(['Jin Yun A']);
    expect(read('Hui Ye, 54, a fisherman')).to.deep.equal([['Hui Ye', 'Ye Hui']]);
    // After an attribution, `Do` closes a name before any apposition; a province never.
    expect(read('said Iksuk Do, a novelist')).to.deep.equal([['Iksuk Do', 'Do Iksuk']]);
    expect(read('According to Gyeongu Do, a lawmaker')).to.have.length(1);
    expect(read('said Gyeonggi Do, a province')).to.deep.equal([]);
    expect(read('Lee I said so')).to.deep.equal([]);
    expect(read('Top Lee, and more')).to.deep.equal([]);
    expect(read('Jin Myung In Seoul visited')).to.deep.equal([['Jin Myung', 'Jin Myung']]);
    // A vowel letter opens a name written given name first where wire copy closes one.
    expect(read('said U Heon Kwak, a baker')).to.deep.equal([['U Heon Kwak', 'Kwak U-Heon']]);
    expect(read('U Heon Kwak of the ministry')).to.deep.equal([]);
    // Chu is McCune-Reischauer's 주 (and news's 추), not a Chinese surname to leave alone.
    expect(read('according to Chu Chong, a lawmaker')).to.deep.equal([['Chu Chong', 'Chu Chong']]);
    // Three words ending with a short surname that is also a word, where the name ends: the
    // first word is the name's, not a stray one before `Tae Ha`.
    expect(read('Pil Tae Ha told reporters')).to.deep.equal([['Pil Tae Ha', 'Ha Pil-Tae']]);
    expect(read('Geun Kil Yi, 52, said')).to.deep.equal([['Geun Kil Yi', 'Yi Geun-Kil']]);
    expect(read('Tae Ha told reporters')).to.deep.equal([['Tae Ha', 'Tae Ha']]);
    // A caption in capitals: hyphenated and the surname in capitals, nothing looser.
    expect(read('HEE-HYUK PARK, left, speaks')).to.deep.equal([['HEE-HYUK PARK', 'PARK HEE-HYUK']]);
    expect(read('SEOUL-BASED PARK officials')).to.deep.equal([]);
    expect(read('JONGNAM KANG, left, speaks')).to.deep.equal([['JONGNAM KANG', 'KANG JONGNAM']]);
    // Or opening a caption that goes on in lower case (`MINJUN KIM said` too, now); a headline
    // in capitals does not, nor a place whose last word is a surname that is an English word.
    expect(read('JAEGEON JUNG poses for a photograph')).to.deep.equal([
      ['JAEGEON JUNG', 'JUNG JAEGEON'],
    ]);
    expect(read('MINJUN KIM said')).to.have.length(1);
    expect(read('YONGSAN PARK opens on Friday')).to.deep.equal([]);
    expect(read('SOGYEONG PARK receives an award')).to.deep.equal([
      ['SOGYEONG PARK', 'PARK SOGYEONG'],
    ]);
    for (const text of ['SAMSUNG LEE, left', 'JASON KIM, left', 'MINJUN KIM SAID', 'YOUNG LEE,']) {
      expect(read(text), text).to.deep.equal([]);
    }
    expect(read('The photo shows MINJUN KIM said')).to.deep.equal([]);
    expect(read('HEE-HYUK Park said')).to.deep.equal([]);
  });

  it('reads two given syllables joined with a capital only where both are name syllables', () => {
    expect(read('JiSung Park scored.')).to.deep.equal([['JiSung Park', 'Park Ji-Sung']]);
    expect(read('JoAnn Kim said.')).to.deep.equal([]);
    expect(read('LeBron Lee said.')).to.deep.equal([]);
  });

  it('reads past a possessive and extra blanks, and never swallows the next name or a known one', () => {
    expect(read("Ji Sung Park's goal")).to.deep.equal([['Ji Sung Park', 'Park Ji-Sung']]);
    expect(read('Heung  Min Son scored')).to.deep.equal([['Heung Min Son', 'Son Heung-Min']]);
    expect(read('Cho Kuk Park Ji-won clash')).to.deep.equal([
      ['Cho Kuk', 'Cho Kuk'],
      ['Park Ji-won', 'Park Ji-won'],
    ]);
    // A known spelling written given name first (`Sung Kim`) after one given syllable is a longer
    // name written the same way; after a title it is still that person.
    expect(read('Ji Sung Kim said')).to.deep.equal([['Ji Sung Kim', 'Kim Ji-Sung']]);
    // One syllable before a surname that is also a word, where the name ends.
    expect(read('Woon Shim, a teacher, said')).to.deep.equal([['Woon Shim', 'Shim Woon']]);
    expect(read('Woon Shim spoke')).to.deep.equal([]);
    expect(read('Hyung Sung Kim, a lawmaker, said')).to.deep.equal([
      ['Hyung Sung Kim', 'Kim Hyung-Sung'],
    ]);
    expect(read('dae sung kim', true)).to.deep.equal([['dae sung kim', 'kim dae-sung']]);
    expect(read('Ambassador Sung Kim said')).to.deep.equal([['Sung Kim', 'Sung Kim']]);
    expect(read('Then Min Son said')).to.deep.equal([['Min Son', 'Min Son']]);
    // An English word that is a name syllable opens the longer name on the terms it opens any
    // given name first: not at a sentence's start with nothing after the name.
    expect(read('Coach So Sung Kim said on Wednesday')).to.deep.equal([
      ['So Sung Kim', 'Kim So-Sung'],
    ]);
    expect(read('so sung kim', true)).to.deep.equal([['so sung kim', 'kim so-sung']]);
    expect(read("In Sung Kim's view, it works.")).to.deep.equal([['Sung Kim', 'Sung Kim']]);
  });

  it('takes an English word that is a name syllable as a first given syllable, unless it opens the sentence', () => {
    expect(read('Officials said In Ho Lee spoke.')).to.deep.equal([['In Ho Lee', 'Lee In-Ho']]);
    expect(read('Man Jung Lee, a lawmaker, said')).to.deep.equal([
      ['Man Jung Lee', 'Lee Man-Jung'],
    ]);
    expect(read('He said Man Jong Lee left.')).to.deep.equal([['Man Jong Lee', 'Lee Man-Jong']]);
    // `In` opens English sentences: there it is a given syllable only where a comma or a
    // reporting verb follows the name.
    expect(read("In Jung Kim's view, it works.")).to.deep.equal([['Jung Kim', 'Kim Jung']]);
    expect(read('In Chun Park, a lawmaker, said')).to.deep.equal([
      ['In Chun Park', 'Park In-Chun'],
    ]);
    expect(read('In Woong Roh said on Monday')).to.deep.equal([['In Woong Roh', 'Roh In-Woong']]);
    // `A` (아) is the article as often: the same rule.
    expect(read('A Young Choi, a software engineer, said')).to.deep.equal([
      ['A Young Choi', 'Choi A-Young'],
    ]);
    expect(read('Asked again, A Young Choi said no')).to.deep.equal([
      ['A Young Choi', 'Choi A-Young'],
    ]);
    expect(read('A Young Kim aide said it was over.')).to.deep.equal([]);
  });

  it('reads a query that is only a name given name first, whatever word opens it', () => {
    // A query is no sentence: `In` there opens the name, as a comma after it would in text.
    expect(read('In Seung Chung', true)).to.deep.equal([['In Seung Chung', 'Chung In-Seung']]);
    expect(read('in seung chung', true)).to.deep.equal([['in seung chung', 'chung in-seung']]);
    // In text, at a sentence start, the rule stands.
    expect(read("In Seung Chung's view, it works.")).to.deep.equal([
      ['Seung Chung', 'Seung Chung'],
    ]);
  });

  it('reads a North Korean surname spelling first as a given syllable before a Southern surname', () => {
    // `Jong` is 정 only in the North's habit, and the North never writes `Chung` for 정: as
    // written the name would be 정순충; given name first it is 정종선, the likelier.
    expect(read('Jong Sun Chung said', true)).to.deep.equal([['Jong Sun Chung', 'Chung Jong-Sun']]);
    // A name in the North's habit throughout stays as written.
    expect(read('Jong Kyong Thaek said')).to.deep.equal([['Jong Kyong Thaek', 'Jong Kyong Thaek']]);
  });

  it('reads a two-word name given name first where the second word has a silent h', () => {
    expect(read('Ho Huh said')).to.deep.equal([['Ho Huh', 'Huh Ho']]);
    expect(findNames('Ho Huh said')[0]?.alsoRead).to.equal('Ho Huh');
    // `Oh` is a given syllable too.
    expect(findNames('Eun Oh said')[0]?.surnameFirst).to.equal('Oh Eun');
  });

  it('gives a person the second reading whichever mention brings it', () => {
    const [p] = extractPeople(['Jong Chang met officials.', 'Jong Chang, a council member, said']);
    expect(p?.pivots).to.include('^ 장 정,종 $');
  });

  it('keeps a given name that takes both words surname first (Ban Ki Moon, Kim Il Sung)', () => {
    expect(read('Ban Ki Moon said')).to.deep.equal([['Ban Ki Moon', 'Ban Ki Moon']]);
    expect(read('Kim Il Sung said')).to.deep.equal([['Kim Il Sung', 'Kim Il Sung']]);
    expect(read('kim jong-un park geun-hye', true)).to.deep.equal([
      ['kim jong-un', 'kim jong-un'],
      ['park geun-hye', 'park geun-hye'],
    ]);
  });

  it('does not read Western given names, places, firms or weak one-syllable words as given names', () => {
    for (const text of [
      'Jason Kim said',
      'South Korea Park said',
      'Samsung Lee said',
      'Young Kim fans cheered',
      'north korea kim',
    ]) {
      expect(read(text), text).to.deep.equal([]);
    }
  });

  it('reads a one-syllable given name spelled with a glide in running text (Kim Woong, Lee Wook)', () => {
    for (const name of ['Kim Woong', 'Lee Wook', 'Seo Hoon']) {
      const [span] = findNames(`Officials said ${name} met reporters.`);
      expect(span?.text, name).to.equal(name);
    }
  });

  it('reads a hyphenated given name before a surname whole, not its second half as a surname', () => {
    const [span] = findNames('Hyun-Woo Jung said');
    expect(span?.text).to.equal('Hyun-Woo Jung');
    expect(span?.surnameFirst).to.equal('Jung Hyun-Woo');
    expect(findNames('Min-Jun Lee said').map((s) => s.text)).to.deep.equal(['Min-Jun Lee']);
    // After a word that is no name syllable the hyphen joins a name to it.
    expect(findNames('anti-Kim Jong-un protests').map((s) => s.text)).to.deep.equal([
      'Kim Jong-un',
    ]);
  });

  it('reads a spaced three-word name that ends with a surname both ways, unless known', () => {
    const [span] = findNames('Hyun Sook Moon met officials.');
    expect(span?.text).to.equal('Hyun Sook Moon');
    // 현 is a rare surname and a common given syllable, 문 the other way round: the given name
    // first leads, as written it is added.
    expect(span?.surnameFirst).to.equal('Moon Hyun-Sook');
    expect(span?.alsoRead).to.equal('Hyun Sook Moon');
    // Where the odds lie the other way (한 a common surname, 민 a common given syllable), the
    // reading as written leads.
    const [han] = findNames('Han Ji Min met officials.');
    expect(han?.surnameFirst).to.equal(undefined);
    expect(han?.alsoRead).to.equal('Min Han-Ji');
    // It meets the same person written surname first.
    const pivots = spanPivots(span!);
    const other = spanPivots(findNames('Mun Hyeon-suk met officials.')[0]!);
    expect(pivots.some((p) => other.some((q) => pivotsMeet(p, q)))).to.equal(true);
    // A known person's spelling (Ban Ki-moon) stays that person only.
    expect(findNames('Ban Ki Moon said')[0]?.alsoRead).to.equal(undefined);
    // A last word spelled as only surnames are (a silent h) leads with the given name first.
    const [suh] = findNames('Jung Chul Suh met officials.');
    expect(suh?.surnameFirst).to.equal('Suh Jung-Chul');
    expect(suh?.alsoRead).to.equal('Jung Chul Suh');
    // A surname that is also a word closes it too, as the reading added, never the one leading.
    const [chu] = findNames('Seung Sang Chu met officials.');
    expect(chu?.surnameFirst).to.equal(undefined);
    expect(chu?.alsoRead).to.equal('Chu Seung-Sang');
    const surnameFirst = spanPivots(findNames('Ju Seung-sang met officials.')[0]!);
    expect(spanPivots(chu!).some((p) => surnameFirst.some((q) => pivotsMeet(p, q)))).to.equal(true);
    // The first word may be an English word or a vowel letter that is a given syllable.
    expect(findNames('Do Hoo Shim said on Monday.')[0]?.alsoRead).to.equal('Shim Do-Hoo');
    expect(findNames('O Young Chun said.')[0]?.alsoRead).to.equal('Chun O-Young');
    // In a query, which is no sentence, a word that opens sentences may too.
    expect(findNames('Do Sung Chang', { anyCase: true })[0]?.surnameFirst).to.equal(
      'Chang Do-Sung',
    );
    // A surname that is also a word closes two spaced given syllables where the name ends.
    expect(findNames('Dae Ho Shim said.')[0]?.surnameFirst).to.equal('Shim Dae-Ho');
    // A word that is no surname closes nothing.
    const [hoon] = findNames('Seung Sang Hoon met officials.');
    expect(hoon?.text).to.equal('Seung Sang Hoon');
    expect(hoon?.alsoRead).to.equal(undefined);
    // A surname spelled only as North Korea spells it closes no name written given name first:
    // the North never writes names so. `Jung` for the same 정 does.
    const [jong] = findNames('Min Yoon Jong met officials.');
    expect(jong?.surnameFirst).to.equal(undefined);
    expect(jong?.alsoRead).to.equal(undefined);
    expect(findNames('Min Yoon Jung met officials.')[0]?.surnameFirst).to.equal('Jung Min-Yoon');
    expect(findNames('Chang Jong, a council member, said')[0]?.alsoRead).to.equal(undefined);
    // Nor is such a first word a surname where the other words are spelled the South's way: one
    // name keeps one habit. Spelled the North's way throughout, it is.
    const [south] = findNames('Jong Seung Chun met officials.');
    expect(south?.surnameFirst).to.equal('Chun Jong-Seung');
    expect(south?.alsoRead).to.equal(undefined);
    expect(findNames('Jong Yong Su met officials.')[0]?.surnameFirst).to.equal(undefined);
  });

  it('marks a two-word name of two surnames as readable both ways, and no other', () => {
    const [both] = findNames('Jong Chang, a council member, said');
    expect(both?.alsoRead).to.equal('Chang Jong');
    expect(spanPivots(both!)).to.include.members(['^ 정 창,장 $', '^ 장 정,종 $']);
    const [one] = findNames('Kim Jong said');
    expect(one?.alsoRead).to.equal(undefined);
    // McCune-Reischauer's marks are a scholar's spelling, surname first: 조승 only.
    const [marked] = findNames('Cho Sŭng said');
    expect(marked?.alsoRead).to.equal(undefined);
    expect(spanPivots(marked!)).to.deep.equal(['^ 조 승 $', '^! 조 승 !$']);
    expect(findNames('Cho Sung said')[0]?.alsoRead).to.equal('Sung Cho');
    // A surname that is also a word closes the second reading where the name ends, as it closes
    // two spaced given syllables: `Ho Chun said` may be 전호.
    expect(findNames('Ho Chun said.')[0]?.alsoRead).to.equal('Chun Ho');
    expect(findNames('Ho Chun met him.')[0]?.alsoRead).to.equal(undefined);
  });
});
