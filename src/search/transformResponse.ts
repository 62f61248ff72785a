import type { estypes } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import { copiesOf, type Copy } from './copies.js';
import { escapeHtml, stripMarks } from './escape.js';
import { canonicalKey } from '../names/canonical.js';
import { parseFacets, type FacetValue, type Facets } from './facets.js';
import { MAX_SNIPPET_CHARS, MAX_SNIPPETS, SNIPPET_FIELDS } from './highlight.js';
import {
  histogramInterval,
  parseHistogram,
  type HistogramBucket,
  type HistogramInterval,
} from './histogram.js';
import { clipSnippet, hasMark, mergeMarks } from './marks.js';
import { FACET_NAMES, type FacetName, type SearchParams } from './params.js';
import { detectNames, explainMatches, type DetectedName, type MatchedName } from './nameQuery.js';
import { parseSuggestion } from './suggest.js';

/** What every view of an article starts with: its identity, title and byline. */
export interface HitHeader {
  id: string;
  path: string;
  title: string;
  /** Escaped title with `<mark>`s: safe to render as HTML. */
  title_html: string;
  date: string;
  agencies: string[];
  dateline: string | null;
}

export interface SearchHit extends HitHeader {
  people: string[];
  /** Escaped fragments with `<mark>`s: safe to render as HTML. */
  snippets: string[];
  /** For each name in the query, the spellings of that person this article uses. */
  matched_names: MatchedName[];
  /** The other wire copies of this story (collapsed results only; empty when none). */
  copies: Copy[];
}

/** Everything a results page needs; `toApiJson` cuts it down to the documented API shape. */
export interface SearchResults {
  total: { value: number; relation: 'eq' | 'gte' };
  /** When `approximate` and the hits stopped counting: the sample's estimate of the matches. */
  total_estimate: number | null;
  /** Facet counts (but selected values) and the histogram are estimates from a sample. */
  approximate: boolean;
  /** Stories among the matches (copies of one counted once); null when every copy is shown. */
  stories: number | null;
  page: number;
  size: number;
  took_ms: number;
  hits: SearchHit[];
  facets: Facets;
  histogram: HistogramBucket[];
  histogramInterval: HistogramInterval;
  suggestion: string | null;
  /** Names typed in double quotes: each matched as that spelling only. */
  exact_names: string[];
}

/** The `/api/search` response body (and `ireum search --json`). */
export interface ApiSearchResponse {
  total: { value: number; relation: 'eq' | 'gte' };
  /** The sample's estimate of the matches when the hits stopped counting (see `approximate`). */
  total_estimate: number | null;
  /** Facet counts (each then `approximate`) and the histogram are estimates from a sample. */
  approximate: boolean;
  /** Stories among the matches (copies of one counted once); null with `dup=all`. */
  stories: number | null;
  page: number;
  size: number;
  took_ms: number;
  hits: SearchHit[];
  facets: Record<FacetName, FacetValue[]>;
  /** Per facet, whether `more=<facet>` would show more values. */
  facets_has_more: Record<FacetName, boolean>;
  histogram: HistogramBucket[];
  suggestion: string | null;
  /** Names typed in double quotes: each matched as that spelling only. */
  exact_names: string[];
}

export type HitDocument = Partial<ArticleDocument>;

export interface TransformOptions {
  /** Names recognised in the query; detected from `q` when not given. */
  names?: readonly DetectedName[];
  /** The `suggest` part of the answer to `buildSuggestRequest`, when it was asked. */
  suggest?: unknown;
  /** Person key -> display form from the people index (the spelling the news uses most). */
  displays?: ReadonlyMap<string, string>;
  /** Cluster -> members, from the answer to copiesRequest (collapsed searches). */
  copies?: ReadonlyMap<string, Copy[]>;
  /** Stories among the matches, when counted (storiesNeeded, storiesRequest). */
  stories?: number | null;
  /** The facets and histogram came from a sample of the index (search/sampling.ts). */
  approximate?: boolean;
  /** The sample's estimate of the matches, when the hits stopped counting. */
  estimate?: number;
}

/** The hit count as engines send it (a number from old ones, else value + relation). */
export function hitsTotal(response: estypes.SearchResponse<unknown>): {
  value: number;
  relation: 'eq' | 'gte';
} {
  const rawTotal = response.hits.total;
  return typeof rawTotal === 'number'
    ? { value: rawTotal, relation: 'eq' }
    : { value: rawTotal?.value ?? 0, relation: rawTotal?.relation ?? 'eq' };
}

export function transformResponse(
  params: SearchParams,
  response: estypes.SearchResponse<HitDocument>,
  opts: TransformOptions = {},
): SearchResults {
  const total = hitsTotal(response);
  const aggs = response.aggregations as Record<string, unknown> | undefined;
  const names = opts.names ?? detectNames(params.q);
  return {
    total,
    total_estimate: opts.estimate ?? null,
    approximate: opts.approximate === true,
    stories: opts.stories ?? null,
    page: params.page,
    size: params.size,
    took_ms: response.took,
    hits: response.hits.hits.map((hit) =>
      toHit(hit, names, opts.displays ?? new Map(), opts.copies ?? new Map()),
    ),
    facets: parseFacets(params, aggs, opts.displays, opts.approximate === true),
    histogram: parseHistogram(params, aggs?.['histogram']),
    histogramInterval: histogramInterval(params),
    suggestion: parseSuggestion(params.q, total.value, opts.suggest),
    exact_names: names.filter((n) => n.exact).map((n) => n.query),
  };
}

function toHit(
  hit: estypes.SearchHit<HitDocument>,
  names: readonly DetectedName[],
  displays: ReadonlyMap<string, string>,
  members: ReadonlyMap<string, Copy[]>,
): SearchHit {
  const doc = hit._source ?? {};
  const spellings = [...(doc.names ?? []), ...(doc.people ?? [])];
  return {
    ...hitHeader(hit),
    people: (doc.people ?? []).map((p) => displays.get(canonicalKey(p)) ?? p),
    snippets: snippets(hit.highlight ?? {}),
    matched_names: explainMatches(names, spellings),
    copies: copiesOf(hit._id ?? '', doc.cluster, members),
  };
}

export function hitHeader(hit: estypes.SearchHit<HitDocument>): HitHeader {
  const doc = hit._source ?? {};
  const hl = hit.highlight ?? {};
  const title = doc.title ?? '';
  return {
    id: hit._id ?? '',
    path: doc.path ?? '',
    title,
    title_html: mergeMarks(title, [...(hl['title'] ?? []), ...(hl['title.stemmed'] ?? [])]),
    date: doc.date ?? '',
    agencies: doc.agencies ?? [],
    dateline: doc.dateline ?? null,
  };
}

/**
 * Up to three sentences that show why the hit matched, body first, then captions, without
 * repeating one; a long sentence is clipped around its marks. With no match anywhere (an empty
 * query), the opening of the body the highlighter sent instead.
 */
export function snippets(highlight: Record<string, string[]>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const field of SNIPPET_FIELDS) {
    for (const sentence of highlight[field] ?? []) {
      if (!hasMark(sentence)) continue;
      const plain = stripMarks(sentence);
      if (seen.has(plain)) continue;
      seen.add(plain);
      out.push(clipSnippet(sentence, MAX_SNIPPET_CHARS));
      if (out.length === MAX_SNIPPETS) return out;
    }
  }
  if (out.length === 0) {
    const lead = highlight[SNIPPET_FIELDS[0]!]?.[0];
    if (lead !== undefined) out.push(lead);
  }
  return out;
}

export function toApiJson(results: SearchResults): ApiSearchResponse {
  const facets = {} as Record<FacetName, FacetValue[]>;
  const hasMore = {} as Record<FacetName, boolean>;
  for (const facet of FACET_NAMES) {
    facets[facet] = results.facets[facet].values;
    hasMore[facet] = results.facets[facet].hasMore;
  }
  return {
    total: results.total,
    total_estimate: results.total_estimate,
    approximate: results.approximate,
    stories: results.stories,
    page: results.page,
    size: results.size,
    took_ms: results.took_ms,
    hits: results.hits,
    facets,
    facets_has_more: hasMore,
    histogram: results.histogram,
    suggestion: results.suggestion,
    exact_names: results.exact_names,
  };
}

// Keeps escapeHtml's contract visible to callers building HTML from plain values.
export { escapeHtml };

/** The clusters of a collapsed response's hits, to look their copies up (copiesRequest). */
export function hitClusters(response: estypes.SearchResponse<HitDocument>): string[] {
  return response.hits.hits.flatMap((h) => (h._source?.cluster ? [h._source.cluster] : []));
}

/** The keys of the people named in a response's hits, to look their display forms up. */
export function hitPersonKeys(response: estypes.SearchResponse<HitDocument>): string[] {
  return response.hits.hits.flatMap((h) => (h._source?.people ?? []).map((p) => canonicalKey(p)));
}
