import { expect } from 'chai';
import {
  SAMPLE_BUCKETS,
  articleId,
  articleTexts,
  buildDocument,
  sampleBucket,
} from '../../../src/articles/document.js';
import type { Article } from '../../../src/articles/types.js';
import { extractPeople, extractTitledPeople } from '../../../src/names/extract.js';
import type { PersonMention } from '../../../src/names/types.js';

describe('articleId', () => {
  it('is a readable slug plus a short hash', () => {
    expect(articleId('2021/Kim Vows!.txt')).to.match(/^2021-kim-vows-[0-9a-f]{12}$/);
  });

  it('is stable and URL-safe', () => {
    const paths = ['a.txt', '2019/한국.txt', 'x/y/Z é.TXT', '../../odd name.txt', '-.txt'];
    for (const path of paths) {
      expect(articleId(path)).to.equal(articleId(path));
      expect(articleId(path)).to.match(/^[a-z0-9-]+$/);
      expect(articleId(path)).not.to.match(/^-|--/);
    }
  });

  it('normalizes separators but keeps paths with the same slug apart', () => {
    expect(articleId('2021\\a.txt')).to.equal(articleId('2021/a.txt'));
    expect(articleId('./2021/a.txt')).to.equal(articleId('2021/a.txt'));
    expect(articleId('2021/a b.txt')).not.to.equal(articleId('2021/a-b.txt'));
  });

  it('caps the slug length', () => {
    expect(articleId(`${'x'.repeat(500)}.txt`).length).to.be.at.most(60 + 1 + 12);
  });
});

describe('buildDocument', () => {
  const article: Article = {
    path: '2018/summit.txt',
    date: '2018-04-27',
    title: 'Kim and Moon meet',
    agencies: ['AP', 'AFP'],
    dateline: 'PANMUNJOM',
    paragraphs: ['One.', 'Two.'],
    captions: [
      { text: 'Handshake.', credit: 'AFP / KCNA VIA KNS' },
      { text: 'Dinner.', credit: 'AFP / KCNA VIA KNS' },
      { text: '', credit: 'AP' },
    ],
  };
  const people: PersonMention[] = [
    {
      name: 'Kim Jong-un',
      key: 'kim jong un',
      variants: ['Kim Jong Un', '김정은', 'Kim Jong-un'],
      pivots: ['^ 김 정,종 은,언,운 $', '^ 김 정 은 $'],
    },
    {
      name: 'Moon Jae-in',
      key: 'moon jae in',
      variants: ['Moon Jae-in'],
      pivots: ['^ 문 재 인 $'],
    },
  ];

  it('builds the stored document', () => {
    expect(buildDocument(article, people, 'h1', 'summit-1')).to.deep.equal({
      path: '2018/summit.txt',
      date: '2018-04-27',
      year: 2018,
      title: 'Kim and Moon meet',
      agencies: ['AP', 'AFP'],
      dateline: 'PANMUNJOM',
      body: 'One.\n\nTwo.',
      captions: ['Handshake.', 'Dinner.'],
      credits: ['AFP / KCNA VIA KNS', 'AP'],
      people: ['Kim Jong-un', 'Moon Jae-in'],
      people_keys: ['kim jong un', 'moon jae in'],
      // `Kim and Moon`: surnames alone name nobody.
      title_people_keys: [],
      names: ['Kim Jong Un', '김정은', 'Kim Jong-un', 'Moon Jae-in'],
      people_pivot: ['^ 김 정,종 은,언,운 $', '^ 김 정 은 $', '^ 문 재 인 $'],
      // One value per choice of a member at each position; the repeated 김 정 은 once.
      people_readings: [
        '김 정 은',
        '김 정 언',
        '김 정 운',
        '김 종 은',
        '김 종 언',
        '김 종 운',
        '문 재 인',
      ],
      people_spellings: [
        'kim jong un|Kim Jong Un',
        'kim jong un|김정은',
        'kim jong un|Kim Jong-un',
        'moon jae in|Moon Jae-in',
      ],
      hash: 'h1',
      cluster: 'summit-1',
      sample: sampleBucket('summit-1'),
    });
  });

  it('spreads sample buckets evenly over ids, the same bucket for the same id', () => {
    const counts = new Array<number>(SAMPLE_BUCKETS).fill(0);
    const n = 102_400;
    for (let i = 0; i < n; i++) counts[sampleBucket(`${2000 + (i % 25)}-${i}-3f9a1c2b04d1`)]!++;
    // 100 expected per bucket; a Poisson tail past 160 or below 50 would mean a skewed hash.
    expect(Math.max(...counts)).to.be.below(160);
    expect(Math.min(...counts)).to.be.above(50);
    // The first 32 buckets (a 1/32 sample) hold about 1/32 of the ids.
    const slice = counts.slice(0, 32).reduce((a, b) => a + b, 0);
    expect(Math.abs(slice / n - 1 / 32)).to.be.below(0.003);
    expect(sampleBucket('summit-1')).to.equal(sampleBucket('summit-1'));
  });

  it("keeps the keys of the people the title names, in any spelling, apart from the body's", () => {
    const named: Article = {
      ...article,
      title: 'KIM JONG UN meets 문재인 again',
      paragraphs: ['Kim Jong-un met Moon Jae-in and Ban Ki-moon at Panmunjom.'],
      captions: [{ text: 'Ban Ki-moon waves.', credit: 'AP' }],
    };
    const doc = buildDocument(named, extractPeople(articleTexts(named)), 'h1', 'summit-1');
    const key = (name: string) => extractPeople([name])[0]!.key;
    expect(doc.people_keys).to.deep.equal([
      key('Kim Jong-un'),
      key('Moon Jae-in'),
      key('Ban Ki-moon'),
    ]);
    expect(doc.title_people_keys).to.deep.equal([key('Kim Jong-un'), key('Moon Jae-in')]);
    // A title with no full name names nobody; no people, no keys.
    const plain = { ...named, title: 'Kim and Moon meet' };
    expect(
      buildDocument(plain, extractPeople(articleTexts(plain)), 'h1', 'x').title_people_keys,
    ).to.deep.equal([]);
    expect(buildDocument(named, [], 'h1', 'x').title_people_keys).to.deep.equal([]);
  });

  it('takes the title keys the extraction saw when reading the title, the same as read again', () => {
    for (const title of ['KIM JONG UN meets 문재인 again', 'Kim and Moon meet', 'Ban Ki-moon']) {
      const named: Article = {
        ...article,
        title,
        paragraphs: ['Moon Jae-in met Kim Jong-un. Ban Ki-moon (반기문) spoke.'],
      };
      const { people, titleKeys } = extractTitledPeople(articleTexts(named));
      expect(people).to.deep.equal(extractPeople(articleTexts(named)));
      expect(buildDocument(named, people, 'h1', 'x', titleKeys)).to.deep.equal(
        buildDocument(named, people, 'h1', 'x'),
      );
    }
    const { titleKeys } = extractTitledPeople(['Ban Ki-moon', 'Kim Jong-un left.']);
    expect(titleKeys).to.deep.equal([extractPeople(['Ban Ki-moon'])[0]!.key]);
  });

  it('handles no people and does not share arrays with the article', () => {
    const doc = buildDocument(article, [], 'h1', 'summit-1');
    expect(doc.people).to.deep.equal([]);
    expect(doc.names).to.deep.equal([]);
    doc.agencies.push('X');
    expect(article.agencies).to.deep.equal(['AP', 'AFP']);
  });
});
