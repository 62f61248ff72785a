/**
 * Hangul syllables decomposed arithmetically (U+AC00 + (initial*21 + medial)*28 + final) and
 * romanized syllable by syllable in Revised Romanization, without sound changes across syllables:
 * the folding makes RR, McCune-Reischauer and customary spellings meet anyway, and a
 * per-syllable table is what an engine `mapping` char filter can apply.
 */
const BASE = 0xac00;
const LAST = 0xd7a3;

const INITIALS = [
  'g',
  'kk',
  'n',
  'd',
  'tt',
  'r',
  'm',
  'b',
  'pp',
  's',
  'ss',
  '',
  'j',
  'jj',
  'ch',
  'k',
  't',
  'p',
  'h',
];
const MEDIALS = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
// RR finals: the 27 codas (plus none) neutralised to the seven sounds RR writes.
const FINALS = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

export const HANGUL_SYLLABLE_COUNT = LAST - BASE + 1;

export function isHangulSyllable(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= BASE && c <= LAST;
}

/** RR spelling of one precomposed syllable, or undefined for anything else. */
export function romanizeSyllable(ch: string): string | undefined {
  const c = ch.charCodeAt(0) - BASE;
  if (c < 0 || c > LAST - BASE) return undefined;
  const initial = Math.floor(c / 588);
  const medial = Math.floor((c % 588) / 28);
  const final = c % 28;
  return INITIALS[initial]! + MEDIALS[medial]! + FINALS[final]!;
}

/** Romanizes every Hangul syllable in `text`, leaving other characters as they are. */
export function romanizeHangul(text: string): string {
  let out = '';
  for (const ch of text) out += romanizeSyllable(ch) ?? ch;
  return out;
}

/** `[syllable, RR]` for all 11,172 syllables, in code point order (for the engine char filter). */
export function hangulTable(): [string, string][] {
  const rows: [string, string][] = [];
  for (let c = BASE; c <= LAST; c++) {
    const ch = String.fromCharCode(c);
    rows.push([ch, romanizeSyllable(ch)!]);
  }
  return rows;
}
