import type { Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { createEnginePeopleService } from '../../src/engine/peopleService.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';

// People pages over data/sample with its people index: the JSON shape, the 400/404 cases, the
// HTML page, and the people facet showing each person's usual spelling with their key.

interface Person {
  key: string;
  display: string;
  hangul: string[];
  spellings: { text: string; count: number }[];
  articles: { total: number };
  histogram: { key: string; count: number }[];
  agencies: { value: string; count: number }[];
  related: { key: string; display: string; count: number; score: number }[];
  recent: { id: string; date: string }[];
}

describe('people pages and the people index (integration)', function () {
  this.timeout(120_000);
  let client: Client;
  let sample: SampleIndex;
  let alias: string;
  let app: Express;

  before(async () => {
    client = testClient();
    sample = await indexSample('ireum-test-people', { people: true });
    alias = sample.alias;
    app = createApp({
      search: createEngineSearchService({ client, alias }),
      people: createEnginePeopleService({ client, alias }),
      alias,
      env: 'test',
    });
  });
  after(() => sample?.cleanup());

  it('answers /api/people/:key with the documented facts, totals as the search counts', async () => {
    const res = await request(app).get('/api/people/kim%20chong%20on').expect(200);
    const p = res.body as Person;
    expect(p.key).to.equal('kim chong on');
    expect(p.display).to.equal('Kim Jong-un');
    expect(p.hangul).to.include('김정은');
    expect(p.spellings.map((s) => s.text)).to.include('Kim Jong Un');
    expect(p.related.map((r) => r.key)).to.not.include(p.key);
    expect(p.related.length).to.be.greaterThan(0);
    expect(p.histogram.reduce((n, b) => n + b.count, 0)).to.equal(p.articles.total);
    expect(p.recent.length).to.equal(Math.min(10, p.articles.total));
    const dates = p.recent.map((h) => h.date);
    expect(dates).to.deep.equal([...dates].sort().reverse());
    const search = await request(app).get('/api/search').query({ person: p.display }).expect(200);
    expect(search.body.total.value).to.equal(p.articles.total);
  });

  it('resolves ?name= in another spelling or Hangul to the same person', async () => {
    for (const name of ['Gim Jeong-eun', '김정은', 'KIM JONG UN']) {
      const res = await request(app).get('/api/people').query({ name }).expect(200);
      expect(res.body.key, name).to.equal('kim chong on');
    }
  });

  it('answers 400 without a name and 404 for nobody, as JSON, hostile text included', async () => {
    await request(app).get('/api/people').expect(400).expect('content-type', /json/);
    await request(app).get('/api/people').query({ name: '   ' }).expect(400);
    await request(app)
      .get('/api/people')
      .query({ name: 'x'.repeat(500) })
      .expect(400);
    const none = await request(app).get('/api/people').query({ name: 'Kim Xyzzy-qux' });
    expect(none.status).to.equal(404);
    expect(none.body.error).to.be.a('string');
    await request(app).get('/api/people/nobody%20at%20all').expect(404);
    const hostile = await request(app).get(`/api/people/${encodeURIComponent('<script>x')}`);
    expect(hostile.status).to.equal(404);
    expect(hostile.type).to.equal('application/json');
  });

  it('renders the person page: spellings, Hangul, timeline, related links, recent articles', async () => {
    const res = await request(app).get('/people/kim%20chong%20on').expect(200);
    expect(res.text).to.contain('<h1>Kim Jong-un');
    expect(res.text).to.contain('김정은');
    expect(res.text).to.contain('<svg class="timeline"');
    expect(res.text).to.match(/href="\/people\/[a-z%0-9]+"/);
    expect(res.text).to.contain('href="/search?person=Kim%20Jong-un"');
    expect(res.text).to.match(/href="\/article\/[^"]+"/);
    const missing = await request(app).get(`/people/${encodeURIComponent('<b>nobody</b>')}`);
    expect(missing.status).to.equal(404);
    expect(missing.text).to.not.contain('<b>nobody</b>');
  });

  it('suggests people by a Latin prefix in any spelling and by Hangul, most-mentioned first', async () => {
    const keys = async (q: string) => {
      const res = await request(app).get('/api/suggest').query({ q }).expect(200);
      const list = res.body.suggestions as { key: string; display: string; count: number }[];
      const counts = list.map((s) => s.count);
      expect(counts, q).to.deep.equal([...counts].sort((a, b) => b - a));
      expect(list.length).to.be.at.most(10);
      return list.map((s) => s.key);
    };
    expect(await keys('kim jo')).to.include('kim chong on');
    expect(await keys('KIM JO')).to.include('kim chong on');
    expect(await keys('Mun Jae')).to.include('mon chae in');
    expect(await keys('moon j')).to.include('mon chae in');
    expect(await keys('김정')).to.include('kim chong on');
    expect(await keys('김ㅈ')).to.include('kim chong on');
    expect(await keys('xyzzy')).to.deep.equal([]);
    expect(await keys('')).to.deep.equal([]);
    await request(app).get('/api/suggest').expect(400);
    await request(app)
      .get('/api/suggest')
      .query({ q: 'x'.repeat(101) })
      .expect(400);
    const hostile = await request(app).get('/api/suggest').query({ q: '<script>"\\' });
    expect(hostile.status).to.equal(200);
    expect(hostile.body.suggestions).to.deep.equal([]);
  });

  it('shows people in the facet by their usual spelling, with their key and a page link', async () => {
    const res = await request(app).get('/api/search').query({ more: 'person' }).expect(200);
    const people = res.body.facets.person as { value: string; key: string }[];
    expect(people.length).to.be.greaterThan(0);
    for (const p of people) expect(p.key).to.be.a('string').and.not.equal('');
    const page = await request(app).get('/search').query({ more: 'person' }).expect(200);
    expect(page.text).to.contain('href="/people/kim%20chong%20on"');
  });
});
