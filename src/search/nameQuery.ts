import type { estypes } from '@elastic/elasticsearch';
import { canonicalKey, displayName, knownPerson, variantsOf } from '../names/canonical.js';
import { findNames } from '../names/extract.js';

/**
 * Name-aware pieces of a search (pure). Stable API for the search request builder:
 *
 *   detectNames(q: string): DetectedName[]
 *     Names in the user's query, any case (`kim jong un`, `Kim Jong-un`, `김정은`, `Sung Kim`),
 *     in order, with their offsets in `q`. A bare surname (`kim`) is not a name.
 *   remainingText(q: string, detected: readonly DetectedName[]): string
 *     The query without the detected names (whitespace collapsed): the free text to match with
 *     simple_query_string.
 *   parseNameQuery(q: string): { names: DetectedName[]; rest: string }
 *     Both of the above.
 *   nameClauses(detected: readonly DetectedName[]): estypes.QueryDslQueryContainer[]
 *     One clause per name. Each matches an article that names that person in any spelling and
 *     no one else: put them in `bool.must` (all names required) next to a simple_query_string
 *     over `remainingText`, not over the whole query, or spellings the article does not use
 *     (`Gim Jeong-eun`) would be required as plain words.
 *   explainMatches(detected, hitNames: string[]): MatchedName[]
 *     For the API: which spellings in a hit's `names` answered each query name.
 *
 * Fields used: `people_keys` (keyword, canonical keys), `names` (ireum_name_key: one token per
 * whole name), `title.names` (ireum_name: folded syllables), and `body` / `captions` for known
 * spellings as phrases.
 */

export interface DetectedName {
  /** The name as typed in the query. */
  query: string;
  start: number;
  end: number;
  /** Canonical key (`kim chong on`). */
  key: string;
  /** Display form (`Kim Jong-un`). */
  name: string;
  /** Known spellings of the name. */
  variants: string[];
}

export interface MatchedName {
  query: string;
  canonical: string;
  variants: string[];
}

export function detectNames(q: string): DetectedName[] {
  return findNames(q, { anyCase: true }).map((span) => {
    const query = q.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return {
      query,
      start: span.start,
      end: span.end,
      key: span.key,
      name: displayName(span.key),
      variants: variantsOf(span.text),
    };
  });
}

export function remainingText(q: string, detected: readonly DetectedName[]): string {
  let out = '';
  let at = 0;
  for (const d of [...detected].sort((a, b) => a.start - b.start)) {
    out += `${q.slice(at, d.start)} `;
    at = d.end;
  }
  out += q.slice(at);
  // Quotes that wrapped a name would otherwise be left unbalanced.
  return out.replace(/"\s*"/g, ' ').replace(/\s+/g, ' ').trim();
}

export function parseNameQuery(q: string): { names: DetectedName[]; rest: string } {
  const names = detectNames(q);
  return { names, rest: remainingText(q, names) };
}

// Boosts: the extracted key is the surest evidence, then a whole-name match, then the title.
const KEY_BOOST = 6;
const NAMES_BOOST = 4;
const TITLE_BOOST = 3;

export function nameClauses(detected: readonly DetectedName[]): estypes.QueryDslQueryContainer[] {
  return detected.map(nameClause);
}

export function nameClause(d: DetectedName): estypes.QueryDslQueryContainer {
  const should: estypes.QueryDslQueryContainer[] = [
    { term: { people_keys: { value: d.key, boost: KEY_BOOST } } },
    { match: { names: { query: d.query, boost: NAMES_BOOST } } },
  ];
  for (const phrase of phrasesFor(d)) {
    should.push({ match_phrase: { 'title.names': { query: phrase, boost: TITLE_BOOST } } });
  }
  // Running text has no folded subfield (it made indexing several times slower); the name's
  // known spellings as phrases find it where extraction did not, and give snippets their marks.
  for (const spelling of spellingsFor(d)) {
    should.push(
      { match_phrase: { body: { query: spelling } } },
      { match_phrase: { captions: { query: spelling } } },
    );
  }
  return { bool: { should, minimum_should_match: 1 } };
}

/**
 * Phrases for the folded title field: the name as typed, its display form, and the key's
 * syllables (so a joined `Kim Jongun` also finds a hyphenated `Kim Jong-un`).
 */
function phrasesFor(d: DetectedName): string[] {
  const phrases = new Set([d.query, d.name]);
  if (!knownPerson(d.key)?.foreign) phrases.add(d.key);
  return [...phrases];
}

/** Spellings to look for verbatim in running text, case and hyphens aside. */
function spellingsFor(d: DetectedName): string[] {
  const seen = new Map<string, string>();
  for (const s of [d.query, d.name, ...d.variants]) {
    const norm = s.toLowerCase().replace(/[-\s]+/g, ' ');
    if (!seen.has(norm)) seen.set(norm, s);
  }
  return [...seen.values()];
}

export function explainMatches(
  detected: readonly DetectedName[],
  hitNames: readonly string[],
): MatchedName[] {
  return detected.map((d) => ({
    query: d.query,
    canonical: d.name,
    variants: [...new Set(hitNames.filter((n) => canonicalKey(n) === d.key))],
  }));
}
