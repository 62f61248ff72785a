import type { PersonMention } from '../articles/types.js';
import {
  asciiLower,
  canonicalKey,
  displayName,
  HANGUL_SURNAME_KEYS,
  knownPerson,
} from './canonical.js';
import { foldLetters } from './tables/fold.js';
import { COMMON_GIVEN_SYLLABLES, ENGLISH_SYLLABLE_WORDS, KNOWN_PEOPLE } from './tables/known.js';
import { SURNAMES } from './tables/surnames.js';
import { isCommonSyllable, isSyllable, segment } from './syllables.js';

/**
 * Finds the people named in an article's texts (title, body paragraphs, captions): one
 * PersonMention per person, with every spelling seen in the order first seen.
 *
 * A Korean name is a capitalised surname from the table followed by a given-name shape:
 * `Jong-un` (any syllables), `Jong Un` / `Geun Hye` (common name syllables, not English
 * function words) or `Jongun` (two or three common syllables). A bare surname (`Kim said`) is
 * not a person. Hangul in parentheses after a name is one of its spellings; bare Hangul names of
 * two to four syllables starting with a surname count too. Given-name-first and non-Korean
 * people come from a known list.
 */
export function extractPeople(texts: readonly string[]): PersonMention[] {
  const found = new Map<string, PersonMention>();
  for (const text of texts) scanText(text, found);
  return [...found.values()];
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
}

export interface FindOptions {
  /** Accept lower-case names (`kim jong un`), for search queries typed in lower case. */
  anyCase?: boolean;
}

/** Every name occurrence in `text`, in order, non-overlapping. */
export function findNames(text: string, opts: FindOptions = {}): NameSpan[] {
  const spans: NameSpan[] = [];
  const claimed: [number, number][] = [];
  if (opts.anyCase) {
    KNOWN_RE_ANY.lastIndex = 0;
    for (let m = KNOWN_RE_ANY.exec(text); m; m = KNOWN_RE_ANY.exec(text)) {
      const span = withHangul(text, m.index, m.index + m[0].length, m[0]);
      spans.push(span);
      claimed.push([span.start, span.end]);
    }
    SURNAME_RE_ANY.lastIndex = 0;
    for (let m = SURNAME_RE_ANY.exec(text); m; m = SURNAME_RE_ANY.exec(text)) {
      if (isClaimed(claimed, m.index)) continue;
      const span = readGiven(text, m.index, m[0], true);
      if (!span) continue;
      spans.push(span);
      claimed.push([span.start, span.end]);
      SURNAME_RE_ANY.lastIndex = span.end;
    }
  } else {
    findKnown(text, spans, claimed);
    findSurnamed(text, spans, claimed);
  }
  if (HAS_HANGUL.test(text)) {
    HANGUL_WORD.lastIndex = 0;
    for (let m = HANGUL_WORD.exec(text); m; m = HANGUL_WORD.exec(text)) {
      if (isClaimed(claimed, m.index)) continue;
      const name = hangulName(m[0]);
      if (name)
        spans.push({
          start: m.index,
          end: m.index + name.length,
          text: name,
          key: canonicalKey(name),
        });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function scanText(text: string, found: Map<string, PersonMention>): void {
  for (const span of findNames(text)) {
    let person = found.get(span.key);
    if (!person) {
      person = { name: displayName(span.key), key: span.key, variants: [] };
      found.set(span.key, person);
    }
    if (!person.variants.includes(span.text)) person.variants.push(span.text);
    if (span.hangul !== undefined && !person.variants.includes(span.hangul)) {
      person.variants.push(span.hangul);
    }
  }
}

const L = '\\p{L}\\p{M}';
const APOS = "['\u2019]";
// A given-name word: capitalised (or any case for queries), MR apostrophes allowed inside.
const WORD = `[\\p{Lu}][${L}]*(?:${APOS}[${L}]+)*`;
const WORD_ANY = `[${L}]+(?:${APOS}[${L}]+)*`;
const HYPHEN = '[-\u2010\u2011]';
const END = `(?![${L}\\d]|${HYPHEN}[${L}])`;

function givenRes(word: string): { hyphen: RegExp; spaced: RegExp; joined: RegExp } {
  return {
    hyphen: new RegExp(`[ \\t\\u00a0]+(${word})${HYPHEN}(${WORD_ANY})${END}`, 'uy'),
    spaced: new RegExp(`[ \\t\\u00a0]+(${word})[ \\t\\u00a0]+(${word})${END}`, 'uy'),
    joined: new RegExp(`[ \\t\\u00a0]+(${word})${END}`, 'uy'),
  };
}
const GIVEN = givenRes(WORD);
const GIVEN_ANY = givenRes(WORD_ANY);
const PAREN_HANGUL =
  /[ \t\u00a0]*[(（][ \t\u00a0]*([가-힣]{2,4}(?: [가-힣]{1,3})?)[ \t\u00a0]*[)）]/y;
const POSSESSIVE = /['\u2019]s$/;
const HAS_HANGUL = /[가-힣]/;
const HANGUL_WORD = /(?<![가-힣])[가-힣]{2,5}(?![가-힣])/g;

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
]);
const STOP_WORDS = new Set(ENGLISH_SYLLABLE_WORDS);

const latinSurnames = [...new Set(SURNAMES.flatMap((s) => s.latin))].sort(
  (a, b) => b.length - a.length,
);
// One alternation per surname would be tried one after another at every position; a trie
// shares the prefixes. At any position at most one spelling can match before the blank that
// must follow, so the order of alternatives does not change any match.
const SURNAME_ALTS = trieAlternation(latinSurnames.flatMap((s) => [s, s.toUpperCase()]));
const BEFORE = `(?<![${L}\\d'\u2019.${HYPHEN.slice(1, -1)}])`;
const SURNAME_RE_ANY = new RegExp(`${BEFORE}(?:${SURNAME_ALTS})(?=[ \\t\\u00a0])`, 'giu');

const knownSpellings = KNOWN_PEOPLE.filter((p) => p.foreign || p.keyFrom)
  .flatMap((p) => [p.display, ...(p.aliases ?? [])])
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join('|');
const KNOWN_RE_ANY = new RegExp(`${BEFORE}(?:${knownSpellings})(?![${L}])`, 'giu');

// Case-sensitive scans (article texts) give exactly what KNOWN_RE_ANY and SURNAME_RE_ANY would
// give without the `i` flag, faster.

// A lookbehind at the front of a pattern is tested at every position, and it costs as much as
// the rest of the scan: these scan without it and check it only where a spelling matched. The
// lookbehind does not change which spelling matches at a position, so the matches are the same.
const BEFORE_AT = new RegExp(BEFORE, 'uy');
// Only the position matters here, so the order of the spellings does not.
const KNOWN_PLAIN = new RegExp(
  trieAlternation(
    KNOWN_PEOPLE.filter((p) => p.foreign || p.keyFrom).flatMap((p) => [
      p.display,
      ...(p.aliases ?? []),
    ]),
  ),
  'g',
);
const KNOWN_NO_BEFORE = new RegExp(`(?:${knownSpellings})(?![${L}])`, 'gu');
const SURNAME_NO_BEFORE = new RegExp(`(?:${SURNAME_ALTS})(?=[ \\t\\u00a0])`, 'gu');

/** Case-sensitive known spellings: scanned without the lookbehind, checked per hit. */
function findKnown(text: string, spans: NameSpan[], claimed: [number, number][]): void {
  let from = 0;
  for (;;) {
    // The bare spellings (no `u` flag, no lookaround) find where the next match can start.
    KNOWN_PLAIN.lastIndex = from;
    const pm = KNOWN_PLAIN.exec(text);
    if (!pm) return;
    KNOWN_NO_BEFORE.lastIndex = pm.index;
    const m = KNOWN_NO_BEFORE.exec(text);
    if (!m) return;
    if (!boundaryBefore(text, m.index)) {
      from = m.index + 1;
      continue;
    }
    const span = withHangul(text, m.index, m.index + m[0].length, m[0]);
    spans.push(span);
    claimed.push([span.start, span.end]);
    from = m.index + m[0].length;
  }
}

/** The case-sensitive surname matches, the same way. */
function findSurnamed(text: string, spans: NameSpan[], claimed: [number, number][]): void {
  SURNAME_NO_BEFORE.lastIndex = 0;
  for (let m = SURNAME_NO_BEFORE.exec(text); m; m = SURNAME_NO_BEFORE.exec(text)) {
    if (!boundaryBefore(text, m.index)) {
      SURNAME_NO_BEFORE.lastIndex = m.index + 1;
      continue;
    }
    if (isClaimed(claimed, m.index)) continue;
    const span = readGiven(text, m.index, m[0], false);
    if (!span) continue;
    spans.push(span);
    claimed.push([span.start, span.end]);
    SURNAME_NO_BEFORE.lastIndex = span.end;
  }
}

function boundaryBefore(text: string, at: number): boolean {
  BEFORE_AT.lastIndex = at;
  return BEFORE_AT.test(text);
}

function isClaimed(claimed: readonly [number, number][], at: number): boolean {
  for (const [s, e] of claimed) if (at >= s && at < e) return true;
  return false;
}

function withHangul(
  text: string,
  start: number,
  end: number,
  written: string,
  singleSpaced = false,
): NameSpan {
  const span: NameSpan = {
    start,
    end,
    text: singleSpaced ? written : written.replace(/\s+/g, ' '),
    key: canonicalKey(written),
  };
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
  let weak = WEAK_CACHE.get(surname);
  if (weak === undefined) {
    if (WEAK_CACHE.size >= 10_000) WEAK_CACHE.clear();
    weak = WEAK_SURNAMES.has(asciiLower(surname));
    WEAK_CACHE.set(surname, weak);
  }
  return weak;
}

function stripPossessive(word: string): string {
  return word.replace(POSSESSIVE, '');
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

function readGiven(
  text: string,
  start: number,
  surname: string,
  anyCase: boolean,
): NameSpan | null {
  const surnameEnd = start + surname.length;
  // Every given-name shape starts with blanks and a capital: a lower-case ASCII letter, digit
  // or punctuation there rules them all out.
  // What follows the first given-name word, when it is all ASCII letters: only a hyphen can
  // start `Jong-un` and only a blank `Jong Un` (an apostrophe or a non-ASCII letter may continue
  // the word, so those leave both open).
  let mayHyphen = true;
  let maySpaced = true;
  if (!anyCase) {
    let i = surnameEnd;
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 0xa0; c = text.charCodeAt(++i));
    const c = text.charCodeAt(i);
    if (i === surnameEnd || Number.isNaN(c) || (c < 0x80 && (c < 0x41 || c > 0x5a))) return null;
    if (c < 0x80) {
      let j = i + 1;
      let d = text.charCodeAt(j);
      while ((d >= 0x61 && d <= 0x7a) || (d >= 0x41 && d <= 0x5a)) d = text.charCodeAt(++j);
      if (d < 0x80 && d !== 0x27) {
        mayHyphen = d === 0x2d;
        maySpaced = d === 32 || d === 9;
      }
    }
  }
  const weak = isWeakSurname(surname);
  const res = anyCase ? GIVEN_ANY : GIVEN;
  // The written name is single-spaced: the surname and word parts hold no blanks.
  // Jong-un: any two syllables.
  res.hyphen.lastIndex = surnameEnd;
  let m = mayHyphen ? res.hyphen.exec(text) : null;
  if (m) {
    const a = m[1]!;
    const b = stripPossessive(m[2]!);
    if (isSyllable(foldPart(a)) && isSyllable(foldPart(b))) {
      const end = surnameEnd + m[0].length - (m[2]!.length - b.length);
      return withHangul(text, start, end, `${surname} ${a}-${b}`, true);
    }
  }
  // Jong Un, Geun Hye: common syllables that are not English words.
  res.spaced.lastIndex = surnameEnd;
  m = maySpaced ? res.spaced.exec(text) : null;
  if (m) {
    const a = m[1]!;
    const b = stripPossessive(m[2]!);
    if (spacedPart(a, false) && spacedPart(b, !weak)) {
      const end = surnameEnd + m[0].length - (m[2]!.length - b.length);
      return withHangul(text, start, end, `${surname} ${a} ${b}`, true);
    }
  }
  // Jongun: two or three common syllables in one word.
  res.joined.lastIndex = surnameEnd;
  m = res.joined.exec(text);
  if (m) {
    const a = stripPossessive(m[1]!);
    if (!weak && joinedGiven(a, surname)) {
      const end = surnameEnd + m[0].length - (m[1]!.length - a.length);
      return withHangul(text, start, end, `${surname} ${a}`, true);
    }
  }
  return null;
}

function spacedPart(word: string, second: boolean): boolean {
  const lower = word.toLowerCase();
  // `Moon Jae In`: a second part may be a syllable that is also an English word, but not `on`.
  if (second ? SECOND_STOP_WORDS.has(lower) : STOP_WORDS.has(lower)) return false;
  return isCommonSyllable(foldPart(word));
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
  if (STOP_WORDS.has(lower) || DOUBLED.test(lower)) return false;
  const parts = segment(foldPart(word), 3);
  if (parts === null) return false;
  // A one-syllable given name counts only for someone known by it (`Kim Sung` is Sung Kim).
  if (parts.length === 1) return knownPerson(canonicalKey(`${surname} ${word}`)) !== undefined;
  return parts.every(isCommonSyllable);
}

// Hangul words that start with a surname syllable but are not names.
const HANGUL_STOP = new Set(
  '한국 북한 남한 조선 정부 정치 정책 정상 김치 이번 이후 이제 서울 평양 한반도 장관 대통령 위원장 신문 고위 문제 안보 노동 노동당 최고 최근 강조 유엔 한미 국민 민주당 국방 한국어 조선어 조선중앙통신 노동신문 주석 장군 원수 국무위원장 총비서 전쟁 정전 통일 이산가족 서기 조국 한글 안녕 유명 신년 오늘 이날'.split(
    ' ',
  ),
);
const PARTICLES = new Set([...'은는이가을를의도와과에']);
const COMMON_HANGUL = new Set([...COMMON_GIVEN_SYLLABLES]);

function hangulName(word: string): string | null {
  let w = word;
  if (HANGUL_STOP.has(w)) return null;
  const compound = w.length >= 3 && HANGUL_SURNAME_KEYS.has(w.slice(0, 2)) ? 2 : 0;
  const surnameLength = compound || (HANGUL_SURNAME_KEYS.has(w[0]!) ? 1 : 0);
  if (surnameLength === 0) return null;
  // 김정은은 (Kim Jong-un + topic particle): a four-syllable name is rarer than a particle.
  if (w.length - surnameLength >= 3 && PARTICLES.has(w[w.length - 1]!)) w = w.slice(0, -1);
  const given = w.slice(surnameLength);
  if (given.length < 1 || given.length > 2 || HANGUL_STOP.has(w)) return null;
  for (const ch of given) if (!COMMON_HANGUL.has(ch)) return null;
  return w;
}
