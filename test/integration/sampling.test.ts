import type { estypes } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateArticle, mulberry32 } from '../../src/articles/generate.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { parseSearchParams } from '../../src/search/params.js';
import type { SearchResults } from '../../src/search/transformResponse.js';
import { reindex } from '../../src/indexing/reindex.js';
import {
  articlesMapping,
  deleteAliasIndices,
  indexSample,
  testClient,
  uniqueIndexName,
  type SampleIndex,
} from '../support/engine.js';

// Facets of broad searches on a large index come from a sample (search/sampling.ts). A million
// articles cannot be indexed in CI, so the same code runs over data/sample with an exact limit
// of 3 matches: a search with more matches takes the sampled path, one with fewer the exact one.
// The one-request service (no sampling: its limit is above the sample) is the reference.

describe('facets from a sample of a large index (integration)', function () {
  this.timeout(180_000);
  let sample: SampleIndex;
  const LIMIT = 3;

  before(async () => {
    sample = await indexSample('sampling-test');
  });
  after(async () => {
    await sample?.cleanup();
  });

  const services = () => ({
    sampled: createEngineSearchService({
      client: testClient(),
      alias: sample.alias,
      facetLimit: LIMIT,
    }),
    exact: createEngineSearchService({ client: testClient(), alias: sample.alias }),
  });

  const ids = (r: SearchResults) => r.hits.map((h) => h.id);

  it('keeps hits and totals, estimates facets past the limit, and counts selections exactly', async () => {
    const { sampled, exact } = services();
    const q = { q: '', agency: 'AP', size: '50' };
    const [a, b] = await Promise.all([
      sampled.search(parseSearchParams(q)),
      exact.search(parseSearchParams(q)),
    ]);
    expect(b.total.value, 'enough AP articles to pass the limit').to.be.above(LIMIT);
    expect(ids(a)).to.deep.equal(ids(b));
    expect(a.total).to.deep.equal(b.total);
    expect(b.approximate).to.equal(false);
    expect(a.approximate).to.equal(true);
    // The hits counted every match (far under 10,000): no estimate of the total stands in.
    expect(a.total.relation).to.equal('eq');
    expect(a.total_estimate).to.equal(null);

    // The selected value: exact, not flagged, equal to the one-request count.
    const selA = a.facets.agency.values.find((v) => v.value === 'AP')!;
    const selB = b.facets.agency.values.find((v) => v.value === 'AP')!;
    expect(selA).to.deep.equal(selB);
    // Everything else shown is flagged as an estimate, a multiple of the sample's rate.
    const others = [...a.facets.agency.values, ...a.facets.dateline.values].filter(
      (v) => !v.selected,
    );
    expect(others.length).to.be.above(0);
    for (const v of others) expect(v.approximate, v.value).to.equal(true);
    for (const v of b.facets.dateline.values) expect(v).to.not.have.key('approximate');
  });

  it('counts a search with fewer matches than the limit exactly, as the one request does', async () => {
    const { sampled, exact } = services();
    // A narrow search: one story's copies.
    const q = { q: 'Sentosa', dup: 'all' };
    const [a, b] = await Promise.all([
      sampled.search(parseSearchParams(q)),
      exact.search(parseSearchParams(q)),
    ]);
    expect(b.total.value).to.be.within(1, LIMIT);
    expect(a.total_estimate).to.equal(null);
    expect(a.approximate).to.equal(false);
    expect(a.facets).to.deep.equal(b.facets);
    expect(a.histogram).to.deep.equal(b.histogram);
    expect(ids(a)).to.deep.equal(ids(b));
  });

  it('picks collapsed pages from plain hits exactly as the engine collapses them', async () => {
    const { sampled, exact } = services();
    for (const q of [
      { q: 'Singapore summit' },
      { q: 'Singapore summit', size: '2', page: '2' },
      { q: '', size: '5', page: '3' },
      { q: 'Kim', sort: 'newest', size: '3' },
      { q: 'Singapore summit', page: '40' },
    ]) {
      const [a, b] = await Promise.all([
        sampled.search(parseSearchParams(q)),
        exact.search(parseSearchParams(q)),
      ]);
      const show = (r: SearchResults) =>
        r.hits.map((h) => ({ id: h.id, snippets: h.snippets, copies: h.copies.map((c) => c.id) }));
      expect(show(a), JSON.stringify(q)).to.deep.equal(show(b));
      expect(a.stories, JSON.stringify(q)).to.equal(b.stories);
    }
  });
});

// A sample of the 36 articles above is too small to be sure of anything, so the exact count is
// always asked there. Over a few hundred generated articles a broad search's sample is large
// enough to say the exact count would stop short: it is then not asked at all.
describe('facets of a broad search without the exact count (integration)', function () {
  this.timeout(180_000);
  const LIMIT = 20;
  const N = 400;
  let dir: string;
  let alias: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ireum-sampling-'));
    const rng = mulberry32(7);
    for (let i = 0; i < N; i++) {
      const a = generateArticle(rng, i);
      mkdirSync(dirname(join(dir, a.path)), { recursive: true });
      writeFileSync(join(dir, a.path), a.text);
    }
    alias = uniqueIndexName('ireum-test-sampling-broad');
    await reindex({ client: testClient(), source: dir, alias, mapping: await articlesMapping() });
  });
  after(async () => {
    if (alias !== undefined) await deleteAliasIndices(alias);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** A service over a real client whose searches are recorded on their way to the engine. */
  function recorded(facetLimit?: number) {
    const client = testClient();
    const asked: estypes.SearchRequest[] = [];
    const search = client.search.bind(client);
    client.search = ((params: estypes.SearchRequest, options?: unknown) => {
      asked.push(params);
      return search(params as never, options as never);
    }) as typeof client.search;
    const service = createEngineSearchService({
      client,
      alias,
      ...(facetLimit === undefined ? {} : { facetLimit }),
    });
    return { service, asked };
  }
  const exactAsked = (asked: estypes.SearchRequest[]) =>
    asked.filter((r) => r.terminate_after !== undefined).length;

  it('leaves a broad search to the sample, with its selected values still exact', async () => {
    const { service, asked } = recorded(LIMIT);
    const reference = createEngineSearchService({ client: testClient(), alias });
    const q = { q: '', agency: 'AP' };
    const [a, b] = await Promise.all([
      service.search(parseSearchParams(q)),
      reference.search(parseSearchParams(q)),
    ]);
    expect(b.total.value, 'far more AP articles than the limit').to.be.above(5 * LIMIT);
    expect(exactAsked(asked)).to.equal(0);
    expect(a.approximate).to.equal(true);
    expect(a.hits.map((h) => h.id)).to.deep.equal(b.hits.map((h) => h.id));
    expect(a.total).to.deep.equal(b.total);
    const selected = (r: SearchResults) => r.facets.agency.values.find((v) => v.value === 'AP');
    expect(selected(a)).to.deep.equal(selected(b));
  });

  it('still counts a narrow search exactly', async () => {
    const { service, asked } = recorded(LIMIT);
    const reference = createEngineSearchService({ client: testClient(), alias });
    // Two people seldom named together: a narrow search.
    const q = { q: 'Kang Kyung-wha "Pak Pong-ju"' };
    const [a, b] = await Promise.all([
      service.search(parseSearchParams(q)),
      reference.search(parseSearchParams(q)),
    ]);
    expect(b.total.value).to.be.within(1, LIMIT);
    expect(exactAsked(asked)).to.equal(1);
    expect(a.approximate).to.equal(false);
    expect(a.facets).to.deep.equal(b.facets);
  });
});
