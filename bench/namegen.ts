import { mulberry32 } from '../src/articles/generate.js';
// Generated Korean people for the name-matching evaluation (eval-generated-names.ts): people who
// are in no table of Ireum's, each spelled in seven conventions by romanization rules written here.
//
// Nothing here may come from src/names. The point of the evaluation is to hold the matcher
// against an independent reading of RR, McCune-Reischauer and the customary spellings; a
// generator that borrowed the project's tables would share its blind spots and pass its bugs.
//
// Pure and deterministic: the same (n, seed) gives the same people, spellings and articles.

export type Convention = 'rr' | 'mr' | 'customary' | 'passport' | 'spaced' | 'abroad' | 'hangul';

export const CONVENTIONS: readonly Convention[] = [
  'rr',
  'mr',
  'customary',
  'passport',
  'spaced',
  'abroad',
  'hangul',
];

/** One spelling split into its parts, so a miss can be traced to the syllable that caused it. */
export interface Parts {
  surname: string;
  given: string[];
}

export interface Person {
  /** `p0007`, its twin `p0007t`, a distractor `d0003`. */
  id: string;
  surname: string;
  /** Given-name syllables in Hangul, one or two. */
  given: string[];
  hangul: string;
  spellings: Record<Convention, string>;
  parts: Record<Convention, Parts>;
  /** The near-namesake generated with this person (set on both of the pair). */
  twinId?: string;
}

export interface Cohort {
  /** The n people, followed by the twins of about a third of them. */
  people: Person[];
  /** People who only appear as second names in articles; nobody searches for them. */
  distractors: Person[];
}

// --- PRNG ------------------------------------------------------------------------------------

// The project's mulberry32 (src/articles/generate.ts): no name knowledge, so the generator stays
// independent of src/names.
export { mulberry32 };

/** FNV-1a, to derive an article's own seed from its person and convention. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function pickWeighted<T>(rng: () => number, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

// --- Hangul ----------------------------------------------------------------------------------

// Jamo indices in Unicode's composition order (initial * 588 + medial * 28 + final).
const G = 0;
const N = 2;
const D = 3;
const R = 5;
const M = 6;
const B = 7;
const S = 9;
const NG = 11;
const J = 12;
const H = 18;

const V_A = 0;
const V_EO = 4;
const V_YEO = 6;
const V_U = 13;
const V_WI = 16;
const V_YU = 17;
const V_EU = 18;
const V_UI = 19;
const V_I = 20;

const F_NONE = 0;
const F_K = 1;
const F_N = 4;
const F_T = 7;
const F_L = 8;
const F_M = 16;
const F_P = 17;
const F_S = 19;
const F_NG = 21;

interface Jamo {
  initial: number;
  medial: number;
  final: number;
}

/** A precomposed syllable split arithmetically into its three jamo. */
export function decompose(syllable: string): Jamo {
  const code = syllable.codePointAt(0)! - 0xac00;
  if ([...syllable].length !== 1 || code < 0 || code > 11171) {
    throw new Error(`not one Hangul syllable: "${syllable}"`);
  }
  return {
    initial: Math.floor(code / 588),
    medial: Math.floor((code % 588) / 28),
    final: code % 28,
  };
}

// Finals as heard at the end of a syllable; every convention here writes them alike (k, not g:
// a final stop is unreleased, and customary and passport spellings follow RR on this).
// prettier-ignore
const FINALS = [
  '', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l',
  'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't',
];

// Closed by a sonorant: where customary spellings turn eo into u (Jung, Sun, Bum, Chul).
const SONORANT_FINALS = new Set([F_N, F_NG, F_M, F_L]);

// --- Revised Romanization (2000) ---------------------------------------------------------------

// RR as the Ministry's table gives it; in personal names each syllable is romanized on its own
// (rule 3.4: sound changes between given-name syllables are not transcribed).
// prettier-ignore
const RR_INITIALS = [
  'g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h',
];
// prettier-ignore
const RR_MEDIALS = [
  'a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we',
  'wi', 'yu', 'eu', 'ui', 'i',
];

function rrSyllable(syllable: string, previousFinal: number | null): string {
  const j = decompose(syllable);
  // ㄹㄹ is always ll in RR, the one spelling rule that crosses a syllable boundary.
  const initial = j.initial === R && previousFinal === F_L ? 'l' : RR_INITIALS[j.initial]!;
  return initial + RR_MEDIALS[j.medial]! + FINALS[j.final]!;
}

// --- McCune-Reischauer (ALA-LC practice) ----------------------------------------------------

// Plain stops are written voiceless where they start a word (k, t, p, ch) and voiced between
// voiced sounds (g, d, b, j); aspirates carry an apostrophe, ŏ and ŭ a breve.
// prettier-ignore
const MR_INITIALS = [
  'k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', "ch'", "k'", "t'",
  "p'", 'h',
];
const MR_VOICED: Partial<Record<number, string>> = { [G]: 'g', [D]: 'd', [B]: 'b', [J]: 'j' };
// prettier-ignore
const MR_MEDIALS = [
  'a', 'ae', 'ya', 'yae', 'ŏ', 'e', 'yŏ', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wŏ', 'we',
  'wi', 'yu', 'ŭ', 'ŭi', 'i',
];

/**
 * The given name as MR writes it. ALA-LC shows sound changes on both sides of the given name's
 * hyphen, so the second syllable depends on the first one's final and the first syllable's
 * final on what follows (its examples: An Ŭng-nyŏl, Pak Mog-wŏl, Kim Ch'ŏr-wŏn, Yi Sŏng-min
 * for 이석민, An Chung-gŭn, Yi Yul-gok).
 */
function mrGiven(given: readonly string[]): string[] {
  const jamo = given.map(decompose);
  return jamo.map((j, k) => {
    const before = k === 0 ? null : jamo[k - 1]!.final;
    const next = jamo[k + 1];
    let initial = MR_INITIALS[j.initial]!;
    if (before !== null) {
      const voiced = MR_VOICED[j.initial];
      // After a vowel or a nasal a plain stop is voiced; after ㄹ only ㄱ and ㅂ are, because
      // Sino-Korean ㄹ tenses a following ㄷ, ㅅ, ㅈ (Kim Il-sŏng, not Il-jŏng for 일정).
      const voicing =
        before === F_NONE ||
        before === F_N ||
        before === F_M ||
        before === F_NG ||
        (before === F_L && (j.initial === G || j.initial === B));
      if (voiced !== undefined && voicing) initial = voiced;
      // Generation puts ㄹ only after an open syllable (하린); the other cases are for safety:
      // ㄹ after ㄹ is l, after ㄱ ㅁ ㅇ it is nasalised to n.
      if (j.initial === R) initial = before === F_NONE ? 'r' : before === F_L ? 'l' : 'n';
    }
    // 쉬 is shwi in MR; 시 stays si (ALA-LC).
    if (j.initial === S && j.medial === V_WI) initial = 'sh';
    let final = FINALS[j.final]!;
    if (next !== undefined) {
      // A final before a vowel is released into it (Mog-wŏl); before a nasal it is nasalised.
      if (next.initial === NG) {
        if (j.final === F_K) final = 'g';
        else if (j.final === F_P) final = 'b';
        else if (j.final === F_T || j.final === F_S) final = 's';
        else if (j.final === F_L) final = 'r';
      } else if (next.initial === N || next.initial === M) {
        if (j.final === F_K) final = 'ng';
        else if (j.final === F_P) final = 'm';
      }
    }
    return initial + MR_MEDIALS[j.medial]! + final;
  });
}

// --- Customary, passport and fan-wiki spellings ------------------------------------------------

// The medials these three share; eo, yeo, u, yu and ui depend on the syllable (see below).
// prettier-ignore
const PLAIN_MEDIALS = [
  'a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we',
  'wi', 'yu', 'eu', 'ui', 'i',
];

interface Habits {
  /** ㄱ as k (Kyung, Kwang, Ki) or g (Geun, Ga-eun). */
  g: (j: Jamo) => string;
  /** ㅓ after a consonant: u or eo. */
  eo: (j: Jamo) => string;
  /** ㅕ after a consonant: yu or yeo. */
  yeo: (j: Jamo) => string;
  /** ㅜ after a consonant: oo or u. */
  u: (j: Jamo) => string;
  /** ㅕ after silent ㅇ: yeo (Yeon) or you (Youn). */
  yeoAlone: (j: Jamo) => string;
  /** Whole syllables spelled one way by habit, whatever their jamo say. */
  overrides: Record<string, string>;
}

function habitSyllable(syllable: string, habits: Habits): string {
  const fixed = habits.overrides[syllable];
  if (fixed !== undefined) return fixed;
  const j = decompose(syllable);
  const alone = j.initial === NG;
  let initial = RR_INITIALS[j.initial]!;
  if (j.initial === G) initial = habits.g(j);
  // Shin, Shim, Shik: English readers say s+i as "see", so these spellings write the sh heard.
  if (j.initial === S && (j.medial === V_I || j.medial === V_WI)) initial = 'sh';
  let medial = PLAIN_MEDIALS[j.medial]!;
  switch (j.medial) {
    case V_EO:
      medial = alone ? 'eo' : habits.eo(j);
      break;
    case V_YEO:
      medial = alone ? habits.yeoAlone(j) : habits.yeo(j);
      break;
    case V_U:
      // A bare 우 needs its glide written, or Woo-jin would read "U-jin".
      medial = alone ? 'woo' : habits.u(j);
      break;
    case V_YU:
      // Yoo, Yoon: the doubled vowel marks the long "oo" of a syllable that is all vowel.
      medial = alone && (j.final === F_NONE || j.final === F_N) ? 'yoo' : 'yu';
      break;
    case V_UI:
      // 희 is Hee in nearly every South Korean name; a bare 의 is Eui.
      medial = j.initial === H ? 'ee' : alone ? 'eui' : 'ui';
      break;
  }
  return initial + medial + FINALS[j.final]!;
}

// Newspaper and agency style in South Korea (Korea Herald, Yonhap English): mostly RR, with the
// long-lived habits of the older spellings in the syllables people keep them for.
const CUSTOMARY: Habits = {
  // Geun, Geon, Ga-eun keep g; Kang, Kyung, Kwang, Ki, Kook, Kyu have kept k since before RR.
  g: (j) =>
    j.medial === V_EU || j.medial === V_EO || (j.medial === V_A && j.final === F_NONE) ? 'g' : 'k',
  eo: (j) => (SONORANT_FINALS.has(j.final) ? 'u' : 'eo'),
  yeo: (j) => (SONORANT_FINALS.has(j.final) ? 'yu' : 'yeo'),
  // Soo, Joo, Hoon, Kook; but Jung and Chung for 중, 충: "joong" is rare in the press.
  u: (j) => (j.final === F_NONE || j.final === F_N || j.final === F_K ? 'oo' : 'u'),
  yeoAlone: () => 'yeo',
  overrides: {
    // One spelling per syllable, as an agency style sheet would fix it.
    준: 'jun',
    전: 'jeon',
    석: 'seok',
    영: 'young',
  },
};

// Passport spellings chosen by the holder, written as one word (MINJUN, JIYEON).
const PASSPORT: Habits = {
  g: () => 'k',
  // Sung, Hyun, Suk: passports written before 2000 made any closed eo a u.
  eo: (j) => (j.final === F_NONE ? 'eo' : 'u'),
  yeo: (j) => (j.final === F_NONE ? 'yeo' : 'yu'),
  u: () => 'oo',
  yeoAlone: () => 'yeo',
  overrides: { 영: 'young' },
};

// Diaspora and fan-wiki style, each syllable its own word (Lee Ha Na, Park Seo Youn).
const SPACED: Habits = {
  g: () => 'k',
  eo: (j) => (j.final === F_NONE ? 'eo' : 'u'),
  yeo: (j) => (j.final === F_NONE ? 'yeo' : 'yu'),
  u: (j) => (j.final === F_NONE || j.final === F_N || j.final === F_K ? 'oo' : 'u'),
  // Youn, Young, Youl: the "you" spelling of families who registered names abroad.
  yeoAlone: (j) => (j.final === F_N || j.final === F_NG || j.final === F_L ? 'you' : 'yeo'),
  // A one-letter word would be lost in a sentence, so bare vowels get a glide or an h.
  overrides: { 오: 'oh', 아: 'ah', 이: 'yi', 영: 'young' },
};

// --- Surnames --------------------------------------------------------------------------------

interface Surname {
  hangul: string;
  /** Share of the population, percent (2015 census, rounded); sets the sampling weight. */
  weight: number;
  mr: string;
  customary: string;
  passport: string;
  /** How families abroad keep it, where that differs from the passport (Rhee, Kweon, Whang). */
  abroad?: string;
}

// RR surnames come from the rules (Gim, I, Bak): strict RR, which is what it is being tested on.
// The others are the established spellings, not rule output: surnames are the part of a name
// least likely to follow any system.
const SURNAMES: readonly Surname[] = [
  { hangul: '김', weight: 21.5, mr: 'Kim', customary: 'Kim', passport: 'Kim' },
  { hangul: '이', weight: 14.7, mr: 'Yi', customary: 'Lee', passport: 'Lee', abroad: 'Rhee' },
  { hangul: '박', weight: 8.4, mr: 'Pak', customary: 'Park', passport: 'Park' },
  { hangul: '최', weight: 4.7, mr: "Ch'oe", customary: 'Choi', passport: 'Choi' },
  { hangul: '정', weight: 4.3, mr: 'Chŏng', customary: 'Jung', passport: 'Chung' },
  { hangul: '강', weight: 2.3, mr: 'Kang', customary: 'Kang', passport: 'Kang' },
  { hangul: '조', weight: 2.1, mr: 'Cho', customary: 'Cho', passport: 'Cho' },
  { hangul: '윤', weight: 2.1, mr: 'Yun', customary: 'Yoon', passport: 'Yoon', abroad: 'Youn' },
  { hangul: '장', weight: 2.0, mr: 'Chang', customary: 'Jang', passport: 'Chang' },
  { hangul: '임', weight: 1.7, mr: 'Im', customary: 'Lim', passport: 'Lim', abroad: 'Leem' },
  { hangul: '한', weight: 1.5, mr: 'Han', customary: 'Han', passport: 'Han' },
  { hangul: '오', weight: 1.5, mr: 'O', customary: 'Oh', passport: 'Oh' },
  { hangul: '서', weight: 1.5, mr: 'Sŏ', customary: 'Seo', passport: 'Suh' },
  { hangul: '신', weight: 1.4, mr: 'Sin', customary: 'Shin', passport: 'Shin' },
  { hangul: '권', weight: 1.4, mr: 'Kwŏn', customary: 'Kwon', passport: 'Kwon', abroad: 'Kweon' },
  {
    hangul: '황',
    weight: 1.4,
    mr: 'Hwang',
    customary: 'Hwang',
    passport: 'Hwang',
    abroad: 'Whang',
  },
  { hangul: '안', weight: 1.4, mr: 'An', customary: 'Ahn', passport: 'Ahn' },
  { hangul: '송', weight: 1.3, mr: 'Song', customary: 'Song', passport: 'Song' },
  { hangul: '류', weight: 1.2, mr: 'Yu', customary: 'Ryu', passport: 'Yu', abroad: 'Rhyu' },
  { hangul: '전', weight: 1.1, mr: 'Chŏn', customary: 'Jeon', passport: 'Chun' },
  { hangul: '홍', weight: 1.1, mr: 'Hong', customary: 'Hong', passport: 'Hong' },
  { hangul: '고', weight: 0.9, mr: 'Ko', customary: 'Ko', passport: 'Koh' },
  { hangul: '문', weight: 0.9, mr: 'Mun', customary: 'Moon', passport: 'Moon' },
  { hangul: '양', weight: 0.9, mr: 'Yang', customary: 'Yang', passport: 'Yang' },
  { hangul: '손', weight: 0.9, mr: 'Son', customary: 'Son', passport: 'Sohn' },
  { hangul: '배', weight: 0.8, mr: 'Pae', customary: 'Bae', passport: 'Bae' },
  { hangul: '백', weight: 0.7, mr: 'Paek', customary: 'Baek', passport: 'Paik' },
  { hangul: '허', weight: 0.6, mr: 'Hŏ', customary: 'Heo', passport: 'Huh' },
  { hangul: '유', weight: 0.6, mr: 'Yu', customary: 'Yoo', passport: 'Yoo' },
  { hangul: '남', weight: 0.6, mr: 'Nam', customary: 'Nam', passport: 'Nam' },
  { hangul: '심', weight: 0.5, mr: 'Sim', customary: 'Shim', passport: 'Shim' },
  { hangul: '노', weight: 0.4, mr: 'No', customary: 'Noh', passport: 'Roh' },
  { hangul: '하', weight: 0.5, mr: 'Ha', customary: 'Ha', passport: 'Hah' },
  { hangul: '곽', weight: 0.4, mr: 'Kwak', customary: 'Kwak', passport: 'Kwak' },
  { hangul: '성', weight: 0.4, mr: 'Sŏng', customary: 'Sung', passport: 'Sung' },
  { hangul: '차', weight: 0.4, mr: "Ch'a", customary: 'Cha', passport: 'Cha' },
  { hangul: '주', weight: 0.4, mr: 'Chu', customary: 'Joo', passport: 'Chu' },
  { hangul: '우', weight: 0.4, mr: 'U', customary: 'Woo', passport: 'Woo' },
  { hangul: '구', weight: 0.4, mr: 'Ku', customary: 'Koo', passport: 'Koo' },
  { hangul: '민', weight: 0.3, mr: 'Min', customary: 'Min', passport: 'Min' },
];

const SURNAME_BY_HANGUL = new Map(SURNAMES.map((s) => [s.hangul, s]));

// --- Given-name syllables ----------------------------------------------------------------------

// Syllables by how often they appear in names of people born 1950-2010 (rough tiers: 6 for
// the syllables in every list of popular names, down to 1 for ones found but less often).
const TIERS: readonly (readonly [number, string])[] = [
  [6, '민준서연지현수영정성은진호우재희윤혜경'],
  [4, '석철훈동상태원종용승미나하도유아예소채다주건규'],
  [2, '찬혁빈율선남기인범환욱완명광국일숙순자옥화향송헌운전후시세한형'],
  [
    1,
    '가강결겸계근금길단대덕두만무문병보봉부비산삼새설섭솔식신실심애양여열엽오온요웅월위의익임제중창천청초춘충치탁택해홍황회효휘흥학',
  ],
  // ㄹ-initial syllables only after an open syllable (하린, 미란), where names mostly have them;
  // after a consonant every convention but RR would respell them (창룡 is Ch'ang-nyong).
  [3, '린란리래령'],
];
// Ends of names more than starts (지아, 영자, 미숙, 현빈): a quarter of the weight in first place.
const MOSTLY_SECOND = new Set([...'아자옥화향숙순빈율']);
// Starts more than ends (예진, 소연, 채원, 규민): half the weight in second place.
const MOSTLY_FIRST = new Set([...'예소채다건규찬혁범광대병상태']);

const GIVEN: readonly (readonly [string, number])[] = TIERS.flatMap(([w, syllables]) =>
  [...syllables].map((s) => [s, w] as const),
);

function lInitial(syllable: string): boolean {
  return decompose(syllable).initial === R;
}

// Twins differ in one syllable whose sound differs too, so every convention can tell them apart
// (종/중 or 선/순 would not do: customary and passport spellings merge them).
const CONFUSABLE: readonly (readonly [string, string])[] = [
  ['정', '종'],
  ['종', '준'],
  ['성', '승'],
  ['성', '송'],
  ['민', '빈'],
  ['수', '주'],
  ['현', '헌'],
  ['영', '용'],
  ['은', '운'],
  ['진', '전'],
  ['호', '후'],
];

// Famous enough that articles about them exist and tables may list them.
// prettier-ignore
const FAMOUS = new Set([
  ...'김정은 김정일 김일성 김여정 문재인 윤석열 이재명 박근혜 이명박 노무현 김대중 김영삼 반기문 박지성 손흥민'.split(' '),
  ...'박정희 전두환 노태우 이승만 김종필 이회창 정동영 안철수 유승민 심상정 홍준표 오세훈 박원순 한동훈 이준석 조국 추미애 이낙연 정세균 황교안 김건희 김정숙 최순실 이재용 이건희 정주영 정몽구 신동빈 김연아 김연경 류현진 추신수 이강인 김민재 황희찬 박세리 박인비 고진영 이승엽 박찬호 김주애 리설주 최룡해 김영철 현송월 장성택 박보검 송중기 송혜교 김수현 전지현 이민호 박서준 손예진 이병헌 배용준 정해인 김태희 이효리 이지은 전정국 김남준 김석진 민윤기 정호석 박지민 김태형 봉준호 박찬욱 한강 김혜수 조수미 정경화 조성진 임윤찬 이상화 안산 김우진 황선우 이정후 김하성 오승환'.split(' '),
]);

// --- Spelling a person ---------------------------------------------------------------------

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function spellParts(surname: string, given: readonly string[]): Record<Convention, Parts> {
  const s = SURNAME_BY_HANGUL.get(surname);
  if (!s) throw new Error(`no surname ${surname}`);
  return {
    rr: {
      surname: capitalise(rrSyllable(surname, null)),
      given: given.map((g, k) => rrSyllable(g, k === 0 ? null : decompose(given[k - 1]!).final)),
    },
    mr: { surname: s.mr, given: mrGiven(given) },
    customary: { surname: s.customary, given: given.map((g) => habitSyllable(g, CUSTOMARY)) },
    passport: { surname: s.passport, given: passportGiven(given) },
    spaced: { surname: s.customary, given: given.map((g) => habitSyllable(g, SPACED)) },
    // Koreans abroad sign the passport's letters in the order of their new country.
    abroad: { surname: s.abroad ?? s.passport, given: passportGiven(given) },
    hangul: { surname, given: [...given] },
  };
}

/** Passport syllables, which are written joined: Soo + ok would give SOOOK, so that oo is u. */
function passportGiven(given: readonly string[]): string[] {
  const parts = given.map((g) => habitSyllable(g, PASSPORT));
  return parts.map((p, k) =>
    p.endsWith('oo') && parts[k + 1]?.startsWith('o') ? `${p.slice(0, -2)}u` : p,
  );
}

/** How a person abroad writes the given name before the surname; each person keeps one. */
type AbroadLayout = 'joined' | 'hyphenated' | 'spaced';
const ABROAD_LAYOUTS: readonly AbroadLayout[] = ['joined', 'joined', 'hyphenated', 'spaced'];

function joinParts(convention: Convention, p: Parts, abroad: AbroadLayout = 'joined'): string {
  switch (convention) {
    case 'hangul':
      return p.surname + p.given.join('');
    case 'passport':
      return `${p.surname} ${capitalise(p.given.join(''))}`;
    case 'spaced':
      return [p.surname, ...p.given.map(capitalise)].join(' ');
    case 'abroad':
      // The given name first: as one word (Minjun Kim, Hoon Seo), the passport's usual form;
      // hyphenated (Min-jun Kim); or spaced, each syllable capitalised (Min Jun Kim).
      if (p.given.length > 1 && abroad === 'hyphenated') {
        return `${capitalise(p.given.join('-'))} ${p.surname}`;
      }
      if (p.given.length > 1 && abroad === 'spaced') {
        return `${p.given.map(capitalise).join(' ')} ${p.surname}`;
      }
      return `${capitalise(p.given.join(''))} ${p.surname}`;
    default:
      // Jeong Min-jun, Kim Chŏng-ŭn: given name hyphenated, second syllable lower case.
      return `${p.surname} ${capitalise(p.given.join('-'))}`;
  }
}

export function makePerson(id: string, surname: string, given: readonly string[]): Person {
  const parts = spellParts(surname, given);
  const spellings = {} as Record<Convention, string>;
  const abroad = ABROAD_LAYOUTS[hashSeed(id, 'abroad') % ABROAD_LAYOUTS.length]!;
  for (const c of CONVENTIONS) spellings[c] = joinParts(c, parts[c], abroad);
  return { id, surname, given: [...given], hangul: surname + given.join(''), spellings, parts };
}

/** Surnames that share a spelling in some convention (류 and 유 are both Yu) count as one. */
const { SURNAME_GROUP, GROUP_BY_SPELLING } = (() => {
  const group = new Map(SURNAMES.map((s) => [s.hangul, s.hangul]));
  const find = (h: string): string => {
    let g = h;
    while (group.get(g) !== g) g = group.get(g)!;
    return g;
  };
  const bySpelling = new Map<string, string>();
  for (const s of SURNAMES) {
    const rr = rrSyllable(s.hangul, null);
    for (const spelling of [rr, s.mr, s.customary, s.passport, northKorean(s.mr)]) {
      const key = spelling.toLowerCase();
      const other = bySpelling.get(key);
      if (other === undefined) bySpelling.set(key, s.hangul);
      else group.set(find(s.hangul), find(other));
    }
  }
  return {
    SURNAME_GROUP: new Map(SURNAMES.map((s) => [s.hangul, find(s.hangul)])),
    GROUP_BY_SPELLING: new Map([...bySpelling].map(([k, h]) => [k, find(h)])),
  };
})();

/**
 * A surname as North Korean usage writes it: McCune-Reischauer without marks, a plain ch as j
 * (정 is Jong, 조 is Jo), an aspirated ch' as ch.
 */
function northKorean(mr: string): string {
  const plain = mr.startsWith('Ch') && !mr.startsWith("Ch'") ? `J${mr.slice(2)}` : mr;
  return plain.normalize('NFD').replace(/[\u0300-\u036f'’]/g, '');
}

/**
 * What a reader could tell apart: the surname's group and the given name's letters without
 * separators. Two people sharing a key are the same name to anyone (Kim Su-nae and Kim Sunae;
 * 김정민 and 김중민 are both Kim Jung-min in customary spelling), so only one is generated.
 * Breves and apostrophes count: Chŏng and Chong are different MR spellings.
 *
 * A one-syllable given name written first can also be read the other way round when it is a
 * surname spelling too: `Jong Chang` (장종) and `Jung Chang` (장중) are both 정창 to a reader
 * who takes the first word for the surname, so that reading is a key as well.
 */
function readerKeys(p: Person): string[] {
  const group = SURNAME_GROUP.get(p.surname)!;
  const keys = CONVENTIONS.map(
    (c) => `${group}|${p.parts[c].given.join('').toLowerCase().replace(/[\s-]/g, '')}`,
  );
  const abroad = p.parts.abroad;
  const reversed = abroad.given.length === 1 ? GROUP_BY_SPELLING.get(abroad.given[0]!) : undefined;
  if (reversed !== undefined) keys.push(`${reversed}|${abroad.surname.toLowerCase()}`);
  return keys;
}

// --- Generation ----------------------------------------------------------------------------

const SURNAME_WEIGHTS = SURNAMES.map((s) => [s.hangul, s.weight] as const);
const FIRST_SYLLABLES = GIVEN.filter(([s]) => !lInitial(s)).map(
  ([s, w]) => [s, MOSTLY_SECOND.has(s) ? w / 4 : w] as const,
);
const ONE_SYLLABLE_SHARE = 0.15;
const TWIN_SHARE = 1 / 3;

function drawName(rng: () => number): { surname: string; given: string[] } {
  const surname = pickWeighted(rng, SURNAME_WEIGHTS);
  const first = pickWeighted(rng, FIRST_SYLLABLES);
  if (rng() < ONE_SYLLABLE_SHARE) return { surname, given: [first] };
  const open = decompose(first).final === F_NONE;
  const seconds = GIVEN.filter(([s]) => s !== first && (open || !lInitial(s))).map(
    ([s, w]) => [s, MOSTLY_FIRST.has(s) ? w / 2 : w] as const,
  );
  return { surname, given: [first, pickWeighted(rng, seconds)] };
}

/** A near-namesake: same surname, one syllable swapped for a confusable one; null if none fits. */
function drawTwin(
  rng: () => number,
  person: Person,
  usable: (p: Person) => boolean,
): Person | null {
  const options: { at: number; syllable: string }[] = [];
  person.given.forEach((s, at) => {
    for (const [a, b] of CONFUSABLE) {
      if (s === a) options.push({ at, syllable: b });
      if (s === b) options.push({ at, syllable: a });
    }
  });
  while (options.length > 0) {
    const [option] = options.splice(Math.floor(rng() * options.length), 1);
    const given = [...person.given];
    given[option!.at] = option!.syllable;
    if (given[0] === given[1]) continue;
    const twin = makePerson(`${person.id}t`, person.surname, given);
    if (usable(twin)) return twin;
  }
  return null;
}

/**
 * n people (surname + one or two given syllables, all distinct and none of them famous), twins
 * for about a third, and `distractors` more people for second mentions in articles. `exclude`
 * holds more Hangul names nobody drawn may have: the caller's table of known people (passed in,
 * since nothing here may come from src/names).
 */
export function generateCohort(
  n: number,
  seed: number,
  distractors = 0,
  exclude: ReadonlySet<string> = new Set(),
): Cohort {
  const rng = mulberry32(seed);
  const seenHangul = new Set<string>();
  const seenKeys = new Set<string>();
  const usable = (p: Person) =>
    !FAMOUS.has(p.hangul) &&
    !exclude.has(p.hangul) &&
    !seenHangul.has(p.hangul) &&
    !readerKeys(p).some((k) => seenKeys.has(k));
  const accept = (p: Person) => {
    seenHangul.add(p.hangul);
    for (const k of readerKeys(p)) seenKeys.add(k);
  };
  const draw = (id: string): Person => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const { surname, given } = drawName(rng);
      const p = makePerson(id, surname, given);
      if (usable(p)) return p;
    }
    throw new Error('name space exhausted: ask for fewer people');
  };

  const people: Person[] = [];
  const twins: Person[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `p${String(i).padStart(4, '0')}`;
    // Decided before the draw, so a third of the people get a twin: only names with a
    // confusable syllable can have one, and those are redrawn for until one turns up.
    const wantsTwin = rng() < TWIN_SHARE;
    let p = draw(id);
    let twin: Person | null = null;
    for (let attempt = 0; wantsTwin && attempt < 1000; attempt++) {
      const own = new Set(readerKeys(p));
      twin = drawTwin(rng, p, (t) => usable(t) && !readerKeys(t).some((k) => own.has(k)));
      if (twin) break;
      p = draw(id);
    }
    accept(p);
    people.push(p);
    if (twin) {
      accept(twin);
      p.twinId = twin.id;
      twin.twinId = p.id;
      twins.push(twin);
    }
  }
  const extra: Person[] = [];
  for (let i = 1; i <= distractors; i++) {
    const d = draw(`d${String(i).padStart(4, '0')}`);
    accept(d);
    extra.push(d);
  }
  return { people: [...people, ...twins], distractors: extra };
}

/** n generated people with their twins (see generateCohort). */
export function generatePeople(n: number, seed: number): Person[] {
  return generateCohort(n, seed).people;
}

// --- Articles --------------------------------------------------------------------------------

const CITIES = [
  'Daegu',
  'Busan',
  'Incheon',
  'Gwangju',
  'Daejeon',
  'Ulsan',
  'Suwon',
  'Jeonju',
  'Changwon',
  'Cheongju',
  'Pohang',
];
const BYLINES = ['AP, SEOUL', 'AP, SEOUL', 'AFP, SEOUL', 'Reuters, BUSAN', 'AP, DAEGU'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const ROLES = [
  'a city council member in {city}',
  'a professor of economics at a university in {city}',
  'a high school teacher in {city}',
  'a nurse at a public hospital in {city}',
  'the head of a small business association in {city}',
  'a firefighter based in {city}',
  'a researcher at a state-funded institute',
  'a lawyer representing the residents',
  'a volunteer with a local food bank',
  'the coach of a middle school football team in {city}',
  'a software engineer in {city}',
];
const TITLED_ROLES = ['Professor', 'Lawmaker', 'Prosecutor', 'City council member', 'Coach'];
const THINGS = [
  'a new library',
  'longer bus routes',
  'river flood defences',
  'evening classes for adults',
  'a night market',
  'more hospital staff',
];
const CLAIMS = [
  'the city would expand bus services to outlying districts',
  'a new library would open by the end of next year',
  'the school would add evening classes for adults',
  'flood defences along the river needed urgent repairs',
  'the hospital had been short of staff all winter',
  'local markets had recovered since the pandemic',
  'the autumn festival would return after a two-year break',
];
const ACTIONS = [
  'met residents to discuss the plan',
  'submitted a petition signed by more than 2,000 people',
  'visited the site after the storm',
  'won a regional award for the project',
];
const FIRST_MENTIONS = [
  '{name}, {role}, said on {day} that {claim}.',
  '{name}, {role}, told reporters on {day} that {claim}.',
  'Speaking on {day}, {name}, {role}, said {claim}.',
  'Officials said {name}, {role}, had {action}.',
  '{title} {name} said on {day} that {claim}.',
];
const SECOND_MENTIONS = [
  '{again} said the proposal would be reviewed again next month.',
  'Asked about the timing, {again} said no decision had been made.',
  'A spokesperson for {again} declined to comment further.',
  'According to {again}, the project had the support of most residents.',
];
// A possessive is common in wire copy, but "정민준's" is not how Hangul appears in English text.
const SECOND_MENTIONS_LATIN = [
  ...SECOND_MENTIONS,
  "{again}'s office said a statement would follow.",
];
const FILLERS = [
  'The plan, which would cost about {billions} billion won, has drawn criticism from residents who say the money should go to public housing.',
  'Local media reported that the meeting lasted more than three hours.',
  'Analysts said the decision could influence similar debates in other cities.',
  'The ministry is expected to publish its own figures later this year.',
  'Heavy rain fell across the region on {day}, and several flights were delayed at Gimhae airport.',
];
const DISTRACTOR_MENTIONS = [
  'Also attending was {other}, {role}, who did not speak to reporters.',
  '{other}, {role}, said separately that {claim}.',
];
const TITLES_WITH_NAME = ['{name} backs plan for {thing}', '{name} calls for {thing}'];
const TITLES = ['Council weighs plan for {thing}', 'Residents debate {thing}'];

export interface ArticleSpec {
  person: Person;
  convention: Convention;
  seed: number;
  /** A second, unrelated person named in the article (same convention). */
  distractor?: Person;
}

/**
 * A short wire story naming `person` in one convention: full name in the first mention, a
 * second mention in full or by surname alone, sometimes the name in the title too.
 */
export function renderArticle(spec: ArticleSpec): string {
  const { person, convention, distractor } = spec;
  const rng = mulberry32(spec.seed);
  const name = person.spellings[convention];
  const again = convention === 'hangul' || rng() < 0.5 ? name : person.parts[convention].surname;
  const fill = (template: string, vars: Record<string, string> = {}): string =>
    template.replace(/\{(\w+)\}/g, (_, key: string): string => {
      if (vars[key] !== undefined) return vars[key]!;
      switch (key) {
        case 'city':
          return pick(rng, CITIES);
        case 'day':
          return pick(rng, DAYS);
        case 'claim':
          return pick(rng, CLAIMS);
        case 'action':
          return pick(rng, ACTIONS);
        case 'thing':
          return pick(rng, THINGS);
        case 'title':
          return pick(rng, TITLED_ROLES);
        case 'billions':
          return String(2 + Math.floor(rng() * 40));
        case 'role':
          return fill(pick(rng, ROLES));
        default:
          throw new Error(`template key ${key}`);
      }
    });

  const year = 2016 + Math.floor(rng() * 9);
  const month = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rng() * 28)).padStart(2, '0');
  const title = rng() < 0.5 ? fill(pick(rng, TITLES_WITH_NAME), { name }) : fill(pick(rng, TITLES));
  const paragraphs = [fill(pick(rng, FIRST_MENTIONS), { name }), fill(pick(rng, FILLERS))];
  const seconds = convention === 'hangul' ? SECOND_MENTIONS : SECOND_MENTIONS_LATIN;
  paragraphs.push(fill(pick(rng, seconds), { again }));
  if (distractor) {
    paragraphs.push(
      fill(pick(rng, DISTRACTOR_MENTIONS), { other: distractor.spellings[convention] }),
    );
  }
  paragraphs.push(fill(pick(rng, FILLERS)));
  const byline = pick(rng, BYLINES);
  return ` date ${year}-${month}-${day} ${title}\n\n${byline}\n\n${paragraphs.join('\n\n')}\n`;
}
