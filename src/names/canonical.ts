import { foldLetters } from './tables/fold.js';
import { KNOWN_PEOPLE, type KnownPerson } from './tables/known.js';
import { SURNAMES } from './tables/surnames.js';
import { romanizeHangul } from './hangul.js';
import { remembered } from './memo.js';
import { givenSpelling, isSyllable, printSyllable, segment, unprintSyllable } from './syllables.js';

// spellingForm's answers (declared before the tables below are built with it).
const FORM_CACHE = new Map<string, string>();

/**
 * Canonical keys and display names.
 *
 * - `engineToken(name)` is exactly what the `ireum_name_key` analyzer makes of a whole name
 *   (one token, e.g. `kim chonkon`); tests hold the two together.
 * - `canonicalKey(name)` is the same folding with the given name split into syllables and `nk`
 *   printed as `ng` (`kim chong on`): the value of `people_keys`.
 * - `displayName(key)` depends on the key alone, so one person is one facet value.
 */

/** Apostrophes of every kind: MR writes aspiration with one (Ch'ŏl), news drops it. */
export const APOSTROPHE_CLASS = "['\u2019\u2018\u02bc`\u00b4]";
const APOSTROPHES = new RegExp(APOSTROPHE_CLASS, 'g');
/** A trailing possessive (`Kim Jong-un's`) is not part of the name. */
export const POSSESSIVE_PATTERN = "['\u2019]s(?=\\s*$)";
const POSSESSIVE = new RegExp(POSSESSIVE_PATTERN);
/** A Hangul surname (the table's compound ones first) followed by more Hangul: split it off. */
export const HANGUL_SURNAME_SPLIT_PATTERN = `^(${SURNAMES.flatMap((s) => s.hangul)
  .filter((h) => h.length > 1)
  .join('|')}|[가-힣])(?=[가-힣])`;
const HANGUL_SURNAME_SPLIT = new RegExp(HANGUL_SURNAME_SPLIT_PATTERN);
const MARKS = /\p{M}+/gu;
const NON_LETTERS = /[^a-z]+/g;

/** Latin surname spelling (lower-case ASCII) -> surname key. */
export const SURNAME_KEYS: ReadonlyMap<string, string> = new Map(
  SURNAMES.flatMap((s) => s.latin.map((l) => [asciiLower(l), s.key] as const)),
);
/** Hangul surname -> surname key. */
export const HANGUL_SURNAME_KEYS: ReadonlyMap<string, string> = new Map(
  SURNAMES.flatMap((s) => s.hangul.map((h) => [h, s.key] as const)),
);
const SURNAME_DISPLAY = new Map<string, string>();
for (const s of SURNAMES) if (!SURNAME_DISPLAY.has(s.key)) SURNAME_DISPLAY.set(s.key, s.latin[0]!);

/** Lower-case ASCII with accents and apostrophes dropped (what lowercase+asciifolding give). */
export function asciiLower(s: string): string {
  return s.normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, '').toLowerCase();
}

/** Words of a name as the key analyzer sees them: Hangul romanized, surname split off. */
function words(name: string): string[] {
  const s = romanizeHangul(
    hyphenateHangulGiven(
      name
        .replace(POSSESSIVE, '')
        .replace(APOSTROPHES, '')
        .trim()
        .replace(HANGUL_SURNAME_SPLIT, '$1 '),
    ),
  );
  return asciiLower(s)
    .replace(NON_LETTERS, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

const HANGUL_PAIR = /([가-힣])(?=[가-힣])/g;

/**
 * Hangul says where each syllable ends: its given syllables are kept apart (`한 여-은`), so
 * the key is read syllable by syllable like a hyphenated spelling. Romanized and run together
 * (`yeoeun`), they were split wherever the folded letters allowed: 한여은 keyed as `han yon`,
 * one syllable, apart from `Han Yeo-eun`, and one person got two facet values.
 */
function hyphenateHangulGiven(name: string): string {
  const blank = name.indexOf(' ');
  return blank === -1
    ? name
    : name.slice(0, blank + 1) + name.slice(blank + 1).replace(HANGUL_PAIR, '$1-');
}

/** The analyzer's token before known-people aliases apply. */
function rawToken(name: string): string {
  const w = words(name);
  if (w.length === 0) return '';
  if (w.length === 1) return foldLetters(w[0]!);
  const first = SURNAME_KEYS.get(w[0]!) ?? w[0]!;
  return `${foldLetters(first)} ${foldLetters(w.slice(1).join(''))}`;
}

interface KnownEntry {
  person: KnownPerson;
  key: string;
  /** The spellings the table lists, lower-case, single-spaced. */
  listed: Set<string>;
}

/** Raw token of a given-name-first spelling -> raw token of its surname-first form. */
export const TOKEN_ALIASES = new Map<string, string>();
const KNOWN_BY_TOKEN = new Map<string, KnownEntry>();
const KNOWN_BY_KEY = new Map<string, KnownEntry>();
// Every article's people are shown by name, and most of them were shown before.
const DISPLAY_CACHE = new Map<string, string>();

for (const person of KNOWN_PEOPLE) addKnown(person, true);

function addKnown(person: KnownPerson, builtIn: boolean): void {
  const key = person.foreign
    ? foreignKey(person.display)
    : koreanKey(person.keyFrom ?? person.display);
  if (key === null) throw new Error(`known person without a Korean key: ${person.display}`);
  const spellings = [person.display, ...(person.aliases ?? []), ...(person.hangul ?? [])];
  // The surname-first form the key is made from is one of the person's spellings too.
  const listed = [...spellings, ...(person.keyFrom ? [person.keyFrom] : [])];
  const entry = { person, key, listed: new Set(listed.map(spellingForm)) };
  KNOWN_BY_KEY.set(key, entry);
  for (const spelling of spellings) {
    const token = rawToken(spelling);
    KNOWN_BY_TOKEN.set(token, entry);
    // The engine analyzer's aliases are generated from the built-in table only; the registry
    // reaches the engine through people_keys and people_pivot.
    if (builtIn && person.keyFrom && !person.foreign) {
      const target = rawToken(person.keyFrom);
      if (token !== target) TOKEN_ALIASES.set(token, target);
    }
  }
}

/**
 * Replaces the people added by the registry (names/registry.ts) with `people`, on top of the
 * built-in table. A registry person's spellings all key to it, and its display and Hangul win.
 */
export function setExtraPeople(people: readonly KnownPerson[]): void {
  KNOWN_BY_TOKEN.clear();
  KNOWN_BY_KEY.clear();
  for (const person of KNOWN_PEOPLE) addKnown(person, true);
  for (const person of people) addKnown(person, false);
  KEY_CACHE.clear();
  DISPLAY_CACHE.clear();
}

/** A key for a name no rule reads as Korean: its lower-case words. */
export function keyOfForeign(name: string): string {
  return foreignKey(name);
}

/** The surname-first Korean key of a name, or null when it is not shaped like one. */
export function keyOfKorean(name: string): string | null {
  return koreanKey(name);
}

/** What the `ireum_name_key` analyzer turns a whole name into: one token. */
export function engineToken(name: string): string {
  const token = rawToken(name);
  return TOKEN_ALIASES.get(token) ?? token;
}

function foreignKey(name: string): string {
  return asciiLower(name).replace(NON_LETTERS, ' ').trim();
}

/** Surname-first Korean key, or null when `name` is not shaped like one. */
function koreanKey(name: string): string | null {
  const w = words(name);
  if (w.length < 2) return null;
  const surname = SURNAME_KEYS.get(w[0]!);
  if (surname === undefined) return null;
  // Each written chunk is split on its own: the hyphen in `Jun-geon` says where a syllable ends.
  const given: string[] = [];
  for (const chunk of w.slice(1)) {
    const parts = segment(foldLetters(chunk), 3);
    if (parts === null) return null;
    given.push(...parts);
  }
  if (given.length === 0 || given.length > 3) return null;
  return [surname, ...given.map(printSyllable)].join(' ');
}

/**
 * One key for every spelling of one person's name: `Kim Jong-un`, `KIM JONG UN`, `Kim Jongun`,
 * `Gim Jeong-eun`, `김정은` -> `kim chong on`. Names that are not Korean get their lower-case
 * words (`joe biden`).
 */
export function canonicalKey(name: string): string {
  return remembered(KEY_CACHE, name, computeKey);
}

// Articles repeat the same few spellings; extraction asks for the same keys over and over.
const KEY_CACHE = new Map<string, string>();

function computeKey(name: string): string {
  const known = KNOWN_BY_TOKEN.get(rawToken(name));
  const own = koreanKey(name);
  const listed = (entry: KnownEntry) => entry.listed.has(spellingForm(name));
  // The folded token is coarse: `Gim Jun-geon` folds like Kim Jong-un. A name is the known
  // person when the table lists it, or when its syllables, read hyphen by hyphen, are theirs.
  if (known && listed(known)) return known.key;
  if (known && (own === null || own === known.key)) return otherHangul(known, name) ?? known.key;
  const byKey = own === null ? undefined : KNOWN_BY_KEY.get(own);
  if (byKey && !listed(byKey)) return otherHangul(byKey, name) ?? own!;
  return own ?? foreignKey(name);
}

const HANGUL_NAME = /^[가-힣\s]+$/;

/**
 * The key of a Hangul name that folds like a known person's but is not written as theirs:
 * Hangul says exactly who it is (김정운 and 김종은 are not 김정은, though all fold to `kim chong
 * on`), so it gets the known key followed by itself (`kim chong on 김정운`), or null when the
 * name is not Hangul or the known person has no Hangul to compare with. A Latin spelling stays
 * coarse: it may be the known person written another way.
 */
function otherHangul(entry: KnownEntry, name: string): string | null {
  const hangul = entry.person.hangul;
  if (hangul === undefined || hangul.length === 0 || !HANGUL_NAME.test(name)) return null;
  const written = name.replace(/\s+/g, '');
  if (hangul.some((h) => h.replace(/\s+/g, '') === written)) return null;
  return `${entry.key} ${written}`;
}

/**
 * A spelling compared as readers compare it: case, hyphens (any kind) and spacing aside. Used
 * for listed spellings, ignored strings and quoted names alike.
 */
export function spellingForm(s: string): string {
  // Every article's people are checked against the table: the same spellings, over and over.
  return remembered(FORM_CACHE, s, computeForm);
}

function computeForm(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[-\u2010\u2011\s]+/g, ' ')
      // Extraction writes a typeset apostrophe plain (`Ch’oe` as `Ch'oe`): a quoted query or the
      // registry may not.
      .replace(/[\u2019\u02bc]/g, "'")
      .trim()
  );
}

/** Whether `spelling` is one the known person with `key` is listed under (case, hyphens aside). */
export function isListedSpelling(key: string, spelling: string): boolean {
  return KNOWN_BY_KEY.get(key)?.listed.has(spellingForm(spelling)) ?? false;
}

/** The known person a key belongs to, if any. */
export function knownPerson(key: string): KnownPerson | undefined {
  return KNOWN_BY_KEY.get(key)?.person;
}

/**
 * Display form of a key: the known spelling, else the customary surname and, per given-name
 * syllable, the customary spelling of the most common name syllable folding to it
 * (`han tong hon` -> Han Dong-hoon).
 */
export function displayName(key: string): string {
  return remembered(DISPLAY_CACHE, key, computeDisplay);
}

function computeDisplay(key: string): string {
  const known = KNOWN_BY_KEY.get(key);
  if (known) return known.person.display;
  const [first, ...rest] = key.split(' ');
  if (first === undefined || first === '') return '';
  // Someone written in Hangul whose key folds like a known person's (otherHangul) is shown as
  // written: a romanization would read as the known person (김유나 is Kim Yu-na, as the skater
  // 김연아 is known), and the display keys back to the same person (filters rely on that).
  const hangul = rest.at(-1) ?? '';
  if (HANGUL_NAME.test(hangul)) return hangul;
  const surname = SURNAME_DISPLAY.get(first);
  if (
    surname !== undefined &&
    rest.length > 0 &&
    rest.every((s) => isSyllable(unprintSyllable(s)))
  ) {
    const given = rest.map((s) => givenSpelling(unprintSyllable(s)) ?? s);
    return `${surname} ${capitalize(given.join('-'))}`;
  }
  return key.split(' ').map(capitalize).join(' ');
}

/**
 * Known spellings of a name: the known person's spellings when there is one, and the layout
 * variants (hyphenated, spaced, joined, upper case) of the display form.
 */
export function variantsOf(name: string): string[] {
  const key = canonicalKey(name);
  const display = displayName(key);
  const out = new Set<string>([display]);
  const person = knownPerson(key);
  for (const a of person?.aliases ?? []) out.add(a);
  const parts = display.split(' ');
  if (!person?.foreign && parts.length === 2 && parts[1]!.includes('-')) {
    const [surname, given] = parts as [string, string];
    const syl = given.split('-');
    out.add(`${surname} ${syl.map(capitalize).join(' ')}`);
    out.add(`${surname} ${syl.map(capitalize).join('-')}`);
    out.add(`${surname} ${capitalize(syl.join('').toLowerCase())}`);
    out.add(`${surname} ${syl.join(' ')}`.toUpperCase());
  }
  if (name.trim() !== '') out.add(name.trim().replace(/\s+/g, ' '));
  for (const h of person?.hangul ?? []) out.add(h);
  return [...out];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
