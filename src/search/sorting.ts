import type { estypes } from '@elastic/elasticsearch';
import { effectiveSort, type SearchParams } from './params.js';

// `path` breaks ties so paging never shows a hit twice or skips one.
const TIE_BREAK: estypes.SortCombinations = { path: { order: 'asc' } };
const BY_SCORE: estypes.SortCombinations = { _score: { order: 'desc' } };

export interface SortOptions {
  /**
   * The query scores names (constant scores, so many articles tie): equal scores come newest
   * first.
   */
  names?: boolean;
  /** A total order ending with `path`, as `search_after` paging (the export) needs. */
  total?: boolean;
}

export function sortClauses(
  params: SearchParams,
  opts: SortOptions = {},
): estypes.SortCombinations[] {
  switch (effectiveSort(params)) {
    case 'relevance':
      // Free text is scored by BM25, where exact ties are rare: by score alone the engine
      // stops scoring what cannot make the page once the count reaches track_total_hits
      // (block-max WAND), where a second sort key made it score and compare every match. Ties
      // then come in index order, the same on every page of an unchanged index.
      if (!opts.names && !opts.total) return [BY_SCORE];
      return [BY_SCORE, { date: { order: 'desc' } }, TIE_BREAK];
    case 'newest':
      return [{ date: { order: 'desc' } }, TIE_BREAK];
    case 'oldest':
      return [{ date: { order: 'asc' } }, TIE_BREAK];
  }
}
