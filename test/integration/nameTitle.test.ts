import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Client } from '@elastic/elasticsearch';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { extractPeople } from '../../src/names/extract.js';
import { createApp } from '../../src/web/app.js';
import { indexTexts, testClient } from '../support/engine.js';

// A name search ranks the articles whose title names the person (any spelling, by the key in
// `title_people_keys`) above those naming them in the body only, newer as these are; a near
// twin in a title neither matches nor lends its title to the person asked.

const ARTICLES: Record<string, { date: string; title: string; body: string }> = {
  'title-latin.txt': {
    date: '2024-04-01',
    title: 'Pak Won-chong visits Busan',
    body: 'Park Won-jong spoke to the council on Tuesday.',
  },
  'title-hangul.txt': {
    date: '2024-03-01',
    title: '박원종 in Busan',
    body: 'Park Won-jong spoke to the council on Tuesday.',
  },
  'body-only.txt': {
    date: '2024-05-01',
    title: 'Council meets',
    body: 'Park Won-jong spoke to the council on Tuesday.',
  },
  'twin-title.txt': {
    date: '2024-05-02',
    title: 'Park Won-jun visits Busan',
    body: 'Park Won-jong and Park Won-jun spoke to the council on Tuesday.',
  },
  'twin-only.txt': {
    date: '2024-05-03',
    title: 'Park Won-jun visits Busan',
    body: 'Park Won-jun spoke to the council on Tuesday.',
  },
};

function textOf(path: string): string {
  const { date, title, body } = ARTICLES[path]!;
  return ` date ${date} ${title}\n\nAP, SEOUL\n\n${body}\n\nThe meeting ended early.\n`;
}

describe('name search ranks the title by its people (integration)', function () {
  this.timeout(120_000);
  let client: Client;
  let index: string;
  let app: Express;

  before(async () => {
    client = testClient();
    const texts = Object.keys(ARTICLES).map((path) => [path, textOf(path)]);
    index = await indexTexts('ireum-test-title', Object.fromEntries(texts), client);
    app = createApp({
      search: createEngineSearchService({ client, alias: index }),
      alias: index,
      env: 'test',
    });
  });
  after(async () => {
    await client.indices.delete({ index }, { ignore: [404] });
  });

  async function ranked(q: string): Promise<string[]> {
    const res = await request(app).get('/api/search').query({ q, size: '50' }).expect(200);
    return (res.body.hits as { path: string }[]).map((h) => h.path);
  }

  for (const q of ['Park Won-jong', 'park won jong', '박원종', 'Pak Won-chong']) {
    it(`"${q}": titles naming the person first, the twin's title no help, the twin alone out`, async () => {
      expect(await ranked(q)).to.deep.equal([
        'title-latin.txt',
        'title-hangul.txt',
        'twin-title.txt',
        'body-only.txt',
      ]);
    });
  }

  it("stores the title's people by key, and the API does not return them", async () => {
    const key = extractPeople(['Park Won-jong'])[0]!.key;
    const res = await client.search({
      index,
      query: { term: { title_people_keys: key } },
      _source: ['path'],
      size: 20,
    });
    const paths = res.hits.hits.map((h) => (h._source as { path: string }).path).sort();
    expect(paths).to.deep.equal(['title-hangul.txt', 'title-latin.txt']);
    const hit = (await request(app).get('/api/search').query({ q: '박원종' }).expect(200)).body
      .hits[0] as { id: string };
    const article = await request(app).get(`/api/articles/${hit.id}`).expect(200);
    expect(JSON.stringify(article.body)).to.not.contain('title_people_keys');
  });
});
