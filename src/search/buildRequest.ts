import type { estypes } from '@elastic/elasticsearch';
import { collapseClause, collapses } from './copies.js';
import { facetAggs } from './facets.js';
import { allOf, dateRangeFilter, otherFacetFilters } from './filters.js';
import { articleHighlight, resultsHighlight } from './highlight.js';
import { histogramAgg } from './histogram.js';
import { MAX_WINDOW, type SearchParams } from './params.js';
import { sortClauses } from './sorting.js';
import { suggester } from './suggest.js';
import { detectNames, type DetectedName, type NameMatchOptions } from './nameQuery.js';
import { textQuery } from './textQuery.js';

/**
 * Totals are exact up to here, then shown as "10,000+": honest without counting every match of a
 * broad query (counting is most of a one-word search's time at 200,000 articles), and as far as
 * anyone can page anyway.
 */
export const TRACK_TOTAL_HITS = 10_000;

/** What a results page shows of each hit; the body only reaches it through highlighting. */
export const HIT_SOURCE = [
  'path',
  'date',
  'title',
  'agencies',
  'dateline',
  'people',
  'names',
  'cluster',
];

export interface BuildOptions extends NameMatchOptions {
  /** Names recognised in the query; detected from `q` when not given. */
  names?: readonly DetectedName[];
}

/**
 * The one search request: hits, facet counts and histogram in a single round trip. Facet
 * selections go in post_filter so each facet's own aggregation can count its alternatives.
 *
 * `request_cache` keeps the shard's query phase (top hits, totals, aggregations) until the index
 * changes, which between reindexes it does not: a repeated search skips the facet counting that
 * is most of its cost on a large index, and only fetches and highlights its page of hits. Without
 * the flag engines cache only `size: 0` requests.
 */
export function buildSearchRequest(
  params: SearchParams,
  opts: BuildOptions = {},
): estypes.SearchRequest {
  const from = (params.page - 1) * params.size;
  // Never ask past max_result_window: the engine would refuse the whole request.
  const size = Math.max(0, Math.min(params.size, MAX_WINDOW - from));
  const postFilters = otherFacetFilters(params, null);
  const postFilter = postFilters.length > 0 ? allOf(postFilters) : null;
  const names = opts.names ?? detectNames(params.q);
  const text = textQuery(params.q, names, opts);
  return {
    request_cache: true,
    query: withDateRange(text, params),
    ...(postFilter !== null ? { post_filter: postFilter } : {}),
    ...(collapses(params) ? { collapse: collapseClause() } : {}),
    from,
    size,
    sort: sortClauses(params),
    track_total_hits: TRACK_TOTAL_HITS,
    _source: HIT_SOURCE,
    highlight: resultsHighlight(
      names.length > 0 ? textQuery(params.q, names, { ...opts, forSnippets: true }) : text,
      names.length > 0,
    ),
    aggs: { ...facetAggs(params), histogram: histogramAgg(params) },
  };
}

/**
 * The spelling suggestion, asked separately and only when a search found almost nothing
 * (`needsSuggestion`): the phrase suggester costs as much as the rest of a broad search, and its
 * answer is shown only for near-empty results.
 */
export function buildSuggestRequest(params: SearchParams): estypes.SearchRequest | null {
  const suggest = suggester(params.q);
  if (suggest === null) return null;
  return { request_cache: true, size: 0, track_total_hits: false, suggest };
}

function withDateRange(
  query: estypes.QueryDslQueryContainer,
  params: SearchParams,
): estypes.QueryDslQueryContainer {
  const range = dateRangeFilter(params);
  return range === null ? query : { bool: { must: [query], filter: [range] } };
}

/** One article by id, whole; with `q`, its fields highlighted where the query matches. */
export function buildArticleRequest(
  id: string,
  q: string,
  opts: BuildOptions = {},
): estypes.SearchRequest {
  return {
    query: { ids: { values: [id] } },
    size: 1,
    _source: { excludes: ['names', 'people_keys', 'title_people_keys'] },
    ...(q !== ''
      ? {
          highlight: articleHighlight(
            textQuery(q, opts.names ?? detectNames(q), { ...opts, forSnippets: true }),
          ),
        }
      : {}),
  };
}
