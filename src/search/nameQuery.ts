import type { estypes } from '@elastic/elasticsearch';
import {
  canonicalKey,
  displayName,
  isListedSpelling,
  knownPerson,
  spellingForm,
  variantsOf,
} from '../names/canonical.js';
import { findNames, spanPivots, type NameSpan } from '../names/extract.js';
import {
  asWidePivot,
  isNorthPivot,
  isLikelyReading,
  isRankingReading,
  isSureReading,
  isUsualPivot,
  isWidePivot,
  northMeetings,
  personPivots,
  pivotOf,
  pivotsMeet,
  pivotsReadings,
} from '../names/pivot.js';

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
 * A name matches through `people_readings` (names/pivot.ts: every syllable's Hangul sets meet,
 * in order, which is a shared reading), or as the very spelling typed in running text, where
 * extraction may have missed it (not a known person's listed spelling, which it never misses).
 * `people_keys` and `title_people_keys` (the title's people) only add to the score: the key's
 * coarse folding would let a near twin in (`Park Won-jong` and `Park Won-jun`).
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
  /** `people_pivot` values that stand for it. */
  pivots: string[];
  /**
   * The usual pivots of the other way to read a two-word name whose words are both surnames
   * (`Jong Chang`: 정창, or 장종 written given name first): they rank its people a little, below the
   * name as read.
   */
  otherUsual?: string[];
  /** Typed in double quotes: that spelling only. */
  exact: boolean;
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
      ...queryPivots(span),
      exact: isQuoted(q, span.start, span.end),
    };
  });
}

/**
 * A query name's pivots. The other reading of a two-word name (`Jong Chang`: 정창, or 장종
 * written given name first) finds its people through its wide pivots; its usual ones only rank
 * them a little (otherUsual), never as the name as read: read backwards on both sides, two near
 * twins would meet as usual (`Jang Jong` and `Chang Jung` both reversed are 정장). Yet with its
 * wide pivots alone, the person it names met the query no better than a near twin sharing a
 * spelling (`Eun Koh` read as 고은 meets `Ko Un`, 고운 or 고은, as well as `Go Eun`).
 */
function queryPivots(span: NameSpan): Pick<DetectedName, 'pivots' | 'otherUsual'> {
  if (span.alsoRead === undefined) return { pivots: spanPivots(span) };
  const own = spanPivots({ ...span, alsoRead: undefined });
  const other = personPivots(canonicalKey(span.alsoRead), [span.alsoRead]);
  const usual = other.filter(isUsualPivot);
  return {
    pivots: [...new Set([...own, ...other.filter(isWidePivot)])],
    ...(usual.length > 0 ? { otherUsual: usual } : {}),
  };
}

/** Whether [start, end) of `q` is all that stands between a pair of double quotes. */
function isQuoted(q: string, start: number, end: number): boolean {
  const before = q.slice(0, start);
  const open = before.lastIndexOf('"');
  if (open === -1 || before.slice(open + 1).trim() !== '') return false;
  // An odd number of quotes before the name's opening one would make it a closing quote.
  if ((before.slice(0, open).match(/"/g) ?? []).length % 2 !== 0) return false;
  const close = q.indexOf('"', end);
  return close !== -1 && q.slice(end, close).trim() === '';
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

// Scores: a name read in the article and meeting the query's is the surest evidence, counted
// once whatever the terms' frequencies (constant_score), and more when it meets as usually
// spelled; then the same coarse key, then the title.
const PIVOT_BOOST = 6;
const USUAL_BOOST = 10;
const KEY_BOOST = 2;
const TITLE_BOOST = 8;
/** The typed spelling of a one-syllable given name found only as words (see nameClause). */
const SHORT_PHRASE_BOOST = 0.5;
/** Meeting the other reading of a two-surname name as usually spelled (otherUsual). */
const OTHER_USUAL_BOOST = 3;
/**
 * Meeting that other reading as most likely spelled too: `Jeon Ye Kwon` read given name first
 * is 권전예, which the person's `Kwon Jeon-ye` most likely is and a twin's `Kwon Jun-ye` (준,
 * sometimes 전) only might be.
 */
const OTHER_LIKELY_BOOST = 4;
/**
 * Query and article both spell each given syllable one way only (`차대석` and `Cha Dae-seok`):
 * above a twin whose spelling might be the name (`Cha Dae-suk`: 숙 or 석), below the key and
 * title that rank the person's own articles among themselves.
 */
const SURE_BOOST = 3;
/**
 * Query and article both most likely spell the same name (`Hwang Suk-seung` and `Hwang
 * Sook-seung`, 황숙승: `Suk` is 숙 before 석), where a twin's spelling only might be it (`Hwang
 * Seok-seung`, 황석승). Less than SURE_BOOST, which a sure spelling gains on top.
 */
const LIKELY_BOOST = 2;
/** The article's key is the query's, whatever pivot met (see nameClause). */
const KEY_TIE_BOOST = 1;
/**
 * The article's usual reading is among those the query's spelling allows (`Jung Woo-young`,
 * 정우영, for MR's `Chong U-yong`, which may be 정우영 or 정어영): beside the coarse key
 * (KEY_TIE_BOOST), which a near twin may share where the person's spelling does not (`Jung
 * O-yeong`, 정오영, folds as `U` does, `Woo` apart).
 */
const HALF_USUAL_BOOST = 1;
/** Meeting as McCune-Reischauer writes names where not as usually spelled (see nameClause). */
const NORTH_BOOST = 1;
/** The same through the query's MR reading only (northMeetings): less sure. */
const QUERY_NORTH_BOOST = 0.5;

/** How the served index matches pivots. */
export interface NameMatchOptions {
  /**
   * Phrases on `people_pivot` instead of terms on `people_readings`: for an index built before
   * the readings existed (mapping version 7 or older), still served while its successor builds.
   */
  pivotPhrases?: boolean;
  /**
   * The clause the highlighter is given: the name's spellings (a known person's every one) as
   * phrases in running text, and nothing else. Pivots and keys (the title's too) mark no text,
   * and each clause given costs the highlighter time on every hit (a third of a name search).
   */
  forSnippets?: boolean;
}

export function nameClauses(
  detected: readonly DetectedName[],
  opts: NameMatchOptions = {},
): estypes.QueryDslQueryContainer[] {
  return detected.map((d) => nameClause(d, opts));
}

/**
 * The wide pivots of the name as read, not those of the other order of a two-surname name
 * (otherUsual ranks that a little, and only that): the ones a usual pivot meets.
 */
function asRead(wide: readonly string[], usual: readonly string[]): readonly string[] {
  if (usual.length === 0) return wide;
  const widened = usual.map(asWidePivot);
  return wide.filter((w) => widened.some((u) => pivotsMeet(w, u)));
}

/**
 * Each wide reading of the query as an article's usual one (`! 정 우 영`): the article's name as
 * usually spelled is one the query's spelling allows. Not the other way round: a customary `u`
 * allows ㅓ (`Chang-su`, 황창수, allows 황창서), so a twin's articles met the query's usual reading
 * as often as the person's own.
 */
function halfUsual(wideReadings: readonly string[]): string[] {
  return wideReadings.map((r) => `! ${r}`);
}

/** The query that finds a pivot's name: its readings, or (older indices) its phrase. */
function pivotMatch(
  pivots: readonly string[],
  opts: NameMatchOptions,
): estypes.QueryDslQueryContainer {
  if (opts.pivotPhrases) {
    const phrases = pivots.map((p) => ({ match_phrase: { people_pivot: p } }));
    return phrases.length === 1
      ? phrases[0]!
      : { bool: { should: phrases, minimum_should_match: 1 } };
  }
  return {
    terms: { people_readings: pivotsReadings(pivots).filter((r) => !isRankingReading(r)) },
  };
}

export function nameClause(
  d: DetectedName,
  opts: NameMatchOptions = {},
): estypes.QueryDslQueryContainer {
  const matches: estypes.QueryDslQueryContainer[] = [];
  if (d.exact) {
    // That spelling only: as a phrase in the texts (case and hyphens aside), nowhere folded.
    for (const field of ['title', 'body', 'captions']) {
      matches.push({ match_phrase: { [field]: { query: d.query } } });
    }
    return { bool: { should: matches, minimum_should_match: 1 } };
  }
  if (opts.forSnippets) {
    const phrases = (shortName(d) ? [] : spellingsFor(d)).flatMap((spelling) =>
      ['body', 'captions'].map((field) => ({ match_phrase: { [field]: { query: spelling } } })),
    );
    return phrases.length > 0 ? { bool: { should: phrases } } : { match_none: {} };
  }
  const usual = d.pivots.filter(isUsualPivot);
  const wide = d.pivots.filter(isWidePivot);
  // One clause for every wide pivot: an article meeting the name counts once, however many of
  // the query's readings it meets, and the engine advances one iterator per match, not three.
  if (wide.length > 0) {
    matches.push({ constant_score: { filter: pivotMatch(wide, opts), boost: PIVOT_BOOST } });
  }
  // Running text has no name subfield (it made indexing several times slower); the typed
  // spelling as a phrase finds a name where extraction did not (forSnippets gives the
  // highlighter every spelling): without it, a query read as a name found nothing in an
  // article whose mention was not read (`with Myun Park for`), though it held the very words.
  // Scored as a constant: the text analyzer drops marks, so `Un-ja` also reads `Ŭn-ja`, a
  // twin's spelling, and term frequencies must not lift it over the pivot's verdict. Lower
  // still for a one-syllable given name: `Lee Hoo` as a phrase is also the start of
  // `Lee Hoo-chi`, who must not come before an article that read `Lee Hoo`.
  // A known person's listed spelling is always read by extraction, so as a phrase it would only
  // repeat the pivots' verdict, at the cost of a positions check in every article naming them.
  const scored = isListedSpelling(d.key, d.query) ? [] : [d.query];
  const phraseBoost = shortName(d) ? SHORT_PHRASE_BOOST : 1;
  for (const spelling of scored) {
    for (const field of ['body', 'captions']) {
      matches.push({
        constant_score: {
          filter: { match_phrase: { [field]: { query: spelling } } },
          boost: phraseBoost,
        },
      });
    }
  }
  // What only ranks is granted where the name meets as usually spelled: the coarse key (the
  // article's or the title's) would otherwise lift a near twin (영 and 용 fold alike) over the
  // person asked.
  // One clause, so the engine checks the usual pivots once per article (they were asked twice,
  // a fifth of a first-time name search at a million articles): meeting them is worth
  // USUAL_BOOST, and the key adds to it.
  // The title's people by key, one term lookup: phrases on `title.names` checked positions in
  // every title naming the person (a third of a first-time name search at a million articles).
  // A constant, about the phrase's 5-14 points: a term's score depends on the engine (rarity on
  // some, flat on others), and headlines should tie on it, the newest first.
  const title: estypes.QueryDslQueryContainer = {
    constant_score: { filter: { term: { title_people_keys: d.key } }, boost: TITLE_BOOST },
  };
  // Where the query's spelling names one person surely (sure readings), the title counts only
  // for an article that names them surely too: a near twin meets an ambiguous syllable as
  // usually spelled (`Jun` is 준, sometimes 전) and shares the key, so its headlines
  // (`Kim So-jeon speaks out`) rose above the person's own articles that were not headlines.
  const usualReadings = opts.pivotPhrases ? [] : pivotsReadings(usual);
  const sure = usualReadings.filter(isSureReading);
  // Short of sure, most likely (`Suk`, 숙 before 석): the title counts only where the article
  // most likely names the person too, or a twin's headline came first.
  const likely = usualReadings.filter(isLikelyReading);
  const should: estypes.QueryDslQueryContainer[] = [];
  // Ways the article's name may meet the query's, of which the best counts (dis_max): as usually
  // spelled; as McCune-Reischauer writes names, on one side and usually on the other (`Choe
  // Taek-kun`, MR for 최택근, and `Choe Taek-geun`: a few points over a wide match, which a twin's
  // customary `Choi Taek-kun`, 최택건, only is); and the other order of a two-surname name, a
  // little. Summed, an article meeting two of them (a twin whose own name reads backwards as the
  // query's other order, `Chu Chong` for `Ju Jong`) came before the person's own.
  const ways: estypes.QueryDslQueryContainer[] = [];
  if (usual.length > 0) {
    ways.push({
      bool: {
        must: [{ constant_score: { filter: pivotMatch(usual, opts), boost: USUAL_BOOST } }],
        should: [
          { term: { people_keys: { value: d.key, boost: KEY_BOOST } } },
          ...(sure.length > 0 || likely.length > 0 ? [] : [title]),
        ],
      },
    });
    if (!opts.pivotPhrases) {
      const north = northMeetings(usualReadings, pivotsReadings(d.pivots.filter(isNorthPivot)));
      for (const [readings, boost] of [
        [north.article, NORTH_BOOST],
        [north.query, QUERY_NORTH_BOOST],
      ] as const) {
        if (readings.length === 0) continue;
        ways.push({ constant_score: { filter: { terms: { people_readings: readings } }, boost } });
      }
    }
  }
  if (d.otherUsual !== undefined) {
    ways.push({
      constant_score: { filter: pivotMatch(d.otherUsual, opts), boost: OTHER_USUAL_BOOST },
    });
    const otherLikely = opts.pivotPhrases
      ? []
      : pivotsReadings(d.otherUsual).filter(isLikelyReading);
    if (otherLikely.length > 0) {
      ways.push({
        constant_score: {
          filter: { terms: { people_readings: otherLikely } },
          boost: OTHER_LIKELY_BOOST,
        },
      });
    }
  }
  if (ways.length === 1) should.push(ways[0]!);
  else if (ways.length > 1) should.push({ dis_max: { queries: ways } });
  // Among articles that meet the name only widely (a Sŏ written So, a twin's Jae for Je), the
  // one keyed as the query is the person asked more often than not: a point breaks the tie. A
  // twin that folds to the same key gains it too, so it never lifts one above the person.
  should.push({
    constant_score: { filter: { term: { people_keys: d.key } }, boost: KEY_TIE_BOOST },
  });
  // And the article's name as usually spelled is one the query's spelling allows: a twin may
  // share the coarse key where the person's spelling does not; this it shares only where its
  // own usual reading is one the query allows too (an ambiguous syllable), as the person's is.
  const half = opts.pivotPhrases ? [] : halfUsual(pivotsReadings(asRead(wide, usual)));
  if (half.length > 0) {
    should.push({
      constant_score: { filter: { terms: { people_readings: half } }, boost: HALF_USUAL_BOOST },
    });
  }
  // The title goes with the surest reading the query has, so a twin's headline gains nothing.
  if (likely.length > 0)
    should.push(rankedBy(likely, LIKELY_BOOST, sure.length > 0 ? [] : [title]));
  if (sure.length > 0) should.push(rankedBy(sure, SURE_BOOST, [title]));
  return { bool: { must: [{ bool: { should: matches, minimum_should_match: 1 } }], should } };
}

/** Articles holding one of `readings` gain `boost`, and what `also` adds on top of it. */
function rankedBy(
  readings: readonly string[],
  boost: number,
  also: estypes.QueryDslQueryContainer[],
): estypes.QueryDslQueryContainer {
  return {
    bool: {
      must: [{ constant_score: { filter: { terms: { people_readings: [...readings] } }, boost } }],
      should: also,
    },
  };
}

/** A surname and one given syllable, as the name's wide pivot reads it. */
function shortName(d: DetectedName): boolean {
  const wide = d.pivots.find((p) => isWidePivot(p) && !p.includes('~'));
  return wide !== undefined && wide.split(' ').length === 4;
}

/**
 * Spellings to look for verbatim in running text, case and hyphens aside: the one typed, and a
 * known person's own. Not the display form of an unknown key: that is a guess which may be
 * someone else's name (the key folds 전 and 준 alike).
 */
function spellingsFor(d: DetectedName): string[] {
  const seen = new Map<string, string>();
  const known = knownPerson(d.key) !== undefined;
  for (const s of known ? [d.query, d.name, ...d.variants] : [d.query]) {
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
    variants: [...new Set(hitNames.filter((n) => spellingMatches(d, n)))],
  }));
}

function spellingMatches(d: DetectedName, spelling: string): boolean {
  if (d.exact) return spellingForm(spelling) === spellingForm(d.query);
  const p = pivotOf(spelling);
  return p !== null && d.pivots.some((q) => isWidePivot(q) && pivotsMeet(q, p));
}
