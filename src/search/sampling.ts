import type { estypes } from '@elastic/elasticsearch';
import { SAMPLE_BUCKETS } from '../articles/document.js';
import { canonicalKey } from '../names/canonical.js';
import { buckets, type TermsBucket } from './facets.js';

// Facet counts of a broad search over a large index. Counting every match is what a first-time
// search spends most of its time on at a million articles (a common word matches most of them),
// and no one reads "412,391" differently from "≈ 410,000". So facets are asked twice at once:
//   - exactly, stopping after EXACT_FACET_LIMIT matches (`terminate_after`): a search with fewer
//     matches gets its exact counts from this, whatever the index size;
//   - over a fixed random slice of the index (the `sample` field, from a hash of the id) holding
//     about EXACT_FACET_LIMIT articles, counts scaled up by the slice's rate.
// The slice's answer is used only when the exact one stopped early, and then every count it
// gives is marked approximate. The values the user selected are counted exactly apart
// (selectedCountRequests), so what the page says about a choice the user made is never a guess.

/** Matches counted exactly before facets fall back to the sample. */
export const EXACT_FACET_LIMIT = 25_000;

/**
 * How many times the index is larger than a sample of about EXACT_FACET_LIMIT articles: a power
 * of two, so a sample is `sample < SAMPLE_BUCKETS / rate`. 1 means no sampling (a small index:
 * every count exact, one request).
 */
export function sampleRate(sampleable: number, limit = EXACT_FACET_LIMIT): number {
  let rate = 1;
  while (rate < SAMPLE_BUCKETS && sampleable / (rate * 2) >= limit) rate *= 2;
  return rate;
}

/** The articles in the sample of the given rate. */
export function sampleFilter(rate: number): estypes.QueryDslQueryContainer {
  return { range: { sample: { lt: SAMPLE_BUCKETS / rate } } };
}

const COUNT_KEYS = new Set(['doc_count', 'sum_other_doc_count', 'doc_count_error_upper_bound']);

/**
 * Aggregation results with every count multiplied by `rate`, rounded to two significant digits:
 * a sample's estimate of the whole, shown no more precisely than it is. Pure; returns a copy.
 */
export function scaleCounts<T>(value: T, rate: number): T {
  if (Array.isArray(value)) return value.map((v) => scaleCounts(v, rate)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = COUNT_KEYS.has(k) && typeof v === 'number' ? roughly(v * rate) : scaleCounts(v, rate);
  }
  return out as T;
}

/** Two significant digits: 412,391 -> 410,000; 96 -> 96. */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

/**
 * The hits alone, from the one-request search: the facet selections, which post_filter applied
 * so that the aggregations could ignore them, become plain filters, which lets the engine skip
 * what they exclude instead of scoring it first.
 */
export function hitsRequest(search: estypes.SearchRequest): estypes.SearchRequest {
  const { aggs: _aggs, post_filter: postFilter, ...rest } = search;
  if (postFilter === undefined) return rest;
  const query = search.query ?? { match_all: {} };
  return { ...rest, query: { bool: { must: [query], filter: [postFilter] } } };
}

/** The facets and histogram alone, counted exactly up to `terminateAfter` matches if given. */
export function facetsRequest(
  search: estypes.SearchRequest,
  opts: { terminateAfter?: number; sample?: number } = {},
): estypes.SearchRequest {
  const query = search.query ?? { match_all: {} };
  return {
    request_cache: true,
    size: 0,
    // The exact request's count says whether it saw every match (see countedAll); the sample's
    // says whether the exact request is worth asking (pastExactLimit). Free beside aggregations,
    // which visit every match anyway.
    track_total_hits: true,
    query:
      opts.sample === undefined
        ? query
        : { bool: { must: [query], filter: [sampleFilter(opts.sample)] } },
    ...(search.aggs !== undefined ? { aggs: search.aggs } : {}),
    ...(opts.terminateAfter !== undefined ? { terminate_after: opts.terminateAfter } : {}),
  };
}

/**
 * Whether `sampled` matches in a sample of 1 in `rate` put the whole so far past `limit` that an
 * exact count would stop short: the exact request is then not sent, and the work it would waste
 * (up to `limit` matches aggregated) is left to the hits, which share the same cores. The
 * sample's count is taken at its lower bound, three standard deviations (√n) under it, so that a
 * search the exact request could count is never left to the sample by chance.
 */
export function pastExactLimit(sampled: number, rate: number, limit: number): boolean {
  return (sampled - 3 * Math.sqrt(sampled)) * rate > limit;
}

/**
 * Exact counts of the selected values, one request per facet with a selection: the facet's own
 * selection and the other facets' go in the query as filters, so the engine visits only the
 * articles they allow. Answers carry `aggregations.selected` as facetAggs' sub-aggregation does.
 */
export function selectedCountRequests(
  search: estypes.SearchRequest,
): { facet: string; request: estypes.SearchRequest }[] {
  const query = search.query ?? { match_all: {} };
  const out: { facet: string; request: estypes.SearchRequest }[] = [];
  for (const [name, agg] of Object.entries(search.aggs ?? {})) {
    const selected = agg.aggs?.['selected'];
    if (!name.startsWith('facet_') || selected?.terms === undefined) continue;
    const terms = selected.terms;
    const others = agg.filter;
    const own = { terms: { [terms.field as string]: terms.include as string[] } };
    const filter = others === undefined || 'match_all' in others ? [own] : [others, own];
    out.push({
      facet: name,
      request: {
        request_cache: true,
        size: 0,
        track_total_hits: false,
        query: { bool: { must: [query], filter } },
        aggs: { selected },
      },
    });
  }
  return out;
}

/**
 * The sample's facets with the exact counts of the selected values laid over them: in the
 * facet's `selected` buckets and wherever a selected value is among its top values.
 */
export function withExactSelected(
  aggregations: Record<string, unknown>,
  exact: ReadonlyMap<string, TermsBucket[]>,
): Record<string, unknown> {
  const out = { ...aggregations };
  for (const [facet, counted] of exact) {
    const agg = out[facet] as { values?: { buckets?: TermsBucket[] } } | undefined;
    if (agg === undefined) continue;
    const values = buckets(agg.values).map((b) => {
      const hit = counted.find((e) => sameValue(facet, String(e.key), String(b.key)));
      return hit === undefined ? b : { ...b, doc_count: hit.doc_count };
    });
    out[facet] = {
      ...agg,
      values: { ...agg.values, buckets: values },
      selected: { buckets: counted },
    };
  }
  return out;
}

/** People facet values are one person when their keys agree (the display and a spelling). */
function sameValue(facet: string, a: string, b: string): boolean {
  return facet === 'facet_person' ? canonicalKey(a) === canonicalKey(b) : a === b;
}

/**
 * The matches of the page, estimated from the sample's scaled aggregations: the histogram counts
 * under every selection (the facets each leave their own out), so its count is the page's. Never
 * below what the hits counted.
 */
export function estimateTotal(counted: number, scaled: Record<string, unknown>): number {
  const histogram = scaled['histogram'] as { doc_count?: unknown } | undefined;
  const n = typeof histogram?.doc_count === 'number' ? histogram.doc_count : 0;
  return Math.max(counted, n);
}
