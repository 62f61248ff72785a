import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Client } from '@elastic/elasticsearch';
import { articleId, articleTexts, buildDocument } from '../../src/articles/document.js';
import type { ArticleDocument } from '../../src/articles/types.js';
import { parseArticle } from '../../src/articles/parse.js';
import { extractPeople } from '../../src/names/extract.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { articlesMapping, testClient, uniqueIndexName } from '../support/engine.js';

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

function documentOf(path: string): ArticleDocument {
  const { date, title, body } = ARTICLES[path]!;
  const text = ` date ${date} ${title}\n\nAP, SEOUL\n\n${body}\n\nThe meeting ended early.\n`;
  const article = parseArticle(text, path);
  if (!article.ok) throw new Error(`${path}: ${JSON.stringify(article.error)}`);
  return buildDocument(
    article.article,
    extractPeople(articleTexts(article.article)),
    'h',
    articleId(path),
  );
}

describe('name search ranks the title by its people (integration)', function () {
  this.timeout(120_000);
  let client: Client;
  let index: string;
  let app: Express;

  before(async () => {
    client = testClient();
    index = uniqueIndexName('ireum-test-title');
    const mapping = await articlesMapping();
    await client.indices.create({ index, settings: mapping.settings, mappings: mapping.mappings });
    const operations = Object.keys(ARTICLES).flatMap((path) => [
      { index: { _index: index, _id: articleId(path) } },
      documentOf(path),
    ]);
    const res = await client.bulk({ operations, refresh: true });
    expect(res.errors).to.equal(false);
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
