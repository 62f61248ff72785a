import type { estypes } from '@elastic/elasticsearch';
import type { SearchParams } from './params.js';

// Wire copies in results: by default the hits are collapsed on `cluster` (indexing/clustering.ts
// assigns it), so one story carried by AP, AFP and Yonhap is one hit, its best-matching copy,
// with the others listed under it. `dup=all` shows every copy as its own hit. Totals and facet
// counts are article counts either way (collapsing changes only which hits come back); the
// number of stories is counted apart, for the page links.
//
// The copies come from a second, small request over the page's clusters (copiesRequest), not
// from the collapse's inner_hits: those run one search per hit in the fetch phase, which the
// request cache does not keep, and made every search 10 queries longer (a cached one-word
// search at 200,000 articles went from about 20 ms to 60 ms at p50). The second request is
// size 0, so the engine caches it too.

/** Other copies listed under a hit. */
export const MAX_COPIES = 10;
/** What a copy shows: enough to link to it and say who carried it. */
export const COPY_SOURCE = ['title', 'agencies', 'date'];
/** Story counts are exact up to here (HyperLogLog++ beyond), which is past any page link. */
export const STORIES_PRECISION = 10_000;

/** Another member of a hit's cluster. */
export interface Copy {
  id: string;
  /** The copy's agencies, as the byline gives them (`AP and AFP`); '' when none. */
  agency: string;
  date: string;
  title: string;
}

export function collapses(params: SearchParams): boolean {
  return params.dup !== 'all';
}

/** One hit per cluster, the best by the search's own sort. */
export function collapseClause(): estypes.SearchFieldCollapse {
  return { field: 'cluster' };
}

/**
 * Every member of the clusters that have more than one, among `clusters` (those of a page's
 * hits), oldest first: the hits' copies, whatever the query matched in them.
 */
export function copiesRequest(clusters: readonly string[]): estypes.SearchRequest {
  const distinct = [...new Set(clusters)];
  return {
    request_cache: true,
    size: 0,
    track_total_hits: false,
    query: { terms: { cluster: distinct } },
    aggs: {
      clusters: {
        terms: { field: 'cluster', size: Math.max(1, distinct.length), min_doc_count: 2 },
        aggs: {
          members: {
            top_hits: {
              size: MAX_COPIES + 1,
              _source: COPY_SOURCE,
              sort: [{ date: { order: 'asc' } }, { path: { order: 'asc' } }],
            },
          },
        },
      },
    },
  };
}

/** Cluster -> its members, from the answer to copiesRequest. */
export function parseCopiesResponse(response: { aggregations?: unknown }): Map<string, Copy[]> {
  const out = new Map<string, Copy[]>();
  const buckets =
    (
      response.aggregations as
        | {
            clusters?: {
              buckets?: {
                key: string;
                members?: { hits?: { hits?: estypes.SearchHit<unknown>[] } };
              }[];
            };
          }
        | undefined
    )?.clusters?.buckets ?? [];
  for (const b of buckets) {
    out.set(
      b.key,
      (b.members?.hits?.hits ?? []).flatMap((h) =>
        h._id === undefined ? [] : [toCopy(h._id, h._source)],
      ),
    );
  }
  return out;
}

/**
 * The number of stories among a collapsed search's hits, asked apart and only when the page
 * links need it (storiesNeeded): a cardinality over every match cost 60-100 ms the first time a
 * broad query was asked at 200,000 articles, more than any facet. The facet selections
 * (post_filter) apply to it, as they do to the hits.
 */
export function storiesRequest(search: estypes.SearchRequest): estypes.SearchRequest {
  const query = search.query ?? { match_all: {} };
  return {
    request_cache: true,
    size: 0,
    track_total_hits: false,
    query: search.post_filter ? { bool: { must: [query], filter: [search.post_filter] } } : query,
    aggs: {
      stories: { cardinality: { field: 'cluster', precision_threshold: STORIES_PRECISION } },
    },
  };
}

/**
 * How many stories a collapsed answer holds when the answer itself says (every hit on the
 * first page: one hit per story); else 'ask' when the total was counted, null past it, where
 * the page links stop at the result window anyway.
 */
export function storiesNeeded(
  params: SearchParams,
  total: { value: number; relation: 'eq' | 'gte' },
  hits: number,
): number | 'ask' | null {
  if (!collapses(params)) return null;
  if (params.page === 1 && hits < params.size) return hits;
  return total.relation === 'eq' ? 'ask' : null;
}

export function parseStories(response: { aggregations?: unknown }): number | null {
  const aggs = response.aggregations as { stories?: { value?: unknown } } | undefined;
  const value = aggs?.stories?.value;
  return typeof value === 'number' ? value : null;
}

interface CopySource {
  title?: string;
  agencies?: string[];
  date?: string;
}

/** A hit's copies: its cluster's members, itself left out. */
export function copiesOf(
  id: string,
  cluster: string | undefined,
  members: ReadonlyMap<string, Copy[]>,
): Copy[] {
  if (cluster === undefined) return [];
  return (members.get(cluster) ?? []).filter((c) => c.id !== id).slice(0, MAX_COPIES);
}

function toCopy(id: string, source: unknown): Copy {
  const src = (source ?? {}) as CopySource;
  return {
    id,
    agency: joinAgencies(src.agencies ?? []),
    date: src.date ?? '',
    title: src.title ?? '',
  };
}

/** The agencies of a hit's copies that its own byline does not name, in order of appearance. */
export function alsoFrom(own: readonly string[], copies: readonly Copy[]): string[] {
  const seen = new Set(own);
  const out: string[] = [];
  for (const c of copies) {
    for (const a of c.agency.split(' and ')) {
      if (a === '' || seen.has(a)) continue;
      seen.add(a);
      out.push(a);
    }
  }
  return out;
}

function joinAgencies(agencies: readonly string[]): string {
  return agencies.join(' and ');
}

// Collapsing on a large index. The engine collapses by gathering every match's cluster, so a
// collapsed search cannot skip the matches that cannot make the page: at a million articles a
// two-word search spent 140-800 ms more collapsed than not. A page of distinct stories is almost
// always among the first few pages of plain hits, and taking the first hit of each cluster from
// hits in the search's own order gives exactly the collapsed order (each cluster stands where its
// best hit does). So: ask OVERFETCH times the page's depth uncollapsed, ids and clusters only;
// keep the first of each cluster; fetch and highlight just those. When the plain hits run out of
// distinct stories before the page is full, the collapsed request is asked after all.

/** Plain hits asked per story the page needs. */
export const OVERFETCH = 3;

/** The uncollapsed ids and clusters of the first `depth * OVERFETCH` hits, in the search's order. */
export function uncollapsedRequest(
  search: estypes.SearchRequest,
  depth: number,
  maxWindow: number,
): estypes.SearchRequest {
  const { collapse: _c, highlight: _h, from: _f, size: _s, _source: _src, ...rest } = search;
  return { ...rest, from: 0, size: Math.min(maxWindow, depth * OVERFETCH), _source: ['cluster'] };
}

/**
 * The ids of the page (`from`, `size`) of one-hit-per-cluster results, from plain hits in order;
 * null when the hits hold too few distinct clusters to be sure of the page (ask collapsed).
 * `exhausted`: these hits are all the matches there are.
 */
export function onePerCluster(
  hits: readonly { _id?: string | null; _source?: unknown }[],
  from: number,
  size: number,
  exhausted: boolean,
): string[] | null {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const hit of hits) {
    const id = hit._id;
    if (id == null) continue;
    const cluster = (hit._source as { cluster?: string } | undefined)?.cluster ?? id;
    if (seen.has(cluster)) continue;
    seen.add(cluster);
    ids.push(id);
    if (ids.length === from + size) return ids.slice(from);
  }
  return exhausted ? ids.slice(from) : null;
}

/** The page's hits by id, with what the page shows of them (source, highlights), in any order. */
export function pageRequest(search: estypes.SearchRequest, ids: readonly string[]) {
  const { collapse: _c, from: _f, size: _s, track_total_hits: _t, ...rest } = search;
  const query = search.query ?? { match_all: {} };
  return {
    ...rest,
    query: { bool: { must: [query], filter: [{ ids: { values: [...ids] } }] } },
    from: 0,
    size: ids.length,
    track_total_hits: false,
  } satisfies estypes.SearchRequest;
}
