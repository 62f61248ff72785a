// A wire story's fingerprint: a MinHash sketch of the body's word shingles, so that two copies
// of one story (another agency's byline, a sentence added or cut, a lead rewritten) can be told
// from two stories about one event by the share of shingles they have in common.
//
// One-permutation hashing: each shingle is hashed once, the hash picks one of BINS bins and the
// bin keeps the smallest value it sees. The share of bins two sketches agree on estimates the
// Jaccard similarity of their shingle sets (Li, Owen & Zhang 2012); empty bins borrow from the
// next filled bin (Shrivastava & Li 2014's densification), so short bodies still compare. It
// costs one hash per word, not one per word and permutation.

/** Words per shingle: long enough that stock phrases ("said on Monday") rarely make two stories alike. */
export const SHINGLE_WORDS = 4;
/** Sketch size: the estimate's standard error is about sqrt(J(1-J)/BINS), 0.044 at J=0.5. */
export const BINS = 128;
const BIN_BITS = 7;
/** A bin no shingle has reached yet, while the sketch is built (0xffffffff once it is). */
const UNSEEN = 0x7fffffff;
/** Below this many shingles a body is too short to call anything a copy of it. */
export const MIN_SHINGLES = 8;

export interface Fingerprint {
  /** BINS minimum hashes. */
  sketch: Uint32Array;
  /** Distinct-ish shingle count (shingles seen, repeats included). */
  shingles: number;
}

/**
 * The fingerprint of a body's text, or null when it is too short to compare. Words are runs of
 * letters and digits, case-folded (ASCII) so that typography (curly or straight quotes, dashes,
 * `Jong-un` or `Jong Un`) never changes a shingle.
 */
export function fingerprint(text: string): Fingerprint | null {
  return sketchUnits(codeUnits([text])).fingerprint;
}

/**
 * What JSON must escape in a text: nothing (`plain`), only quotes and backslashes (`quoted`), or
 * something else besides (`special`: a control character, a newline included, or a surrogate).
 */
export type JsonText = 'plain' | 'quoted' | 'special';

export interface BodyScan {
  fingerprint: Fingerprint | null;
  /** What JSON must escape in the paragraphs (their separators aside). */
  json: JsonText;
}

/**
 * The fingerprint of paragraphs joined by blank lines, as `fingerprint(parts.join('\n\n'))`
 * gives it, without the joined string; and what JSON must escape in them. The scan reads every
 * character anyway, so it answers the bulk writer's question (bulkWriter.ts) for almost nothing.
 */
export function scanBody(parts: readonly string[]): BodyScan {
  return sketchUnits(codeUnits(parts));
}

const QUOTED = 1;
const SPECIAL = 2;

function sketchUnits(units: Uint16Array): BodyScan {
  // Each bin's minimum, kept in signed 32 bits (every value is under 2^25): see below.
  const bins = new Int32Array(BINS).fill(UNSEEN);
  // The last four words' hashes, oldest first.
  let w0: number;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let words = 0;
  let shingles = 0;
  // QUOTED and SPECIAL, as such characters are met.
  let escapes = 0;
  const n = units.length;
  let i = 0;
  while (i < n) {
    let a = WORD[units[i]!]!;
    if (a === 0) {
      // Only here, about once a word: every character that is no word's passes this way.
      const u = units[i]!;
      if (u < 0x20 || (u & 0xf800) === 0xd800) escapes |= SPECIAL;
      else if (u === 0x22 || u === 0x5c) escapes |= QUOTED;
      i++;
      continue;
    }
    // One word: FNV-1a over its case-folded code units. (Two units a step shortens the chain of
    // multiplications, and gains nothing measurable: a word's end, a branch the CPU cannot
    // predict, is what costs.)
    let h = 0x811c9dc5;
    do {
      h = Math.imul(h ^ a, 0x01000193);
      if (++i >= n) break;
      a = WORD[units[i]!]!;
    } while (a !== 0);
    w0 = w1;
    w1 = w2;
    w2 = w3;
    w3 = h;
    if (++words < SHINGLE_WORDS) continue;
    // The four words' hashes times four odd constants, summed: four multiplications the CPU
    // runs side by side, where a chain of four waited on each other (a sixth of the time), and
    // murmur3's finaliser spreads the sum. Word order counts: each place has its constant.
    const s = mix(
      (Math.imul(w0, 0x9e3779b1) +
        Math.imul(w1, 0x85ebca77) +
        Math.imul(w2, 0xc2b2ae3d) +
        Math.imul(w3, 0x27d4eb2f)) |
        0,
    );
    shingles++;
    const bin = s >>> (32 - BIN_BITS);
    const value = s & 0x01ffffff;
    // min(value, old) without a branch: whether a new value is a bin's smallest is a coin toss
    // the CPU cannot predict, and the mispredictions cost a fifth of the fingerprint's time.
    const old = bins[bin]!;
    const d = (value - old) | 0;
    bins[bin] = old + (d & (d >> 31));
  }
  const json = escapes & SPECIAL ? 'special' : escapes & QUOTED ? 'quoted' : 'plain';
  if (shingles < MIN_SHINGLES) return { fingerprint: null, json };
  const sketch = new Uint32Array(bins.buffer);
  for (let b = 0; b < BINS; b++) if (sketch[b] === UNSEEN) sketch[b] = 0xffffffff;
  densify(sketch);
  return { fingerprint: { sketch, shingles }, json };
}

// The texts' UTF-16 code units, a space between two, copied into a typed array the loop above
// reads: a load from a Uint16Array is cheaper than charCodeAt on a string, a fifth of the
// fingerprint's time for the price of one copy. Reused from call to call; a longer text gets a
// larger one.
let unitBuffer = Buffer.allocUnsafeSlow(64 * 1024);

function codeUnits(parts: readonly string[]): Uint16Array {
  let size = 0;
  for (const part of parts) size += part.length + 1;
  if (size * 2 > unitBuffer.length) unitBuffer = Buffer.allocUnsafeSlow(size * 2);
  let bytes = 0;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      // A space, stored byte by byte: writeUInt16LE's checks cost more than the store.
      unitBuffer[bytes] = 0x20;
      unitBuffer[bytes + 1] = 0;
      bytes += 2;
    }
    bytes += unitBuffer.write(parts[p]!, bytes, 'utf16le');
  }
  return new Uint16Array(unitBuffer.buffer, unitBuffer.byteOffset, bytes >>> 1);
}

/**
 * For every UTF-16 code unit: its case-folded code (ASCII letters lowered) when it belongs to a
 * word, 0 when it ends one. One load per character instead of the tests below: a sixth of
 * fingerprinting's time (128 KiB, built once). A character outside the basic plane (a surrogate
 * pair) ends a word, so that the scan for what JSON must escape sees it: such letters are rare
 * enough in news that a copy is still a copy.
 */
const WORD = (() => {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 65 && c <= 90) t[c] = c | 32;
    else if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) t[c] = c;
    else if (c >= 0xd800 && c <= 0xdfff) t[c] = 0;
    else if (c >= 128 && isWordChar(c)) t[c] = c;
  }
  return t;
})();

/** The estimated Jaccard similarity of two fingerprints' shingle sets, 0 to 1. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++;
  return same / BINS;
}

/** Letters and digits beyond ASCII; punctuation, spaces and symbols end a word. */
function isWordChar(c: number): boolean {
  if (c <= 0xbf) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  // General punctuation, CJK symbols, full-width ASCII punctuation, specials.
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return c < 0xfff0;
}

/** Every empty bin takes the next filled bin's value, shifted by the distance. */
function densify(sketch: Uint32Array): void {
  const EMPTY = 0xffffffff;
  let anyFilled = -1;
  for (let i = 0; i < BINS; i++) if (sketch[i] !== EMPTY) anyFilled = i;
  if (anyFilled < 0) return;
  const filled = sketch.slice();
  for (let i = 0; i < BINS; i++) {
    if (filled[i] !== EMPTY) continue;
    let d = 1;
    while (filled[(i + d) % BINS] === EMPTY) d++;
    sketch[i] = (filled[(i + d) % BINS]! + Math.imul(d, 0x02000000)) >>> 0;
  }
}

/** murmur3's finaliser: every input bit reaches every output bit. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
