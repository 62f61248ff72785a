// Batch name look-up: many names in, for each its person key, display form and how many articles
// name that person. Pure: resolving names, reading a request body, building the one counting
// request and reading its answer. The engine side is engine/peopleService.ts; the faces are
// `POST /api/people/batch` (web/people.ts) and `ireum people --batch` (cli/commands/people.ts).
//
// Which input is a person's name: canonicalKey reads every input, and the input counts as a
// person when its key is
//   - a known person's (names/tables/known.ts: Kim Jong-un, Syngman Rhee, Joe Biden…), or
//   - shaped like a Korean name: a surname key followed by one or more given-name syllables
//     (`kim chong on`, `mun chae in`).
// Anything else (`Seoul`, `Kim` alone, `nuclear talks`) is not: its key and display are empty
// and it counts 0 articles, whatever the index holds. The rule looks at the shape of the key
// only, so a surname followed by letters that happen to spell syllables passes.

import type { estypes } from '@elastic/elasticsearch';
import type { PersonFacts } from './personPage.js';
import type { Suggestion } from './suggestPeople.js';
import { canonicalKey, displayName, knownPerson } from '../names/canonical.js';
import { isSyllable, unprintSyllable } from '../names/syllables.js';
import { SURNAMES } from '../names/tables/surnames.js';

/** Names one request may ask about. */
export const MAX_BATCH_NAMES = 1_000;
/** Longest name accepted, in UTF-16 code units as JavaScript counts characters. */
export const MAX_BATCH_NAME_CHARS = 200;
/** The `people_keys` field: one canonical key per person an article names. */
export const PEOPLE_KEYS_FIELD = 'people_keys';

/** How one input was read; key and display are '' when it is not a person's name. */
export interface ResolvedName {
  input: string;
  key: string;
  display: string;
}

/** One row of the answer, in input order. */
export interface PeopleRow extends ResolvedName {
  /** Articles whose `people_keys` hold the key; 0 when unresolved or named nowhere. */
  articles: number;
}

/** What the faces need from a backend that can count people (the engine one: engine/). */
export interface PeopleService {
  /** One row per name, in the order given. */
  countPeople(names: readonly string[]): Promise<PeopleRow[]>;
  /** A person's page facts, or null when no article names them. */
  person?(key: string): Promise<PersonFacts | null>;
  /** People whose names start as `q` does, most-mentioned first. */
  suggest?(q: string): Promise<Suggestion[]>;
}

const SURNAME_KEYS = new Set(SURNAMES.map((s) => s.key));

/** A surname key followed by at least one given-name syllable (as printed in keys). */
export function isKoreanNameKey(key: string): boolean {
  const [surname, ...given] = key.split(' ');
  return (
    surname !== undefined &&
    SURNAME_KEYS.has(surname) &&
    given.length > 0 &&
    given.every((syllable) => syllable !== '' && isSyllable(unprintSyllable(syllable)))
  );
}

/** The key and display form of one input, under the rule at the top of this module. */
export function resolveName(input: string): ResolvedName {
  const key = canonicalKey(input);
  if (key === '' || (knownPerson(key) === undefined && !isKoreanNameKey(key))) {
    return { input, key: '', display: '' };
  }
  return { input, key, display: displayName(key) };
}

/** Each resolved key once, in first-seen order (three spellings of one person: one key). */
export function distinctKeys(resolved: readonly ResolvedName[]): string[] {
  return [...new Set(resolved.map((r) => r.key).filter((key) => key !== ''))];
}

/**
 * The one request that counts them all: a terms aggregation on `people_keys` restricted to the
 * keys (`include` as an exact list, so no key is read as a pattern), one bucket per key that some
 * article holds. No hits, no total. With a size equal to the number of keys every included key
 * that exists is returned, so the counts are exact on any number of shards.
 */
export function buildPeopleCountRequest(keys: readonly string[]): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    request_cache: true,
    aggs: {
      people: {
        terms: {
          field: PEOPLE_KEYS_FIELD,
          include: [...keys],
          size: Math.max(1, keys.length),
        },
      },
    },
  };
}

/** The article count per key from the answer; a key without a bucket is absent (0). */
export function parsePeopleCounts(response: { aggregations?: unknown }): Map<string, number> {
  const agg = (response.aggregations as Record<string, unknown> | undefined)?.['people'];
  const buckets = (agg as { buckets?: unknown } | undefined)?.buckets;
  const counts = new Map<string, number>();
  if (!Array.isArray(buckets)) return counts;
  for (const bucket of buckets as { key?: unknown; doc_count?: unknown }[]) {
    if (typeof bucket.doc_count === 'number') counts.set(String(bucket.key), bucket.doc_count);
  }
  return counts;
}

/** The rows, in input order, from the resolved names and the counts per key. */
export function peopleRows(
  resolved: readonly ResolvedName[],
  counts: ReadonlyMap<string, number>,
): PeopleRow[] {
  return resolved.map((r) => ({ ...r, articles: r.key === '' ? 0 : (counts.get(r.key) ?? 0) }));
}

/** A request body that is not `{"names": [...]}` as documented: the 400's message. */
export class BatchInputError extends Error {
  override name = 'BatchInputError';
}

/**
 * The names of a `POST /api/people/batch` body (already JSON-parsed). Throws BatchInputError
 * naming the problem: not an object with `names`, not a list, too many, not a string, too long.
 */
export function readBatchBody(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BatchInputError('The body must be a JSON object: {"names": ["Kim Jong-un", …]}.');
  }
  const names = (body as Record<string, unknown>)['names'];
  if (names === undefined) throw new BatchInputError('names is missing: give a list of names.');
  if (!Array.isArray(names)) throw new BatchInputError('names must be a list of strings.');
  if (names.length > MAX_BATCH_NAMES) {
    throw new BatchInputError(
      `names has ${names.length} entries; at most ${MAX_BATCH_NAMES} may be looked up at once.`,
    );
  }
  names.forEach((name: unknown, i) => {
    if (typeof name !== 'string') throw new BatchInputError(`names[${i}] must be a string.`);
    if (name.length > MAX_BATCH_NAME_CHARS) {
      throw new BatchInputError(
        `names[${i}] is too long (at most ${MAX_BATCH_NAME_CHARS} characters).`,
      );
    }
  });
  return names as string[];
}

/**
 * The names of a batch file: one a line (LF, CRLF or CR), surrounding spaces trimmed, blank lines
 * skipped, a leading byte-order mark ignored.
 */
export function readBatchLines(text: string): string[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
