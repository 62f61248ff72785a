import type { estypes } from '@elastic/elasticsearch';
import { hasHangul } from '../names/hangul.js';
import {
  nameClauses,
  remainingText,
  type DetectedName,
  type NameMatchOptions,
} from './nameQuery.js';

/**
 * Fields the free text is matched against. In the title the exact form weighs more than its
 * stemmed twin, so "talks" ranks a headline saying "talks" above one saying "talking"; names
 * count like the title because a person named is usually what the article is about. Body and
 * captions are matched stemmed only: their exact twins doubled the cost of every common word
 * (at a million articles, `home campaign` 170-190 ms with them, 45-55 without), while a title
 * is short enough to keep both.
 */
export const TEXT_FIELDS = [
  'title^3',
  'title.stemmed^1.5',
  'people.name^3',
  'names^3',
  'body.stemmed',
  'captions.stemmed',
];

const LATIN = /[A-Za-z]/;

// simple_query_string operators; a query using them is not a phrase to boost.
// A hyphen inside a word (Kim Jong-un) is not the NOT operator; one starting a word is.
const OPERATORS = /["|*~()\\]|(^|\s)[-+]|\bOR\b/;

/**
 * The text part of a search. simple_query_string never fails on bad syntax and `lenient`
 * ignores type mismatches, so no user input can make the engine answer 400.
 *
 * Names found in a plain query are matched as names: each is required through its name clause
 * (any spelling of that person, nobody else), and only the remaining words go to
 * simple_query_string, so a spelling the article does not use is not required as words.
 * In a query using operators the user's syntax wins and name clauses only add to the score.
 */
export function textQuery(
  q: string,
  names: readonly DetectedName[] = [],
  opts: NameMatchOptions = {},
): estypes.QueryDslQueryContainer {
  if (q === '') return { match_all: {} };
  const should: estypes.QueryDslQueryContainer[] = [];
  // A query that is only names is ranked by its name clauses: the plain-text phrase would lift
  // a namesake whose spelling differs only in marks (`Chin-yong` for `Chin-yŏng`, 진용 for 진영).
  const onlyNames = names.length > 0 && remainingText(q, names) === '' && !hasOperators(q);
  const phrase = onlyNames ? null : phraseText(q);
  if (phrase !== null) {
    // The phrases are exact: `title` and `body` index word pairs (index_phrases), so an exact
    // phrase of two words is one term lookup, where a sloppy one checks positions in every
    // article holding both words (at a million articles, most of a two-word search's 550 ms).
    should.push(
      { match_phrase: { title: { query: phrase, boost: 4 } } },
      { match_phrase: { body: { query: phrase, boost: 2 } } },
    );
  }
  const must: estypes.QueryDslQueryContainer[] = [];
  if (names.length > 0 && !hasOperators(q)) {
    must.push(...nameClauses(names, opts));
    const rest = remainingText(q, names);
    if (rest !== '') must.push(wordsQuery(rest));
  } else {
    // With operators the names only add to the score: the words must still find a name's
    // other spellings through the name fields.
    must.push(wordsQuery(q, names.length === 0));
    should.push(...nameClauses(names, opts));
  }
  return { bool: { must, ...(should.length > 0 ? { should } : {}) } };
}

/** The fields Hangul words are read in: the texts, no folded name fields. */
export const LITERAL_FIELDS = TEXT_FIELDS.filter((f) => !/^(names|people\.name)\b/.test(f));

/**
 * The fields of a query with quotes: the texts as written, not stemmed. A quoted phrase means
 * that wording, and on a stemmed field a phrase checks positions in every article holding its
 * words (at a million articles, `"talks in"` took 285 ms that way and 10 ms here, where `body`'s
 * word pairs make a two-word phrase one term).
 */
export const VERBATIM_FIELDS = ['title^3', 'body', 'captions'];

function wordsQuery(q: string, hangulIsWords = true): estypes.QueryDslQueryContainer {
  // A phrase in quotes means that wording: `"Kim Jong Un"` is that spelling, not every one, and
  // `"family reunions"` is not `family reunion`.
  // Hangul that was not read as a name is Korean words (이후, "after"): the name fields' coarse
  // keys would match a person whose Hangul differs by a vowel no Korean reader confuses (이호).
  const fields = q.includes('"')
    ? VERBATIM_FIELDS
    : hangulIsWords && hasHangul(q) && !LATIN.test(q)
      ? LITERAL_FIELDS
      : TEXT_FIELDS;
  return {
    simple_query_string: { query: q, fields, default_operator: 'and', lenient: true },
  };
}

/** The query as a phrase worth boosting: several plain words, no operators. */
export function phraseText(q: string): string | null {
  if (hasOperators(q)) return null;
  const words = q.split(/\s+/).filter((w) => w !== '');
  return words.length >= 2 ? words.join(' ') : null;
}

/** True when the query uses simple_query_string syntax rather than plain words. */
export function hasOperators(q: string): boolean {
  return OPERATORS.test(q);
}
