import type { estypes } from '@elastic/elasticsearch';
import { effectiveSort, type SearchParams } from './params.js';

// `path` breaks ties so paging never shows a hit twice or skips one.
const TIE_BREAK: estypes.SortCombinations = { path: { order: 'asc' } };

export function sortClauses(params: SearchParams): estypes.SortCombinations[] {
  switch (effectiveSort(params)) {
    case 'relevance':
      return [{ _score: { order: 'desc' } }, { date: { order: 'desc' } }, TIE_BREAK];
    case 'newest':
      return [{ date: { order: 'desc' } }, TIE_BREAK];
    case 'oldest':
      return [{ date: { order: 'asc' } }, TIE_BREAK];
  }
}
