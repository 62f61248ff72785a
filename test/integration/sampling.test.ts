import { expect } from 'chai';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { parseSearchParams } from '../../src/search/params.js';
import type { SearchResults } from '../../src/search/transformResponse.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';

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
