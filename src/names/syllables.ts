import { foldLetters } from './tables/fold.js';
import { GIVEN_SYLLABLES, TOP_GIVEN_SYLLABLES } from './tables/givenSyllables.js';
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
  /** Folded syllable -> segmentation penalty for a common one (lower is more common). */
  tier: Map<string, number>;
  /** Folded syllable -> customary spelling of the most common given-name syllable behind it. */
  customary: Map<string, string>;
  /** Folded syllable -> RR spelling of a name syllable folding to it, shortest first. */
  rr: Map<string, string>;
  maxLength: number;
}

let inventory: Inventory | undefined;

function build(): Inventory {
  const all = new Set<string>();
  const rr = new Map<string, string>();
  const commonHangul = new Set([...COMMON_GIVEN_SYLLABLES]);
  // Shown when no ranked syllable folds to a key. The first in code point order is often a rare
  // one (읠 uil for il, 덩 deong for tong, 렴 ryeom for yom), so a name syllable comes first,
  // then the shortest spelling.
  const rrRank = new Map<string, number>();
  let maxLength = 0;
  for (let i = 0; i < HANGUL_SYLLABLE_COUNT; i++) {
    const ch = String.fromCharCode(0xac00 + i);
    const spelling = romanizeSyllable(ch)!;
    const folded = foldLetters(spelling);
    all.add(folded);
    const rank = (commonHangul.has(ch) ? 0 : 100) + spelling.length;
    if (rank < (rrRank.get(folded) ?? Infinity)) {
      rr.set(folded, spelling);
      rrRank.set(folded, rank);
    }
    maxLength = Math.max(maxLength, folded.length);
  }
  const common = new Set<string>();
  const tier = new Map<string, number>();
  for (const ch of commonHangul) {
    const folded = foldLetters(romanizeSyllable(ch)!);
    common.add(folded);
    tier.set(folded, COMMON_TIER);
  }
  const customary = new Map<string, string>();
  // Backwards, so the most common syllable of a folded group is written last and wins.
  for (let rank = GIVEN_SYLLABLES.length - 1; rank >= 0; rank--) {
    const [ch, spelling] = GIVEN_SYLLABLES[rank]!;
    const t = rank < TOP_GIVEN_SYLLABLES ? TOP_TIER : RANKED_TIER;
    // Keyed by the spelling's own fold too: Woo (우) folds to wo, not to the o of RR u.
    const spelled = foldLetters(spelling.toLowerCase());
    for (const folded of new Set([foldLetters(romanizeSyllable(ch)!), spelled])) {
      if (common.has(folded)) tier.set(folded, Math.min(tier.get(folded)!, t));
      else tier.set(folded, Math.min(tier.get(folded) ?? UNCOMMON, SPELLED_TIER));
    }
    customary.set(spelled, spelling.toLowerCase());
  }
  return { all, common, tier, customary, rr, maxLength };
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

/**
 * Lower-case spelling shown for a folded given-name syllable: the customary spelling of the most
 * common name syllable that folds to it, else its shortest RR spelling. It folds back to
 * `folded`, so a displayed name keys to the key it was made from.
 */
export function givenSpelling(folded: string): string | undefined {
  const { customary, rr } = inv();
  return customary.get(folded) ?? rr.get(folded);
}

// Costs, in order of weight: fewer syllables, then fewer uncommon ones, then more common ones
// (the frequency tiers), then a final ng over an initial g. Three common syllables cost at most
// 3 * COMMON_TIER + 2 * N_THEN_K = 14, less than any split with one syllable extraction does not
// count as common, so ranking only breaks ties among splits extraction treats alike.
const PER_SYLLABLE = 100;
const UNCOMMON = 20;
const TOP_TIER = 0;
const RANKED_TIER = 2;
const COMMON_TIER = 4;
// A customary spelling that is no RR syllable of a name (Woo -> wo, Wook -> wok): better than
// uncommon (Chulwoo is chol + wo, not cho + lwo), never better than common.
const SPELLED_TIER = 15;
// `chonkon` reads as jong+un more often than jon+gun: a final ng beats an initial g after n.
const N_THEN_K = 1;

/**
 * Splits a folded, joined given name into syllables: fewest syllables, then common ones, then
 * the more common ones in names (`nakyon` is Nak-yeon), then a final `ng` over an initial `g`.
 * Deterministic in the joined string alone, so `Jongun` and `Jong-un` always get the same split.
 * Null when the string is not made of syllables.
 */
export function segment(folded: string, maxSyllables = 4): string[] | null {
  const { all, tier, maxLength } = inv();
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
      let c = cost[i]! + PER_SYLLABLE + (tier.get(syl) ?? UNCOMMON);
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
