import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { collectArticles } from '../../src/articles/walk.js';
import type { ArticleDocument } from '../../src/articles/types.js';
import { createCompatClient } from '../../src/engine/client.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import {
  SAMPLE_DIR,
  indexSample,
  testClient,
  testUrl,
  type SampleIndex,
} from '../support/engine.js';
import { pausableProxy } from '../support/proxy.js';

// The web app over the real engine and data/sample, plus one hostile document. Expected counts
// are computed here from the corpus files, not asked of the engine.

const HOSTILE_ID = 'hostile-xss-0001';
const HOSTILE: ArticleDocument = {
  path: 'hostile/xss.txt',
  date: '1999-07-04',
  year: 1999,
  title: 'Zebrafish <script>alert("t")</script> summit',
  agencies: ['XSS <b>Agency</b>'],
  dateline: 'NOWHERE',
  body: 'A zebrafish delegation <img src=x onerror=alert(1)> met officials.\n\nSecond zebrafish paragraph.',
  captions: ['Zebrafish <script>alert(2)</script> in a tank'],
  credits: ['AP'],
  people: [],
  people_keys: [],
  title_people_keys: [],
  names: [],
  people_pivot: [],
  people_readings: [],
  people_spellings: [],
  hash: 'hostile',
  cluster: HOSTILE_ID,
  sample: 0,
};

type Doc = ArticleDocument;

function count(docs: Doc[], pred: (d: Doc) => boolean): number {
  return docs.filter(pred).length;
}

function tally(docs: Doc[], values: (d: Doc) => (string | number | null)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of docs)
    for (const v of new Set(values(d)))
      if (v !== null) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
  return m;
}

describe('web app over the engine (integration)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let app: Express;
  let docs: Doc[];

  before(async () => {
    sample = await indexSample('web-dev-test');
    await testClient().index({
      index: sample.alias,
      id: HOSTILE_ID,
      document: HOSTILE,
      refresh: true,
    });
    const { docs: corpus } = await collectArticles(SAMPLE_DIR);
    docs = [...corpus, HOSTILE];
    app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
  });
  after(async () => {
    await sample?.cleanup();
  });

  it('counts everything with an empty query, newest first, and facet counts match the corpus', async () => {
    const res = await request(app).get('/api/search?size=50').expect(200);
    expect(res.body.total).to.deep.equal({ value: docs.length, relation: 'eq' });
    const dates: string[] = res.body.hits.map((h: { date: string }) => h.date);
    expect(dates).to.deep.equal([...dates].sort().reverse());
    // Each facet must come back with values, or the loops below would check nothing.
    for (const facet of ['agency', 'year', 'person', 'dateline']) {
      expect(res.body.facets[facet], facet).to.be.an('array').and.have.length.above(0);
    }
    const agencies = tally(docs, (d) => d.agencies);
    for (const f of res.body.facets.agency)
      expect(f.count, f.value).to.equal(agencies.get(f.value));
    const years = tally(docs, (d) => [d.year]);
    for (const f of res.body.facets.year) expect(f.count, f.value).to.equal(years.get(f.value));
    const people = tally(docs, (d) => d.people);
    // 10 values a facet: whether there are more is said, and is true only when there are.
    expect(res.body.facets_has_more.person).to.equal(people.size > 10);
    expect(res.body.facets_has_more.year).to.equal(years.size > 10);
    for (const f of res.body.facets.person) expect(f.count, f.value).to.equal(people.get(f.value));
    const histogramTotal = res.body.histogram.reduce(
      (s: number, b: { count: number }) => s + b.count,
      0,
    );
    expect(histogramTotal).to.equal(docs.length);
  });

  it('ORs within a facet, ANDs across facets, and keeps disjunctive counts', async () => {
    const [a, b] = [...tally(docs, (d) => d.agencies).entries()]
      .sort((x, y) => y[1] - x[1])
      .map((e) => e[0]);
    const one = await request(app).get('/api/search').query({ agency: a }).expect(200);
    expect(one.body.total.value).to.equal(count(docs, (d) => d.agencies.includes(a!)));
    // The agency facet still counts the other agencies over all docs (its own filter is left out).
    const all = tally(docs, (d) => d.agencies);
    expect(one.body.facets.agency).to.be.an('array').and.have.length.above(0);
    expect(one.body.facets.dateline).to.be.an('array').and.have.length.above(0);
    for (const f of one.body.facets.agency) expect(f.count, f.value).to.equal(all.get(f.value));
    // Other facets count within the selection.
    const datelines = tally(
      docs.filter((d) => d.agencies.includes(a!)),
      (d) => [d.dateline],
    );
    for (const f of one.body.facets.dateline)
      expect(f.count, f.value).to.equal(datelines.get(f.value));

    const either = await request(app)
      .get(`/api/search?agency=${encodeURIComponent(a!)}&agency=${encodeURIComponent(b!)}`)
      .expect(200);
    expect(either.body.total.value).to.equal(
      count(docs, (d) => d.agencies.includes(a!) || d.agencies.includes(b!)),
    );

    const year = docs.find((d) => d.agencies.includes(a!))!.year;
    const both = await request(app)
      .get('/api/search')
      .query({ agency: a, year: String(year) })
      .expect(200);
    expect(both.body.total.value).to.equal(
      count(docs, (d) => d.agencies.includes(a!) && d.year === year),
    );
    expect(
      both.body.facets.year.find((f: { value: string }) => f.value === String(year)).selected,
    ).to.equal(true);
  });

  it('filters by date range and sorts oldest first', async () => {
    const res = await request(app)
      .get('/api/search?from=2010-01-01&to=2015-12-31&sort=oldest&size=50')
      .expect(200);
    expect(res.body.total.value).to.equal(
      count(docs, (d) => d.date >= '2010-01-01' && d.date <= '2015-12-31'),
    );
    const dates: string[] = res.body.hits.map((h: { date: string }) => h.date);
    expect(dates).to.deep.equal([...dates].sort());
    expect(res.body.histogram[0].key).to.match(/^\d{4}$/);
  });

  it('pages without repeating hits', async () => {
    const p1 = await request(app).get('/api/search?size=10&page=1').expect(200);
    const p2 = await request(app).get('/api/search?size=10&page=2').expect(200);
    expect(p2.body.page).to.equal(2);
    const ids1 = p1.body.hits.map((h: { id: string }) => h.id);
    const ids2 = p2.body.hits.map((h: { id: string }) => h.id);
    expect(ids2).to.have.length(10);
    expect(ids1.filter((id: string) => ids2.includes(id))).to.deep.equal([]);
  });

  it('finds and highlights a query, with snippets that show the match', async () => {
    const res = await request(app).get('/api/search?q=summit').expect(200);
    expect(res.body.total.value).to.be.greaterThan(0);
    const marked = res.body.hits.filter((h: { snippets: string[]; title_html: string }) =>
      [...h.snippets, h.title_html].some((s) => s.includes('<mark>')),
    );
    expect(marked.length).to.equal(res.body.hits.length);
  });

  it('suggests a spelling only when a search finds almost nothing', async () => {
    const word = 'missile';
    const withWord = count(docs, (d) => d.body.toLowerCase().includes(word));
    expect(withWord, 'the sample must use the word').to.be.greaterThan(0);
    const misspelt = await request(app).get('/api/search?q=misile').expect(200);
    expect(misspelt.body.total.value).to.equal(0);
    expect(misspelt.body.suggestion).to.equal(word);
    const found = await request(app).get(`/api/search?q=${word}`).expect(200);
    expect(found.body.suggestion).to.equal(null);
    // A correction that would find nothing either is not offered (the suggester's collate).
    const nonsense = await request(app).get('/api/search?q=zzqqxx%20blorf').expect(200);
    expect(nonsense.body.total.value).to.equal(0);
    expect(nonsense.body.suggestion).to.equal(null);
  });

  it('never splits a highlighted name across two snippets', async () => {
    const res = await request(app).get('/api/search?q=Kim%20Jong%20Un&size=50').expect(200);
    const all: string[][] = res.body.hits.map((h: { snippets: string[] }) => h.snippets);
    // The sample has sentences long enough to be cut inside the name; they must come out whole.
    expect(
      all.flat().some((s) => /<mark>Kim<\/mark> <mark>Jong<\/mark>-<mark>un<\/mark>/.test(s)),
    ).to.equal(true);
    for (const snippets of all) {
      for (let i = 1; i < snippets.length; i++) {
        const cut = /<\/mark>\s*$/.test(snippets[i - 1]!) && /^\s*<mark>/.test(snippets[i]!);
        expect(cut, `${snippets[i - 1]} | ${snippets[i]}`).to.equal(false);
      }
    }
  });

  it('answers 400 naming the parameter, as JSON and as a page', async () => {
    const api = await request(app).get('/api/search?page=0').expect(400);
    expect(api.body).to.deep.equal({ error: api.body.error, param: 'page' });
    await request(app)
      .get('/api/search?size=500')
      .expect(400, /"param":"size"/);
    await request(app)
      .get('/api/search?from=2021-13-01')
      .expect(400, /"param":"from"/);
    await request(app)
      .get('/api/search?page=2000')
      .expect(400, /10,000/);
    const page = await request(app).get('/search?sort=best').expect(400);
    expect(page.text).to.include('sort');
    expect(page.text).to.include('<form');
  });

  it('never fails on query syntax', async () => {
    for (const q of [
      '"unclosed',
      '((( -',
      'OR OR',
      '*',
      'a~~~',
      '\\',
      '+-|',
      'kim AND',
      '김정은 "',
    ]) {
      await request(app).get('/api/search').query({ q }).expect(200);
      await request(app).get('/search').query({ q }).expect(200);
    }
  });

  it('escapes hostile article text in results, snippets and the article page', async () => {
    const api = await request(app).get('/api/search?q=zebrafish').expect(200);
    expect(api.body.total.value).to.equal(1);
    const hit = api.body.hits[0];
    expect(hit.title_html).to.not.include('<script>');
    expect(hit.title_html).to.include('&lt;script&gt;');
    expect(hit.snippets).to.be.an('array').and.have.length.above(0);
    for (const s of hit.snippets) expect(s).to.not.match(/<img|<script/);

    const page = await request(app).get('/search?q=zebrafish').expect(200);
    expect(page.text).to.not.match(/<script>alert|<img src=x|<b>Agency/);
    expect(page.text).to.include('<mark>');

    const article = await request(app).get(`/article/${HOSTILE_ID}?q=zebrafish`).expect(200);
    expect(article.text).to.not.match(/<script>alert|<img src=x|<b>Agency/);
    expect(article.text).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(article.text).to.include('<mark>zebrafish</mark>');
    expect(article.text).to.include('href="/search?q=zebrafish"');
  });

  it('serves articles as a page and as JSON, 404 for unknown ids', async () => {
    const first = docs[0]!;
    const list = await request(app)
      .get('/api/search')
      .query({ q: `"${first.title}"` })
      .expect(200);
    const id = list.body.hits[0].id;
    const page = await request(app).get(`/article/${id}`).expect(200);
    expect(page.text).to.include('Back to results');
    const json = await request(app).get(`/api/articles/${id}`).expect(200);
    expect(json.body.title).to.equal(list.body.hits[0].title);
    expect(json.body.paragraphs_html.length).to.be.greaterThan(0);
    await request(app)
      .get('/article/no-such-article-000')
      .expect(404, /Page not found/);
    await request(app).get('/api/articles/no-such-article-000').expect(404);
    await request(app).get('/article/%E0%A4%A').expect(400);
    await request(app).get('/nowhere').expect(404);
  });

  it('serves health, OpenAPI and the stylesheet', async () => {
    const health = await request(app).get('/healthz').expect(200);
    expect(health.body).to.include({ status: 'ok', alias_present: true });
    const doc = await request(app).get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).to.equal('3.1.0');
    expect(Object.keys(doc.body.paths)).to.include('/api/search');
    await request(app).get('/static/style.css').expect(200).expect('content-type', /css/);
  });

  it('renders the page with facets, chips, histogram and pagination', async () => {
    const agency = docs[0]!.agencies[0]!;
    const res = await request(app).get('/search').query({ agency }).expect(200);
    expect(res.text).to.include('aria-live="polite"');
    expect(res.text).to.match(/type="checkbox"[^>]*name="agency"[^>]*checked/);
    expect(res.text).to.include('class="chip"');
    expect(res.text).to.include('<svg');
    const all = await request(app).get('/search').expect(200);
    expect(all.text).to.include('aria-label="Result pages"');
  });

  describe('when the alias is missing or the engine is down', () => {
    it('answers 503 with Retry-After', async () => {
      const dead = createCompatClient({
        url: 'http://127.0.0.1:9',
        maxRetries: 0,
        requestTimeoutMs: 2_000,
      });
      const down = createApp({
        search: createEngineSearchService({ client: dead, alias: 'x' }),
        env: 'test',
      });
      await request(down).get('/api/search?q=kim').expect(503).expect('retry-after', /\d+/);
      await request(down)
        .get('/search?q=kim')
        .expect(503, /temporarily unavailable/);
      await request(down).get('/healthz').expect(503);
      await dead.close();
      const missing = createApp({
        search: createEngineSearchService({ client: testClient(), alias: 'web-dev-missing-alias' }),
        env: 'test',
      });
      await request(missing).get('/api/search').expect(503);
      const h = await request(missing).get('/healthz').expect(503);
      expect(h.body).to.include({ engine: 'up', alias_present: false });
    });

    it('recovers by itself when the engine comes back, without a restart', async () => {
      // The engine behind a loopback proxy that is taken down and brought back on its port.
      const proxy = await pausableProxy(testUrl());
      const client = createCompatClient({ url: proxy.url });
      const served = createApp({
        search: createEngineSearchService({ client, alias: sample.alias }),
        env: 'test',
      });
      try {
        await request(served).get('/api/search?q=kim').expect(200);
        await proxy.down();
        await request(served).get('/api/search?q=kim').expect(503).expect('retry-after', /\d+/);
        await request(served).get('/healthz').expect(503);
        await request(served).get('/livez').expect(200);
        await proxy.up();
        const back = await request(served).get('/api/search?q=kim').expect(200);
        expect(back.body.total.value).to.be.greaterThan(0);
        await request(served).get('/healthz').expect(200);
      } finally {
        await client.close();
        await proxy.close();
      }
    });

    it('answers 503 at once with the client serve builds, and /livez stays 200', async () => {
      // The client as `ireum serve` makes it: the client's default retries, nothing tuned.
      const dead = createCompatClient({ url: 'http://127.0.0.1:9' });
      const down = createApp({
        search: createEngineSearchService({ client: dead, alias: 'x' }),
        env: 'test',
      });
      try {
        for (const path of ['/api/search?q=kim', '/search?q=kim']) {
          const started = Date.now();
          await request(down).get(path).expect(503).expect('retry-after', /\d+/);
          // No retry backoff: a refused connection is known in milliseconds (it was 1.5-2 s).
          expect(Date.now() - started, path).to.be.below(500);
        }
        const live = await request(down).get('/livez').expect(200);
        expect(live.body).to.deep.equal({ status: 'ok' });
      } finally {
        await dead.close();
      }
    });
  });
});
