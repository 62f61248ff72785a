import { remembered } from '../memo.js';

/**
 * Letter folding shared by the TypeScript key functions and the generated engine analyzers.
 * Each rule is one `pattern_replace`, so the patterns stay inside what both JavaScript and Java
 * regexes (Elasticsearch 7.10+, OpenSearch) read the same way: classes, fixed lookarounds,
 * back-references. Rules see lower-case ASCII letters only (asciifolding runs first), and they do
 * not look at syllable boundaries, so `Jongun` and `Jong-un` fold alike once separators are gone.
 *
 * The folding is deliberately coarse (eo/o/u/eu all become `o`): customary spellings such as
 * `Jung` for 정 and `Sung` for 성 leave no finer choice. Precision comes from matching the whole
 * name, every syllable in order, never from a single syllable.
 */
export interface FoldRule {
  /** Filter name suffix in the mapping. */
  id: string;
  pattern: string;
  replacement: string;
}

export const FOLD_RULES: readonly FoldRule[] = [
  // Customary `wh` (Kang Kyung-wha) is RR `hw`.
  { id: 'wh', pattern: 'wh', replacement: 'hw' },
  // MR tense `tch` and the English `ck` (Duck) carry no extra sound.
  { id: 'tch', pattern: 'tch', replacement: 'ch' },
  { id: 'ck', pattern: 'ck', replacement: 'k' },
  { id: 'sh', pattern: 'sh', replacement: 's' },
  // North Korean aspirates th/kh/ph are plain t/k/p.
  { id: 'aspirate', pattern: '([ktp])h', replacement: '$1' },
  // Initial j/ch, g/k, d/t, b/p alternate between RR and McCune-Reischauer.
  { id: 'j', pattern: 'j', replacement: 'ch' },
  // Also in `ng`: Min-gyu and Min-kyu must meet, so `ng` folds to `nk` (keys print it as ng).
  { id: 'g', pattern: 'g', replacement: 'k' },
  { id: 'd', pattern: 'd', replacement: 't' },
  { id: 'b', pattern: 'b', replacement: 'p' },
  // ㄹ is r or l by position; initial r/l before y is dropped in the South (Ryu/Yu, Ryong/Yong).
  { id: 'r', pattern: 'r', replacement: 'l' },
  { id: 'ly', pattern: 'l(?=y)', replacement: '' },
  // 의/희: eui, ui, ŭi, Hee.
  { id: 'ui', pattern: 'e?ui', replacement: 'i' },
  { id: 'ee', pattern: 'ee', replacement: 'i' },
  // ㅓ ㅗ ㅜ ㅡ: eo, ŏ, o, u, eu, ŭ, oo, ou all fold to o.
  { id: 'eo', pattern: 'e[ou]', replacement: 'o' },
  { id: 'u', pattern: 'u', replacement: 'o' },
  { id: 'oi', pattern: 'oi', replacement: 'oe' },
  // A silent h after a vowel: Ahn, Hahn, Oh, Koh, Sohn, Huh.
  { id: 'h', pattern: '(?<=[aeio])h(?![aeiowy])', replacement: '' },
  { id: 'double', pattern: '([kptsmnlaeio])\\1+', replacement: '$1' },
  { id: 'chch', pattern: '(ch)+', replacement: 'ch' },
];

// Compiled once: fold runs per name candidate on the extraction hot path.
const COMPILED: readonly [RegExp, string][] = FOLD_RULES.map((r) => [
  new RegExp(r.pattern, 'g'),
  r.replacement,
]);

/** Folds lower-case ASCII letters (no separators expected, but they are left alone). */
export function foldLetters(s: string): string {
  return remembered(FOLDED, s, fold);
}

// Each fold is nineteen regex replaces, and the same few thousand syllables and name parts are
// folded over and over: building the syllable tables alone folds 11,172 RR spellings, a third
// of them distinct.
const FOLDED = new Map<string, string>();

function fold(s: string): string {
  let out = s;
  for (const [re, rep] of COMPILED) out = out.replace(re, rep);
  return out;
}
