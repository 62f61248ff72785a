import type { estypes } from '@elastic/elasticsearch';
import { canonicalKey, displayName } from '../names/canonical.js';
import { FACET_FIELDS, allOf, otherFacetFilters } from './filters.js';
import { FACET_NAMES, type FacetName, type SearchParams } from './params.js';

/** Values shown per facet, and after "show more". */
export const FACET_SIZE = 10;
export const FACET_MORE_SIZE = 50;

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export interface FacetList {
  values: FacetValue[];
  /** True when the facet has values beyond those returned (offer "show more"). */
  hasMore: boolean;
}

export type Facets = Record<FacetName, FacetList>;

/**
 * One aggregation per facet. Each counts under the OTHER facets' selections, so ticking
 * "AP" still shows how many hits "AFP" would add (disjunctive counts), all in one request;
 * the selections themselves apply to hits through post_filter.
 */
export function facetAggs(
  params: SearchParams,
): Record<string, estypes.AggregationsAggregationContainer> {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  for (const facet of FACET_NAMES) {
    const field = FACET_FIELDS[facet];
    const size = params.more === facet ? FACET_MORE_SIZE : FACET_SIZE;
    const terms: estypes.AggregationsTermsAggregation = {
      field,
      // One more than shown tells whether to offer "show more".
      size: size + 1,
      ...(facet === 'year' ? { order: { _key: 'desc' } } : {}),
    };
    if (facet === 'person' && params.personQ !== '') terms.include = personBoxRegex(params.personQ);
    const sub: Record<string, estypes.AggregationsAggregationContainer> = { values: { terms } };
    const selected = params.filters[facet];
    if (selected.length > 0) {
      // Exact counts for the selected values even when they fall outside the top N.
      sub['selected'] = {
        terms: {
          field,
          include: facet === 'year' ? (selected.map(Number) as unknown as string[]) : [...selected],
          size: selected.length,
          min_doc_count: 0,
        },
      };
    }
    aggs[`facet_${facet}`] = { filter: allOf(otherFacetFilters(params, facet)), aggs: sub };
  }
  return aggs;
}

/**
 * A Lucene regular expression matching values that contain `text`, ignoring case. Every
 * character is a literal (letters become `[kK]` classes, the rest is escaped), so the people
 * search box cannot inject regex syntax.
 */
export function containsRegex(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper && lower.length === 1 && upper.length === 1) out += `[${lower}${upper}]`;
    else if (/[A-Za-z0-9\s]/.test(ch) || ch.charCodeAt(0) > 0x7f) out += ch === ' ' ? '\\ ' : ch;
    else out += `\\${ch}`;
  }
  return `.*${out}.*`;
}

/**
 * What the people box matches: display names containing the text as typed, and the display
 * name of the person the text names in any spelling or in Hangul (`Gim Jeong-eun`, `김정은` ->
 * `Kim Jong-un`), which no substring of the typed text would find.
 */
export function personBoxRegex(text: string): string {
  const contains = containsRegex(text);
  const key = canonicalKey(text);
  // Only a whole name (Hangul, or a surname and a two-syllable given name) is resolved: a
  // fragment such as `jong-U` would read as some other person (`Jung Oh`).
  const whole = /[\uac00-\ud7a3]/.test(text) || key.split(' ').length >= 3;
  const display = whole ? displayName(key) : '';
  if (display === '' || display.toLowerCase().includes(text.trim().toLowerCase())) return contains;
  return `${contains}|${containsRegex(display)}`;
}

interface TermsBucket {
  key: string | number;
  doc_count: number;
}

type AggsResponse = Record<string, unknown> | undefined;

function buckets(agg: unknown): TermsBucket[] {
  const list = (agg as { buckets?: unknown } | undefined)?.buckets;
  return Array.isArray(list) ? (list as TermsBucket[]) : [];
}

/** The facet lists from an engine response: top values in engine order, selected ones kept. */
export function parseFacets(params: SearchParams, aggregations: AggsResponse): Facets {
  const out = {} as Facets;
  for (const facet of FACET_NAMES) {
    const agg = aggregations?.[`facet_${facet}`] as Record<string, unknown> | undefined;
    const size = params.more === facet ? FACET_MORE_SIZE : FACET_SIZE;
    const selected = new Set(params.filters[facet]);
    const top = buckets(agg?.['values']);
    const values: FacetValue[] = top.slice(0, size).map((b) => ({
      value: String(b.key),
      count: b.doc_count,
      selected: selected.has(String(b.key)),
    }));
    const selectedCounts = new Map(
      buckets(agg?.['selected']).map((b) => [String(b.key), b.doc_count]),
    );
    const shown = new Set(values.map((v) => v.value));
    for (const value of params.filters[facet]) {
      if (!shown.has(value))
        values.push({ value, count: selectedCounts.get(value) ?? 0, selected: true });
    }
    out[facet] = { values, hasMore: top.length > size };
  }
  return out;
}
