/**
 * Character classes of the name patterns, for hand-written scans that must match exactly what
 * the regexes match. Each class is one regex source; the scans classify a code point by testing
 * it against that same source once and caching the answer, so the two can never disagree.
 */

/** Letters and combining marks: what a name word is made of. */
export const LETTER = '\\p{L}\\p{M}';
export const APOSTROPHE = "['\u2019]";
export const HYPHEN = '[-\u2010\u2011]';

/**
 * What may not come right before a name: a letter, digit, apostrophe or full stop, so `McKim`,
 * `2Kim` and `x.Kim` are not names. A hyphen may ("anti-Kim Jong-un protests" names him), as may
 * spaces of any kind, brackets, quotes and dashes. (This class used to hold `.-\u2010`, which
 * reads as a range and also blocked no-break spaces, `/`, `:` and all of Latin-1.)
 */
export const NOT_BEFORE_NAME = `[${LETTER}\\d'\u2019.]`;

const IS_LETTER = 1;
const IS_UPPER = 2;
const BLOCKS_NAME = 4;
const CLASSIFIED = 8;

const LETTER_RE = new RegExp(`^[${LETTER}]$`, 'u');
const UPPER_RE = /^\p{Lu}$/u;
const BLOCKS_RE = new RegExp(`^${NOT_BEFORE_NAME}$`, 'u');

// One byte per BMP code point, filled on first sight: articles use a few hundred distinct ones.
const BMP = new Uint8Array(0x10000);

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    CLASSIFIED |
    (LETTER_RE.test(ch) ? IS_LETTER : 0) |
    (UPPER_RE.test(ch) ? IS_UPPER : 0) |
    (BLOCKS_RE.test(ch) ? BLOCKS_NAME : 0)
  );
}

function classOf(cp: number): number {
  if (cp <= 0xffff) {
    let k = BMP[cp]!;
    if (k === 0) {
      k = classify(cp);
      BMP[cp] = k;
    }
    return k;
  }
  // NaN (past the end of a text) is in no class.
  return cp > 0xffff ? classify(cp) : 0;
}

/** `[\p{L}\p{M}]` */
export function isLetter(cp: number): boolean {
  return (classOf(cp) & IS_LETTER) !== 0;
}

/** `\p{Lu}` */
export function isUpper(cp: number): boolean {
  return (classOf(cp) & IS_UPPER) !== 0;
}

/** Whether a name may not start right after `cp` (NOT_BEFORE_NAME). */
export function blocksName(cp: number): boolean {
  return (classOf(cp) & BLOCKS_NAME) !== 0;
}

/**
 * The code point at `i` as a `u` regex reads it: a surrogate pair is one code point, a lone
 * surrogate is itself, past the end is NaN (which is in no class).
 */
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The code point before `i` as a `u` lookbehind reads it; NaN at the start. */
export function codePointBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** UTF-16 length of a code point. */
export function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** `[ \t\u00a0]`: what separates the words of a name. */
export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

export function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011;
}

export function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

/** `[가-힣]`: a precomposed Hangul syllable. */
export function isHangul(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7a3;
}

/** The first non-blank position at or after `i`. */
export function skipBlanks(text: string, i: number): number {
  while (isBlank(text.charCodeAt(i))) i++;
  return i;
}
