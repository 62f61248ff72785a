import { GIVEN_SYLLABLES } from './tables/givenSyllables.js';
import { COMMON_GIVEN_SYLLABLES } from './tables/known.js';
import { SURNAMES } from './tables/surnames.js';
import { HANGUL_SYLLABLE_COUNT, jamoOf, romanizeSyllable, syllableOf } from './hangul.js';
import { asciiLower, isListedSpelling, knownPerson } from './canonical.js';
import { remembered } from './memo.js';

/**
 * Hangul syllables as the pivot between spellings.
 *
 * Every Latin syllable stands for the set of Hangul syllables it can spell under Revised
 * Romanization, McCune-Reischauer without its marks, North Korean usage, and the customary and
 * passport habits (oo/u, ee/i, eo/u/o, ae/e, w-glides, a silent h, aspirates written th/kh/ph).
 * The sets are generated from rules over the jamo below, never from lists of people.
 *
 * Two spellings name the same person when their surname sets meet and every given syllable's
 * sets meet, in order. The engine checks exactly that: a name is indexed as one value of
 * `people_pivot`, `^ S G1 G2 $`, where each position lists its Hangul set (`정,종`) and the
 * `ireum_name_pivot` analyzer stacks the members at one position; a query name is the same
 * string sent as `match_phrase`, which matches when every position shares a member. No fuzzy
 * query, and `Jong` (정/종) never meets `Jun` (준/전).
 */

const BASE = 0xac00;

// Initials in code-point order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ.
// RR voiced and MR unvoiced plain stops are both written, in either position of a name.
const INITIALS: readonly (readonly string[])[] = [
  ['g', 'k'],
  ['kk', 'gg', 'k', 'g'],
  ['n'],
  ['d', 't'],
  ['tt', 'dd', 't', 'd'],
  ['r', 'l'],
  ['m'],
  ['b', 'p'],
  ['pp', 'bb', 'p', 'b'],
  ['s', 'sh'],
  ['ss', 's', 'sh'],
  [''],
  ['j', 'ch'],
  ['jj', 'tch', 'ch', 'j'],
  ['ch', 'chh'],
  ['k', 'kh'],
  ['t', 'th'],
  ['p', 'ph'],
  ['h'],
];
const RIEUL = 5;
const IEUNG = 11;
const HIEUT = 18;

// Medials: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ. RR first, then MR without
// breves (ŏ -> o, ŭ -> u), then customary and passport forms (Jung, Hyun, Soo, Hee, Choi).
const MEDIALS: readonly (readonly string[])[] = [
  ['a'],
  ['ae', 'e', 'ai'],
  ['ya'],
  ['yae', 'ye'],
  ['eo', 'o', 'u'],
  ['e'],
  ['yeo', 'yo', 'yu', 'you'],
  ['ye', 'e'],
  ['o'],
  ['wa'],
  ['wae', 'we'],
  ['oe', 'oi', 'oy', 'we'],
  ['yo'],
  ['u', 'oo'],
  ['wo', 'weo'],
  ['we'],
  ['wi', 'wee'],
  ['yu', 'yoo', 'you'],
  ['eu', 'u'],
  ['ui', 'eui', 'ei', 'i', 'ee'],
  ['i', 'ee'],
];
const EO = 4;
const YEO = 6;
const O = 8;
const U = 13;
const I = 20;
const YE = 7;

// Finals grouped by the sound written (RR neutralises 27 codas to seven).
const FINAL_SOUND: readonly number[] = [
  0, 1, 1, 1, 2, 2, 2, 3, 4, 1, 5, 4, 4, 4, 6, 4, 5, 6, 6, 3, 3, 7, 3, 3, 1, 3, 6, 3,
];
const FINALS: readonly (readonly string[])[] = [
  [''],
  ['k', 'g', 'ck'],
  ['n'],
  ['t', 'd'],
  ['l', 'r'],
  ['m'],
  ['p', 'b'],
  ['ng'],
];

/** The Latin spellings of one Hangul syllable (lower-case ASCII), or [] for anything else. */
export function latinSpellings(syllable: string): string[] {
  const j = jamoOf(syllable);
  if (j === null) return [];
  const { initial, medial } = j;
  const sound = FINAL_SOUND[j.final]!;
  const initials = [...INITIALS[initial]!];
  const medials = [...MEDIALS[medial]!];
  const firstVowel = medials[0]!;
  // ㄹ at the start of a word is dropped before i and y in the South (Ryu/Yu, Ri/Lee), and
  // written n before other vowels (Roh/Noh); Rhee keeps an h.
  if (initial === RIEUL) {
    initials.push('rh');
    initials.push(firstVowel.startsWith('y') || medial === I ? '' : 'n');
  }
  if (initial === IEUNG && medial === U) medials.push('woo', 'wu');
  if (initial === IEUNG && medial === I) medials.push('yi', 'yee');
  // Hwang / Whang, Hwa / Wha.
  if (initial === HIEUT && firstVowel.startsWith('w')) initials.push('w');
  const out = new Set<string>();
  for (const init of initials) {
    for (const vowel of medials) {
      // `w` for ㅎ stands for `wh`: the vowel's own w follows after an h.
      const onset = init === 'w' && initial === HIEUT ? 'wh' : init;
      const v = init === 'w' && initial === HIEUT ? vowel.slice(1) : vowel;
      for (const fin of FINALS[sound]!) {
        // ㅚ is oi or oy only where a syllable ends (Choi, Choy): before a final they are two
        // syllables' vowels (Hoin is ho-in, not 횐).
        if (fin !== '' && (v === 'oi' || v === 'oy')) continue;
        out.add(onset + v + fin);
        // A silent h marks a vowel: Oh, Koh, Huh, Suh, Noh; Ahn, Hahn, Sohn. A u so marked is
        // ㅓ or ㅕ (Huh 허, Suh 서, Yuh 여): ㅜ is written oo or u, never uh (수 is Soo, not Suh).
        if (fin === '' && /[ao]$/.test(v)) out.add(`${onset}${v}h`);
        if (fin === '' && v.endsWith('u') && (medial === EO || medial === YEO)) {
          out.add(`${onset}${v}h`);
        }
        if (fin === 'n' && (v === 'a' || v === 'o')) out.add(`${onset}${v}hn`);
        // And ㅖ so ended: Yeh, Hyeh.
        if (fin === '' && medial === YE && v === 'ye') out.add(`${onset}yeh`);
      }
      // Hur, Suhr: an r marks ㅓ with no final.
      if (sound === 0 && medial === EO && v === 'u') out.add(`${onset}ur`);
      // Cho -> Chough, Ko -> Kho are left to the surname table.
      if (sound === 0 && medial === O && v === 'o' && init === '') out.add('oh');
    }
  }
  return [...out];
}

interface Tables {
  /** Latin syllable -> Hangul syllables it can spell, most common in names first. */
  readings: Map<string, string[]>;
  /**
   * Latin syllable -> Hangul syllables it is the usual spelling of: RR (voiced or not), the
   * unambiguous vowel letters (oo, ee, yoo) and the customary spelling of a name syllable
   * (`Young` for 영, `Jung` for 정). `yong` is usually 용, though North Korea writes 영 so.
   */
  usual: Map<string, string[]>;
  /** Hangul syllable -> rank in given names (lower is more common). */
  rank: Map<string, number>;
  /**
   * A usual set of several syllables (`준,전`, as a pivot writes it) -> the one its spelling
   * names far more often than the others (`Jun` is 준 before 전), or null when no one does.
   */
  primary: Map<string, string | null>;
  /**
   * A usual set of several syllables -> the one its spelling most likely names, where not as
   * surely as `primary` asks (`Suk` is 숙 before 석: see likelyOf), or null.
   */
  likely: Map<string, string | null>;
  maxLength: number;
}

let tables: Tables | undefined;

const UNRANKED_NAME = 200;
const SURNAME_RANK = 250;
const OTHER = 1000;

// Codas names are written with: none, ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ. Syllables closing in another (밭, 읊)
// get no Latin reading: they would only add noise to the sets.
const NAME_CODAS = new Set([0, 1, 4, 8, 16, 17, 21]);
// Tense initials (ㄲ ㄸ ㅃ ㅆ ㅉ) hardly occur in names: only their strict RR spelling counts.
const TENSE = new Set([1, 4, 8, 10, 13]);

function build(): Tables {
  const rank = new Map<string, number>();
  GIVEN_SYLLABLES.forEach(([h], i) => {
    if (!rank.has(h)) rank.set(h, i);
  });
  for (const h of COMMON_GIVEN_SYLLABLES) if (!rank.has(h)) rank.set(h, UNRANKED_NAME);
  for (const s of SURNAMES) for (const h of s.hangul) if (!rank.has(h)) rank.set(h, SURNAME_RANK);
  const sets = new Map<string, Set<string>>();
  const add = (latin: string, h: string) => {
    let set = sets.get(latin);
    if (!set) sets.set(latin, (set = new Set()));
    set.add(h);
  };
  for (let c = 0; c < HANGUL_SYLLABLE_COUNT; c++) {
    const h = String.fromCharCode(BASE + c);
    if (!NAME_CODAS.has(c % 28) && !rank.has(h)) continue;
    // Strict RR for every such syllable, the wider habits for those names are made of.
    add(romanizeSyllable(h)!, h);
    if (!TENSE.has(Math.floor(c / 588)) || rank.has(h))
      for (const l of latinSpellings(h)) add(l, h);
  }
  const usualSets = new Map<string, Set<string>>();
  const addUsual = (latin: string, h: string) => {
    if (!sets.get(latin)?.has(h)) return;
    let set = usualSets.get(latin);
    if (!set) usualSets.set(latin, (set = new Set()));
    set.add(h);
  };
  for (let c = 0; c < HANGUL_SYLLABLE_COUNT; c++) {
    const h = String.fromCharCode(BASE + c);
    if (!NAME_CODAS.has(c % 28) && !rank.has(h)) continue;
    for (const l of usualSpellings(h)) addUsual(l, h);
  }
  for (const [h, spelling] of GIVEN_SYLLABLES) addUsual(spelling.toLowerCase(), h);
  const order = (h: string) => rank.get(h) ?? OTHER;
  const sorted = (m: Map<string, Set<string>>) => {
    const out = new Map<string, string[]>();
    for (const [latin, set] of m) {
      out.set(
        latin,
        // Ties in code order, which is the collation order of Hangul syllables too (checked
        // for all 11,172): localeCompare goes through ICU and was a third of building these.
        [...set].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return out;
  };
  let maxLength = 0;
  for (const latin of sets.keys()) maxLength = Math.max(maxLength, latin.length);
  const usual = sorted(usualSets);
  const primary = new Map<string, string | null>();
  const likely = new Map<string, string | null>();
  // Two spellings with the same set and different verdicts: the set names no one surely.
  const decide = (verdicts: Map<string, string | null>, key: string, chosen: string | null) =>
    verdicts.set(key, verdicts.has(key) && verdicts.get(key) !== chosen ? null : chosen);
  for (const [latin, members] of usual) {
    if (members.length < 2) continue;
    const key = members.join(',');
    decide(primary, key, primaryOf(latin, members, order));
    decide(likely, key, likelyOf(latin, members, order));
  }
  const readings = sorted(sets);
  // A spelling McCune-Reischauer could have written whole widens an unvoiced t or p to ㄷ or ㅂ
  // (mrUsualReadings), yet it is most likely news's own spelling that happens to be MR-shaped:
  // `Kwak Tae-ae` is 곽태애 before 곽대애, RR's 태 being a name syllable. Where RR's syllable is
  // none (`Tong`, RR for 통), the name syllable MR means is the likely one (`Kim Tong-su`, 김동수).
  for (const [latin, own] of usual) {
    const widened = mrWidened(latin, usual, readings);
    if (widened === own) continue;
    decide(likely, widened.join(','), likelyOf(latin, widened, order));
  }
  return { readings, usual, rank, primary, likely, maxLength };
}

/**
 * The syllable a spelling names far more often than the others it usually spells (`Sung` is
 * 성, not 숭; `Jun` 준, not 전), or null. Far more: its rank among given-name syllables is less
 * than half the next one's. Not where Revised Romanization spells a common name syllable so
 * and frequency says another (`Chae` is RR for 채 and the customary spelling of 재; `Jung` RR
 * for 중): then the spelling alone does not say which.
 */
function primaryOf(
  latin: string,
  members: readonly string[],
  order: (h: string) => number,
): string | null {
  const first = order(members[0]!);
  if (first >= OTHER || order(members[1]!) < 2 * first + PRIMARY_SLACK) return null;
  const rr = members.find((h) => romanizeSyllable(h) === latin);
  return rr !== undefined && rr !== members[0] && order(rr) < UNRANKED_NAME ? null : members[0]!;
}

/** Ranks are places in a list: close to the top, a few places apart is no real difference. */
const PRIMARY_SLACK = 10;

/**
 * The syllable a spelling most likely names, or null: each member weighed by its rank among
 * given-name syllables, and a name syllable that Revised Romanization spells so weighed RR_WEIGHT
 * times, the winner needing twice the next one's weight. RR is how romanizers and many
 * reporters write every syllable, while a customary spelling is one habit among several for its
 * syllable: `Suk` is RR for 숙 and one of 석's (`Seok`, `Suk`, `Sok`), so it is 숙 more often;
 * `Sun` 순 before 선. Frequency can still outweigh RR: `Chung` is 정 (RR's 충 is far down the
 * ranking, at index 133 against 1), while `Jung` (정 at 1, RR's 중 at 42) and `Chae` (재 at 14,
 * RR's 채 at 50) stay undecided. It agrees with primaryOf wherever that decides.
 */
function likelyOf(
  latin: string,
  members: readonly string[],
  order: (h: string) => number,
): string | null {
  let best = members[0]!;
  let bestWeight = 0;
  let nextWeight = 0;
  for (const h of members) {
    const rr = order(h) < UNRANKED_NAME && romanizeSyllable(h) === latin;
    const weight = (rr ? RR_WEIGHT : 1) / (order(h) + PRIMARY_SLACK);
    if (weight > bestWeight) {
      nextWeight = bestWeight;
      bestWeight = weight;
      best = h;
    } else if (weight > nextWeight) nextWeight = weight;
  }
  return order(best) < OTHER && bestWeight >= 2 * nextWeight ? best : null;
}

/** How much a ranked name syllable weighs where RR spells it as written (likelyOf). */
const RR_WEIGHT = 3;

// The customary habit writes ㄱ and ㅈ unvoiced (`Kyung`, `Chul`), seldom ㄷ or ㅂ: `Tae` is 태
// as usually written (대 is `Dae`); McCune-Reischauer's `Tae` for 대 counts only in a spelling
// MR could have written whole (mrUsualReadings).
const UNVOICED: Record<string, string> = { g: 'k', j: 'ch' };
// ㅜ oo, ㅣ ee, ㅠ yoo spell nothing else; ㅓ u and ㅕ yu are how South Korean names write
// those vowels before a final (Sung, Hyun), so a spelling that way is usual, though it may be
// ㅜ or ㅠ too. Where the syllable ends in the vowel, u and yu are ㅜ and ㅠ as usually written
// (`Chang-su` is 수; 서 is `Seo` or `Suh`): counted usual, a twin's `Su` met a query for 서 as
// well as the person's own spellings did.
const USUAL_VOWELS: Record<number, readonly string[]> = {
  [U]: ['oo'],
  [I]: ['ee'],
  17: ['yoo'],
};
const USUAL_BEFORE_FINAL: Record<number, readonly string[]> = {
  [EO]: ['u'],
  6: ['yu'],
};

/** RR, its unvoiced initial, and the vowel letters that spell only that vowel. */
function usualSpellings(syllable: string): string[] {
  const { initial, medial, final } = jamoOf(syllable)!;
  const sound = FINAL_SOUND[final]!;
  const init = INITIALS[initial]![0]!;
  const inits = [init, ...(UNVOICED[init] ? [UNVOICED[init]!] : [])];
  // Not after a silent ㅇ: `Un`, `Yun` and `Ung` are how 운, 윤 and 웅 are written, so 언, 연 and
  // 엉 go by `Eon`, `Yeon`, `Youn` (`Yun` is 연 only in the wide reading).
  const vowels = [
    MEDIALS[medial]![0]!,
    ...(USUAL_VOWELS[medial] ?? []),
    ...(sound !== 0 && initial !== IEUNG ? (USUAL_BEFORE_FINAL[medial] ?? []) : []),
  ];
  const finals = FINALS[sound]!.slice(0, 1);
  // 우 and 운 are Woo and Woon as often as U and Un; 예 is Yeh too (a silent h, as in Oh).
  if (initial === IEUNG && medial === U) vowels.push('woo');
  if (initial === IEUNG && medial === YE && sound === 0) vowels.push('yeh');
  const out: string[] = [];
  for (const i of inits) for (const v of vowels) for (const f of finals) out.push(i + v + f);
  return out;
}

function t(): Tables {
  return (tables ??= build());
}

/** Hangul syllables a Latin syllable can spell (lower-case ASCII input), most common first. */
export function readingsOf(latin: string): readonly string[] {
  return t().readings.get(latin) ?? [];
}

/** The syllables `latin` is the usual spelling of, else every one it can spell. */
export function usualReadingsOf(latin: string): readonly string[] {
  return t().usual.get(latin) ?? readingsOf(latin);
}

// Fewer syllables first; then a consonant between vowels opens the next syllable (`Dari` is
// da-ri, `Moohoo` moo-hoo: romanized names are written so), except after ng (`Jongun` is
// jong-un as often as jon-gun); then the commoner name syllables.
const PER_SYLLABLE = 100;
const VOWEL_ONSET = 60;
const MAX_RANK_COST = 50;
const VOWELS = new Set([...'aeiou']);

// A split into spellings that are usual (RR, customary) beats one into rarer habits: `Hakyoung`
// is hak-young, not ha-kyoung.
const UNUSUAL = 25;

function syllableCost(latin: string): number {
  const { readings, usual, rank } = t();
  const best = readings.get(latin)![0]!;
  const rarity = Math.min(MAX_RANK_COST, (rank.get(best) ?? OTHER) / 5);
  return PER_SYLLABLE + rarity + (usual.has(latin) ? 0 : UNUSUAL);
}

/** What taking `syl` at position `i` of `word` costs a split (both segmentations below). */
function stepCost(word: string, i: number, syl: string): number {
  const onset =
    i > 0 && !VOWELS.has(word[i - 1]!) && VOWELS.has(syl[0]!) && !word.endsWith('ng', i);
  return syllableCost(syl) + (onset ? VOWEL_ONSET : 0);
}

/**
 * Splits a joined Latin given name (`minjun`, `seokyeol`, `jongun`) into syllables that spell
 * Hangul: fewest syllables, then the commonest. Null when it is not made of syllables.
 */
export function splitSyllables(word: string, maxSyllables = 3): string[] | null {
  const { readings, maxLength } = t();
  const n = word.length;
  if (n === 0) return null;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const back = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue;
    for (let len = 1; len <= maxLength && i + len <= n; len++) {
      const syl = word.slice(i, i + len);
      if (!readings.has(syl)) continue;
      const c = cost[i]! + stepCost(word, i, syl);
      if (c < cost[i + len]!) {
        cost[i + len] = c;
        back[i + len] = i;
      }
    }
  }
  if (cost[n] === Infinity) return null;
  const parts: string[] = [];
  for (let j = n; j > 0; j = back[j]!) parts.push(word.slice(back[j]!, j));
  parts.reverse();
  return parts.length <= maxSyllables ? parts : null;
}

// A second split is kept when it costs little more than the best: `Woona` is woo-na as often as
// woon-a, and an index that holds both finds the name either way.
const ALTERNATIVE_MARGIN = 90;

/** The best split of a joined given name and, when close behind, the runner-up. */
export function splitAlternatives(word: string, maxSyllables = 3): string[][] {
  const { readings, maxLength } = t();
  const found: { parts: string[]; cost: number }[] = [];
  const walk = (i: number, parts: string[], cost: number) => {
    if (parts.length > maxSyllables) return;
    if (i === word.length) {
      if (parts.length > 0) found.push({ parts: [...parts], cost });
      return;
    }
    for (let len = 1; len <= maxLength && i + len <= word.length; len++) {
      const syl = word.slice(i, i + len);
      if (!readings.has(syl)) continue;
      parts.push(syl);
      walk(i + len, parts, cost + stepCost(word, i, syl));
      parts.pop();
    }
  };
  if (word.length > 0 && word.length <= 18) walk(0, [], 0);
  found.sort((a, b) => a.cost - b.cost);
  const best = found[0];
  if (best === undefined) return [];
  const second = found.find((f) => f.parts.join('-') !== best.parts.join('-'));
  return second !== undefined && second.cost - best.cost <= ALTERNATIVE_MARGIN
    ? [best.parts, second.parts]
    : [best.parts];
}

/** Hangul surname (one or two syllables) -> the surnames written the same in Latin (이/리). */
const SURNAME_GROUP = new Map<string, readonly string[]>();
/** Lower-case Latin surname spelling -> Hangul surnames. */
const LATIN_SURNAME = new Map<string, Set<string>>();
/**
 * The same for the spellings the table writes without marks: what a plain spelling usually
 * stands for. `Song` is 송; it is 성 only as McCune-Reischauer's `Sŏng` with the breve dropped,
 * a habit wide readings allow but usual ones must not, or 송 and 성 twins would meet as usual.
 */
const PLAIN_LATIN_SURNAME = new Map<string, Set<string>>();
for (const s of SURNAMES) {
  for (const h of s.hangul) SURNAME_GROUP.set(h, s.hangul);
  for (const l of s.latin) {
    const key = asciiLower(l);
    const maps = key === l.toLowerCase() ? [LATIN_SURNAME, PLAIN_LATIN_SURNAME] : [LATIN_SURNAME];
    for (const map of maps) {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      for (const h of s.hangul) set.add(h);
    }
  }
}

/** Hangul surnames a Latin surname spelling can be, or [] when it is none. */
export function surnameReadings(latin: string): string[] {
  const l = asciiLower(latin);
  const out = new Set(LATIN_SURNAME.get(l) ?? []);
  // The generated spellings widen the table to other habits of its surnames (Goh for 고).
  for (const h of readingsOf(l)) if (SURNAME_GROUP.has(h)) out.add(h);
  if (out.size === 0) return [];
  for (const h of [...out]) for (const g of SURNAME_GROUP.get(h) ?? []) out.add(g);
  return [...out];
}

const HANGUL_RUN = /^[가-힣]+$/;
const COMPOUND_SURNAMES = new Set(SURNAMES.flatMap((s) => s.hangul.filter((h) => h.length === 2)));

/** `^ 김 정 은 $` for a Hangul name, or null when it does not start with a surname. */
/**
 * Two pivots per name. The wide one (`^ … $`) holds every Hangul syllable a spelling can be: it
 * decides whether a name matches. The usual one (`^! … !$`) holds only what each syllable is
 * usually the spelling of: when query and article meet there too, the match ranks first, so a
 * near twin whose spelling only meets through a rarer habit (`Jin-yong` for 진영, North Korean
 * style) comes after the person asked for.
 */
export interface NamePivots {
  wide: string;
  usual: string;
  /**
   * For a spelling McCune-Reischauer (or North Korea's habit, voiced or not) could have written
   * whole, surname and every syllable (`Choe Taek-kun`): what it reads as that (`^m 최 택,댁
   * 근,군,쿤,큰 m$`).
   * Meeting it ranks a little above a wide-only match: `Choi Taek-kun` is 최택건 as customary,
   * 최택근 only as MR, which never writes Choi.
   */
  north?: string;
  /** Pivots of a close second reading of a joined given name (`Woona`: 우나, 운아). */
  others?: { wide: string; usual?: string }[];
}

type PivotKind = 'wide' | 'usual' | 'north';

const MARKS: Record<PivotKind, readonly [string, string]> = {
  wide: ['^', '$'],
  usual: ['^!', '!$'],
  north: ['^m', 'm$'],
};

function pivotString(kind: PivotKind, positions: readonly (readonly string[])[]): string {
  const [open, close] = MARKS[kind];
  return [open, ...positions.map((p) => p.join(',')), close].join(' ');
}

function hangulPivots(name: string): NamePivots | null {
  const w = name.replace(/\s+/g, '');
  if (!HANGUL_RUN.test(w) || w.length < 2 || w.length > 5) return null;
  const surname = w.length >= 3 && COMPOUND_SURNAMES.has(w.slice(0, 2)) ? w.slice(0, 2) : w[0]!;
  const group = SURNAME_GROUP.get(surname);
  const given = w.slice(surname.length);
  if (!group || given.length < 1 || given.length > 3) return null;
  const positions = [group, ...[...given].map((h) => [h])];
  // The wide reading lets the given name's first syllable go by the initial-sound rule either
  // way: the South writes the North's 최룡해 as 최용해 too, and 리설주 as 이설주 (the surname's
  // group already holds both). Only name syllables, so the sets stay small.
  const first = [given[0]!, ...initialSoundForms(given[0]!).filter((h) => t().rank.has(h))];
  const wide = [group, first, ...positions.slice(2)];
  return { wide: pivotString('wide', wide), usual: pivotString('usual', positions) };
}

const NIEUN = 2;
// ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ: before these ㄹ and ㄴ fall silent at a word's start (려 -> 여, 녀 -> 여);
// before the others ㄹ is read ㄴ (로 -> 노).
const Y_MEDIALS = new Set([2, 3, 6, 7, 12, 17, 20]);

/** The syllables the initial-sound rule makes of `h` or makes `h` of (룡 <-> 용, 로 <-> 노). */
function initialSoundForms(h: string): string[] {
  const j = jamoOf(h);
  if (j === null) return [];
  const withInitial = (initial: number) => syllableOf(initial, j.medial, j.final);
  const y = Y_MEDIALS.has(j.medial);
  if (j.initial === RIEUL) return [withInitial(y ? IEUNG : NIEUN)];
  if (j.initial === NIEUN) return [withInitial(y ? IEUNG : RIEUL)];
  if (j.initial === IEUNG && y) return [withInitial(RIEUL), withInitial(NIEUN)];
  return [];
}

/**
 * Given-name chunks (split on hyphens and blanks) -> Latin syllables, the best reading first and
 * a close second of one joined chunk after it; [] when not a given name.
 */
function givenReadings(chunks: readonly string[]): string[][] {
  let readings: string[][] = [[]];
  for (const chunk of chunks) {
    let splits = chunk.length >= 3 ? splitAlternatives(chunk) : [];
    if (splits.length === 0) {
      const one = splitSyllables(chunk);
      if (one === null) return [];
      splits.push(one);
    }
    // `June` (준, as in Nam June Paik): an n with the silent e of English spelling is one
    // syllable, a likelier second reading than jun-e.
    const silent = /^[a-z]*[aeiouy]ne$/.test(chunk) ? chunk.slice(0, -1) : '';
    if (silent !== '' && t().readings.has(silent)) splits = [splits[0]!, [silent]];
    readings = readings.flatMap((r) => splits.map((sp) => [...r, ...sp])).slice(0, 2);
  }
  return readings.filter((r) => r.length >= 1 && r.length <= 3);
}

function latinPivots(surname: string, given: readonly string[], marked = false): NamePivots | null {
  const sets = surnameReadings(surname);
  if (sets.length === 0) return null;
  const [first, ...rest] = givenReadings(given);
  if (first === undefined) return null;
  const pivots = readingPivots(sets, surname, first, marked);
  // A second split ranks as usual only when each of its syllables is a usual spelling: a split
  // into rarer habits (`Shilyoung` as shi-lyoung) would otherwise meet a twin's (shi-lyong).
  if (rest.length > 0) {
    pivots.others = rest.map((r) => {
      const p = readingPivots(sets, surname, r, marked);
      return r.every((syl) => t().usual.has(syl)) ? p : { wide: p.wide };
    });
  }
  return pivots;
}

function readingPivots(
  sets: readonly string[],
  surname: string,
  syllables: readonly string[],
  marked: boolean,
): NamePivots {
  const tableSurname = [
    ...((marked ? undefined : PLAIN_LATIN_SURNAME.get(surname)) ??
      LATIN_SURNAME.get(surname) ??
      []),
  ];
  const usualSurname = tableSurname.length > 0 ? expandGroups(tableSurname) : sets;
  const wide = syllables.map((syl, i) =>
    marked ? withSoundChanges(syl, syllables[i - 1], syllables[i + 1]) : readingsOf(syl),
  );
  const north = marked ? null : northPositions(sets, surname, syllables);
  const strict = marked || !STRICT_RR_SURNAMES.has(surname) ? null : strictReadings(syllables);
  // News seldom writes ㄷ or ㅂ unvoiced, McCune-Reischauer always does: in a spelling MR could
  // have written whole, an unvoiced t or p is usually ㄷ or ㅂ too (`Ha Tong-yong`, 하동용).
  const given =
    strict ?? syllables.map((syl) => (north ? mrUsualReadings(syl) : usualReadingsOf(syl)));
  return {
    wide: pivotString('wide', [sets, ...wide]),
    usual: pivotString('usual', [usualSurname, ...given]),
    ...(north !== null ? { north: pivotString('north', north) } : {}),
  };
}

/** usualReadingsOf, with ㄷ and ㅂ for an unvoiced t or p (see readingPivots). */
function mrUsualReadings(syl: string): readonly string[] {
  return mrWidened(syl, t().usual, t().readings);
}

/** mrUsualReadings over the given tables: `usual`'s own set where nothing widens it. */
function mrWidened(
  syl: string,
  usual: ReadonlyMap<string, readonly string[]>,
  readings: ReadonlyMap<string, readonly string[]>,
): readonly string[] {
  const own = usual.get(syl) ?? readings.get(syl) ?? EMPTY;
  const voiced = /^t(?!h)/.test(syl)
    ? `d${syl.slice(1)}`
    : /^p(?!h)/.test(syl)
      ? `b${syl.slice(1)}`
      : '';
  const added = voiced === '' ? undefined : usual.get(voiced);
  if (added === undefined) return own;
  const wide = readings.get(syl) ?? EMPTY;
  const out = new Set(own);
  for (const h of added) if (wide.includes(h)) out.add(h);
  return out.size === own.length ? own : [...out];
}

const EMPTY: readonly string[] = [];

/**
 * Surname spellings only strict Revised Romanization writes (`Gim`, `Bak`, `Gwon`, `I`, `O`):
 * its voiced initial where news writes K or P, or a bare vowel where news adds letters (`Lee`,
 * `Oh`). Whoever writes the surname so romanizes the given name by the same rules, so each
 * given syllable is the one Revised Romanization spells so (`Gim Jae-sun` is 김재순, where the
 * customary `Sun` may be 선 as well).
 */
const STRICT_RR_SURNAMES = new Set(
  SURNAMES.flatMap((s) => {
    const rr = [...s.hangul[0]!].map((h) => romanizeSyllable(h) ?? '').join('');
    const shown = s.latin[0]!;
    const voiced = (rr[0] === 'g' && shown[0] === 'K') || (rr[0] === 'b' && shown[0] === 'P');
    const vowel = /^[aeiou]$/.test(rr) && shown.length > 1;
    return rr !== shown.toLowerCase() && (voiced || vowel) ? [rr] : [];
  }),
);

/** Each syllable as the one name syllable Revised Romanization spells so, or null. */
function strictReadings(syllables: readonly string[]): string[][] | null {
  const out: string[][] = [];
  for (const syl of syllables) {
    const h = readingsOf(syl).find((r) => romanizeSyllable(r) === syl);
    if (h === undefined || givenSyllableRank(h) === undefined) return null;
    out.push([h]);
  }
  return out;
}

/**
 * The Hangul a spelling stands for as McCune-Reischauer without its marks (or North Korea's
 * habit) writes names, when it can have written every part (see NamePivots.north); else null.
 * Only such a spelling says that much: `Choi Eun-suk` is written no MR way, so its `suk` is
 * 석 or 숙 as customary, never MR's 숙 and 슥 alone.
 */
function northPositions(
  sets: readonly string[],
  surname: string,
  syllables: readonly string[],
): string[][] | null {
  // MR writes 이 `Yi` by a convention of its own; every other surname as its rules spell it.
  const surnames = sets.filter((h) => northSpells(h, surname) || (surname === 'yi' && h === '이'));
  if (surnames.length === 0) return null;
  const out = [surnames];
  for (const syl of syllables) {
    const members = readingsOf(syl).filter((h) => northSpells(h, syl));
    if (members.length === 0) return null;
    out.push(members);
  }
  return out;
}

/**
 * McCune-Reischauer writes a name as it sounds, across syllables: a stop before a nasal is
 * nasalised (석민 Sŏng-min, 업무 Ŏm-mu) and ㄹ after a consonant is n (안응렬 An Ŭng-nyŏl). A
 * marked name's syllable also stands for what it was before the change.
 */
function withSoundChanges(syl: string, before?: string, after?: string): string[] {
  const out = new Set(readingsOf(syl));
  if (after !== undefined && /^[mn]/.test(after)) {
    if (syl.endsWith('ng')) readingsOf(`${syl.slice(0, -2)}g`).forEach((h) => out.add(h));
    if (syl.endsWith('m')) readingsOf(`${syl.slice(0, -1)}b`).forEach((h) => out.add(h));
    if (syl.endsWith('n')) readingsOf(`${syl.slice(0, -1)}d`).forEach((h) => out.add(h));
  }
  if (before !== undefined && /[nglm]$/.test(before) && syl.startsWith('n')) {
    readingsOf(`r${syl.slice(1)}`).forEach((h) => out.add(h));
  }
  return [...out];
}

function expandGroups(hangul: readonly string[]): string[] {
  const out = new Set<string>();
  for (const h of hangul) for (const g of SURNAME_GROUP.get(h) ?? [h]) out.add(g);
  return [...out];
}

/**
 * McCune-Reischauer written with its marks says more than plain letters: ŏ and ŭ are ㅓ and ㅡ,
 * an apostrophe marks an aspirate, so an unmarked ch, k, t, p is plain (ㅈ ㄱ ㄷ ㅂ). Such a name
 * is rewritten into letters that carry the same precision (eo, eu, chh/kh/th/ph, j/g/d/b).
 */
const MR_MARKS = /[\u0306\u02bc]|[\p{L}][\u2019'](?=[\p{L}])(?![sS]\b)/u;

/** Letters of an MR name with its marks read (see MR_MARKS). */
function mrLetters(name: string): string {
  const nfd = name.normalize('NFD');
  // Where breves are written, an unmarked u is ㅜ: written oo, which spells nothing else. Typeset
  // copy often keeps the apostrophes and drops the breves (`Ch'oe Son-hui`, 최선희): there a u
  // may be ㅡ (and `hui` 희) as in any spelling without marks.
  const unmarked = nfd
    .replace(/o\u0306/gi, '\ue000')
    .replace(/u\u0306/gi, '\ue001')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return (nfd.includes('\u0306') ? unmarked.replace(/u/g, 'oo') : unmarked)
    .replace(/\ue000/g, 'eo')
    .replace(/\ue001/g, 'eu')
    .replace(/tch/g, 'jj')
    .replace(/ch['\u2019\u02bc]/g, 'CHH')
    .replace(/([ktp])['\u2019\u02bc]/g, (_, c: string) => `${c.toUpperCase()}H`)
    .replace(/ch/g, 'j')
    .replace(/k(?!h)/g, 'g')
    .replace(/t(?!h)/g, 'd')
    .replace(/p(?!h)/g, 'b')
    .toLowerCase();
}

/**
 * The pivots of a name as written: Hangul (`김정은`), surname first in any layout (`Kim Jong-un`,
 * `KIM JONG UN`, `Kim Jongun`, `Seo Hoon`, `Kim Chŏng-ŭn`), or given name first when the surname
 * comes last (`Ji-sung Park`). Null when the name is not shaped like a Korean one.
 */
export function pivotsOf(name: string): NamePivots | null {
  return remembered(CACHE, name, computePivots);
}

/** The wide pivot alone (see NamePivots). */
export function pivotOf(name: string): string | null {
  return pivotsOf(name)?.wide ?? null;
}

const CACHE = new Map<string, NamePivots | null>();

function computePivots(name: string): NamePivots | null {
  if (/[가-힣]/.test(name)) return hangulPivots(name);
  const unpossessed = name.replace(/['\u2019]s$/, '');
  const marked = MR_MARKS.test(unpossessed.normalize('NFD'));
  const surnameWord = asciiLower(unpossessed.trim().split(/[\s-]+/)[0] ?? '');
  const letters = marked ? mrLetters(unpossessed) : asciiLower(unpossessed);
  const words = letters.split(/[^a-z]+/).filter((w) => w !== '');
  if (words.length < 2) return null;
  // The surname is read from its plain letters: the table spells surnames as news does.
  const surnameFirst = latinPivots(marked ? surnameWord : words[0]!, words.slice(1), marked);
  if (surnameFirst !== null) return surnameFirst;
  // Given name first (`Ji-sung Park`, `Jisung Park`): one given word, then the surname.
  const tokens = unpossessed.trim().split(/\s+/);
  if (tokens.length !== 2) return null;
  const last = marked ? asciiLower(tokens[1]!) : words[words.length - 1]!;
  return latinPivots(last, words.slice(0, -1), marked);
}

/**
 * The values of `people_readings` that stand for a pivot: one per way of choosing a member at
 * every position (`^ 김 정,종 은 $` -> `김 정 은`, `김 종 은`), each prefixed `! ` for a usual
 * pivot. Two pivots meet exactly when their readings share a value, so the engine can answer
 * with a term lookup where the phrase on `people_pivot` checked positions in every article
 * holding the syllables (a common surname's articles, most of a name search at a million).
 * Sets are small (at most a few thousand choices for four positions), so nothing is cut.
 */
export function pivotReadings(pivot: string): readonly string[] {
  return remembered(READINGS_CACHE, pivot, computeReadings);
}

/**
 * The readings of several pivots, once each: what a document stores for its people and what a
 * `terms` query on `people_readings` asks for. Loops, where flatMap and a spread cost twice as
 * much per article.
 */
export function pivotsReadings(pivots: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pivot of pivots) for (const r of pivotReadings(pivot)) out.add(r);
  return [...out];
}

// Indexing asks for the same people's readings article after article.
const READINGS_CACHE = new Map<string, readonly string[]>();

function computeReadings(pivot: string): string[] {
  const readings = expandReadings(pivot);
  // A usual pivot whose given syllables each name one Hangul syllable, alone or far more often
  // than any other (`Cha Dae-seok`, 차대석; `Kim So-jun`, 김소준 before 김소전; not
  // `Cha Dae-suk`, 숙 or 석 alike) also gives sure readings (`= 차 대 석`): where query and
  // article both spell the name so, it ranks above a twin's spelling that only might be it.
  // Where a given syllable is only most likely one (`Suk`, 숙 before 석), the readings so
  // chosen are likely ones (`+ 최 은 숙`), stored for sure spellings too: a query spelled so
  // ranks the articles that most likely name its person above those that only might.
  const parts = pivot.split(' ');
  if (parts[0] !== '^!') return readings;
  const out = [...readings];
  for (const [verdicts, mark] of [
    [t().likely, '+'],
    [t().primary, '='],
  ] as const) {
    for (const r of chosenReadings(parts, verdicts) ?? []) out.push(`${mark}${r.slice(1)}`);
  }
  return out;
}

/** The readings with each given syllable as `verdicts` choose it, or null where one is undecided. */
function chosenReadings(
  parts: readonly string[],
  verdicts: Map<string, string | null>,
): string[] | null {
  const given: string[] = [];
  for (const position of parts.slice(2, -1)) {
    const chosen = position.includes(',') ? verdicts.get(position) : position;
    if (chosen === undefined || chosen === null) return null;
    given.push(chosen);
  }
  return expandReadings(['^!', parts[1]!, ...given, '!$'].join(' '));
}

/** Whether a reading is a sure one (computeReadings). */
export function isSureReading(reading: string): boolean {
  return reading.startsWith('=');
}

/**
 * Whether a reading is a likely one (computeReadings). A sure spelling stores its likely reading
 * too (the same syllables), so a query with a likely reading ranks it.
 */
export function isLikelyReading(reading: string): boolean {
  // Not `~`: that opens a known person's token (`~kim~chong~on`).
  return reading.startsWith('+');
}

/** Whether a reading only ranks (sure or likely), never deciding a match. */
export function isRankingReading(reading: string): boolean {
  return isSureReading(reading) || isLikelyReading(reading);
}

function expandReadings(pivot: string): string[] {
  const parts = pivot.split(' ');
  // `^` -> '', `^!` -> '!', `^m` -> 'm': the prefix of every reading of that kind.
  let out = [parts[0]!.slice(1)];
  for (const position of parts.slice(1, -1)) {
    const members = position.split(',');
    const next: string[] = [];
    for (const prefix of out) {
      for (const m of members) next.push(prefix === '' ? m : `${prefix} ${m}`);
    }
    out = next;
  }
  return out;
}

/** Whether two pivots name the same person: every position's sets meet (the engine's rule). */
export function pivotsMeet(a: string, b: string): boolean {
  const pa = a.split(' ');
  const pb = b.split(' ');
  if (pa.length !== pb.length) return false;
  return pa.every((x, i) => {
    const other = new Set(pb[i]!.split(','));
    return x.split(',').some((h) => other.has(h));
  });
}

/**
 * The pivots that stand for a person with canonical key `key` written `spellings`: a known
 * person's Hangul (which also covers spellings no rule reads, `Syngman Rhee`), each spelling's
 * own wide and usual pivots, and for a name no rule reads (foreign, or not shaped like a Korean
 * one) its key.
 */
export function personPivots(key: string, spellings: readonly string[]): string[] {
  // Most mentions bring one spelling: looked up by the key and the spelling as they are, with
  // no joined string to build and hash.
  if (spellings.length === 1) {
    const bySpelling = remembered(ONE_SPELLING, key, () => new Map<string, string[]>());
    return remembered(bySpelling, spellings[0]!, () => computePersonPivots(key, spellings));
  }
  return remembered(PERSON_CACHE, `${key}\u0001${spellings.join('\u0001')}`, () =>
    computePersonPivots(key, spellings),
  );
}

// Cleared with the registry: a person's pivots depend on whether the key is known.
const PERSON_CACHE = new Map<string, string[]>();
const ONE_SPELLING = new Map<string, Map<string, string[]>>();

/** Forgets every person's pivots (the known people changed). */
export function clearPersonPivots(): void {
  PERSON_CACHE.clear();
  ONE_SPELLING.clear();
}

function computePersonPivots(key: string, spellings: readonly string[]): string[] {
  const out = new Set<string>();
  const known = knownPerson(key);
  const token = `~${key.replace(/ /g, '~')}`;
  if (known?.foreign) return [`^ ${key} $`, `^! ${key} !$`];
  // A known or registered person's own token: spellings merged by hand that no rule relates
  // (`Syngman Rhee`, `Rhee Syng-man`) meet through it, and rank as usual.
  // Only a spelling the table or registry lists is that person for sure: another that merely
  // folds to the same key (`Kim Seung` and Sung Kim's `Kim Sung`) keeps its own pivots.
  const listed = known !== undefined && spellings.some((s) => isListedSpelling(key, s));
  if (listed) out.add(`^ ${token} $`).add(`^! ${token} !$`);
  for (const s of [...(listed ? (known?.hangul ?? []) : []), ...spellings]) {
    const p = pivotsOf(s);
    if (p === null) continue;
    out.add(p.wide).add(p.usual);
    if (p.north !== undefined) out.add(p.north);
    for (const o of p.others ?? []) {
      out.add(o.wide);
      if (o.usual !== undefined) out.add(o.usual);
    }
  }
  if (out.size > 0) return [...out];
  // No rule reads the spelling (`Rhee Syng-man`), yet it folds to a known person's key: the key
  // is all there is to go on, so the person's own Hangul stands for it, as for a listed one, and
  // `Rhee Sung-man` or 이승만 find it.
  if (!listed && known?.hangul !== undefined && known.hangul.length > 0) {
    return computePersonPivots(key, known.hangul);
  }
  return [`^ ${token} $`];
}

/** Whether a pivot is a usual one (`^! … !$`), which only ranks. */
export function isUsualPivot(pivot: string): boolean {
  return pivot.startsWith('^!');
}

/** Whether a pivot is a McCune-Reischauer reading (`^m … m$`, NamePivots.north), which only ranks. */
export function isNorthPivot(pivot: string): boolean {
  return pivot.startsWith('^m');
}

/** Whether a pivot is a wide one (`^ … $`), which decides whether a name matches. */
export function isWidePivot(pivot: string): boolean {
  return pivot.startsWith('^ ');
}

/** `pivot`'s positions marked as a usual pivot (`^m 최 택 근 m$` -> `^! 최 택 근 !$`). */
export function asUsualPivot(pivot: string): string {
  return remarked(pivot, '^!', '!$');
}

/** `pivot`'s positions marked as a wide pivot (`^! 정 우 용 !$` -> `^ 정 우 용 $`). */
export function asWidePivot(pivot: string): string {
  return remarked(pivot, '^', '$');
}

function remarked(pivot: string, open: string, close: string): string {
  const parts = pivot.split(' ');
  return [open, ...parts.slice(1, -1), close].join(' ');
}

/**
 * The `people_readings` values by which a name meets a query's as McCune-Reischauer writes
 * names (NamePivots.north): `article`, the article's MR reading meeting the query's usual one
 * (the query's usual readings as MR ones); `query`, the query's MR reading meeting the article's
 * usual or MR one. The first is the surer: an article that MR could have written and news
 * would not (`Ha Tong-yong`) is most likely MR, where a query spelled as news spells names
 * (`Ha Dong-yong`) may only happen to be MR-shaped too.
 */
export function northMeetings(
  usual: readonly string[],
  north: readonly string[],
): { article: string[]; query: string[] } {
  const article = new Set<string>();
  for (const r of usual) if (r.startsWith('!')) article.add(`m${r.slice(1)}`);
  const query = new Set<string>();
  for (const r of north) if (!article.has(r)) query.add(r).add(`!${r.slice(1)}`);
  return { article: [...article], query: [...query] };
}

/** A Hangul syllable's place among the given-name syllables ranked by use, or undefined. */
export function givenSyllableRank(hangul: string): number | undefined {
  const r = t().rank.get(hangul);
  return r !== undefined && r < UNRANKED_NAME ? r : undefined;
}

/** Whether a Latin syllable (lower-case ASCII) can spell a syllable common in given names. */
export function isNameSyllable(latin: string): boolean {
  const { readings, rank } = t();
  const r = readings.get(latin);
  return r !== undefined && (rank.get(r[0]!) ?? OTHER) <= UNRANKED_NAME;
}

/** A written word (`Minjun`, `Woo`) as given-name syllables, all common in names, or null. */
export function nameSyllables(word: string, maxSyllables = 3): string[] | null {
  const lower = asciiLower(word);
  const parts = splitSyllables(lower, maxSyllables);
  if (parts === null) return null;
  if (parts.every(isNameSyllable)) return parts;
  // A consonant between vowels opens the next syllable in the best split (`Deoku` as deo-ku),
  // but names close on it as often (deok-u, 덕우): the close second split counts too.
  if (parts.length < 2) return null;
  const second = splitAlternatives(lower, maxSyllables)[1];
  return second !== undefined && second.every(isNameSyllable) ? second : null;
}

// McCune-Reischauer with marks, for surnames: plain initials as MR writes a word's first sound.
const MR_INITIALS = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch'];
const MR_ASPIRATES = ["ch'", "k'", "t'", "p'", 'h'];
/** MR's initials in code-point order (ㄱ … ㅎ). */
const MR_ALL_INITIALS = [...MR_INITIALS, ...MR_ASPIRATES];
const MR_MEDIALS = [
  'a',
  'ae',
  'ya',
  'yae',
  'ŏ',
  'e',
  'yŏ',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wŏ',
  'we',
  'wi',
  'yu',
  'ŭ',
  'ŭi',
  'i',
];
const MR_FINALS = ['', 'k', 'n', 't', 'l', 'm', 'p', 'ng'];

/**
 * Whether North Korea's habit writes the Hangul syllable `h` as `latin` (lower-case ASCII):
 * McCune-Reischauer without its marks, a plain stop voiced or not (`Jong`, `Chong`; `Kil`,
 * `Gil`). The North never spells ㅓ `u` or `eo`, so `chung` is 중 or 충 there, never 정.
 */
export function northSpells(h: string, latin: string): boolean {
  const j = jamoOf(h);
  if (j === null) return false;
  const mr = MR_ALL_INITIALS[j.initial]!.replace("'", '');
  const voiced = NORTH_VOICED[mr];
  const vowel = MR_MEDIALS[j.medial]!.replace('ŏ', 'o').replace('ŭ', 'u');
  const tail = vowel + MR_FINALS[FINAL_SOUND[j.final]!]!;
  return latin === mr + tail || (voiced !== undefined && latin === voiced + tail);
}

const NORTH_VOICED: Record<string, string> = { k: 'g', t: 'd', p: 'b', ch: 'j' };

/** The marked MR spellings of a table surname (`Chŏng`, `Ch'oe`), capitalised. */
export function mrSurnameSpellings(s: { hangul: readonly string[] }): string[] {
  const out: string[] = [];
  for (const h of s.hangul) {
    const j = jamoOf(h);
    if (j === null) continue;
    const init = MR_ALL_INITIALS[j.initial]!;
    const spelled = init + MR_MEDIALS[j.medial]! + MR_FINALS[FINAL_SOUND[j.final]!]!;
    if (/[ŏŭ']/.test(spelled)) out.push(spelled.charAt(0).toUpperCase() + spelled.slice(1));
  }
  return out;
}
