import { expect } from 'chai';
import { buildSearchRequest } from '../../../src/search/buildRequest.js';
import {
  OVERFETCH,
  onePerCluster,
  pageRequest,
  uncollapsedRequest,
} from '../../../src/search/copies.js';
import { parseFacets } from '../../../src/search/facets.js';
import { parseSearchParams } from '../../../src/search/params.js';
import {
  EXACT_FACET_LIMIT,
  estimateTotal,
  facetsRequest,
  hitsRequest,
  pastExactLimit,
  roughly,
  sampleFilter,
  sampleRate,
  scaleCounts,
  selectedCountRequests,
  withExactSelected,
} from '../../../src/search/sampling.js';

describe('search/sampling', () => {
  it('samples only indexes at least twice the exact limit, at a power-of-two rate', () => {
    expect(sampleRate(0)).to.equal(1);
    expect(sampleRate(2 * EXACT_FACET_LIMIT - 1)).to.equal(1);
    expect(sampleRate(2 * EXACT_FACET_LIMIT)).to.equal(2);
    expect(sampleRate(1_000_000)).to.equal(32);
    expect(sampleRate(1_000_000, 1_000)).to.equal(512);
    // Never past the bucket count: the smallest sample is one bucket.
    expect(sampleRate(1e12)).to.equal(1024);
    expect(sampleFilter(32)).to.deep.equal({ range: { sample: { lt: 32 } } });
  });

  it('moves facet selections from post_filter into the hits query and drops the aggregations', () => {
    const search = buildSearchRequest(parseSearchParams({ q: 'talks', agency: 'AP' }));
    const hits = hitsRequest(search);
    expect(hits).to.not.have.any.keys('aggs', 'post_filter');
    expect(hits.query).to.deep.equal({
      bool: { must: [search.query], filter: [search.post_filter] },
    });
    expect(hits.sort).to.deep.equal(search.sort);
    expect(hits.collapse).to.deep.equal(search.collapse);
    // Nothing selected: the query as it was.
    const plain = buildSearchRequest(parseSearchParams({ q: 'talks' }));
    expect(hitsRequest(plain).query).to.deep.equal(plain.query);
  });

  it('asks facets exactly up to a limit, or over the sample with its match count', () => {
    const search = buildSearchRequest(parseSearchParams({ q: 'talks' }));
    expect(facetsRequest(search, { terminateAfter: 500 })).to.deep.equal({
      request_cache: true,
      size: 0,
      // Its count tells whether it saw every match, whatever the engine says of stopping.
      track_total_hits: true,
      query: search.query,
      aggs: search.aggs,
      terminate_after: 500,
    });
    expect(facetsRequest(search, { sample: 8 })).to.deep.equal({
      request_cache: true,
      size: 0,
      // Its count says whether the exact request is worth asking.
      track_total_hits: true,
      query: { bool: { must: [search.query], filter: [{ range: { sample: { lt: 128 } } }] } },
      aggs: search.aggs,
    });
  });

  it('skips the exact count only when even a low reading of the sample is past the limit', () => {
    // 1 in 32 at a limit of 25,000. 800 sampled matches read as 25,600 but may be 22,800 (3
    // standard deviations under): the exact count is still asked.
    expect(pastExactLimit(800, 32, 25_000)).to.equal(false);
    expect(pastExactLimit(870, 32, 25_000)).to.equal(true);
    expect(pastExactLimit(1_250, 32, 25_000)).to.equal(true);
    // Few sampled matches say little, however high the rate.
    expect(pastExactLimit(0, 32, 25_000)).to.equal(false);
    expect(pastExactLimit(9, 64, 3)).to.equal(false);
    expect(pastExactLimit(10, 64, 3)).to.equal(true);
  });

  it('counts selected values exactly, with every selection as a filter', () => {
    const search = buildSearchRequest(
      parseSearchParams({ q: 'talks', agency: ['AP', 'AFP'], year: '2019' }),
    );
    const requests = selectedCountRequests(search);
    expect(requests.map((r) => r.facet)).to.deep.equal(['facet_agency', 'facet_year']);
    expect(requests[0]!.request.query).to.deep.equal({
      bool: {
        must: [search.query],
        filter: [{ terms: { year: [2019] } }, { terms: { agencies: ['AP', 'AFP'] } }],
      },
    });
    expect(requests[0]!.request.aggs).to.deep.equal({
      selected: search.aggs!['facet_agency']!.aggs!['selected'],
    });
    expect(requests[1]!.request.query).to.deep.equal({
      bool: {
        must: [search.query],
        filter: [{ terms: { agencies: ['AP', 'AFP'] } }, { terms: { year: [2019] } }],
      },
    });
    expect(selectedCountRequests(buildSearchRequest(parseSearchParams({ q: 'x' })))).to.eql([]);
  });

  it('scales every count and rounds to two significant digits', () => {
    expect(roughly(412_391)).to.equal(410_000);
    expect(roughly(96)).to.equal(96);
    expect(roughly(1_250)).to.equal(1_300);
    const aggs = {
      facet_agency: {
        doc_count: 30_000,
        values: { sum_other_doc_count: 7, buckets: [{ key: 'AP', doc_count: 1_234 }] },
      },
      histogram: { dates: { buckets: [{ key_as_string: '2019-01-01', key: 1, doc_count: 3 }] } },
    };
    expect(scaleCounts(aggs, 32)).to.deep.equal({
      facet_agency: {
        doc_count: 960_000,
        values: { sum_other_doc_count: 220, buckets: [{ key: 'AP', doc_count: 39_000 }] },
      },
      histogram: { dates: { buckets: [{ key_as_string: '2019-01-01', key: 1, doc_count: 96 }] } },
    });
    // A copy: the answer it came from is untouched.
    expect(aggs.facet_agency.doc_count).to.equal(30_000);
  });

  it('estimates the page total from the histogram, which applies every selection', () => {
    const scaled = {
      facet_agency: { doc_count: 960_000 },
      histogram: { doc_count: 310_000, dates: { buckets: [] } },
    };
    expect(estimateTotal(10_000, scaled)).to.equal(310_000);
    expect(estimateTotal(10_000, { histogram: { doc_count: 3_200 } })).to.equal(10_000);
    expect(estimateTotal(10_000, {})).to.equal(10_000);
  });

  it('lays exact selected counts over the estimate, and marks only the rest approximate', () => {
    const params = parseSearchParams({ q: 'talks', agency: 'AP' });
    const estimated = {
      facet_agency: {
        values: {
          buckets: [
            { key: 'AP', doc_count: 39_000 },
            { key: 'AFP', doc_count: 12_000 },
          ],
        },
        selected: { buckets: [{ key: 'AP', doc_count: 39_000 }] },
      },
    };
    const merged = withExactSelected(
      estimated,
      new Map([['facet_agency', [{ key: 'AP', doc_count: 38_421 }]]]),
    );
    const facets = parseFacets(params, merged, new Map(), true);
    expect(facets.agency.values).to.deep.equal([
      { value: 'AP', count: 38_421, selected: true },
      { value: 'AFP', count: 12_000, selected: false, approximate: true },
    ]);
    // Exact facets carry no flag at all.
    expect(parseFacets(params, merged).agency.values[1]).to.not.have.key('approximate');
  });
});

describe('search/copies one hit per cluster from plain hits', () => {
  const hit = (id: string, cluster: string) => ({ _id: id, _source: { cluster } });
  const hits = [hit('a1', 'a'), hit('a2', 'a'), hit('b1', 'b'), hit('c1', 'c'), hit('b2', 'b')];

  it('keeps the first hit of each cluster, in order, and pages over stories', () => {
    expect(onePerCluster(hits, 0, 2, false)).to.deep.equal(['a1', 'b1']);
    expect(onePerCluster(hits, 1, 2, false)).to.deep.equal(['b1', 'c1']);
  });

  it('asks for the collapsed request when the plain hits may hide the page', () => {
    expect(onePerCluster(hits, 2, 2, false)).to.equal(null);
    // Unless they are every match there is: then the page is what is left.
    expect(onePerCluster(hits, 2, 2, true)).to.deep.equal(['c1']);
    expect(onePerCluster(hits, 5, 2, true)).to.deep.equal([]);
  });

  it('asks plain hits deep enough, ids and clusters only, then the page by id', () => {
    const search = buildSearchRequest(parseSearchParams({ q: 'talks', page: '2' }));
    const plain = uncollapsedRequest(search, 20, 10_000);
    expect(plain).to.not.have.any.keys('collapse', 'highlight');
    expect(plain).to.include({ from: 0, size: 20 * OVERFETCH });
    expect(plain._source).to.deep.equal(['cluster']);
    expect(plain.sort).to.deep.equal(search.sort);
    expect(uncollapsedRequest(search, 9_000, 10_000).size).to.equal(10_000);
    const page = pageRequest(search, ['b1', 'c1']);
    expect(page.query).to.deep.equal({
      bool: { must: [search.query], filter: [{ ids: { values: ['b1', 'c1'] } }] },
    });
    expect(page).to.include({ from: 0, size: 2, track_total_hits: false });
    expect(page.highlight).to.deep.equal(search.highlight);
    expect(page).to.not.have.key('collapse');
  });
});
