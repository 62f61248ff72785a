import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { collectArticles } from '../../src/articles/walk.js';
import type { ArticleDocument } from '../../src/articles/types.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { canonicalKey } from '../../src/names/canonical.js';
import { FACET_MORE_SIZE } from '../../src/search/facets.js';
import { createApp } from '../../src/web/app.js';
import { SAMPLE_DIR, indexSample, testClient, type SampleIndex } from '../support/engine.js';

// Name-aware search over data/sample through the JSON API: any spelling of a person finds that
// person's articles and nobody else's, and the people facet shows each person once. Which
// articles name whom is read from the corpus files, not asked of the engine.

interface Hit {
  path: string;
  people: string[];
  matched_names: { query: string; canonical: string; variants: string[] }[];
}

describe('name search over data/sample (integration)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let app: Express;
  let docs: ArticleDocument[];

  before(async () => {
    sample = await indexSample('names-dev-test');
    ({ docs } = await collectArticles(SAMPLE_DIR));
    app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
  });
  after(async () => {
    await sample?.cleanup();
  });

  async function search(q: string): Promise<Hit[]> {
    // Every article naming the person: wire copies of one story as hits of their own.
    const res = await request(app)
      .get('/api/search')
      .query({ q, size: '50', dup: 'all' })
      .expect(200);
    expect(res.body.total.value, q).to.equal(res.body.hits.length);
    return res.body.hits as Hit[];
  }

  function pathsWith(person: string): string[] {
    return docs.filter((d) => d.people.includes(person)).map((d) => d.path);
  }

  it('finds Kim Jong-un under a Revised Romanization spelling, and only him', async () => {
    const hits = await search('Gim Jeong-eun');
    expect(hits.map((h) => h.path)).to.have.members(pathsWith('Kim Jong-un'));
    for (const h of hits) {
      expect(h.people, h.path).to.include('Kim Jong-un');
      expect(h.matched_names[0]?.canonical, h.path).to.equal('Kim Jong-un');
    }
  });

  it('gives for kim jong il only the articles that name Kim Jong-il', async () => {
    const hits = await search('kim jong il');
    expect(hits).to.have.length.above(0);
    for (const h of hits) expect(h.people, h.path).to.include('Kim Jong-il');
    expect(hits.map((h) => h.path)).to.have.members(pathsWith('Kim Jong-il'));
  });

  it('finds the same articles for 김정은 as for Kim Jong-un', async () => {
    const latin = (await search('Kim Jong-un')).map((h) => h.path);
    const hangul = (await search('김정은')).map((h) => h.path);
    expect(latin).to.have.length.above(0);
    expect(hangul).to.have.members(latin);
  });

  it('finds Moon Jae-in, not Ban Ki-moon or Kim Moon-soo', async () => {
    // The sample has no article that mentions only the moon; these are the nearest traps.
    const moonOnly = docs.filter(
      (d) => !d.people.includes('Moon Jae-in') && /\bmoon\b/i.test(d.body),
    );
    expect(moonOnly).to.have.length.above(0);
    const hits = await search('Moon Jae-in');
    expect(hits.map((h) => h.path)).to.have.members(pathsWith('Moon Jae-in'));
    for (const h of hits) expect(h.people, h.path).to.include('Moon Jae-in');
  });

  it('lists each person once in the people facet', async () => {
    const res = await request(app).get('/api/search?more=person').expect(200);
    const values: string[] = res.body.facets.person.map((f: { value: string }) => f.value);
    const everyone = new Set(docs.flatMap((d) => d.people));
    expect(values).to.have.length(Math.min(everyone.size, FACET_MORE_SIZE));
    const byKey = new Map<string, string>();
    for (const v of values) {
      const key = canonicalKey(v);
      expect(byKey.get(key), `${v} and ${byKey.get(key)} share ${key}`).to.equal(undefined);
      byKey.set(key, v);
    }
  });

  it('the people box finds a person by any spelling and by Hangul', async () => {
    for (const q of ['김정은', 'Gim Jeong-eun', 'jong-un']) {
      const res = await request(app).get('/api/search').query({ person_q: q }).expect(200);
      const people = (res.body.facets.person as { value: string }[]).map((v) => v.value);
      expect(people, q).to.include('Kim Jong-un');
      expect(people, q).to.not.include('Moon Jae-in');
    }
  });
});
