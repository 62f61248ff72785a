import type { estypes } from '@elastic/elasticsearch';
import { displayName } from '../names/canonical.js';
import { parseSpellingValue, personEntry, type SpellingCount } from '../names/usage.js';

// A person's page (`/api/people/:key`, `/people/:key`): the facts aggregated over the articles
// naming them, in one request, and the shape the routes answer with. Pure: the engine side is
// engine/peopleService.ts; the recent articles come from the search service itself, so their
// total is by construction the total of `/api/search?person=<display>`.

export interface RelatedPerson {
  key: string;
  display: string;
  /** Articles naming both. */
  count: number;
  /** significant_terms score: how much more often than in the whole archive. */
  score: number;
}

export interface PersonFacts {
  key: string;
  display: string;
  hangul: string[];
  spellings: SpellingCount[];
  articles: { total: number };
  histogram: { key: string; count: number }[];
  agencies: { value: string; count: number }[];
  related: RelatedPerson[];
}

/**
 * A key as the routes accept it: what canonicalKey makes (letters, digits, blanks, a few marks,
 * and the Hangul that keys a name apart from a known person's).
 */
export function isPersonKey(key: string): boolean {
  return key.length > 0 && key.length <= 100 && /^[a-z0-9 ~.'가-힣-]+$/.test(key);
}

function luceneLiteral(text: string): string {
  return text.replace(/[^a-z0-9]/g, (c) => `\\${c}`);
}

// A sample of the person's best-matching articles is enough to tell who is named with them, and
// bounds the cost for someone named in 100,000 articles.
const SAMPLE_PER_SHARD = 500;
const RELATED = 10;

/** One request: the person's articles counted, by year, by agency, spellings, related people. */
export function buildPersonRequest(key: string): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: true,
    query: { term: { people_keys: key } },
    aggs: {
      spellings: {
        terms: { field: 'people_spellings', include: `${luceneLiteral(key)}\\|.*`, size: 50 },
      },
      years: { terms: { field: 'year', size: 200, order: { _key: 'asc' } } },
      agencies: { terms: { field: 'agencies', size: 10 } },
      sample: {
        sampler: { shard_size: SAMPLE_PER_SHARD },
        aggs: {
          related: {
            significant_terms: {
              field: 'people_keys',
              size: RELATED,
              min_doc_count: 1,
              exclude: [key],
            },
          },
        },
      },
    },
  };
}

interface Bucket {
  key: string | number;
  doc_count: number;
  score?: number;
}

function bucketsOf(agg: unknown): Bucket[] {
  const list = (agg as { buckets?: unknown } | undefined)?.buckets;
  return Array.isArray(list) ? (list as Bucket[]) : [];
}

/** The facts, or null when no article names the person. */
export function transformPerson(
  key: string,
  response: estypes.SearchResponse<unknown>,
  displays: ReadonlyMap<string, string> = new Map(),
): PersonFacts | null {
  const raw = response.hits.total;
  const total = typeof raw === 'number' ? raw : (raw?.value ?? 0);
  if (total === 0) return null;
  const aggs = response.aggregations as Record<string, unknown> | undefined;
  const spellings: SpellingCount[] = [];
  for (const b of bucketsOf(aggs?.['spellings'])) {
    const parsed = parseSpellingValue(String(b.key));
    if (parsed !== null && parsed.key === key) {
      spellings.push({ text: parsed.spelling, count: b.doc_count });
    }
  }
  const sample = aggs?.['sample'] as Record<string, unknown> | undefined;
  // The same entry the people index holds, computed from the same counts.
  const entry = personEntry(key, spellings, total);
  return {
    key,
    display: displays.get(key) ?? entry.display,
    hangul: entry.hangul,
    spellings: entry.spellings,
    articles: { total },
    histogram: bucketsOf(aggs?.['years']).map((b) => ({ key: String(b.key), count: b.doc_count })),
    agencies: bucketsOf(aggs?.['agencies']).map((b) => ({
      value: String(b.key),
      count: b.doc_count,
    })),
    related: bucketsOf(sample?.['related']).map((b) => ({
      key: String(b.key),
      display: displays.get(String(b.key)) ?? displayName(String(b.key)),
      count: b.doc_count,
      score: Math.round((b.score ?? 0) * 1000) / 1000,
    })),
  };
}

/** The keys whose display forms the page needs (the person and the related people). */
export function personKeysOf(response: estypes.SearchResponse<unknown>, key: string): string[] {
  const aggs = response.aggregations as Record<string, unknown> | undefined;
  const sample = aggs?.['sample'] as Record<string, unknown> | undefined;
  return [key, ...bucketsOf(sample?.['related']).map((b) => String(b.key))];
}
