import type { estypes } from '@elastic/elasticsearch';
import type { SearchParams } from './params.js';

// Wire copies in results: by default the hits are collapsed on `cluster` (indexing/clustering.ts
// assigns it), so one story carried by AP, AFP and Yonhap is one hit, its best-matching copy,
// with the others listed under it. `dup=all` shows every copy as its own hit. Totals and facet
// counts are article counts either way (collapsing changes only which hits come back); the
// number of stories is counted apart, for the page links.

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

/** One hit per cluster, the best by the search's own sort, its copies oldest first. */
export function collapseClause(): estypes.SearchFieldCollapse {
  return {
    field: 'cluster',
    inner_hits: {
      name: 'copies',
      size: MAX_COPIES + 1,
      _source: COPY_SOURCE,
      sort: [{ date: 'asc' }, { path: 'asc' }],
    },
  };
}

/**
 * The number of stories among the hits the page shows: the facet selections (post_filter) apply
 * to it, as they do to the hits.
 */
export function storiesAgg(
  postFilter: estypes.QueryDslQueryContainer | null,
): estypes.AggregationsAggregationContainer {
  return {
    filter: postFilter ?? { match_all: {} },
    aggs: {
      count: { cardinality: { field: 'cluster', precision_threshold: STORIES_PRECISION } },
    },
  };
}

export function parseStories(agg: unknown): number | null {
  const value = (agg as { count?: { value?: unknown } } | undefined)?.count?.value;
  return typeof value === 'number' ? value : null;
}

interface CopySource {
  title?: string;
  agencies?: string[];
  date?: string;
}

/** A collapsed hit's copies, itself left out. */
export function parseCopies(hit: estypes.SearchHit<unknown>): Copy[] {
  const inner = hit.inner_hits?.['copies']?.hits.hits ?? [];
  const copies: Copy[] = [];
  for (const h of inner) {
    if (h._id === hit._id || h._id === undefined) continue;
    const src = (h._source ?? {}) as CopySource;
    copies.push({
      id: h._id,
      agency: joinAgencies(src.agencies ?? []),
      date: src.date ?? '',
      title: src.title ?? '',
    });
    if (copies.length === MAX_COPIES) break;
  }
  return copies;
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
