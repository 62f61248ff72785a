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

/** Whether `text` holds any precomposed Hangul syllable. */
export function hasHangul(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= BASE && c <= LAST) return true;
  }
  return false;
}

export function isHangulSyllable(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= BASE && c <= LAST;
}

/** The jamo indices of one precomposed syllable (initial 0-18, medial 0-20, final 0-27). */
export function jamoOf(ch: string): { initial: number; medial: number; final: number } | null {
  const c = ch.charCodeAt(0) - BASE;
  if (ch.length !== 1 || c < 0 || c > LAST - BASE) return null;
  return { initial: Math.floor(c / 588), medial: Math.floor((c % 588) / 28), final: c % 28 };
}

/** The precomposed syllable of jamo indices (jamoOf's inverse). */
export function syllableOf(initial: number, medial: number, final: number): string {
  return String.fromCharCode(BASE + initial * 588 + medial * 28 + final);
}

/** RR spelling of one precomposed syllable, or undefined for anything else. */
export function romanizeSyllable(ch: string): string | undefined {
  const j = jamoOf(ch);
  if (j === null) return undefined;
  return INITIALS[j.initial]! + MEDIALS[j.medial]! + FINALS[j.final]!;
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
