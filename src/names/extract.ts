import type { PersonMention } from './types.js';
import {
  asciiLower,
  canonicalKey,
  displayName,
  spellingForm,
  HANGUL_SURNAME_KEYS,
  keyOfKorean,
  knownPerson,
} from './canonical.js';
import { foldLetters } from './tables/fold.js';
import {
  COMMON_GIVEN_SYLLABLES,
  ENGLISH_SYLLABLE_WORDS,
  KNOWN_PEOPLE,
  NOT_PEOPLE,
} from './tables/known.js';
import { SURNAMES } from './tables/surnames.js';
import { HANGUL_COMMON_NOUNS } from './tables/hangulWords.js';
import {
  blocksName,
  codePointAt,
  codePointBefore,
  isApostrophe,
  isBlank,
  isHangul,
  isHyphen,
  isLetter,
  isUpper,
  LETTER,
  skipBlanks,
  NOT_BEFORE_NAME,
  width,
} from './chars.js';
import { appositionAt, attributedAt, personCueAt, reportingVerbAt, wordAfterIn } from './cues.js';
import { remembered } from './memo.js';
import { settleOrder, type OrderCandidate } from './order.js';
import { givenFirstLikelier, isNorthOnlySurname } from './odds.js';
import { isCommonSyllable, isSyllable, segment } from './syllables.js';
import { SpellingTrie } from './trie.js';
import {
  isNameSyllable,
  isUsualPivot,
  isWidePivot,
  isNorthPivot,
  asUsualPivot,
  mrSurnameSpellings,
  nameSyllables,
  personPivots,
  pivotOf,
  pivotsMeet,
  readingsOf,
} from './pivot.js';

/**
 * Finds the people named in an article's texts (title, body paragraphs, captions): one
 * PersonMention per person, with every spelling seen in the order first seen.
 *
 * A Korean name is a capitalised surname from the table followed by a given-name shape:
 * `Jong-un` (any syllables), `Jong Un` / `Geun Hye` (common name syllables, not English
 * function words) or `Jongun` (two or three common syllables). A bare surname (`Kim said`) is
 * not a person. Hangul in parentheses after a name is one of its spellings; bare Hangul names of
 * two to four syllables starting with a surname count too. A given name written first counts
 * where a surname closes the name (`Ji-sung Park`, `Minjun Kim`, `Ji Sung Park`); non-Korean
 * people come from a known list.
 */
export function extractPeople(texts: readonly string[]): PersonMention[] {
  const found = new Map<string, PersonMention>();
  BOUND.clear();
  ORDERS.length = 0;
  for (const text of texts) scanText(text, found, BOUND);
  const people = ORDERS.length > 0 ? settleOrder(found, texts, ORDERS).people : found;
  if (BOUND.size > 0) settleHangul(people, BOUND);
  return [...people.values()];
}

/**
 * extractPeople over texts whose first is a title, and the keys of the people the title names,
 * in the order of `people`: the scan reads the title first, so these are the people found when
 * it is done, and the title need not be read a second time.
 */
export function extractTitledPeople(texts: readonly string[]): {
  people: PersonMention[];
  titleKeys: string[];
} {
  const found = new Map<string, PersonMention>();
  BOUND.clear();
  ORDERS.length = 0;
  let titleKeys: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    scanText(texts[i]!, found, BOUND);
    if (i === 0) titleKeys = [...found.keys()];
  }
  let people = found;
  if (ORDERS.length > 0) {
    const settled = settleOrder(found, texts, ORDERS);
    people = settled.people;
    titleKeys = [...new Set(titleKeys.map((k) => settled.rekeyed.get(k) ?? k))];
  }
  if (BOUND.size > 0) settleHangul(people, BOUND);
  return { people: [...people.values()], titleKeys };
}

/** The Hangul bound to each key in the article being read (scratch: extraction is synchronous). */
const BOUND = new Map<string, string>();

/** The article's OrderCandidates (scratch, like BOUND). */
const ORDERS: OrderCandidate[] = [];

/**
 * Hangul in parentheses after a name (`Cha Dae-suk (차대숙)`) says which of the readings the
 * Latin spelling allows is the person's: the pivots of their spellings that it narrows give way
 * to its own, so a search for 차대석, which `Dae-suk` could also spell, does not find them. A
 * spelling the Hangul cannot be a reading of keeps its pivots (the parentheses may hold another
 * name). `bound` holds the first Hangul bound to each key in the article.
 */
function settleHangul(found: Map<string, PersonMention>, bound: Map<string, string>): void {
  for (const [key, hangul] of bound) {
    const person = found.get(key)!;
    const own = personPivots(key, [hangul]);
    const wide = own.find(isWidePivot);
    const usual = own.find(isUsualPivot);
    if (wide === undefined) continue;
    const kept = person.pivots.filter((p) => {
      const narrower = isWidePivot(p) ? wide : usual;
      const as = isNorthPivot(p) ? asUsualPivot(p) : p;
      return own.includes(p) || narrower === undefined || !pivotsMeet(as, narrower);
    });
    for (const p of own) if (!kept.includes(p)) kept.push(p);
    person.pivots = kept;
  }
}

/** Names in one string with their positions (also used for queries). */
export interface NameSpan {
  start: number;
  end: number;
  /** The spelling as written (possessive dropped, whitespace collapsed). */
  text: string;
  key: string;
  /** Hangul written in parentheses right after the name, if any. */
  hangul?: string;
  /** Surname-first form, when the text has the given name first (`Ji-sung Park`). */
  surnameFirst?: string;
  /**
   * The other way to read a two-word name whose words are both surnames (`Jong Chang` is 정창
   * written surname first, or 장종 written given name first): a reader cannot tell, so the span
   * stands for both and either person is found.
   */
  alsoRead?: string;
}

/** The pivots (see pivot.ts) a span stands for: its own reading and any bound Hangul. */
export function spanPivots(span: NameSpan): string[] {
  const spellings = [span.surnameFirst ?? span.text];
  if (span.alsoRead !== undefined) spellings.push(span.alsoRead);
  if (span.hangul !== undefined) spellings.push(span.hangul);
  return personPivots(span.key, spellings);
}

export interface FindOptions {
  /** Accept lower-case names (`kim jong un`), for search queries typed in lower case. */
  anyCase?: boolean;
}

/** Every name occurrence in `text`, in order. */
export function findNames(text: string, opts: FindOptions = {}): NameSpan[] {
  const spans = opts.anyCase ? findNamesAnyCase(plainMarks(text)) : scanNames(text);
  return IGNORED.size > 0 ? spans.filter((s) => !ignored(s)) : spans;
}

function scanText(
  text: string,
  found: Map<string, PersonMention>,
  bound: Map<string, string>,
): void {
  for (const span of scanNames(text)) {
    if (ignored(span)) continue;
    if (span.hangul !== undefined && !bound.has(span.key)) bound.set(span.key, span.hangul);
    let person = found.get(span.key);
    if (!person) {
      person = { name: displayName(span.key), key: span.key, variants: [], pivots: [] };
      found.set(span.key, person);
    }
    // A spelling seen before adds no pivot: most mentions repeat one.
    const newText = !person.variants.includes(span.text);
    const newHangul = span.hangul !== undefined && !person.variants.includes(span.hangul);
    if (newText) person.variants.push(span.text);
    if (newHangul) person.variants.push(span.hangul!);
    // A second reading depends on what follows the mention, so any mention may bring one.
    if (newText || newHangul || span.alsoRead !== undefined) {
      for (const p of spanPivots(span)) if (!person.pivots.includes(p)) person.pivots.push(p);
    }
    if (newText) {
      const order = orderCandidate(span);
      if (order !== null) ORDERS.push(order);
    }
  }
}

const TWO_WORDS = /^([A-Z][a-z]+) ([A-Z][a-z]+)$/;

/** The span as an OrderCandidate: two words, the second a surname, the first a name syllable. */
function orderCandidate(span: NameSpan): OrderCandidate | null {
  if (span.hangul !== undefined || span.surnameFirst !== undefined) return null;
  const m = TWO_WORDS.exec(span.text);
  if (m === null || !SURNAME_SET.has(m[2]!) || nameSyllables(m[1]!, 1) === null) return null;
  if (knownPerson(span.key) !== undefined) return null;
  return {
    key: span.key,
    text: span.text,
    first: m[1]!,
    second: m[2]!,
    ...(span.alsoRead !== undefined ? { alsoRead: span.alsoRead } : {}),
  };
}

// Names are found in three kinds, and where two overlap the earlier kind wins:
//   1. known spellings (`Joe Biden`, `Sung Y. Kim`), the longest one at a position;
//   2. a surname spelling followed by blanks and a given-name shape (readGiven), unless the
//      surname starts inside an earlier span; or a given name written before a surname that
//      closes the name (givenFirst, spacedGivenFirst);
//   3. bare Hangul words of two to five syllables (hangulName), unless inside an earlier span.
// Article texts are read in one pass by scanNames; queries, which may be in any case, by
// case-insensitive regexes (findNamesAnyCase) and the same readGiven and Hangul reading.

// A person written given name first or not Korean is found by their spellings alone; so is any
// alias the surname path cannot read (`Jay Y. Lee`).
/** NOT_PEOPLE, and their upper-case forms (captions). */
const placeSpellings = NOT_PEOPLE.flatMap((p) => [p, p.toUpperCase()]);
const PLACES = new Set(placeSpellings);
// Places written like a name are known spellings too, so that they are taken where they
// stand; they name no one (PLACES).
const builtInSpellings = [
  ...KNOWN_PEOPLE.flatMap((p) =>
    p.foreign || p.keyFrom
      ? [p.display, ...(p.aliases ?? [])]
      : (p.aliases ?? []).filter((a) => keyOfKorean(a) === null),
  ),
  ...placeSpellings,
];
const PLACES_LOWER = new Set(NOT_PEOPLE.map((p) => p.toLowerCase()));
// The table's spellings, and McCune-Reischauer with its marks (Chŏng, Ch'oe), which the engine's
// analyzers fold to the table's anyway.
const latinSurnames = [
  ...new Set([...SURNAMES.flatMap((s) => s.latin), ...SURNAMES.flatMap(mrSurnameSpellings)]),
].sort((a, b) => b.length - a.length);
// Spellings that are the surname only as the table writes them: `UN`, or a query's `un`, is the
// United Nations (`UN Ban Ki-moon`), never McCune-Reischauer's 은.
const AS_WRITTEN_ONLY = new Set(['Un']);
const surnameSpellings = latinSurnames.flatMap((s) =>
  AS_WRITTEN_ONLY.has(s) ? [s] : [s, s.toUpperCase()],
);
/** A query's word that is an AS_WRITTEN_ONLY spelling in another case (`UN`, `un`). */
function writtenOtherwise(word: string): boolean {
  if (AS_WRITTEN_ONLY.has(word)) return false;
  return AS_WRITTEN_ONLY.has(word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
}
const SURNAME_SET = new Set(surnameSpellings);
const SURNAMES_LOWER = new Set(latinSurnames.map((s) => s.toLowerCase()));

/** A known or surname spelling (or both: `Sung` is a surname, `Sung Kim` a known spelling). */
interface Spelling {
  text: string;
  known: boolean;
  surname: boolean;
}

/** Every known and surname spelling once, in a trie (see trie.ts); known ones are marked. */
function spellingTrie(known: readonly string[], surnames: readonly string[]) {
  const spellings = new Map<string, Spelling>();
  const spelling = (text: string) => {
    let s = spellings.get(text);
    if (!s) spellings.set(text, (s = { text, known: false, surname: false }));
    return s;
  };
  for (const text of known) spelling(text).known = true;
  for (const text of surnames) spelling(text).surname = true;
  return new SpellingTrie([...spellings.values()], (s) => s.known);
}

// Known spellings the surname path cannot read (given name first, not Korean): the built-in
// ones and the registry's, rebuilt by setExtraSpellings.
let knownSpellingList: readonly string[] = builtInSpellings;

// Where a name may start: a known or surname spelling, or a Hangul syllable. One native scan over
// a character class finds the letters a spelling can start with (a JavaScript loop over every
// character costs twice as much, and an alternation tried at every position far more); at each,
// the trie gives the spellings that start there. Inside a span already claimed only a known
// spelling can still start (not `Jong` in `Kim Jong-un`), so the walk there follows known ones
// alone.
let START = startRe();
let SPELLINGS = spellingTrie(knownSpellingList, surnameSpellings);
// The spellings found at one place, shortest first (reused: the scan reads them before anything
// can scan again).
const AT: Spelling[] = [];

function startRe(): RegExp {
  const firsts = new Set([...knownSpellingList, ...surnameSpellings].map((s) => s.charAt(0)));
  return new RegExp(`[${[...firsts].map(escapeRe).join('')}가-힣]`, 'g');
}

/** Where the scan of one text stands. */
interface Scan {
  text: string;
  spans: NameSpan[];
  /** Known spellings do not overlap: the next one is looked for from here. */
  knownFrom: number;
  /** Furthest end of any span so far: a surname or Hangul word starting before it is taken. */
  claimedTo: number;
}

/**
 * A query with McCune-Reischauer's aspirate apostrophe written `'` where typed `’` or `ʼ`
 * (`T’AE YONG-HO`) and Unicode's hyphens written `-`, as the any-case readings expect. Articles
 * need none of it: the scan walks both apostrophes alike and reads both hyphens, where rewriting
 * every paragraph cost a quarter of extraction.
 */
function plainMarks(text: string): string {
  return text.replace(TYPESET, (mark, k: number) =>
    mark === '\u2010' || mark === '\u2011' ? '-' : aspirateAt(text, k) ? "'" : mark,
  );
}
const TYPESET = /[\u2019\u02bc\u2010\u2011]/g;

/** Whether the apostrophe at `k` follows ch, k, t or p and comes before a vowel: MR's aspirate. */
function aspirateAt(text: string, k: number): boolean {
  return ASPIRATE_BEFORE.test(text.charAt(k - 1)) && VOWEL_AFTER.test(text.charAt(k + 1));
}
const ASPIRATE_BEFORE = /^[hktp]$/i;
// A vowel, or a glide (`P’yŏng`), or a vowel with its breve.
const VOWEL_AFTER = /^[aeiouwyŏŭ]$/i;

/**
 * The case-sensitive names of `text` in one pass over the candidate places, in order. Every span
 * starting before a place is known when the scan gets there, so the claims of the three kinds
 * resolve as if each kind had been scanned over the whole text in turn.
 */
function scanNames(text: string): NameSpan[] {
  const scan: Scan = { text, spans: [], knownFrom: 0, claimedTo: 0 };
  START.lastIndex = 0;
  // test() rather than exec(): no match array per capital letter (most are no name). START
  // matches one UTF-16 unit, so the place is lastIndex - 1.
  while (START.test(text)) {
    const i = START.lastIndex - 1;
    if (isHangul(text.charCodeAt(i))) {
      START.lastIndex = hangulWordAt(scan, i);
      continue;
    }
    const found = SPELLINGS.walk(text, i, i < scan.claimedTo, AT);
    if (found > 0 && endsWord(text, i, found) && !blocksName(codePointBefore(text, i))) {
      namesAt(scan, i, found);
      START.lastIndex = i + 1;
    }
    // A shorter spelling may start inside this one (`Kim` in `Sung Kim`): the scan goes on from
    // the next letter.
  }
  return scan.spans;
}

/**
 * Whether one of the `found` spellings in AT ends a word, which each reading in namesAt needs:
 * half the spellings found are a word's start (`Seoul`, `Analysts`, `Markets`).
 */
function endsWord(text: string, i: number, found: number): boolean {
  for (let k = found - 1; k >= 0; k--) {
    if (!isLetter(codePointAt(text, i + AT[k]!.text.length))) return true;
  }
  return false;
}

/** The known spelling and the surname starting at `i`, one of the `found` spellings in AT. */
function namesAt(scan: Scan, i: number, found: number): void {
  const text = scan.text;
  // Longest known spelling not followed by a letter; the surname followed by a blank (surnames
  // hold no blanks, so there is at most one).
  let known: string | undefined;
  let surname: string | undefined;
  let lastWord: string | undefined;
  for (let k = found - 1; k >= 0; k--) {
    const s = AT[k]!;
    const end = i + s.text.length;
    if (s.known && known === undefined && !isLetter(codePointAt(text, end))) known = s.text;
    if (s.surname && isBlank(text.charCodeAt(end))) surname = s.text;
    if (s.surname && lastWord === undefined && endsName(text, end)) lastWord = s.text;
  }
  if (known !== undefined && i >= scan.knownFrom && PLACES.has(known)) {
    // Taken, as a name would be, so that no reading starts inside it; but no one is named.
    scan.knownFrom = i + known.length;
    if (scan.knownFrom > scan.claimedTo) scan.claimedTo = scan.knownFrom;
    return;
  }
  if (known !== undefined && i >= scan.knownFrom) {
    const longer = givenBeforeKnown(text, i, known, scan.knownFrom, false);
    if (longer !== null) {
      // The surname reading of the word before (`Hyung Sung`) gives way to the whole name.
      while ((scan.spans.at(-1)?.start ?? -1) >= longer.start) scan.spans.pop();
      claim(scan, longer);
    } else {
      claim(scan, withHangul(text, i, known.length, known, canonicalKey(known)));
    }
    scan.knownFrom = i + known.length;
  }
  if (i < scan.claimedTo) return;
  let span =
    surname === undefined || inGivenName(text, i) || foreignSurnameBefore(text, i, false)
      ? null
      : readGiven(text, i, surname, false);
  if (span === null && lastWord !== undefined) span = givenFirst(text, i, lastWord, scan.claimedTo);
  else if (span !== null) span = readOtherWays(text, span, surname!, scan.claimedTo, false);
  if (span === null) return;
  if (namesAnInstitution(text, span)) {
    // Taken, so that no shorter reading starts inside it, but no one is named.
    if (span.end > scan.claimedTo) scan.claimedTo = span.end;
    return;
  }
  claim(scan, span);
}

// Nouns that make the words before them the name of a place or a firm: `Sun Moon University`,
// `Sung Kyun Kwan University` and `Han Young Hospital` read as names but name no one. Not the
// nouns of what is named for a person (`Kim Koo Museum`, a memorial, a prize, a foundation),
// nor a surname or name syllable (`Park`, `Dong`). Only a name read by its shape gives way: a
// known person's spelling stays theirs.
const INSTITUTION_WORDS = new Set(
  [
    'university universities college school schools hospital clinic church cathedral temple',
    'station airport bridge street road avenue boulevard expressway highway tunnel market palace',
    'mountain mountains island islands river lake valley province county district dam port',
    'harbor harbour beach village group corporation corp company industries industrial',
    'electronics motors securities holdings airlines bank hotel resort mall',
  ]
    .join(' ')
    .split(' '),
);
const INSTITUTION_LONGEST = Math.max(...[...INSTITUTION_WORDS].map((w) => w.length));

/**
 * Whether a capitalised INSTITUTION_WORDS word (`University`, `UNIVERSITY`) follows the span one
 * blank apart, and the span is no known person's: in lower case the word describes
 * (`Lee Min-ho fan clubs`), it does not name.
 */
function namesAnInstitution(text: string, span: NameSpan): boolean {
  const end = span.end;
  if (!isBlank(text.charCodeAt(end)) || !isUpper(text.charCodeAt(end + 1))) return false;
  let k = end + 1;
  while (k < text.length && k - end <= INSTITUTION_LONGEST + 1 && isAsciiLetter(text.charCodeAt(k)))
    k++;
  const length = k - end - 1;
  if (length < 3 || length > INSTITUTION_LONGEST || isLetter(codePointAt(text, k))) return false;
  return (
    INSTITUTION_WORDS.has(text.slice(end + 1, k).toLowerCase()) &&
    knownPerson(span.key) === undefined
  );
}

// The given name first, as Koreans abroad and many sports pages write it, where the surname
// closes the name and is no English word: hyphenated (`Ji-sung Park`), joined (`Minjun Kim`) or
// spaced (`Ji Sung Park`, `Heung Min Son`, read by spacedGivenFirst).
// Two given syllables may also be joined with the second capitalised (`KyungHee Kim`).
const GIVEN_BEFORE =
  /(?<![\p{L}\p{M}'’\u2010\u2011-])(\p{L}[a-z]*|\p{Lu}+(?=[-\u2010\u2011 \t\u00a0]))(?:[-\u2010\u2011](\p{L}[a-z]*|\p{Lu}+)|(?<=[a-z])(\p{Lu}[a-z]+))?[ \t\u00a0]+$/u;

// Surnames of Vietnam and of China in pinyin that are no Korean spelling: the words after one
// are that person's given names (`Nguyen Thu Ha`, `Zhang Min Kim`), never a Korean name
// written given name first. So are those after Vietnam's middle names (`Tran Thi Mai Lee`).
const FOREIGN_SURNAMES = (
  'Thi Van ' +
  'Nguyen Tran Pham Hoang Huynh Phan Dang Bui Ngo Duong Trinh Truong Dinh Doan Luong Vuong ' +
  'Zhang Liu Chen Zhao Huang Zhou Xu Zhu Guo Luo Liang Xie Tang Deng Feng Cao Zeng Peng Xiao ' +
  'Jiang Cai Jia Ding Wei Xue Ye Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Liao Zou ' +
  'Xiong Lu Hao Qian Qin Gu Mao Hou Shao Meng Long Wan Duan Lei Hu Wu Xi'
)
  .split(' ')
  .filter((s) => !SURNAME_SET.has(s));
/** As text writes them (capitalised, or in capitals), and in lower case for queries. */
const FOREIGN_WRITTEN = new Set(FOREIGN_SURNAMES.flatMap((s) => [s, s.toUpperCase()]));
const FOREIGN_LOWER = new Set(FOREIGN_SURNAMES.map((s) => s.toLowerCase()));
const FOREIGN_LONGEST = Math.max(...FOREIGN_SURNAMES.map((s) => s.length));

/**
 * Whether a FOREIGN_SURNAMES word stands right before `start`, one blank apart. Asked at every
 * surname the scan reads, so most words before one (`said`, `leader`) are turned away by their
 * length or their first letter before any string is made.
 */
function foreignSurnameBefore(text: string, start: number, anyCase: boolean): boolean {
  const blank = start - 1;
  if (blank < 2 || !isBlank(text.charCodeAt(blank))) return false;
  let k = blank;
  while (k > 0 && blank - k <= FOREIGN_LONGEST && isAsciiLetter(text.charCodeAt(k - 1))) k--;
  const length = blank - k;
  if (length < 2 || length > FOREIGN_LONGEST) return false;
  const first = text.charCodeAt(k);
  if (!anyCase && (first < 65 || first > 90)) return false;
  if (k > 0 && isLetter(codePointBefore(text, k))) return false;
  const word = text.slice(k, blank);
  return anyCase ? FOREIGN_LOWER.has(word.toLowerCase()) : FOREIGN_WRITTEN.has(word);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function givenFirst(text: string, i: number, surname: string, from: number): NameSpan | null {
  // A short surname that is also a word (`So`, `Do`) closes a name only after a hyphenated
  // given name, or where the name ends (givenFirstReads): else no regex.
  const window = Math.max(from, i - 24);
  const short = surname.length < 3 && isWeakSurname(surname) && isEnglishWord(surname);
  if (short && !hyphenIn(text, window, i - 1) && !nameEndsAt(text, i + surname.length)) {
    return null;
  }
  const m = GIVEN_BEFORE.exec(text.slice(window, i));
  if (!m) return null;
  const [, a, hyphened, capital] = m as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const b = hyphened ?? capital;
  if (!isUpper(a.codePointAt(0)!)) return null;
  // In capitals (a caption's `HEE-HYUK PARK, left`, `JONGNAM KANG, left`) the surname in
  // capitals too, and a hyphenated given name, or a joined one where a clause ends: a word in
  // capitals is no sign of a name there.
  if (foreignSurnameBefore(text, i - m[0].length, false)) return null;
  if (isUpper(a.codePointAt(1) ?? 0)) {
    if (!isAllUpper(surname)) return null;
    if (hyphened === undefined) {
      const end = i + surname.length;
      const start = i - m[0].length;
      // A caption's place mark (`MYUN PARK, left`, `CHUL HWA PAK, right`) says a person is
      // named: one given syllable or two words apart then read too.
      if (captionMarkAt(text, end) && !isBlocked(text, start)) {
        const pair = spacedGivenBefore(text, start, from, end, surname, a);
        if (pair !== null) return pair;
        if (givenWhereNamed(a, surname)) {
          return givenFirstSpan(start, end, m[0] + surname, surname, a, undefined);
        }
      }
      // Or a caption opening with the name and going on in lower case (`JAEGEON JUNG poses
      // for`): no headline in capitals does, though a lead set in capitals may open with a
      // place, so where the surname is an English word too only before what people do
      // (`SOGYEONG PARK receives`, not `YONGSAN PARK opens`).
      const ends =
        closesClause(text, end) ||
        (sentenceStartsAt(text, start) &&
          lowerAfter(text, end) &&
          (!nounSurname(surname) || wordAfterIn(text, end, PERSON_VERBS)));
      if (!ends || !joinedGivenFirst(a, surname)) return null;
      return givenFirstSpan(start, end, m[0] + surname, surname, a, undefined);
    }
  }
  // Joined with a capital is a weaker sign than a hyphen: both halves must be common name
  // syllables, and the whole no Western name (`JoAnn Kim`).
  if (capital !== undefined && !camelGiven(a, capital)) return null;
  // The window may start inside a word: the given name must start one.
  if (isBlocked(text, i - m[0].length)) return null;
  const end = i + surname.length;
  const start = i - m[0].length;
  if (b === undefined) {
    const pair = spacedGivenBefore(text, start, from, end, surname, a);
    if (pair !== null) return pair;
  }
  if (hyphened === undefined && namesPark(text, start, end, surname, from)) return null;
  return givenFirstReads(text, end, surname, a, b, hyphened !== undefined, start)
    ? givenFirstSpan(start, end, m[0] + surname, surname, a, b)
    : null;
}

// Words that put a place after them: `in Hyochang Park`, `at Namsan Park`, `the Yongsan Park`
// are parks (no one is `the Jisung Park`).
const PLACE_PREPOSITIONS = new Set(
  'in at near around across inside outside into through toward towards the'.split(' '),
);

/** Whether `… Park` (the given name at `start`, Park ending at `end`) is a park: a place preposition before. */
function namesPark(
  text: string,
  start: number,
  end: number,
  surname: string,
  from: number,
): boolean {
  // `in Jisung Park's hometown` is his.
  if ((surname !== 'Park' && surname !== 'PARK') || possessiveAt(text, end)) return false;
  const before = wordBeforeBlanks(text, start, from);
  return before !== null && PLACE_PREPOSITIONS.has(before.word.toLowerCase());
}

/** Whether `, left` (right, center, second from left…) or ` (left)` follows `at`: a caption's mark. */
function captionMarkAt(text: string, at: number): boolean {
  CAPTION_MARK.lastIndex = at;
  return CAPTION_MARK.test(text);
}
const CAPTION_MARK =
  /(?:,[ \t\u00a0]*|[ \t\u00a0]*\()(?:(?:second|third|fourth|far|front|back|top|bottom)[ \t\u00a0]+(?:from[ \t\u00a0]+)?)?(?:left|right|cent(?:er|re)|top|bottom)\b/iy;

/** Whether the word at `start` is inside a word (a letter, apostrophe or hyphen before it). */
function isBlocked(text: string, start: number): boolean {
  const before = codePointBefore(text, start);
  return isLetter(before) || isApostrophe(before) || isHyphen(before);
}

/** Whether a hyphen is in text[from, to). */
function hyphenIn(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isHyphen(text.charCodeAt(k))) return true;
  return false;
}

function isAllUpper(word: string): boolean {
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

/** `KyungHee`: two common name syllables, and no Western name written so (`JoAnn`). */
function camelGiven(a: string, b: string): boolean {
  if (NOT_GIVEN_NAMES.has(`${a}${b}`.toLowerCase())) return false;
  return nameSyllables(a, 1) !== null && nameSyllables(b, 1) !== null;
}

/**
 * `Choong Woo Oh`, `Soo Rae Choi`: two given syllables written apart before the surname, read
 * where the one-word given name `a` at `start` has a syllable word before it, as a hyphenated
 * pair is (`Choong-woo Oh`).
 */
function spacedGivenBefore(
  text: string,
  start: number,
  from: number,
  end: number,
  surname: string,
  a: string,
): NameSpan | null {
  const before = wordBeforeBlanks(text, start, from);
  if (before === null) return null;
  const { first, word } = before;
  if (!isUpper(word.codePointAt(0)!)) return null;
  if (!opensGivenFirst(text, first, word, end) && !westernFirst(text, word, end, false))
    return null;
  if (!givenFirstReads(text, end, surname, word, a, false, first)) return null;
  return givenFirstSpan(first, end, `${word} ${a} ${surname}`, surname, word, a);
}

/**
 * Whether `a-b surname` (or `a b surname`) or `a surname` ending at `end` is a name written given
 * name first. A surname that is also a word (`Chun`, `Ha`) closes one only after a given name of
 * two syllables and where the name ends as LONE asks (`Woohong Chun, 41,`, `Seung-sang Chu said`).
 * After a hyphenated given name, which no English word is, a short one closes it too: where the
 * name ends if it is an English word (`Kwang-rae So, 63,`), else anywhere (`Geun-kil Yi on`).
 */
function givenFirstReads(
  text: string,
  end: number,
  surname: string,
  a: string,
  b: string | undefined,
  hyphen = false,
  /** Where the name starts, when known: an attribution before it is a cue too. */
  start = -1,
): boolean {
  const weak = isWeakSurname(surname);
  // A short surname that is no English word (`Yi`, `Ko`, `Jo`) is as sure a close as a longer
  // one where the name ends (`Kyumi Yi said`, `Geun Kil Yi, 52,`).
  // One that is an English word closes given syllables that are none where the name ends
  // (`Eunryong Ok said`, `Yeonghee So, 34,`); `No` and `Do` without a hyphen only where a person
  // alone can end (`Hanjee Do told reporters`, `, who`, `, 45,`): a province (`Gyeonggi Do`) or
  // a number (`Gangnam No. 1`) takes no reporting verb.
  const weakEnds = () =>
    hyphen
      ? !isEnglishWord(surname) || nameEndsAt(text, end)
      : nameEndsAt(text, end) &&
        (surname.length >= 3 ||
          !isEnglishWord(surname) ||
          plainGiven(surname, a, b) ||
          (givenNoWord(a, b) &&
            (personCueAt(text, end, false) ||
              (appositionAt(text, end) && attributedAt(text, start)))));
  if (b !== undefined) return anySyllable(a) && anySyllable(b) && (!weak || weakEnds());
  // `Wang Jun said` is a Chinese name in its own order, not 전왕.
  if (chineseToo(a, asciiLower(surname))) return false;
  if (joinedGivenFirst(a, surname)) return !weak || weakEnds();
  // One syllable before a surname that is also a word (`Woon Shim, a teacher`) on the terms a
  // joined given name has there: three letters or more, where the name ends.
  // A short weak surname that is no English word (`Young Im, 69,`) does so as well, though not
  // Ma or Li, which end Chinese names written the Western way (`Jack Ma`, `Jet Li`).
  if (WESTERN_ORDER_CHINESE.has(asciiLower(surname))) return false;
  const closes = !weak || surname.length >= 3 || !isEnglishWord(surname);
  if (closes && loneGivenFirst(a) && nameEndsAt(text, end)) return true;
  // An English word that is a name syllable, before a surname that is none, where only a person
  // can end (`said Ran Lee, a lawmaker`, `Won Park told reporters`); and a syllable that is no
  // English word before a short surname that is one (`Hui Ye, 54, a fisherman`), though never
  // `No` or `Do` (`Tang Soo Do`), nor a letter (`Lee I said`: the pronoun).
  if (!weak) return storyGiven(a) && personCueAt(text, end);
  const plainClose = surname.length >= 2 && !NEVER_PLAIN_CLOSE.has(asciiLower(surname));
  return plainClose && loneGivenFirst(a) && personCueAt(text, end);
}

/** Given syllables none of which is an English word, at least two (`Hanjee`, `Han-jee`). */
function givenNoWord(a: string, b: string | undefined): boolean {
  if (isEnglishWord(a) || (b !== undefined && isEnglishWord(b))) return false;
  return b !== undefined ? anySyllable(a) && anySyllable(b) : (nameSyllables(a)?.length ?? 0) >= 2;
}

/** A one-syllable given name that is an English word too (`Ran`, `Won`), not one no name is. */
function storyGiven(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 2 || NEVER_GIVEN.has(lower) || NOT_GIVEN_NAMES.has(lower)) return false;
  return nameSyllables(word, 1) !== null;
}

/** A clause ends, a reporting verb or a possessive follows: where LONE lets a name end. */
function nameEndsAt(text: string, end: number): boolean {
  return closesClause(text, end) || reportingVerbAt(text, end) || possessiveAt(text, end);
}

/** The span of a name written given name first: `text` as written, read as `surname a-b`. */
function givenFirstSpan(
  start: number,
  end: number,
  text: string,
  surname: string,
  a: string,
  b: string | undefined,
): NameSpan {
  const surnameFirst = b === undefined ? `${surname} ${a}` : `${surname} ${a}-${b}`;
  return {
    start,
    end,
    text: text.replace(/[ \t\u00a0]+/g, ' ').replace(/[\u2010\u2011]/g, '-'),
    key: canonicalKey(surnameFirst),
    surnameFirst,
  };
}

// `Gangnam No. 1`, `Gyeonggi Do`, `Tang Soo Do.`: numbers, provinces and martial arts.
const NEVER_PLAIN_CLOSE = new Set(['no', 'do']);

/** Given syllables no English word is in: two words apart, or one word of two or three. */
function plainGiven(surname: string, a: string, b: string | undefined): boolean {
  if (NEVER_PLAIN_CLOSE.has(asciiLower(surname)) || isEnglishWord(a)) return false;
  if (b !== undefined)
    return !isEnglishWord(b) && nameSyllables(a, 1) !== null && nameSyllables(b, 1) !== null;
  return (nameSyllables(a)?.length ?? 0) >= 2;
}

/**
 * `Dae Sung Kim`: a known person's spelling written given name first (`Sung Kim`) right after a
 * word that is one given syllable is someone else's longer name written the same way (김대성),
 * not that person with a word before; titles before it (`Ambassador Sung Kim`) are no syllable.
 */
function givenBeforeKnown(
  text: string,
  start: number,
  known: string,
  from: number,
  anyCase: boolean,
): NameSpan | null {
  const parts = remembered(KNOWN_PARTS, known, knownParts, 5_000);
  if (parts === null || !closingSurname(parts.surname, anyCase)) return null;
  const { given, surname } = parts;
  const end = start + known.length;
  // `Il-Sung Kim`, `IL-SUNG KIM`: a syllable hyphened to the spelling's given syllable makes one
  // given name with it, a stronger sign than a word apart, so no English-word terms apply.
  const joined = wordBeforeHyphen(text, start, from);
  if (joined !== null) {
    const { first, word } = joined;
    return nameSyllables(word, 1) === null
      ? null
      : givenFirstSpan(first, end, text.slice(first, end), surname, word, given);
  }
  const before = wordBeforeBlanks(text, start, from);
  if (before === null) return null;
  const { first, word } = before;
  if (!anyCase && !isUpper(word.codePointAt(0)!)) return null;
  // An English word that is a name syllable too (`Coach So Sung Kim said`) on the terms it
  // opens any name written given name first.
  if (!opensWrittenFirst(text, first, word, end, anyCase)) return null;
  return givenFirstSpan(first, end, `${word} ${given} ${surname}`, surname, word, given);
}

// A known spelling as a one-syllable given name and what follows it (`Sung Kim`), or null:
// every mention of a known person asks, and the split depends on the spelling alone.
const KNOWN_PARTS = new Map<string, { given: string; surname: string } | null>();

function knownParts(known: string): { given: string; surname: string } | null {
  const blank = known.indexOf(' ');
  if (blank === -1 || known.indexOf(' ', blank + 1) !== -1) return null;
  const given = known.slice(0, blank);
  return nameSyllables(given, 1) === null ? null : { given, surname: known.slice(blank + 1) };
}

/**
 * A joined given name before a surname (`Minjun Kim`, `Seoyeon Park`): two or three name
 * syllables that make no English word and no Western given name that also splits into syllables
 * (`Jason Kim`, `Dean Park` stay as written). One syllable is too weak a sign before a surname
 * (`Then Kim`, `Young Kim`).
 */
function joinedGivenFirst(word: string, surname: string): boolean {
  if (NOT_GIVEN_NAMES.has(word.toLowerCase()) || !joinedGiven(word, surname)) return false;
  return (nameSyllables(word)?.length ?? segment(foldPart(word), 3)?.length ?? 0) >= 2;
}

/**
 * A one-syllable given name before a surname (`Hoon Seo said`): a name syllable that is no
 * English word, where the name ends as LONE asks of `Seo Hoon`; not `Young Kim fans` or a
 * headline's `Top Kim Aide`.
 */
function loneGivenFirst(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower) || SECOND_STOP_WORDS.has(lower)) return false;
  if (NOT_GIVEN_NAMES.has(lower)) return false;
  return nameSyllables(word, 1) !== null || (isCommonSyllable(foldPart(word)) && anySyllable(word));
}

/**
 * Whether `word` at `at` may be the first given syllable of a name written given name first and
 * ending at `end`: a syllable that is no English word, or one that is on wordGivenFirst's terms.
 */
function opensGivenFirst(text: string, at: number, word: string, end: number, query = false) {
  return loneGivenFirst(word) || wordGivenFirst(text, at, word, end, query);
}

/**
 * Whether `word` at `at` opens a name written given name first that ends at `end`: a syllable
 * that is no English word, or one that is on wordGivenFirst's terms where it is capitalised or,
 * in a query read in any case, starts it (`do sung chang`, not `talks to moon chung`).
 */
function opensWrittenFirst(
  text: string,
  at: number,
  word: string,
  end: number,
  anyCase: boolean,
): boolean {
  if (loneGivenFirst(word)) return true;
  const query = anyCase && startsText(text, at);
  return (query || isUpper(word.codePointAt(0)!)) && wordGivenFirst(text, at, word, end, query);
}

/**
 * `Man Jung Lee`, `said In Ho Lee`, `A Young Choi said`: an English word that is also a name
 * syllable, capitalised, as the first of two given syllables written apart before the surname
 * (the name ends at `end`).
 * A word that opens sentences (`In`, `On`) does so at the start of one only where a comma or a
 * reporting verb follows the name as wire copy has it (`In Chun Park, a lawmaker, said`): `In
 * Jung Kim's view` is Jung Kim's.
 */
function wordGivenFirst(
  text: string,
  at: number,
  word: string,
  end: number,
  query = false,
): boolean {
  const lower = word.toLowerCase();
  // `U`, `O`, `E` (우, 오, 어) open a name as wire copy closes it, with a comma or a reporting
  // verb (`said U Heon Kwak, a baker`): English writes no such capital there.
  if (VOWEL_GIVEN.has(lower)) {
    if (nameSyllables(word, 1) === null) return false;
    return query || text.charCodeAt(end) === 0x2c || reportingVerbAt(text, end);
  }
  // `I` is only ever the pronoun; `A` (아) opens given names (`A Young Choi`, 최아영), and as the
  // article it opens sentences, which the check below asks more of.
  if ((lower.length < 2 && lower !== 'a') || !STOP_WORDS.has(lower)) return false;
  if (NEVER_GIVEN.has(lower) || nameSyllables(word, 1) === null) return false;
  // A query that starts with the name is no sentence: the words typed are the name.
  if (query || !SENTENCE_OPENERS.has(lower) || !sentenceStartsAt(text, at)) return true;
  return text.charCodeAt(end) === 0x2c || reportingVerbAt(text, end);
}

// Function words that split into a syllable (태 for `the`) and name nobody: `The Kim Koo Museum`.
const NEVER_GIVEN = new Set(['the', 'and', 'but', 'of']);

// Stop words that start English sentences capitalised; the rest (`Man`, `Sun`, `Gun`) rarely do
// before a name.
const SENTENCE_OPENERS = new Set(
  [
    'a in an on to do so no go he we me be am it at is as or by oh ok yes his her who how',
    'new now not one two ten all any may way has had was say see can will well',
  ]
    .join(' ')
    .split(' '),
);

/** Whether only blanks come before `at`. */
function startsText(text: string, at: number): boolean {
  for (let k = 0; k < at; k++) if (!isBlank(text.charCodeAt(k))) return false;
  return true;
}

/** Whether a sentence starts at `at`: only blanks, or nothing, since a full stop, quote or line. */
function sentenceStartsAt(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && isBlank(text.charCodeAt(k - 1))) k--;
  if (k === 0) return true;
  return '.!?:;"“‘\'([\n'.includes(text.charAt(k - 1));
}

function possessiveAt(text: string, i: number): boolean {
  return (
    isApostrophe(text.charCodeAt(i)) && text.charCodeAt(i + 1) === 0x73 && endsName(text, i + 2)
  );
}

/**
 * A surname-first reading `span`, or what it is instead: the same name written given name first
 * (spacedGivenFirst) unless `taken` says that span is claimed already, else `span` marked as
 * readable both ways (twoWays). The one step both scans take after readGiven.
 */
function readOtherWays(
  text: string,
  span: NameSpan,
  surname: string,
  from: number,
  anyCase: boolean,
  taken: (s: NameSpan) => boolean = () => false,
): NameSpan {
  const given = oneWordGiven(span, surname);
  if (given === null) return spacedTwoWays(text, span, surname, anyCase);
  const first = spacedGivenFirst(text, span, surname, given, from, anyCase);
  return first !== null && !taken(first) ? first : twoWays(text, span, surname, given, anyCase);
}

/**
 * The given name of a surname-first reading when it is one word with no Hangul bound to it
 * (`Ji Sung`, `Kim Jongun`), else null: only such a reading may be given name first instead.
 * Most names (`Kim Jong-un`) leave at the first hyphen or blank.
 */
function oneWordGiven(span: NameSpan, surname: string): string | null {
  if (span.hangul !== undefined || span.surnameFirst !== undefined) return null;
  const t = span.text;
  for (let k = surname.length + 1; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 0x20 || c === 0x2d || isApostrophe(c)) return null;
  }
  return t.length > surname.length + 1 ? t.slice(surname.length + 1) : null;
}

/**
 * `Ji Sung Park`, `Nam June Paik`, `Heung Min Son`: a surname reading whose given name is one
 * word, where a surname that closes the name stands right after it, or a syllable word right
 * before it, is the two-syllable given name written before its surname. A reading whose given
 * name takes both words (`Ban Ki Moon`, `Kim Il Sung`) is never one of these.
 */
function spacedGivenFirst(
  text: string,
  span: NameSpan,
  surname: string,
  given: string,
  from: number,
  anyCase: boolean,
): NameSpan | null {
  // `Ji Sung Park`: the reading's surname is the first syllable, a surname follows, which
  // starts no name of its own (`Cho Kuk Park Ji-won`) and makes no known one with the given
  // syllable (`Ji Sung Kim` names Sung Kim).
  const after = skipBlanks(text, span.end);
  if (after > span.end && after < text.length) {
    const wordTo = wordEnd(text, after, !anyCase);
    const next = wordTo === -1 ? '' : stripPossessive(text.slice(after, wordTo));
    const end = after + next.length;
    if (
      closingSurname(next, anyCase) &&
      endsName(text, end) &&
      anySyllable(surname) &&
      // In capitals the known spelling is not read (`JI SUNG KIM, left` is 김지성).
      (!KNOWN_LOWER.has(`${given} ${next}`.toLowerCase()) || (!anyCase && isAllUpper(next))) &&
      readGiven(text, after, next, anyCase) === null
    ) {
      return givenFirstSpan(span.start, end, text.slice(span.start, end), next, surname, given);
    }
  }
  // `Heung Min Son`, `Heung-Min Son`: the reading's given name is the surname, its surname the
  // second syllable, and a syllable word that starts no surname reading comes right before.
  // A short surname closes such a three-word name where it ends (`Pil Tae Ha told`, `Geun Kil
  // Yi, 52,`): read as two words the name left its first given syllable out.
  const closes =
    closesSpacedGiven(given, text, span.end, anyCase) ||
    (given.length < 3 && southernSurname(given, anyCase) && nameEndsAt(text, span.end));
  if (!closes || !endsName(text, span.end)) return null;
  let wordTo = span.start;
  if (isHyphen(text.charCodeAt(wordTo - 1))) wordTo--;
  else while (wordTo > from && isBlank(text.charCodeAt(wordTo - 1))) wordTo--;
  if (wordTo === span.start) return null;
  const start = wordStartBefore(text, wordTo, from);
  if (start === -1) return null;
  const a = text.slice(start, wordTo);
  if (!anyCase && !isUpper(a.codePointAt(0)!)) return null;
  // `a` may be a surname too (`Soo Rae Choi`): had it started a name, that name would have
  // claimed the words after it. A query that starts with it is no sentence (`In Seung Chung`).
  const query = anyCase && startsText(text, start);
  if (
    !opensGivenFirst(text, start, a, span.end, query) &&
    !westernFirst(text, a, span.end, query)
  ) {
    return null;
  }
  return givenFirstSpan(start, span.end, text.slice(start, span.end), given, a, surname);
}

/**
 * A Western first name that is a name syllable too (`Sam`, `Dan`: 삼, 단) opens a three-word
 * name whose last two words read as a surname and a given syllable (`Sam Woo Ham`: 함삼우, read
 * alone `Woo Ham` would be 우함) where the name ends as a person's does, or a query starts with
 * it. A Westerner's name does not run on into two Korean syllables.
 */
function westernFirst(text: string, a: string, end: number, query: boolean): boolean {
  if (!NOT_GIVEN_NAMES.has(a.toLowerCase()) || nameSyllables(a, 1) === null) return false;
  return query || nameEndsAt(text, end);
}

/**
 * Whether `i` follows a name syllable and a hyphen (`Min-jun Lee`, `Hyun-Woo Jung`): what starts
 * there is the second half of a given name, never a surname starting a name of its own (`jun
 * Lee`, `Woo Jung`). After any other word the hyphen joins a name to it (`anti-Kim Jong-un`).
 */
function inGivenName(text: string, i: number): boolean {
  if (i < 2 || !isHyphen(text.charCodeAt(i - 1))) return false;
  const start = wordStartBefore(text, i - 1, 0);
  return start !== -1 && start < i - 1 && anySyllable(text.slice(start, i - 1));
}

/** McCune-Reischauer's marks: a scholarly spelling, always written surname first. */
const MR_MARKS = /[ŏŭŎŬ]/;

/**
 * `span` read surname first, marked as also readable given name first when its one-word given
 * name is a surname too and its surname could be a one-syllable given name (`Jong Chang`). Not
 * a spelling with McCune-Reischauer's marks (`Cho Sŭng` is 조승, never 승조 or 성조).
 */
function twoWays(
  text: string,
  span: NameSpan,
  surname: string,
  given: string,
  anyCase: boolean,
): NameSpan {
  if (MR_MARKS.test(span.text)) return span;
  // A query that is the two words alone says nothing of their order: any two surnames, the first
  // a one-syllable given name or a vowel letter (`U Lee`: 우리, or 이우 given name first; `Yang
  // Ko`), are read both ways. Running text asks what closes a name there, and of a vowel letter
  // that a person is described next (`said U Lee, a nurse`).
  const query = anyCase && wholeQuery(text, span.start, span.end);
  const opens =
    loneGivenFirst(surname) ||
    (query && typedGiven(surname, given)) ||
    (VOWEL_GIVEN.has(surname.toLowerCase()) && (query || personCueAt(text, span.end)));
  const closes = query
    ? isSurnameSpelling(stripPossessive(given), true)
    : closesSpacedGiven(given, text, span.end, anyCase) && nameEndsAt(text, span.end);
  if (!opens || !closes) return span;
  const reversed = `${given} ${surname}`;
  // A given word spelled as only surnames are (`Ho Huh`: a silent h, which given syllables
  // other than `Oh` never carry) says the name is written given name first: that reading leads,
  // as in a three-word name (spacedTwoWays).
  const plain = asciiLower(stripPossessive(given));
  if (SILENT_H.test(plain) && plain !== 'oh') {
    return { ...span, key: canonicalKey(reversed), surnameFirst: reversed, alsoRead: span.text };
  }
  span.alsoRead = reversed;
  return span;
}

/**
 * A spaced three-word reading whose last word is a surname that closes names (`Hyun Sook Moon`)
 * may be the given name first (문현숙) as well as the surname first (현숙문): like twoWays, the
 * span stands for both and either person is found, the one read first ranking first. Which
 * leads is the likelier by the odds of odds.ts, or the given name first where the last word is
 * spelled as only surnames are.
 */
function spacedTwoWays(text: string, span: NameSpan, surname: string, anyCase: boolean): NameSpan {
  // A known person's spaced spelling (`Ban Ki Moon`) is that person only.
  if (span.hangul !== undefined || span.surnameFirst !== undefined || knownPerson(span.key)) {
    return span;
  }
  const words = span.text.split(' ');
  if (words.length !== 3 || words[0] !== surname) return span;
  const [first, second, last] = words as [string, string, string];
  const closing = stripPossessive(last);
  if (MR_MARKS.test(span.text)) return span;
  // A first word that is also an English word (`Do Hoo Shim`) may still open a name written
  // given name first, on wordGivenFirst's terms: capitalised, which in a query only a name that
  // starts it may go without (`do sung chang`, not `talks to moon chung`). So may a vowel letter
  // that is a given syllable (`O Young Chun`: 전오영).
  const opens =
    opensWrittenFirst(text, span.start, first, span.end, anyCase) ||
    LONE_LETTERS.has(first.toLowerCase());
  if (!opens) return span;
  const givenFirst = `${closing} ${first}-${second}`;
  // One name, one habit: syllables spelled the South's way (`Yoo`, `Seung`) say the first word
  // is no surname spelled only the North's way, so `Jong Seung Chun` is 전종승 alone.
  const northern =
    isNorthOnlySurname(first) &&
    southernSurname(closing, anyCase) &&
    SOUTHERN_SPELLING.test(asciiLower(second + closing));
  if (northern) return { ...span, key: canonicalKey(givenFirst), surnameFirst: givenFirst };
  // A surname that is also a word (`Chu`, `Ha`, `Do`) closes no name on its own, but where the
  // three words already read as a name it may be the surname of one written given name first
  // (`Seung Sang Chu`): that reading is added, never leads.
  if (!closingSurname(closing, anyCase)) {
    return southernSurname(closing, anyCase) ? { ...span, alsoRead: givenFirst } : span;
  }
  // A last word spelled as surnames are and given names are not (`Suh`, `Kim`, `Choi`: a silent
  // h, or no name syllable) says the name is written given name first: that reading leads. So
  // does a last word far likelier a surname than a given syllable where the first is the other
  // way round (`Sung Sam Lee` is 이성삼: 리 ends few given names, 성 is a rare surname).
  const plain = asciiLower(closing);
  if (!SILENT_H.test(plain) && isNameSyllable(plain) && !givenFirstLikelier(first, closing)) {
    return { ...span, alsoRead: givenFirst };
  }
  return {
    ...span,
    key: canonicalKey(givenFirst),
    surnameFirst: givenFirst,
    alsoRead: `${first} ${second} ${closing}`,
  };
}

/**
 * Vowels North Korea never writes: `oo`, `ee` (its 유, 희 are yu, hui), `eo`, `eu` (the South's
 * Revised Romanization; the North writes o and u).
 */
const SOUTHERN_SPELLING = /oo|ee|eo|eu/;

/**
 * Whether `word` ending at `end` may close a name whose two given syllables are written apart
 * before it: a closing surname, or, as givenFirstReads lets one close a hyphenated pair, a
 * surname of three letters or more that is also a word (`Dae Ho Shim said`) where the name ends.
 */
function closesSpacedGiven(word: string, text: string, end: number, anyCase: boolean): boolean {
  if (closingSurname(word, anyCase)) return true;
  return word.length >= 3 && southernSurname(word, anyCase) && nameEndsAt(text, end);
}

/** A silent h after a vowel (`Suh`, `Roh`, `Ahn`): a surname's spelling, not a given name's. */
const SILENT_H = /[aeiou]h$/;

function isSurnameSpelling(word: string, anyCase: boolean): boolean {
  return anyCase ? SURNAMES_LOWER.has(word.toLowerCase()) : SURNAME_SET.has(word);
}

/**
 * A surname that can close a name written given name first: not also an everyday word, and not
 * a spelling only North Korea uses. The given name goes first in the West's habit, which the
 * North's writers never follow (`Ri Son Gwon`, `Jong Kyong Thaek`), so `Min Yoon Jong` is 민윤종
 * and never 정민윤.
 */
function closingSurname(word: string, anyCase: boolean): boolean {
  return word !== '' && !isWeakSurname(word) && southernSurname(word, anyCase);
}

/** A surname spelling the South uses too: only such a one closes a name given name first. */
function southernSurname(word: string, anyCase: boolean): boolean {
  // A hyphen-only surname (`In`) opens a name, never closes one: `Lee Sang In`, `jae in`.
  return isSurnameSpelling(word, anyCase) && !isNorthOnlySurname(word) && !hyphenOnly(word);
}

/** The word (see wordStartBefore) before the blanks, at least one, that end at `at`; or null. */
function wordBeforeBlanks(
  text: string,
  at: number,
  from: number,
): { first: number; word: string } | null {
  let k = at;
  while (k > from && isBlank(text.charCodeAt(k - 1))) k--;
  if (k === at) return null;
  const first = wordStartBefore(text, k, from);
  return first === -1 ? null : { first, word: text.slice(first, k) };
}

/** The word hyphened to the place `at` (`Il` of `Il-Sung`), if it is a word on its own. */
function wordBeforeHyphen(
  text: string,
  at: number,
  from: number,
): { first: number; word: string } | null {
  if (at - 1 <= from || !isHyphen(text.charCodeAt(at - 1))) return null;
  const first = wordStartBefore(text, at - 1, from);
  return first === -1 ? null : { first, word: text.slice(first, at - 1) };
}

/**
 * Start of the letters-only word ending at `end`, if it is one word on its own (a blank, bracket
 * or the text's start before it, not a letter, digit, apostrophe or full stop) starting at or
 * after `from`; else -1.
 */
function wordStartBefore(text: string, end: number, from: number): number {
  let k = end;
  while (k > from && isLetter(text.charCodeAt(k - 1))) k--;
  if (k === end || (k > 0 && blocksName(codePointBefore(text, k)))) return -1;
  if (k > 0 && isHyphen(text.charCodeAt(k - 1))) return -1;
  return k;
}

// Words that split into name syllables but name no Korean before a surname: Western given names
// (`Jason Kim` stays as written) and the places and firms wire copy puts there (`South Korea
// Park`, `Samsung Lee`).
const NOT_GIVEN_NAMES = new Set(
  [
    'dean sean jean joan juan jane anne dana sara dora nora gina nina tina lena julie susan',
    'jason madam june done none gene sue joe jon don dan ben ken jim tim sam pam ian eden',
    'sonia diane janet jenny sunny hannah joann leann deann',
    'korea korean seoul busan pusan incheon daegu taegu daejeon gwangju ulsan suwon sejong',
    'gangnam jeju pyongyang kaesong sinuiju wonsan hamhung china japan taiwan hanoi manila',
    'osaka tokyo obama samsung hyundai daewoo hanwha lotte yonhap hanjin',
    // Provinces, which `Do` follows (`Gyeonggi Do`), and martial arts (`Taekwon Do`).
    'gyeonggi kyonggi gangwon kangwon chungcheong jeolla gyeongsang hwanghae pyongan hamgyong',
    'jeollanam jeollabuk chungcheongnam chungcheongbuk gyeongsangnam gyeongsangbuk taekwon hapki',
  ]
    .join(' ')
    .split(' '),
);

function claim(scan: Scan, span: NameSpan): void {
  scan.spans.push(span);
  if (span.end > scan.claimedTo) scan.claimedTo = span.end;
}

/** Reads the Hangul run starting at `i`; returns where it ends. */
function hangulWordAt(scan: Scan, i: number): number {
  const end = hangulRunEnd(scan.text, i);
  if (i >= scan.claimedTo) {
    const span = hangulSpan(scan.text, i, end);
    if (span) scan.spans.push(span);
  }
  return end;
}

function hangulRunEnd(text: string, i: number): number {
  let end = i + 1;
  while (isHangul(text.charCodeAt(end))) end++;
  return end;
}

/** A name in the whole Hangul run [start, end), if it is one (two to five syllables). */
function hangulSpan(text: string, start: number, end: number, query = false): NameSpan | null {
  if (end - start < 2 || end - start > 5) return null;
  // A query that is the Hangul word alone asks for the person even where the word is also a
  // common noun (조국, Cho Kuk): its text is searched as typed beside the name all the same.
  // Not a place, a body or a title (한국, 정부, 장관), which no one is called.
  const word = text.slice(start, end);
  const alone = query && wholeQuery(text, start, end) && !HANGUL_NEVER_NAMES.has(word);
  const latin = () => alone || amongLatin(text, start, end);
  let name = hangulName(word, latin);
  // An age in parentheses or a title after it (김열난(28) 시의원은, 이난향 약사는) says a person is
  // named: one given syllable then may be a rarer one; typed alone, any may.
  if (name === null && (alone || (!query && hangulCueAfter(text, end)))) {
    name = hangulName(word, latin, alone ? 2 : 1);
  }
  if (name === null || verbForm(text, end, name) || !proseName(text, start, end, name, query)) {
    return null;
  }
  return { start, end: start + name.length, text: name, key: canonicalKey(name) };
}

/**
 * In Korean prose a word that reads as a name is often a word (한강 수위가 is the river, 국민만
 * "only the people", 장관은 "the minister"): a name of one given syllable, or ending in a particle
 * that hardly ends a name (주석의), or in 만 or 도 after a rare surname (국민만), is taken there
 * only with a title after it (한강 작가는, 추미애 법무부 장관은); a known person always is.
 */
function proseName(
  text: string,
  start: number,
  end: number,
  name: string,
  query: boolean,
): boolean {
  if (!isHangul(neighbour(text, start - 1, -1, true)) && !isHangul(neighbour(text, end, 1, true))) {
    // In parentheses in English text a surname and one syllable is mostly a word glossed
    // (`Incheon (인천)`, `Gangnam (강남)`), unless the words before spell the same name (`Wang
    // Hun (왕훈)`, `Han Kang (한강)`).
    return (
      query || name.length > 2 || !inParentheses(text, start) || glossesName(text, start, name)
    );
  }
  const last = name.at(-1)!;
  const doubtful =
    name.length < 3 ||
    PARTICLE_ENDS.has(last) ||
    (SOFT_ENDS.has(last) && !commonHangulSurname(name)) ||
    // 장관은, 한국은: a word before a particle that names no one.
    ((last === '은' || last === '이') && wordNotName(name.slice(0, -1)));
  return !doubtful || titleAt(text, end) || knownPerson(canonicalKey(name)) !== undefined;
}

function inParentheses(text: string, start: number): boolean {
  const c = text.charCodeAt(start - 1);
  return c === 0x28 || c === 0xff08;
}

/** A word before a particle that names no one: 장관(은), 한국(은), 선생(은). */
function wordNotName(stem: string): boolean {
  return HANGUL_STOP.has(stem) || HANGUL_TITLE_SET.has(stem);
}

function commonHangulSurname(name: string): boolean {
  return COMMON_HANGUL_SURNAMES.has(name.slice(0, 2)) || COMMON_HANGUL_SURNAMES.has(name[0]!);
}

/**
 * Whether the Hangul at `start` is in parentheses after Latin words that spell the same name
 * (`Wang Hun (왕훈)`), read or not: `Incheon (인천)` is one word, no name.
 */
function glossesName(text: string, start: number, name: string): boolean {
  let k = start - 1;
  if (!inParentheses(text, start)) return false;
  while (k > 0 && isBlank(text.charCodeAt(k - 1))) k--;
  const words: string[] = [];
  while (words.length < 3) {
    const first = wordStartBefore(text, k, 0);
    if (first === -1 || !isUpper(text.codePointAt(first)!)) break;
    words.unshift(text.slice(first, k));
    k = first;
    if (k === 0 || (!isBlank(text.charCodeAt(k - 1)) && !isHyphen(text.charCodeAt(k - 1)))) break;
    k--;
  }
  const hangul = pivotOf(name);
  if (hangul === null) return false;
  // The last two or three words, surname first or last (`Professor Wang Hun`, `Hun Wang`).
  for (const n of [2, 3]) {
    if (words.length < n) break;
    const w = words.slice(-n);
    for (const order of [w, [w[n - 1]!, ...w.slice(0, -1)]]) {
      const p = pivotOf(order.join(' '));
      if (p !== null && pivotsMeet(p, hangul)) return true;
    }
  }
  return false;
}

/**
 * Whether a title is one of the next two words after `at` (`김정은 국무위원장`, `추미애 법무부
 * 장관은`, `박근혜 전 대통령이`), alone or with a particle: `선수들이`, `대표팀이`, `기자회견` are
 * groups and events, not one person's title.
 */
function titleAt(text: string, at: number, words = 2): boolean {
  const k = skipBlanks(text, at);
  if (k === at || words === 0) return false;
  const title = HANGUL_TITLES.find((t) => text.startsWith(t, k));
  if (title !== undefined) {
    const after = text.charAt(k + title.length);
    if (!isHangul(after.charCodeAt(0)) || PARTICLES.has(after)) return true;
  }
  const end = hangulRunEnd(text, k);
  if (compoundTitle(text.slice(k, end))) return true;
  return titleAt(text, end, words - 1);
}

/**
 * An office named with what it heads (`노조위원장`, `법무부장관`, `병원장은`): a word ending in a
 * title, a particle aside. Only titles no everyday noun ends in (not 시장, 사장, 의원 or 기사:
 * `재래시장`, `공사장`, `한의원`, `신문기사`).
 */
function compoundTitle(word: string): boolean {
  const stem = PARTICLES.has(word.charAt(word.length - 1)) ? word.slice(0, -1) : word;
  if (stem.length < 3) return false;
  for (const t of COMPOUND_TITLE_ENDS) if (stem.length > t.length && stem.endsWith(t)) return true;
  return false;
}

const COMPOUND_TITLE_ENDS = (
  '위원장 대통령 장관 차관 총리 대표 회장 교수 원장 국장 부장 실장 단장 총장 의장 대변인 기자 ' +
  '비서관 이사장 청장 처장 본부장 센터장 위원'
).split(' ');

const BEFORE = `(?<!${NOT_BEFORE_NAME})`;
// One alternation per surname would be tried one after another at every position; a trie
// shares the prefixes. At any position at most one spelling can match before the blank that
// must follow, so the order of alternatives does not change any match.
const SURNAME_ALTS = trieAlternation(surnameSpellings);
const SURNAME_RE_ANY = new RegExp(`${BEFORE}(?:${SURNAME_ALTS})(?=[ \\t\\u00a0])`, 'giu');
function knownReAny(): RegExp {
  const alternatives = [...knownSpellingList]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|');
  return new RegExp(`${BEFORE}(?:${alternatives})(?![${LETTER}])`, 'giu');
}
const GIVEN_FIRST_ANY = new RegExp(
  `${BEFORE}([${LETTER}]+)(?:-([${LETTER}]+)|[ \\t\\u00a0]+([${LETTER}]+))?[ \\t\\u00a0]+(${SURNAME_ALTS})(?![${LETTER}])`,
  'giu',
);
let KNOWN_RE_ANY = knownReAny();
// Known spellings in lower case, for the given-name-first reading not to swallow one.
let KNOWN_LOWER = new Set(knownSpellingList.map((k) => k.toLowerCase()));

/**
 * Installs the registry's spellings the surname path cannot read (`Syngman Rhee`) and the
 * strings that are not people (`Han Solo`), and forgets every cached reading.
 */
export function setExtraSpellings(spellings: readonly string[], ignore: readonly string[]): void {
  knownSpellingList = [...new Set([...builtInSpellings, ...spellings])];
  SPELLINGS = spellingTrie(knownSpellingList, surnameSpellings);
  START = startRe();
  KNOWN_RE_ANY = knownReAny();
  KNOWN_LOWER = new Set(knownSpellingList.map((k) => k.toLowerCase()));
  IGNORED = new Set(ignore.map(ignoreForm));
  for (const cache of READINGS.values()) cache.clear();
}

let IGNORED = new Set<string>();

/** How an ignored string is compared with a name. */
export const ignoreForm = spellingForm;

function ignored(span: NameSpan): boolean {
  return IGNORED.size > 0 && IGNORED.has(ignoreForm(span.text));
}

/** The same three kinds for a query: spellings and surnames in any case. */
function findNamesAnyCase(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  const claimed: [number, number][] = [];
  KNOWN_RE_ANY.lastIndex = 0;
  for (let m = KNOWN_RE_ANY.exec(text); m; m = KNOWN_RE_ANY.exec(text)) {
    if (PLACES_LOWER.has(m[0].toLowerCase())) {
      claimed.push([m.index, m.index + m[0].length]);
      continue;
    }
    const span =
      givenBeforeKnown(text, m.index, m[0], claimedBefore(claimed, m.index), true) ??
      withHangul(text, m.index, m[0].length, m[0], canonicalKey(m[0]));
    spans.push(span);
    claimed.push([span.start, span.end]);
  }
  SURNAME_RE_ANY.lastIndex = 0;
  for (let m = SURNAME_RE_ANY.exec(text); m; m = SURNAME_RE_ANY.exec(text)) {
    if (isClaimed(claimed, m.index) || inGivenName(text, m.index)) continue;
    if (foreignSurnameBefore(text, m.index, true)) continue;
    if (writtenOtherwise(m[0])) continue;
    let span = readGiven(text, m.index, m[0], true);
    if (!span) continue;
    span = readOtherWays(text, span, m[0], claimedBefore(claimed, m.index), true, (s) =>
      overlapsClaimed(claimed, s.start, s.end),
    );
    if (!namesAnInstitution(text, span)) spans.push(span);
    claimed.push([span.start, span.end]);
    SURNAME_RE_ANY.lastIndex = span.end;
  }
  GIVEN_FIRST_ANY.lastIndex = 0;
  for (let m = GIVEN_FIRST_ANY.exec(text); m; m = GIVEN_FIRST_ANY.exec(text)) {
    const [all, a, hyphened, spaced, surname] = m as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
      string,
    ];
    const end = m.index + all.length;
    const b = hyphened ?? spaced;
    if (foreignSurnameBefore(text, m.index, true)) continue;
    const alone = b === undefined && wholeQuery(text, m.index, end);
    const reads =
      givenFirstReads(text, end, surname, a, b, hyphened !== undefined, m.index) ||
      (alone && (givenWhereNamed(a, surname, true) || typedGiven(a, surname)));
    if (overlapsClaimed(claimed, m.index, end) || !reads) {
      // Two words apart that make no name (`kang choong woo`) may leave one that does.
      if (spaced !== undefined) {
        GIVEN_FIRST_ANY.lastIndex = m.index + all.lastIndexOf(spaced, all.length - surname.length);
      }
      continue;
    }
    const span = givenFirstSpan(m.index, end, all, surname, a, b);
    if (!namesAnInstitution(text, span)) spans.push(span);
    claimed.push([m.index, end]);
  }
  for (let i = 0; i < text.length; i++) {
    if (!isHangul(text.charCodeAt(i))) continue;
    const end = hangulRunEnd(text, i);
    const span = isClaimed(claimed, i) ? null : hangulSpan(text, i, end, true);
    if (span) spans.push(span);
    i = end;
  }
  return spans.sort((a, b) => a.start - b.start);
}

const PAREN_HANGUL =
  /[ \t\u00a0]*[(（][ \t\u00a0]*([가-힣]{2,4}(?: [가-힣]{1,3})?)[ \t\u00a0]*[)）]/y;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/** A regex source matching exactly the given literal strings, prefixes shared. */
function trieAlternation(words: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const parts = [...node.next].map(([ch, child]) => escapeRe(ch) + emit(child));
    if (parts.length === 0) return '';
    const body = parts.length === 1 && !node.end ? parts[0]! : `(?:${parts.join('|')})`;
    return node.end ? `${body}?` : body;
  };
  return emit(root);
}

// Surnames that are also everyday English words need the strongest shape (`So Jae-in`).
const WEAK_SURNAMES = new Set([
  'i',
  'o',
  'u',
  'so',
  'no',
  'an',
  'go',
  'ko',
  'ro',
  'jo',
  'pan',
  'back',
  'you',
  'chu',
  'ju',
  'wu',
  'yi',
  'li',
  'ri',
  'im',
  'sin',
  // Rarer surnames that are also English words, Chinese surnames or syllables of other names
  // (`Wang Yi` is China's foreign minister): only the hyphenated shape reads them.
  ...'do doh ha ma na nah ra la ho sun won ok bin boo bu pee pi gil kil ham kong gong bang pang yo ye yeh si shi sol sul mo du doo tak chin chi ji jin ki gi yong sim shim wee wi chai yum wang je jeh eun kum mok bong pong choo suk sok kook kuk guk yuk yook kye gye seok seol chun chon yeo yuh ryo tae to pin che uhm'.split(
    ' ',
  ),
  // Surnames of fewer bearers that are also words or abbreviations (`Uh`, `SA`, `Bum`), and
  // McCune-Reischauer's `Un`, `Tu` and `Pu` without their marks. (온 `On` is not read at all:
  // `On Jeju-do` is everywhere.)
  ...'uh sa ka ga kam gam bok pok bum pum gok kok un tu pu in'.split(' '),
  // Passport spellings that are words, a letter's name or a common given syllable's spelling.
  ...'goo rho jee kee ree toh'.split(' '),
]);
// Surnames read only before a hyphenated given name that is no district (`In Wan-ju said`;
// `In Seoul,` and `In Seo-gu,` are places).
// As written in any case: asked for every reading, so no lower-casing.
const HYPHEN_ONLY = new Set(['in', 'In', 'IN', 'iN']);
const DISTRICT = /^(?:do|si|gun|gu|dong|ri|eup|myeon|ro|gil)$/i;

function hyphenOnly(surname: string): boolean {
  return surname.length === 2 && HYPHEN_ONLY.has(surname);
}
const STOP_WORDS = new Set(ENGLISH_SYLLABLE_WORDS);

/** An English word that is also a name syllable or surname (`So`, `Do`; not `Yi` or `Ko`). */
function isEnglishWord(word: string): boolean {
  return STOP_WORDS.has(asciiLower(word));
}

function isClaimed(claimed: readonly [number, number][], at: number): boolean {
  for (const [s, e] of claimed) if (at >= s && at < e) return true;
  return false;
}

function overlapsClaimed(
  claimed: readonly [number, number][],
  start: number,
  end: number,
): boolean {
  for (const [s, e] of claimed) if (start < e && end > s) return true;
  return false;
}

/** The furthest end of a claimed span that ends by `at`. */
function claimedBefore(claimed: readonly [number, number][], at: number): number {
  let to = 0;
  for (const [, e] of claimed) if (e <= at && e > to) to = e;
  return to;
}

/**
 * The span of the name written `written` (single-spaced) that takes `length` characters of the
 * text at `start`, with the Hangul in parentheses right after it, if any.
 */
function withHangul(
  text: string,
  start: number,
  length: number,
  written: string,
  key: string,
): NameSpan {
  const end = start + length;
  const span: NameSpan = { start, end, text: written, key };
  if (!parenNext(text, end)) return span;
  PAREN_HANGUL.lastIndex = end;
  const m = PAREN_HANGUL.exec(text);
  if (m) {
    span.hangul = m[1]!.replace(/ /g, '');
    span.end = end + m[0].length;
  }
  return span;
}

/** Whether an opening parenthesis follows `at` after blanks (what PAREN_HANGUL starts with). */
function parenNext(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) return true;
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return false;
}

const WEAK_CACHE = new Map<string, boolean>();

function isWeakSurname(surname: string): boolean {
  return remembered(WEAK_CACHE, surname, weakSurname, 10_000);
}

function weakSurname(surname: string): boolean {
  return WEAK_SURNAMES.has(asciiLower(surname));
}

/** `Un's` -> `Un`, `Un’s` -> `Un`. */
function stripPossessive(word: string): string {
  const n = word.length;
  return n >= 2 && word.charCodeAt(n - 1) === 0x73 && isApostrophe(word.charCodeAt(n - 2))
    ? word.slice(0, -2)
    : word;
}

/** Folded single syllable of one written part, or null. */
function foldPart(part: string): string {
  let folded = FOLD_CACHE.get(part);
  if (folded === undefined) {
    if (FOLD_CACHE.size >= 50_000) FOLD_CACHE.clear();
    folded = foldLetters(asciiLower(part).replace(/[^a-z]/g, ''));
    FOLD_CACHE.set(part, folded);
  }
  return folded;
}

// Given-name words repeat across articles; folding is the costly step of extraction.
const FOLD_CACHE = new Map<string, string>();

/**
 * The given name after the surname spelling at `start`, as one of three shapes tried in turn:
 * `Jong-un` (any two syllables), `Jong Un` / `Geun Hye` (common syllables that are not English
 * words), `Jongun` (two or three common syllables in one word). Every shape starts with blanks
 * and a word, capitalised unless `anyCase`. Where the words are is read here; whether they make
 * a name depends on the written text alone, and is cached by it (see Reading).
 */
function readGiven(
  text: string,
  start: number,
  surname: string,
  anyCase: boolean,
): NameSpan | null {
  const surnameEnd = start + surname.length;
  const first = skipBlanks(text, surnameEnd);
  if (first === surnameEnd) return null;
  const firstEnd = wordEnd(text, first, !anyCase);
  if (firstEnd === -1) return null;
  const sep = text.charCodeAt(firstEnd);
  let reading: Reading | null = null;
  if (isHyphen(sep)) {
    const end = lastWordEnd(text, firstEnd + 1, wordEnd(text, firstEnd + 1, false));
    if (end !== -1) {
      const raw = text.slice(start, end);
      reading = cachedReading(HYPHENATED, raw, surname, first - start, firstEnd - start);
    }
  } else if (isBlank(sep)) {
    const second = skipBlanks(text, firstEnd);
    const end = lastWordEnd(text, second, wordEnd(text, second, !anyCase));
    if (end !== -1) {
      const raw = text.slice(start, end);
      reading = cachedReading(
        SPACED,
        raw,
        surname,
        first - start,
        firstEnd - start,
        second - start,
      );
      // `In` or `On` before a capitalised word is a headline's preposition (`Lee Sang In Seoul`,
      // `Kim Min On Friday`); in running text, where the preposition is in lower case, it is
      // the name's syllable (`Park Myung In of the ministry`).
      if (reading !== null && end - second === 2 && headlinePreposition(text, second, end)) {
        reading = null;
      }
      if (reading === null && (closesClause(text, end) || reportingVerbAt(text, end))) {
        reading = cachedReading(
          SPACED_CLOSED,
          raw,
          surname,
          first - start,
          firstEnd - start,
          second - start,
        );
      }
      // `Wi So In, 29, a coach`: two name syllables, English words or not, where only a person
      // can end.
      if (reading === null && !anyCase && personCueAt(text, end)) {
        reading = cachedReading(
          SPACED_CUED,
          raw,
          surname,
          first - start,
          firstEnd - start,
          second - start,
        );
      }
      // `Lee Woon A,`: a one-letter vowel syllable ends a spaced name only where a clause ends.
      if (reading === null && end - second === 1 && closesClause(text, end)) {
        reading = cachedReading(
          SPACED_VOWEL,
          raw,
          surname,
          first - start,
          firstEnd - start,
          second - start,
        );
      }
    }
  }
  if (reading === null) {
    const end = lastWordEnd(text, first, firstEnd);
    if (end === -1) return null;
    const raw = text.slice(start, end);
    reading = cachedReading(JOINED, raw, surname, first - start, end - start);
    if (reading === null && (closesClause(text, end) || reportingVerbAt(text, end))) {
      reading = cachedReading(LONE, raw, surname, first - start, end - start);
    }
    // Strict RR's `I` (이) before an English word only where a person is described next (`I
    // Ran, who is an engineer`): the pronoun is never followed by a capitalised word so. Any
    // surname before one that is a short English word too where an age or `who` follows
    // (`Chung Hi, 33,`): two capitalised words before an age are a person far more often than
    // not (a band's `Go Go, who` is the rare exception).
    if (
      reading === null &&
      !anyCase &&
      (surname === 'I' ? appositionAt(text, end) : appositionAt(text, end, false))
    ) {
      reading = cachedReading(DESCRIBED, raw, surname, first - start, end - start);
    }
    if (reading === null && anyCase && wholeQuery(text, start, end)) {
      reading = cachedReading(QUERY_ONE, raw, surname, first - start, end - start);
    }
    if (reading === null && !anyCase && surname.length === 1 && letterNameAt(text, start, end)) {
      reading = cachedReading(LETTER_JOINED, raw, surname, first - start, end - start);
    }
  }
  if (reading === null) return null;
  // `In Jong-no,` and `In Sang-hoon's view` open sentences with the preposition: there `In`
  // names someone only with the Hangul, a reporting verb, an age or `who` after the name
  // (`In Chan-ho, 37, said`).
  if (hyphenOnly(surname) && !anyCase && sentenceStartsAt(text, start)) {
    const end = start + reading.length;
    if (!parenNext(text, end) && !reportingVerbAt(text, end) && !appositionAt(text, end, false)) {
      return null;
    }
  }
  return withHangul(text, start, reading.length, reading.written, reading.key);
}

/** Whether [start, end) is `In` or `On` (any case) and a capitalised word follows. */
function headlinePreposition(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end).toLowerCase();
  if (word !== 'in' && word !== 'on') return false;
  const next = skipBlanks(text, end);
  return next > end && isUpper(text.charCodeAt(next));
}

/** A given-name reading of the text a name was read from. */
interface Reading {
  /** How much of that text the name takes (a possessive is left out). */
  length: number;
  /** Single-spaced, hyphen as `-`. */
  written: string;
  key: string;
}

/**
 * Reads the name candidate `raw` (surname, blanks, the given-name words, possessive included)
 * whose first word is [first, firstEnd) and second word, in SPACED, starts at `second`.
 */
type Shape = (
  raw: string,
  surname: string,
  first: number,
  firstEnd: number,
  second: number,
) => Reading | null;

// Jong-un: any two syllables.
const HYPHENATED: Shape = (raw, surname, first, firstEnd) => {
  const a = raw.slice(first, firstEnd);
  const b = stripPossessive(raw.slice(firstEnd + 1));
  if (!anySyllable(a) || !anySyllable(b)) {
    // A known person's spelling with a hyphen put in (`Rhee Syng-man` for Rhee Syngman) is
    // still theirs, though no syllable rule reads it.
    const written = `${surname} ${a}-${b}`;
    const known = knownPerson(canonicalKey(written)) !== undefined;
    return known ? reading(firstEnd + 1 + b.length, written) : null;
  }
  if (hyphenOnly(surname) && DISTRICT.test(b)) return null;
  return reading(firstEnd + 1 + b.length, `${surname} ${a}-${b}`);
};

// Jong Un, Geun Hye: common syllables that are not English words.
const SPACED: Shape = (raw, surname, first, firstEnd, second) => {
  if (hyphenOnly(surname)) return null;
  const a = raw.slice(first, firstEnd);
  const b = stripPossessive(raw.slice(second));
  const strictA = spacedPart(a, false);
  const strictB = spacedPart(b, !isWeakSurname(surname));
  // `Go Young Oh`, `Ryoo Oh Mi`: a short word that is also a common name syllable may be one
  // part when the other is a plain name syllable (`Oh No` stays two words).
  const ok =
    (strictA && strictB) ||
    (nameSyllables(a, 1) !== null && nameLikeWord(b, true)) ||
    (nameSyllables(b, 1) !== null && !isWeakSurname(surname) && nameLikeWord(a, false));
  if (!ok) return null;
  return reading(second + b.length, `${surname} ${a} ${b}`);
};

// `Jin Myung In,`: after a weak surname a spaced given name's second part may be a short
// English word where the clause ends, as after any other surname (`Kim Myung In`).
const SPACED_CLOSED: Shape = (raw, surname, first, firstEnd, second) => {
  if (hyphenOnly(surname) || !isWeakSurname(surname) || isEnglishWord(surname)) return null;
  const a = raw.slice(first, firstEnd);
  const b = stripPossessive(raw.slice(second));
  if (!spacedPart(a, false) || !spacedPart(b, true)) return null;
  return reading(second + b.length, `${surname} ${a} ${b}`);
};

// `Wi So In, 29,` (see readGiven): a person follows, so two name syllables are a given name
// whatever English words they also are.
const SPACED_CUED: Shape = (raw, surname, first, firstEnd, second) => {
  if (hyphenOnly(surname)) return null;
  const a = raw.slice(first, firstEnd);
  const b = stripPossessive(raw.slice(second));
  const plain = (w: string) => w.length >= 2 && !NEVER_GIVEN.has(w.toLowerCase());
  // A vowel letter ends one too (`Jin Yun A, who`: 진윤아); `A` is no article before a comma.
  const vowel = /^[AEIOU]$/.test(b);
  if (!plain(a) || !(plain(b) || vowel) || nameSyllables(a, 1) === null) return null;
  if (nameSyllables(b, 1) === null) return null;
  return reading(second + b.length, `${surname} ${a} ${b}`);
};

const SPACED_VOWEL: Shape = (raw, surname, first, firstEnd, second) => {
  if (hyphenOnly(surname)) return null;
  const a = raw.slice(first, firstEnd);
  const b = raw.slice(second);
  if (!/^[AEIOU]$/.test(b) || nameSyllables(a, 1) === null || isWeakSurname(surname)) return null;
  return reading(second + 1, `${surname} ${a} ${b}`);
};

/**
 * A short English word that is also a common name syllable (`Oh`, `Ok`, `So`, `In`): one part
 * of a spaced given name when the other part is a plain name syllable. Never `in` or `on` as
 * the second part: `Lee Sang In Seoul`, `Kim Jong On Monday`.
 */
function nameLikeWord(word: string, second: boolean): boolean {
  const lower = word.toLowerCase();
  if (second && (lower === 'in' || lower === 'on')) return false;
  return lower.length >= 2 && nameSyllables(word, 1) !== null;
}

// Jongun: two or three common syllables in one word.
const JOINED: Shape = (raw, surname, first) => {
  if (hyphenOnly(surname)) return null;
  const a = stripPossessive(raw.slice(first));
  // After a surname that is also a word: two name syllables or more (`Shim Dohoo`), or one that
  // is no English word (`Sin Jeong`, `Go Eun`; not `So Long`), unless Chinese names share it.
  if (isWeakSurname(surname)) {
    const n = nameSyllables(a)?.length ?? 0;
    const lower = a.toLowerCase();
    const lone =
      n === 1 &&
      lower.length >= 2 &&
      !STOP_WORDS.has(lower) &&
      !SECOND_STOP_WORDS.has(lower) &&
      !chineseToo(surname, lower);
    if (surname.length < 2 || (n < 2 && !lone)) return null;
  }
  if (!joinedGiven(a, surname)) return null;
  return reading(first + a.length, `${surname} ${a}`);
};

// Jeong Do, Ha Seon: a one-syllable given name that is also a short English word, or after a
// surname that is one, counts where a clause ends right after it (`Jeong Do, a council
// member`); `Kim Do not` and `An Taek force` do not.
const LONE: Shape = (raw, surname, first) => {
  if (hyphenOnly(surname)) return null;
  const a = stripPossessive(raw.slice(first));
  const lower = a.toLowerCase();
  // A lone given syllable ends a clause here (LONE is tried only there), so a vowel letter or a
  // short word that is also a name syllable is the name (`Gim A said`, `Kim So, 41,`): English
  // puts no capitalised `A` or `So` between a surname and a comma.
  if (
    lower.length < 2
      ? !LONE_LETTERS.has(lower)
      : SECOND_STOP_WORDS.has(lower) && !LONE_WORDS.has(lower)
  ) {
    return null;
  }
  // After a surname that is itself a word (`Oh No.`, `So Do.`) the given word must be none.
  // A one-letter surname (strict RR writes 이 as I) only before a word English does not put there.
  // After a weak surname that is no English word (`Yi`, `Jin`, `Ri`), a capitalised word
  // between it and the clause's end is the name's (`said Yi Ran, a researcher`).
  if (
    isWeakSurname(surname) &&
    isEnglishWord(surname) &&
    (STOP_WORDS.has(lower) || LONE_AFTER_I.has(lower))
  ) {
    return null;
  }
  // Chinese names are a surname and one syllable too (`Wang Yi`, `Li Peng`, `Ma Kai`).
  if (chineseToo(surname, lower)) return null;
  const parts = nameSyllables(a, 1);
  return parts === null ? null : reading(first + a.length, `${surname} ${a}`);
};

// `I Ran, who is an engineer`, `Chung Hi, 33,` (see readGiven): one name syllable, whatever
// word it also is, unless Chinese names share the pair (`Wang Yi, 65,`).
const DESCRIBED: Shape = (raw, surname, first) => {
  const a = stripPossessive(raw.slice(first));
  const lower = a.toLowerCase();
  if (a.length < 2 || NEVER_GIVEN.has(lower) || chineseToo(surname, lower)) return null;
  return nameSyllables(a, 1) === null ? null : reading(first + a.length, `${surname} ${a}`);
};

// Strict RR's one-letter surnames (이 `I`, 오 `O`) before a joined given name (`I Sangbeom`, `O
// Seongseo`): two or three syllables common in names, which English words that split into name
// syllables seldom all are (`Hope`, `Hide`, `Began`, `Image`: 페, 데, 벡, 게), and none of the
// words NOT_GIVEN_NAMES lists. See letterNameAt for where.
const LETTER_JOINED: Shape = (raw, surname, first) => {
  const a = stripPossessive(raw.slice(first));
  const lower = a.toLowerCase();
  if (NOT_GIVEN_NAMES.has(lower) || STOP_WORDS.has(lower) || DOUBLED.test(lower)) return null;
  const parts = segment(foldPart(a), 3);
  if (parts === null || parts.length < 2 || !parts.every(isCommonSyllable)) return null;
  return nameSyllables(a) === null ? null : reading(first + a.length, `${surname} ${a}`);
};

/**
 * Where `I` or `O` and a capitalised word [start, end) are a name: running text goes on in lower
 * case after it, or a clause or a person's description follows (`When I Sangbeom began`, `O
 * Seongseo, right,`). The pronoun and the vocative take a capitalised word after them in
 * running text only as a title's: quoted (`the single "I Hope,"`), or after a capitalised word
 * mid-sentence, as a Roman numeral is (`the Phase I Data`, `World War I Memorial`).
 */
function letterNameAt(text: string, start: number, end: number): boolean {
  const before = wordBeforeBlanks(text, start, Math.max(0, start - 40));
  if (
    before !== null &&
    isUpper(before.word.charCodeAt(0)) &&
    !sentenceStartsAt(text, before.first)
  )
    return false;
  if (start > 0 && QUOTES.has(text.charCodeAt(start - 1))) return false;
  return closesClause(text, end) || personCueAt(text, end) || lowerAfter(text, end);
}
const QUOTES = new Set([0x22, 0x27, 0x201c, 0x2018, 0xab]);

// Common surnames that are English nouns too; the rarer ones are weak (WEAK_SURNAMES).
const NOUN_SURNAMES = new Set(['park', 'moon', 'song']);

/** A surname that may end a place's or thing's name (`YONGSAN PARK`, `ARIRANG SONG`). */
function nounSurname(surname: string): boolean {
  return NOUN_SURNAMES.has(asciiLower(surname)) || isWeakSurname(surname);
}

// What a caption says a person does (`SOGYEONG PARK receives`), and no place (see givenFirst).
const PERSON_VERBS = new Set(
  (
    'poses speaks receives prepares works said says told smiles waves attends reacts talks ' +
    'listens walks arrives leaves holds gestures celebrates cheers performs sings competes ' +
    'trains answers greets shakes signs delivers addresses visits meets salutes bows votes ' +
    'laughs testifies looks watches'
  ).split(' '),
);

/** Whether a word in lower case follows `end` after blanks: running text goes on. */
function lowerAfter(text: string, end: number): boolean {
  const next = skipBlanks(text, end);
  const c = text.charCodeAt(next);
  return next > end && c >= 0x61 && c <= 0x7a;
}

/** Whether the text is nothing but [start, end) and blanks: a query that is one name. */
function wholeQuery(text: string, start: number, end: number): boolean {
  return startsText(text, start) && skipBlanks(text, end) >= text.length;
}

/**
 * Where the context says a person is named — a query that is a surname and one word, a caption
 * with its place mark — the word is the given name when it is one or two name syllables, though
 * also an English word (`Seok Gun`, `GUN CHOI, left`: 석건, 최건). A query's words are still
 * searched as written beside the name.
 */
function givenWhereNamed(word: string, surname: string, query = false): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 2 || SECOND_STOP_WORDS.has(lower) || NOT_GIVEN_NAMES.has(lower)) return false;
  if (hyphenOnly(surname)) return false;
  // `WANG YI, left` either way round is Chinese; a query `Wang Hun` also finds 왕훈, and the
  // words typed still find China's Wang Hun.
  if (!query && (chineseToo(surname, lower) || chineseToo(word, asciiLower(surname)))) {
    return false;
  }
  return nameSyllables(word, 2) !== null;
}

// `Seok Gun`, `Lee Boil` typed as the whole query (queryGiven).
const QUERY_ONE: Shape = (raw, surname, first) => {
  if (hyphenOnly(surname)) return null;
  const a = stripPossessive(raw.slice(first));
  return givenWhereNamed(a, surname, true) ? reading(first + a.length, `${surname} ${a}`) : null;
};

/**
 * A query of two words, both typed with a capital, the second a surname: the first is a
 * one-syllable given name even when it is a short English word too (`So Park`, `Do Kim`, `Ye
 * Joo`: 박소, 김도, 주예). Typed so, the two words are a name; in running text they are read only
 * where the context names a person (givenFirstReads).
 */
function typedGiven(word: string, surname: string): boolean {
  if (!isUpper(word.charCodeAt(0)) || !isUpper(surname.charCodeAt(0))) return false;
  // `Oh No`, `Go Up`: two short English words are what they say.
  if (SECOND_STOP_WORDS.has(asciiLower(surname))) return false;
  return storyGiven(word);
}

/** Whether a clause ends at `i`: end of text or , ; : . ) and not a hyphenated word. */
function closesClause(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || c === 0x29 || c === 0x28;
}

// Not `Chu`: 褚 is rare in China, while Chu is how McCune-Reischauer writes 주 and news 추.
const CHINESE_TOO = new Set(['wang', 'li', 'ma', 'sun', 'yu', 'kong', 'gong']);
const WESTERN_ORDER_CHINESE = new Set(['ma', 'li']);
// Mandarin's syllables in pinyin (tone marks aside, ü as v), by initial: after a surname Chinese
// names share, a given syllable pinyin cannot spell is Korean (`Wang Jong`, `Ma Ho`, `Gong Gi`:
// 왕정, 마호, 공기), one it can may be Chinese (`Wang Jun`, `Ma Kai`, `Li Peng`).
const PINYIN_BY_INITIAL: Record<string, string> = {
  '': 'a o e ai ei ao ou an en ang eng er',
  b: 'a o ai ei ao an en ang eng i ie iao ian in ing u',
  p: 'a o ai ei ao ou an en ang eng i ie iao ian in ing u',
  m: 'a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u',
  f: 'a o ei ou an en ang eng u',
  d: 'a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un',
  t: 'a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un',
  n: 'a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan v ve',
  l: 'a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un v ve',
  g: 'a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  k: 'a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  h: 'a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  j: 'i ia ie iao iu ian in iang ing iong u ue uan un',
  q: 'i ia ie iao iu ian in iang ing iong u ue uan un',
  x: 'i ia ie iao iu ian in iang ing iong u ue uan un',
  zh: 'a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  ch: 'a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang',
  sh: 'a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang',
  r: 'e i ao ou an en ang eng ong u ua uo ui uan un',
  z: 'a e i ai ei ao ou an en ang eng ong u uo ui uan un',
  c: 'a e i ai ao ou an en ang eng ong u uo ui uan un',
  s: 'a e i ai ao ou an en ang eng ong u uo ui uan un',
  y: 'a o e i ao ou an in ang ing ong u ue uan un',
  w: 'a o ai ei an en ang eng u',
};
const PINYIN = new Set(
  Object.entries(PINYIN_BY_INITIAL).flatMap(([initial, finals]) =>
    finals.split(' ').map((f) => initial + f),
  ),
);

function isPinyin(syllable: string): boolean {
  return PINYIN.has(syllable);
}

/**
 * `Wang Yi`, `Li Peng`, `Ma Kai`: a surname Chinese names share with one syllable that pinyin
 * can spell. `Wang Hyuk`, `Yu Seok` spell none, so they are Korean.
 */
function chineseToo(surname: string, givenLower: string): boolean {
  return CHINESE_TOO.has(surname.toLowerCase()) && isPinyin(givenLower);
}
const LONE_AFTER_I = new Set(['won', 'saw', 'see', 'say', 'had', 'hope', 'bet']);
// One-letter given names (아, 어, 오, 우; not `I`, the pronoun) and short English words that are
// common name syllables, read as a lone given name where the clause ends.
const LONE_LETTERS = new Set(['a', 'e', 'o', 'u']);
/** Vowel letters a given name may be, written alone: 우, 오, 어 (`A` is the article too). */
const VOWEL_GIVEN = new Set(['e', 'o', 'u']);
const LONE_WORDS = new Set(['do', 'so', 'on']);

function reading(length: number, written: string): Reading {
  return { length, written, key: canonicalKey(written) };
}

// The same few names recur in every article: what a written name reads as is computed once per
// spelling and shape, so an article's names cost a lookup each.
const READINGS = new Map<Shape, Map<string, Reading | null>>([
  [HYPHENATED, new Map()],
  [SPACED, new Map()],
  [JOINED, new Map()],
  [LONE, new Map()],
  [SPACED_CLOSED, new Map()],
  [QUERY_ONE, new Map()],
  [SPACED_VOWEL, new Map()],
  [DESCRIBED, new Map()],
  [LETTER_JOINED, new Map()],
  [SPACED_CUED, new Map()],
]);
const READINGS_LIMIT = 50_000;

/** The reading of `raw` in `shape`; `first`, `firstEnd` and `second` are offsets into `raw`. */
function cachedReading(
  shape: Shape,
  raw: string,
  surname: string,
  first: number,
  firstEnd: number,
  second = 0,
): Reading | null {
  const cache = READINGS.get(shape)!;
  let r = cache.get(raw);
  if (r === undefined) {
    if (cache.size >= READINGS_LIMIT) cache.clear();
    r = shape(raw, surname, first, firstEnd, second);
    cache.set(raw, r);
  }
  return r;
}

/**
 * End of the longest word at `i`, `[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*` (and a capital first if
 * `upperFirst`, as in `Ch'ŏl`); -1 when none starts there. A hyphen or blank can only follow the
 * longest, so this is where the word ends in `Jong-un` and `Jong Un`.
 */
function wordEnd(text: string, i: number, upperFirst: boolean): number {
  const first = codePointAt(text, i);
  if (!(upperFirst ? isUpper(first) : isLetter(first))) return -1;
  let end = lettersEnd(text, i + width(first));
  while (isApostrophe(text.charCodeAt(end))) {
    const next = lettersEnd(text, end + 1);
    if (next === end + 1) break;
    end = next;
  }
  return end;
}

function lettersEnd(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // Given names are mostly ASCII.
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) i++;
      else return i;
    } else {
      const cp = codePointAt(text, i);
      if (!isLetter(cp)) return i;
      i += width(cp);
    }
  }
}

/**
 * Where the word [start, end) ends as the last word of a name: at `end` when what follows ends a
 * name (endsName), else just before its last apostrophe (`Un's5` -> `Un`), since an apostrophe
 * always ends one; -1 when neither (no word, or no apostrophe). This is the backtracking of
 * `word(?!...)`: cutting inside a run of letters leaves a letter next, which never ends a name.
 */
function lastWordEnd(text: string, start: number, end: number): number {
  if (end === -1 || endsName(text, end)) return end;
  for (let k = end - 1; k > start; k--) if (isApostrophe(text.charCodeAt(k))) return k;
  return -1;
}

/** `(?![\p{L}\p{M}\d]|[-‐‑][\p{L}\p{M}])`: no letter or digit next, nor a hyphenated word. */
function endsName(text: string, i: number): boolean {
  const cp = codePointAt(text, i);
  if (isLetter(cp) || (cp >= 0x30 && cp <= 0x39)) return false;
  return !(isHyphen(cp) && isLetter(codePointAt(text, i + 1)));
}

function spacedPart(word: string, second: boolean): boolean {
  const lower = word.toLowerCase();
  // `Moon Jae In`: a second part may be a syllable that is also an English word, but not `on`.
  if (second ? SECOND_STOP_WORDS.has(lower) : STOP_WORDS.has(lower)) return false;
  return isCommonSyllable(foldPart(word)) || nameSyllables(word, 1) !== null;
}

/** Any Hangul syllable's spelling, in the folded inventory or the pivot's (`Woo`, `Thae`). */
function anySyllable(word: string): boolean {
  return isSyllable(foldPart(word)) || readingsOf(plainWord(word)).length > 0;
}

function plainWord(word: string): string {
  return asciiLower(word).replace(/[^a-z]/g, '');
}

const SECOND_STOP_WORDS = new Set([
  'a',
  'i',
  'the',
  'and',
  'of',
  'to',
  'at',
  'by',
  'is',
  'it',
  'as',
  'or',
  'on',
  'no',
  'so',
  'up',
  'us',
  'do',
  'go',
  'he',
  'we',
  'me',
  'be',
  'my',
  'am',
  'oh',
  'ok',
  'hi',
]);

// Doubled consonants (mission, Hollywood) rarely come out of one romanized name.
const DOUBLED = /([bcdfghjklmnpqrstvwxz])\1/i;

function joinedGiven(word: string, surname: string): boolean {
  const lower = word.toLowerCase();
  if (STOP_WORDS.has(lower)) return false;
  // Read by the pivot's syllables first: `Jinnam`, `Jooil`, `Dukkye` (a doubled letter across
  // two syllables is a name's, not English's).
  const split = nameSyllables(word);
  if (split !== null && split.length >= 2) return true;
  if (DOUBLED.test(lower)) return false;
  const parts = segment(foldPart(word), 3);
  if (parts === null) return nameSyllables(word) !== null && word.length >= 2;
  // A one-syllable given name (`Seo Hoon`, `Cho Kuk`): a common name syllable, not a short
  // English word; someone known by one counts too (`Kim Sung` is Sung Kim). The folded form
  // misses a glide spelling the pivot's syllables read (`Kim Woong`, `Lee Wook`: 웅, 욱).
  if (parts.length === 1) {
    if (knownPerson(canonicalKey(`${surname} ${word}`)) !== undefined) return true;
    if (lower.length < 2 || SECOND_STOP_WORDS.has(lower)) return false;
    return isCommonSyllable(parts[0]!) || nameSyllables(word, 1) !== null;
  }
  return parts.every(isCommonSyllable) || (parts.length > 1 && nameSyllables(word) !== null);
}

// Hangul words that start with a surname syllable but are not names. The places, bodies and
// titles no one is called, even typed alone as a query; the other words, which may be a name.
const HANGUL_NEVER_NAMES = new Set([
  ...'한국 북한 남한 조선 정부 서울 평양 한반도 장관 대통령 위원장 유엔 한미 민주당 노동당 한국어 조선어 조선중앙통신 노동신문 주석 장군 원수 국무위원장 총비서 한글'.split(
    ' ',
  ),
  ...HANGUL_COMMON_NOUNS,
]);
const HANGUL_STOP = new Set([
  ...HANGUL_NEVER_NAMES,
  ...'정치 정책 정상 김치 이번 이후 이제 신문 고위 문제 안보 노동 최고 최근 강조 국민 국방 전쟁 정전 통일 이산가족 서기 조국 안녕 유명 신년 오늘 이날'.split(
    ' ',
  ),
]);
const PARTICLES = new Set([...'은는이가을를의도와과에']);
// Particles that end hardly any given name, unlike 은 and 이 (정은, 영이); 만 and 도 end a few
// (이승만, 김영도).
const PARTICLE_ENDS = new Set([...'는가을를의와과에로']);
const SOFT_ENDS = new Set([...'만도']);
// The surnames of most Koreans.
const COMMON_HANGUL_SURNAMES = new Set(SURNAMES.slice(0, 40).flatMap((s) => s.hangul));
const HANGUL_TITLES = (
  '대통령 위원장 국무위원장 총비서 위원 장관 차관 총리 의원 대표 회장 부회장 사장 교수 작가 ' +
  '감독 선수 코치 씨 여사 대사 비서 부장 국장 시장 지사 원장 판사 검사 기자 후보 의장 주석 ' +
  '총장 부총리 실장 대변인 단장 목사 신부 스님 선생 박사 원내대표 당대표 국무총리 상병 병장 ' +
  '시의원 구의원 도의원 군의원 국회의원 도지사 이사장 부사장 ' +
  // Roles a news story puts after a person's name (`주정 농민은`, `김소전 연구원은`).
  '농민 어민 주민 시민 학생 교사 교장 교감 강사 조교 의사 간호사 약사 시인 배우 가수 화가 ' +
  '소설가 작곡가 평론가 연구원 연구위원 활동가 변호사 회계사 사업가 상인 어부 소방관 경찰관 ' +
  '경위 경사 경감 경정 총경 순경 공무원 직원 기술자 군인 이병 일병 하사 중사 상사 소위 중위 ' +
  '대위 소령 중령 대령 할머니 할아버지 대표이사 전무 상무 사무총장 사무국장 처장 청장 ' +
  '차장 팀장 과장 관장 센터장 본부장 지점장 행정관 비서관 보좌관 고문 자문위원 구청장 군수 ' +
  '명예교수 전문위원 선임연구원 책임연구원 소장 ' +
  // Trades, ranks and offices the news gives a person (`편철 형사는`, `김하나 회사원은`).
  '형사 경찰 수사관 조사관 감독관 검사장 부장판사 대법관 재판관 소방대원 구급대원 운전기사 ' +
  '택시기사 기사 요리사 미용사 회사원 사무원 대학생 대학원생 고등학생 중학생 초등학생 농부 ' +
  '목수 주부 점주 대리 사원 주임 계장 반장 이장 통장 동장 면장 읍장 영사 총영사 참사관 ' +
  '서기관 사무관 주무관 교육감 교육장 조합장 회원 선교사 전도사 수녀 장로 간사 총무 이사 ' +
  '사무장 한의사 수의사 치과의사 변리사 세무사 법무사 노무사 건축가 디자이너 엔지니어 ' +
  '개발자 연구자 학자 기업인 자영업자 운전자 선장 기장 승무원 조종사 해설위원 앵커 ' +
  '아나운서 특파원 논설위원 편집장 심판 주장 투수 타자 골키퍼'
).split(' ');
// Whether a word is a title: asked of every Hangul word, so a set, not the list's scan.
const HANGUL_TITLE_SET = new Set(HANGUL_TITLES);
const COMMON_HANGUL = new Set([...COMMON_GIVEN_SYLLABLES]);

/**
 * Whether a Hangul word stands alone in Latin text (`이후, a lawmaker, said`): a word from Korean
 * prose (이후, "after") does not come alone into an English sentence, a name does. Not inside
 * parentheses, where Hangul glosses what comes before (`the government (정부)`).
 */
function amongLatin(text: string, start: number, end: number): boolean {
  const before = neighbour(text, start - 1, -1);
  const after = neighbour(text, end, 1);
  if (before === 0x28 || before === 0xff08) return false;
  if (isHangul(before) || isHangul(after)) return false;
  return (before !== -1 && isLetter(before)) || (after !== -1 && isLetter(after));
}

/**
 * The first code unit from `i` in direction `step` that is not a blank or a clause mark (nor a
 * digit, with `digits`: `국민만 3명` and `한국은 2일` are prose); -1 at an end.
 */
function neighbour(text: string, i: number, step: 1 | -1, digits = false): number {
  for (; i >= 0 && i < text.length; i += step) {
    const c = text.charCodeAt(i);
    if (SKIPPED_AROUND_HANGUL.has(c) || (digits && c >= 0x30 && c <= 0x39)) continue;
    return c;
  }
  return -1;
}

const SKIPPED_AROUND_HANGUL = new Set(
  [...' \t\n\r\u00a0,.;:!?"\'\u201c\u201d\u2018\u2019\u2013\u2014'].map((ch) => ch.charCodeAt(0)),
);

/** `amongLatin` is asked only of a stop word: most Hangul words never need their neighbours. */
function hangulName(
  word: string,
  amongLatin: () => boolean = () => false,
  /** Given syllables that may be outside COMMON_HANGUL (a cue after the name said so). */
  rare = 0,
): string | null {
  const stop = (w: string) => HANGUL_STOP.has(w) && !amongLatin();
  let w = word;
  if (stop(w)) return null;
  const compound = w.length >= 3 && HANGUL_SURNAME_KEYS.has(w.slice(0, 2)) ? 2 : 0;
  const surnameLength = compound || (HANGUL_SURNAME_KEYS.has(w[0]!) ? 1 : 0);
  if (surnameLength === 0) return null;
  // 김정은은 (Kim Jong-un + topic particle): a four-syllable name is rarer than a particle.
  if (w.length - surnameLength >= 3 && PARTICLES.has(w[w.length - 1]!)) w = w.slice(0, -1);
  const given = w.slice(surnameLength);
  if (given.length < 1 || given.length > 2 || stop(w)) return null;
  // A title that starts with a surname syllable (시의원, 부회장, 도지사) is no one's name; a
  // given name that is also a title is (이선수).
  if (HANGUL_TITLE_SET.has(w)) return null;
  let uncommon = 0;
  for (const ch of given) if (!COMMON_HANGUL.has(ch) && ++uncommon > rare) return null;
  // A rare syllable only after a common surname (the word is in no stop list, above).
  if (uncommon > 0 && !commonHangulSurname(w)) return null;
  return w;
}

/**
 * After a Hangul word, an age in parentheses right after it (`김열난(28)`) or a title within two
 * words (titleAt): what only follows a person in Korean news.
 */
function hangulCueAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) === 0x28) {
    let k = end + 1;
    while (k < text.length && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
    if (k > end + 1 && text.charCodeAt(k) === 0x29) return true;
  }
  return titleAt(text, end);
}

/**
 * A verb read as a name: a quoting ending after 다 (한다고, 간다며, 된다는), or a verbal noun with
 * 해 before an auxiliary verb (강조해 왔다, 제기해 온). No given name is 다고, and a name is not
 * followed by 왔다.
 */
function verbForm(text: string, end: number, name: string): boolean {
  if (name.length !== 3) return false;
  if (name[1] === '다' && QUOTING_ENDS.has(name[2]!)) return true;
  if (name[2] !== '해') return false;
  const k = skipBlanks(text, end);
  // A title may start so too (김은해 주무관은, 본부장은): then it is a name.
  return k > end && AUXILIARY_STARTS.has(text.charAt(k)) && !titleAt(text, end);
}

const QUOTING_ENDS = new Set([...'고며는면가서']);
// 왔다, 온, 올, 달라, 주고, 줬다, 준, 줄, 봤다, 본, 놓고, 냈다, 낸, 내고, 야.
const AUXILIARY_STARTS = new Set([...'왔온올달주줬준줄봤본놓놨냈낸내야']);
