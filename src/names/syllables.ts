import { foldLetters } from './tables/fold.js';
import { COMMON_GIVEN_SYLLABLES } from './tables/known.js';
import { HANGUL_SYLLABLE_COUNT, romanizeSyllable } from './hangul.js';

/**
 * The inventory of folded syllables (every Hangul syllable's RR spelling, folded), used to
 * segment joined given names (`Jongun` -> jong + un) and to tell name-shaped words from English.
 * Built once, on first use: ~11k folds, a few milliseconds.
 */
interface Inventory {
  all: Set<string>;
  common: Set<string>;
  /** Folded syllable -> RR spelling of the first (code point order) syllable that folds to it. */
  rr: Map<string, string>;
  maxLength: number;
}

let inventory: Inventory | undefined;

function build(): Inventory {
  const all = new Set<string>();
  const rr = new Map<string, string>();
  let maxLength = 0;
  for (let i = 0; i < HANGUL_SYLLABLE_COUNT; i++) {
    const spelling = romanizeSyllable(String.fromCharCode(0xac00 + i))!;
    const folded = foldLetters(spelling);
    all.add(folded);
    if (!rr.has(folded)) rr.set(folded, spelling);
    maxLength = Math.max(maxLength, folded.length);
  }
  const common = new Set<string>();
  for (const ch of COMMON_GIVEN_SYLLABLES) common.add(foldLetters(romanizeSyllable(ch)!));
  return { all, common, rr, maxLength };
}

function inv(): Inventory {
  return (inventory ??= build());
}

export function isSyllable(folded: string): boolean {
  return inv().all.has(folded);
}

export function isCommonSyllable(folded: string): boolean {
  return inv().common.has(folded);
}

/** RR spelling representing a folded syllable (for display when no better spelling is known). */
export function rrSpelling(folded: string): string | undefined {
  return inv().rr.get(folded);
}

const PER_SYLLABLE = 10;
const UNCOMMON = 5;
// `chonkon` reads as jong+un more often than jon+gun: a final ng beats an initial g after n.
const N_THEN_K = 1;

/**
 * Splits a folded, joined given name into syllables: fewest syllables, then common ones, then
 * a final `ng` over an initial `g`. Deterministic in the joined string alone, so `Jongun` and
 * `Jong-un` always get the same split. Null when the string is not made of syllables.
 */
export function segment(folded: string, maxSyllables = 4): string[] | null {
  const { all, common, maxLength } = inv();
  const n = folded.length;
  if (n === 0) return null;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const back = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue;
    for (let len = 1; len <= maxLength && i + len <= n; len++) {
      const syl = folded.slice(i, i + len);
      if (!all.has(syl)) continue;
      let c = cost[i]! + PER_SYLLABLE + (common.has(syl) ? 0 : UNCOMMON);
      if (i > 0 && folded[i - 1] === 'n' && syl[0] === 'k') c += N_THEN_K;
      if (c < cost[i + len]!) {
        cost[i + len] = c;
        back[i + len] = i;
      }
    }
  }
  if (cost[n] === Infinity) return null;
  const parts: string[] = [];
  for (let j = n; j > 0; j = back[j]!) parts.push(folded.slice(back[j]!, j));
  parts.reverse();
  return parts.length <= maxSyllables ? parts : null;
}

/** How a folded syllable is printed in a key: the `nk` that `ng` folds to reads back as `ng`. */
export function printSyllable(folded: string): string {
  return folded.endsWith('nk') ? `${folded.slice(0, -2)}ng` : folded;
}

/** Inverse of printSyllable. */
export function unprintSyllable(printed: string): string {
  return printed.endsWith('ng') ? `${printed.slice(0, -2)}nk` : printed;
}
