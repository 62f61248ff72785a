import { displayName, knownPerson } from './canonical.js';

/**
 * Who a person is, from what the indexed news writes: the spellings seen with how many articles
 * use each, the Hangul among them, and the display form, which is the spelling most articles
 * use (a known or registered person keeps the display the table or the user gave). Pure: the
 * counts come from the engine (`people_spellings`, one `key|spelling` value per spelling an
 * article uses).
 */
export interface SpellingCount {
  text: string;
  count: number;
}

export interface PersonEntry {
  key: string;
  display: string;
  hangul: string[];
  spellings: SpellingCount[];
  /** Articles naming the person. */
  articles: number;
}

const SEPARATOR = '|';
const HANGUL = /[가-힣]/;

/** The `people_spellings` value of one spelling of one person. */
export function spellingValue(key: string, spelling: string): string {
  return `${key}${SEPARATOR}${spelling}`;
}

/** `key|spelling` back into its parts (keys hold no `|`), or null. */
export function parseSpellingValue(value: string): { key: string; spelling: string } | null {
  const at = value.indexOf(SEPARATOR);
  return at <= 0 ? null : { key: value.slice(0, at), spelling: value.slice(at + 1) };
}

/** `KIM JONG UN` as a reader expects it on a page: `Kim Jong Un`; other spellings as written. */
function shown(spelling: string): string {
  if (spelling !== spelling.toUpperCase()) return spelling;
  return spelling
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (m, sep: string, c: string) =>
      sep === '-' ? m : sep + c.toUpperCase(),
    );
}

/**
 * The display form of a person: a known or registered display, else the Latin spelling most
 * articles use (ties: the one written with a hyphen, then the first in order), else the display
 * made from the key.
 */
export function usageDisplay(key: string, spellings: readonly SpellingCount[]): string {
  const known = knownPerson(key);
  if (known) return known.display;
  const latin = spellings.filter((s) => !HANGUL.test(s.text));
  if (latin.length === 0) return displayName(key);
  const best = [...latin].sort(
    (a, b) =>
      b.count - a.count ||
      Number(b.text.includes('-')) - Number(a.text.includes('-')) ||
      (a.text < b.text ? -1 : 1),
  )[0]!;
  return shown(best.text);
}

/** One person's entry from the counts of the spellings articles use. */
export function personEntry(
  key: string,
  spellings: readonly SpellingCount[],
  articles: number,
): PersonEntry {
  const sorted = [...spellings].sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
  const hangul = new Set(sorted.filter((s) => HANGUL.test(s.text)).map((s) => s.text));
  for (const h of knownPerson(key)?.hangul ?? []) hangul.add(h);
  return {
    key,
    display: usageDisplay(key, sorted),
    hangul: [...hangul],
    spellings: sorted,
    articles,
  };
}
