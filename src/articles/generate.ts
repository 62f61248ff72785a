// Synthetic articles in the seed layout, for load tests and benchmarks. Deterministic: the same
// seed gives byte-identical output on every machine, so benchmark corpora can be regenerated.

/** A seeded source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to vary text; never Math.random, so runs repeat. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedArticle {
  /** Relative path with forward slashes; at most FILES_PER_FOLDER files share a folder. */
  path: string;
  text: string;
}

export const FILES_PER_FOLDER = 1000;

// Each person with the spellings newsrooms actually use; the first is the common one.
const PEOPLE: readonly (readonly string[])[] = [
  ['Kim Jong-un', 'Kim Jong Un', 'Kim Jongun', '김정은'],
  ['Kim Jong-il', 'Kim Jong Il', '김정일'],
  ['Kim Il-sung', 'Kim Il Sung', '김일성'],
  ['Kim Yo-jong', 'Kim Yo Jong', '김여정'],
  ['Moon Jae-in', 'Moon Jae In', 'Moon Jae-in (문재인)'],
  ['Park Geun-hye', 'Park Geun Hye', '박근혜'],
  ['Park Chung-hee', 'Park Chung Hee'],
  ['Lee Myung-bak', 'Lee Myung Bak', '이명박'],
  ['Roh Moo-hyun', 'Roh Moo Hyun', '노무현'],
  ['Kim Dae-jung', 'Kim Dae Jung', '김대중'],
  ['Yoon Suk-yeol', 'Yoon Suk Yeol', '윤석열'],
  ['Lee Jae-myung', 'Lee Jae Myung', '이재명'],
  ['Ban Ki-moon', 'Ban Ki Moon', '반기문'],
  ['Choe Son-hui', 'Choe Son Hui'],
  ['Ri Yong-ho', 'Ri Yong Ho'],
  ['Pak Pong-ju', 'Pak Pong Ju'],
  ['Chung Eui-yong', 'Chung Eui Yong'],
  ['Kang Kyung-wha', 'Kang Kyung Wha'],
  ['Cheong Seong-chang', 'Cheong Seong Chang'],
  ['Syngman Rhee'],
  ['Sung Kim'],
  ['Joe Biden'],
  ['Donald Trump'],
  ['Xi Jinping'],
  ['Shinzo Abe'],
];

const BYLINES: readonly string[] = [
  'AP, SEOUL',
  'AFP, SEOUL',
  'Reuters, SEOUL',
  'Yonhap, SEOUL',
  'AP, PYONGYANG',
  'AP and AFP, PANMUNJOM',
  'Reuters, WASHINGTON',
  'Bloomberg',
  'Reuters, AFP and AP, TOKYO',
  'Staff writer, with CNA',
  'Staff writer, SEOUL',
  'AFP, BEIJING',
  'Reuters, SINGAPORE',
  'AP, HANOI',
  'Yonhap, BUSAN',
];

const PLACES = ['Seoul', 'Pyongyang', 'Panmunjom', 'Busan', 'Kaesong', 'Washington', 'Beijing'];
const TOPICS = [
  'missile tests',
  'the nuclear talks',
  'sanctions relief',
  'family reunions',
  'the joint military drills',
  'the border truce village',
  'trade with China',
  'the summit agenda',
  'food shortages',
  'the election campaign',
];
const TITLES = [
  '{P} urges talks on {T}',
  '{P} rejects criticism over {T}',
  'Analysts weigh {P}’s stance on {T}',
  '{P} visits {L} amid row over {T}',
  'Officials in {L} brace for new {T}',
];
const SENTENCES = [
  '{P} told officials in {L} that {T} would remain the priority for the coming months.',
  'State media said {P} had inspected a site near {L} and discussed {T} with senior aides.',
  'Analysts said the remarks by {P} suggested little room for compromise on {T}.',
  '“We are ready for dialogue, but not at any price,” {P} said, according to a statement released in {L}.',
  'Diplomats in {L} said they expected {P} to raise {T} when the two sides meet again — possibly before the end of the year.',
  'The statement from {P} came days after a meeting in {L} ended without agreement on {T}.',
  'Critics of {P} argued that the debate over {T} had been used to distract from problems at home.',
  'A spokesman said {P} had no plans to travel to {L} but would follow developments closely.',
  'Officials declined to say whether {P} had been briefed on {T} before the announcement.',
  'Markets in {L} barely moved on the news, though traders said {T} remained a risk.',
];

/** Generates article `index` of a corpus: ~4 KB of text in the seed layout and where it goes. */
export function generateArticle(rng: Rng, index: number): GeneratedArticle {
  const year = 2000 + int(rng, 26);
  const month = 1 + int(rng, 12);
  const day = 1 + int(rng, 28);
  const date = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  const cast = [pickPerson(rng), pickPerson(rng), pickPerson(rng)];
  const fill = (template: string): string =>
    template
      .replace(/\{P\}/g, () => pick(rng, cast))
      .replace(/\{L\}/g, () => pick(rng, PLACES))
      .replace(/\{T\}/g, () => pick(rng, TOPICS));

  const lines = [` date ${date} ${fill(pick(rng, TITLES))}`, '', pick(rng, BYLINES), '', ''];
  const paragraphs = 6 + int(rng, 7);
  for (let p = 0; p < paragraphs; p++) {
    const sentences = 3 + int(rng, 3);
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(fill(pick(rng, SENTENCES)));
    lines.push(parts.join(' '), '');
    if (p === 1 && rng() < 0.3) {
      const credit = pick(rng, ['AFP / KCNA VIA KNS', 'Reuters', 'AP', 'Yonhap']);
      lines.push(`${cast[0]} speaks at a meeting in ${pick(rng, PLACES)}. Photo: ${credit}`, '');
    }
  }
  const folder = pad(Math.floor(index / FILES_PER_FOLDER), 4);
  return { path: `${folder}/${date}-${pad(index, 7)}.txt`, text: lines.join('\n') };
}

/** A person in one of their spellings; the common spelling comes up most often. */
function pickPerson(rng: Rng): string {
  const spellings = pick(rng, PEOPLE);
  return rng() < 0.5 ? spellings[0]! : pick(rng, spellings);
}

function int(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[int(rng, items.length)]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
