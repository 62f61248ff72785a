import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Client } from '@elastic/elasticsearch';
import { articleId } from '../../src/articles/document.js';
import type { ArticleDocument } from '../../src/articles/types.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import {
  articlesMapping,
  documentFromText,
  indexTexts,
  testClient,
  uniqueIndexName,
} from '../support/engine.js';

// Matching through `people_readings` (and `people_pivot`) on a real engine: spellings of one person meet, near twins
// (one given syllable apart) never do, and a quoted name is that spelling only. The articles
// are written here, one person each, so which article is relevant is known without the engine.

const ARTICLES: Record<string, { person: string; name: string }> = {
  'wonjong-1.txt': { person: '박원종', name: 'Park Won-jong' },
  'wonjong-2.txt': { person: '박원종', name: 'Pak Won-chong' },
  'wonjong-3.txt': { person: '박원종', name: '박원종' },
  'wonjun-1.txt': { person: '박원준', name: 'Park Won-jun' },
  'wonjun-2.txt': { person: '박원준', name: 'Park Won Joon' },
  'una-1.txt': { person: '남우나', name: 'Nam U-na' },
  'una-2.txt': { person: '남우나', name: 'Nam Woo Na' },
  'hoon-1.txt': { person: '서훈', name: 'Suh Hoon' },
  'hoon-2.txt': { person: '서훈', name: 'Seo Hun' },
  'jisung-1.txt': { person: '박지성', name: 'Ji-sung Park' },
  'jisung-2.txt': { person: '박지성', name: 'Park Ji-sung' },
  'yongho-1.txt': { person: '태영호', name: 'Thae Yong-ho' },
  'yongho-2.txt': { person: '태영호', name: 'Tae Young-ho' },
  'seokyeol-1.txt': { person: '최석열', name: 'Choi Seokyeol' },
  'seokyeol-2.txt': { person: '최석열', name: 'Choe Sok-yol' },
  'particle-1.txt': { person: '김정은', name: '김정은은' },
  'particle-2.txt': { person: '김정은', name: 'Kim Jong Un' },
};

function source(name: string): string {
  return ` date 2024-05-01 Council meets\n\nAP, SEOUL\n\n${name} spoke to the council on Tuesday.\n\nThe meeting ended early, officials said.\n`;
}

function documentOf(path: string): ArticleDocument {
  return documentFromText(source(ARTICLES[path]!.name), path);
}

describe('name matching by syllable pivot (integration)', function () {
  this.timeout(120_000);
  let client: Client;
  let index: string;
  let app: Express;

  before(async () => {
    client = testClient();
    const texts = Object.keys(ARTICLES).map((path) => [path, source(ARTICLES[path]!.name)]);
    index = await indexTexts('ireum-test-pivot', Object.fromEntries(texts), client);
    app = createApp({
      search: createEngineSearchService({ client, alias: index }),
      alias: index,
      env: 'test',
    });
  });
  after(async () => {
    await client.indices.delete({ index }, { ignore: [404] });
  });

  /** Runs `check` with `extra` (path -> text) indexed beside the set, removed afterwards. */
  async function withArticles(
    extra: Record<string, string>,
    check: () => Promise<void>,
  ): Promise<void> {
    const operations = Object.entries(extra).flatMap(([path, text]) => [
      { index: { _index: index, _id: articleId(path) } },
      documentFromText(text, path),
    ]);
    expect((await client.bulk({ operations, refresh: true })).errors).to.equal(false);
    try {
      await check();
    } finally {
      await client.deleteByQuery({
        index,
        query: { ids: { values: Object.keys(extra).map(articleId) } },
        refresh: true,
      });
    }
  }

  /** An article whose headline names `name`, as a twin's does in the ranking tests. */
  function headline(name: string): string {
    return ` date 2024-05-01 ${name} speaks out on the budget\n\nAP, SEOUL\n\n${name} spoke to the council.\n`;
  }

  /** The paths a search answers, in its order. */
  async function ranked(q: string): Promise<string[]> {
    const res = await request(app).get('/api/search').query({ q, size: '50' }).expect(200);
    return (res.body.hits as { path: string }[]).map((h) => h.path);
  }

  async function found(q: string): Promise<string[]> {
    return (await ranked(q)).sort();
  }

  function articlesOf(person: string): string[] {
    return Object.keys(ARTICLES)
      .filter((p) => ARTICLES[p]!.person === person)
      .sort();
  }

  const cases: [string, string][] = [
    ['Park Won-jong', '박원종'],
    ['박원종', '박원종'],
    ['Park Won-jun', '박원준'],
    ['Park Wonjun', '박원준'],
    ['Nam Woo Na', '남우나'],
    ['nam u-na', '남우나'],
    ['Seo Hoon', '서훈'],
    ['서훈', '서훈'],
    ['Ji-sung Park', '박지성'],
    ['박지성', '박지성'],
    ['Thae Yong-ho', '태영호'],
    ['Yoon Seok-yeol', ''],
    ['Choi Seok-yeol', '최석열'],
    ['김정은', '김정은'],
  ];
  for (const [q, person] of cases) {
    it(`"${q}" finds ${person || 'nobody'}'s articles and no one else's`, async () => {
      expect(await found(q)).to.deep.equal(person ? articlesOf(person) : []);
    });
  }

  it('finds a quoted name as written only, and says so', async () => {
    const res = await request(app).get('/api/search').query({ q: '"Park Won Joon"' }).expect(200);
    expect(res.body.hits.map((h: { path: string }) => h.path)).to.deep.equal(['wonjun-2.txt']);
    expect(res.body.exact_names).to.deep.equal(['Park Won Joon']);
    const page = await request(app).get('/').query({ q: '"Park Won Joon"' }).expect(200);
    expect(page.text).to.contain('matched as written only');
  });

  it('marks a quoted phrase in the snippets, though it matched on unstemmed word pairs', async () => {
    const res = await request(app)
      .get('/api/search')
      .query({ q: '"meeting ended"', size: '50' })
      .expect(200);
    expect(res.body.hits).to.have.length(Object.keys(ARTICLES).length);
    for (const hit of res.body.hits as { snippets: string[] }[]) {
      expect(hit.snippets.join(' ')).to.match(/<mark>meeting<\/mark> <mark>ended<\/mark>/);
    }
  });

  it('lets a direct query on people_pivot match any spelling (the README query)', async () => {
    const res = await client.search({
      index,
      query: { match_phrase: { people_pivot: '^ 박 원 종,정 $' } },
      _source: ['path'],
      size: 20,
    });
    const paths = res.hits.hits.map((h) => (h._source as { path: string }).path).sort();
    expect(paths).to.deep.equal(articlesOf('박원종'));
  });

  it('matches names by pivot phrase on an index from before people_readings', async () => {
    // What the alias serves while `ireum index` rebuilds an index of mapping version 7.
    const legacy = uniqueIndexName('ireum-test-pivot-v7');
    const mapping = await articlesMapping();
    const mappings = structuredClone(mapping.mappings);
    delete (mappings.properties as Record<string, unknown>)['people_readings'];
    await client.indices.create({ index: legacy, settings: mapping.settings, mappings });
    try {
      const operations = Object.keys(ARTICLES).flatMap((path) => {
        const { people_readings: _, ...doc } = documentOf(path);
        return [{ index: { _index: legacy, _id: articleId(path) } }, doc];
      });
      expect((await client.bulk({ operations, refresh: true })).errors).to.equal(false);
      const old = createApp({
        search: createEngineSearchService({ client, alias: legacy }),
        alias: legacy,
        env: 'test',
      });
      // Spellings that meet only through the pivot (no article writes them).
      for (const [q, person] of [
        ['Pak Won-jong', '박원종'],
        ['Park Won Jun', '박원준'],
      ] as const) {
        const res = await request(old).get('/api/search').query({ q, size: '50' }).expect(200);
        const paths = (res.body.hits as { path: string }[]).map((h) => h.path).sort();
        expect(paths, q).to.deep.equal(articlesOf(person));
      }
    } finally {
      await client.indices.delete({ index: legacy }, { ignore: [404] });
    }
  });

  it('finds a name it did not read as the words typed, a one-syllable given name below one read', async () => {
    const extra: Record<string, string> = {
      // One syllable before the surname mid-sentence, with nothing after it that ends a name:
      // not read as a name, yet the query typed is the text.
      'myun-quote.txt': ` date 2024-05-02 Port review\n\nAP, SEOUL\n\n"I have worked with Myun Park for years," a colleague said.\n`,
      'hoo-read.txt': ` date 2024-05-02 Council meets\n\nAP, SEOUL\n\nLee Hoo spoke to the council.\n`,
      'hoochi.txt': ` date 2024-05-02 Council meets\n\nAP, SEOUL\n\nLee Hoo-chi spoke to the council.\n`,
    };
    await withArticles(extra, async () => {
      expect(documentFromText(extra['myun-quote.txt']!, 'x').people).to.deep.equal([]);
      expect(await found('Myun Park')).to.deep.equal(['myun-quote.txt']);
      const paths = await ranked('Lee Hoo');
      expect(paths[0]).to.equal('hoo-read.txt');
    });
  });

  it("ranks the person's article met only widely above a twin's met as widely (the key breaks the tie)", async () => {
    // 사제서 in McCune-Reischauer (Sŏ written So: no usual reading of the query meets it) and
    // the twin 사재서 spelled as usual: both meet `Sa Je-seo` only through the wide pivot.
    const extra: Record<string, string> = {
      'sajeseo-mr.txt': source('Sa Che-so'),
      'sajaeseo-1.txt': source('Sa Jae-seo'),
      'sajaeseo-2.txt': source('Sa Jae Seo'),
    };
    await withArticles(extra, async () => {
      const paths = await ranked('Sa Je-seo');
      expect(paths).to.include.members(Object.keys(extra));
      expect(paths[0]).to.equal('sajeseo-mr.txt');
    });
  });

  it("ranks the person's articles above a twin's headline when the query names the person surely", async () => {
    // `Jun` is 준 far more often than 전, so `Kim So-jun` is surely 김소준; 김소전 (`So-jeon`)
    // meets it as usually spelled too, and shares the key, but its headline must not lift it.
    const extra: Record<string, string> = {
      'sojun-body.txt': source('Kim So-joon'),
      'sojun-hangul.txt': source('김소준'),
      'sojeon-headline.txt': headline('Kim So-jeon'),
      'sojeon-hangul.txt': headline('김소전'),
    };
    await withArticles(extra, async () => {
      const paths = await ranked('Kim So-jun');
      expect(paths).to.include.members(Object.keys(extra));
      expect(paths.slice(0, 2).sort()).to.deep.equal(['sojun-body.txt', 'sojun-hangul.txt']);
    });
  });

  it("ranks the person's articles above a twin's headline when the query names the person most likely", async () => {
    // `Suk` is RR for 숙 and one of several habits for 석, so `Hwang Suk-seung` is most likely
    // 황숙승 (not surely): the twin 황석승 (`Seok`, in its headlines) meets it as usually spelled
    // and shares the key, yet comes after every article that most likely names 황숙승.
    const extra: Record<string, string> = {
      'suk-body.txt': source('Hwang Sook-seung'),
      'suk-rr.txt': source('Hwang Sukseung'),
      'suk-hangul.txt': source('황숙승'),
      'seok-headline.txt': headline('Hwang Seok-seung'),
      'seok-joined.txt': headline('Hwang Seokseung'),
    };
    await withArticles(extra, async () => {
      const paths = await ranked('Hwang Suk-seung');
      expect(paths).to.include.members(Object.keys(extra));
      expect(paths.slice(0, 3).sort()).to.deep.equal([
        'suk-body.txt',
        'suk-hangul.txt',
        'suk-rr.txt',
      ]);
      // Asked as 황석승, the twin's own articles come first.
      expect((await ranked('Hwang Seok-seung')).slice(0, 2).sort()).to.deep.equal([
        'seok-headline.txt',
        'seok-joined.txt',
      ]);
      // The README's direct query does the same: match by readings, rank by the likely one.
      const direct = await client.search({
        index,
        query: {
          bool: {
            must: { terms: { people_readings: ['황 숙 승', '황 석 승', '황 슥 승'] } },
            should: { constant_score: { filter: { term: { people_readings: '+ 황 숙 승' } } } },
          },
        },
        _source: ['path'],
      });
      const directPaths = direct.hits.hits.map((h) => (h._source as { path: string }).path);
      expect(directPaths).to.have.length(5);
      expect(directPaths.slice(0, 3).sort()).to.deep.equal([
        'suk-body.txt',
        'suk-hangul.txt',
        'suk-rr.txt',
      ]);
    });
  });

  it("ranks the person's McCune-Reischauer spelling above a twin's customary one that reads alike", async () => {
    // 한도근 written as MR writes names (`Han To-gun`) and the twin 한도건 as customary
    // (`Hahn Do-gun`): `gun` may be either, and both meet `Han Do-geun` only widely. Only MR
    // reads the person's as 근, and MR never writes Hahn; the twin's article is the newer.
    const extra: Record<string, string> = {
      'dogeun-mr.txt': source('Han To-gun'),
      'dogeon-cust.txt': source('Hahn Do-gun').replace('2024-05-01', '2024-06-01'),
    };
    await withArticles(extra, async () => {
      for (const q of ['Han Do-geun', '한도근']) {
        const paths = await ranked(q);
        expect(paths, q).to.include.members(Object.keys(extra));
        expect(paths[0], q).to.equal('dogeun-mr.txt');
      }
    });
  });

  it("ranks the person's spelling the query allows above a twin's that only shares its coarse key", async () => {
    // 정우영 written `Jung Woo-young` and the twin 정오영 written `Jung O-yeong`: MR's `Chong
    // U-yong` meets both only widely (우 or 어; 오 or 어), and folds to the twin's key (`U` as
    // `O`, `Woo` apart). The person's 정우영 is a reading the query allows; the twin's 정오영 is
    // not. The twin's article is the newer.
    const extra: Record<string, string> = {
      'wooyoung-cust.txt': source('Jung Woo-young'),
      'oyeong-rrc.txt': source('Jung O-yeong').replace('2024-05-01', '2024-06-01'),
    };
    await withArticles(extra, async () => {
      const paths = await ranked('Chong U-yong');
      expect(paths).to.include.members(Object.keys(extra));
      expect(paths[0]).to.equal('wooyoung-cust.txt');
    });
  });

  it('lets a direct terms query on people_readings do the same by term (the README query)', async () => {
    const res = await client.search({
      index,
      query: { terms: { people_readings: ['박 원 종', '박 원 정'] } },
      _source: ['path'],
      size: 20,
    });
    const paths = res.hits.hits.map((h) => (h._source as { path: string }).path).sort();
    expect(paths).to.deep.equal(articlesOf('박원종'));
  });
});
