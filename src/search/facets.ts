import type { estypes } from '@elastic/elasticsearch';
import { canonicalKey, displayName } from '../names/canonical.js';
import { hasHangul } from '../names/hangul.js';
import { FACET_FIELDS, allOf, filterTerms, otherFacetFilters } from './filters.js';
import { FACET_NAMES, type FacetName, type SearchParams } from './params.js';

/** Values shown per facet, and after "show more". */
export const FACET_SIZE = 10;
export const FACET_MORE_SIZE = 50;

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
  /** The person's key (people facet only): `/api/people/<key>`. */
  key?: string;
  /** Estimated from a sample of the index (search/sampling.ts); never for a selected value. */
  approximate?: true;
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
    const wanted = filterTerms(facet, selected);
    if (selected.length > 0) {
      // Exact counts for the selected values even when they fall outside the top N.
      sub['selected'] = {
        terms: {
          field,
          include: facet === 'year' ? (selected.map(Number) as unknown as string[]) : wanted,
          size: wanted.length,
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
  const whole = hasHangul(text) || key.split(' ').length >= 3;
  const display = whole ? displayName(key) : '';
  if (display === '' || display.toLowerCase().includes(text.trim().toLowerCase())) return contains;
  return `${contains}|${containsRegex(display)}`;
}

export interface TermsBucket {
  key: string | number;
  doc_count: number;
}

type AggsResponse = Record<string, unknown> | undefined;

/** The buckets of a terms aggregation's answer; none when it is absent or malformed. */
export function buckets(agg: unknown): TermsBucket[] {
  const list = (agg as { buckets?: unknown } | undefined)?.buckets;
  return Array.isArray(list) ? (list as TermsBucket[]) : [];
}

/**
 * The facet lists from an engine response: top values in engine order, selected ones kept.
 * People are shown by `displays` (key -> the spelling the news uses most) where it has them.
 */
export function parseFacets(
  params: SearchParams,
  aggregations: AggsResponse,
  displays: ReadonlyMap<string, string> = new Map(),
  approximate = false,
): Facets {
  const out = {} as Facets;
  for (const facet of FACET_NAMES) {
    if (facet === 'person') {
      out.person = markApproximate(
        parsePeople(params, aggregations?.['facet_person'], displays),
        approximate,
      );
      continue;
    }
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
    out[facet] = markApproximate({ values, hasMore: top.length > size }, approximate);
  }
  return out;
}

function markApproximate(list: FacetList, approximate: boolean): FacetList {
  if (!approximate) return list;
  return {
    ...list,
    values: list.values.map((v) => (v.selected ? v : { ...v, approximate: true as const })),
  };
}

/** The people facet: one entry per key, shown as selected, else as the people index says. */
function parsePeople(
  params: SearchParams,
  agg: unknown,
  displays: ReadonlyMap<string, string>,
): FacetList {
  const a = agg as Record<string, unknown> | undefined;
  const size = params.more === 'person' ? FACET_MORE_SIZE : FACET_SIZE;
  const chosen = new Map(params.filters.person.map((v) => [canonicalKey(v), v]));
  const top = buckets(a?.['values']);
  const values: FacetValue[] = top.slice(0, size).map((b) => {
    const key = canonicalKey(String(b.key));
    return {
      value: chosen.get(key) ?? displays.get(key) ?? String(b.key),
      count: b.doc_count,
      selected: chosen.has(key),
      key,
    };
  });
  const counts = new Map<string, number>();
  for (const b of buckets(a?.['selected'])) {
    const key = canonicalKey(String(b.key));
    counts.set(key, Math.max(counts.get(key) ?? 0, b.doc_count));
  }
  const shown = new Set(values.map((v) => v.key));
  for (const [key, value] of chosen) {
    if (!shown.has(key)) values.push({ value, count: counts.get(key) ?? 0, selected: true, key });
  }
  return { values, hasMore: top.length > size };
}

/** The keys of the people in a response's people facet, to look their display forms up. */
export function personKeys(aggregations: AggsResponse): string[] {
  const agg = aggregations?.['facet_person'] as Record<string, unknown> | undefined;
  const all = [...buckets(agg?.['values']), ...buckets(agg?.['selected'])];
  return [...new Set(all.map((b) => canonicalKey(String(b.key))))];
}
