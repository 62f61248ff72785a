import type { estypes } from '@elastic/elasticsearch';
import { canonicalKey, displayName } from '../names/canonical.js';
import { FACET_NAMES, type FacetName, type SearchParams } from './params.js';

/** The keyword field each facet filters and counts on. */
export const FACET_FIELDS: Record<FacetName, string> = {
  agency: 'agencies',
  dateline: 'dateline',
  person: 'people',
  year: 'year',
};

/** One facet's selected values as a filter (OR within the facet), or null when none is selected. */
export function facetFilter(
  facet: FacetName,
  values: readonly string[],
): estypes.QueryDslQueryContainer | null {
  if (values.length === 0) return null;
  const field = FACET_FIELDS[facet];
  const terms = facet === 'year' ? values.map(Number) : filterTerms(facet, values);
  return { terms: { [field]: terms } };
}

/**
 * The indexed values a facet selection stands for. A person is shown in the spelling the news
 * uses most (the people index), while `people` holds the display made from the key: a selected
 * person matches both.
 */
export function filterTerms(facet: FacetName, values: readonly string[]): string[] {
  if (facet !== 'person') return [...values];
  return [...new Set(values.flatMap((v) => [v, displayName(canonicalKey(v))]))];
}

/** Every selected facet's filter, keyed by facet, leaving out facets with nothing selected. */
export function facetFilters(
  params: SearchParams,
): Partial<Record<FacetName, estypes.QueryDslQueryContainer>> {
  const out: Partial<Record<FacetName, estypes.QueryDslQueryContainer>> = {};
  for (const facet of FACET_NAMES) {
    const filter = facetFilter(facet, params.filters[facet]);
    if (filter !== null) out[facet] = filter;
  }
  return out;
}

/** The selected facets' filters (AND across facets), except `except`'s own. */
export function otherFacetFilters(
  params: SearchParams,
  except: FacetName | null,
): estypes.QueryDslQueryContainer[] {
  const all = facetFilters(params);
  return FACET_NAMES.filter((f) => f !== except && all[f] !== undefined).map((f) => all[f]!);
}

/**
 * The date range as a filter. It narrows the whole result set (facets and histogram included),
 * unlike facet selections, which go in post_filter so the facets can show their alternatives.
 */
export function dateRangeFilter(params: SearchParams): estypes.QueryDslQueryContainer | null {
  if (params.from === null && params.to === null) return null;
  const range: estypes.QueryDslDateRangeQuery = { format: 'strict_date' };
  if (params.from !== null) range.gte = params.from;
  if (params.to !== null) range.lte = params.to;
  return { range: { date: range } };
}

/** A list of filters as one query: match_all for none, the filter itself for one. */
export function allOf(filters: estypes.QueryDslQueryContainer[]): estypes.QueryDslQueryContainer {
  if (filters.length === 0) return { match_all: {} };
  if (filters.length === 1) return filters[0]!;
  return { bool: { filter: filters } };
}
