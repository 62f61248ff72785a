import { BINS, type Fingerprint } from './fingerprint.js';

// Wire-copy clusters, assigned as articles stream past: each article joins the cluster of the
// most similar earlier article dated within WINDOW_DAYS of it, when they share at least
// THRESHOLD of their shingles (estimated), or starts a cluster of its own. The cluster id is the
// first member's, so an article that is nobody's copy keeps its own and collapsing changes
// nothing for it.
//
// Memory is bounded: the clusterer remembers the last `capacity` articles it was shown, with an
// 8-bit-per-bin sketch each (b-bit minwise hashing: two unrelated bins agree by chance 1 time in
// 256, which adds 0.004 to an estimate) and their candidate keys in one open-addressing table of typed arrays.
// Archives laid out by date (2019/…, 2019/03/…) keep every copy within reach; in a layout where
// copies of a story are read more than `capacity` articles apart they are not matched.

/** Copies of one story are filed within this many days of each other. */
export const WINDOW_DAYS = 3;
/**
 * Estimated shingle Jaccard at or above which two articles are one story: the middle of the gap
 * on the labelled dev set (test/fixtures/clusters/dev), where the least alike copies (a lead
 * rewritten and a paragraph added) share 0.45 and the most alike different stories (a next-day
 * follow-up reusing two background paragraphs) 0.27. Two agencies' own stories on one event
 * share names and stock phrases but few runs of four words (0.15-0.25).
 */
export const THRESHOLD = 0.36;
/** Articles remembered; a national wire files a few hundred a day. */
export const DEFAULT_CAPACITY = 20_000;
/**
 * Candidate keys per article: bins 0..KEYS-1 of the sketch. Two articles at Jaccard J share
 * one with probability 1-(1-J)^KEYS: 0.99 at the threshold, 0.999 at J=0.5.
 */
const KEYS = 10;
/** Candidates followed per key; a stock phrase's key must not make every article a candidate. */
const MAX_CHAIN = 16;

export interface ClusterInput {
  id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  fingerprint: Fingerprint | null;
}

export interface ClusterMatch {
  cluster: string;
  /** The article it was matched to, with the estimated similarity; null when it leads. */
  match: { id: string; similarity: number } | null;
}

export class Clusterer {
  private readonly capacity: number;
  private readonly sketches: Uint8Array;
  private readonly days: Int32Array;
  private readonly ids: string[];
  private readonly labels: string[];
  private readonly chain: Int32Array;
  /** Each remembered article's table keys, to rebuild the table from. */
  private readonly slotKeys: Uint32Array;
  private keys = new Uint32Array(1 << 12);
  private heads = new Int32Array(1 << 12);
  private used = 0;
  private next = 0;
  /** Which lookup last compared each slot, so an article sharing several keys is compared once. */
  private readonly visited: Int32Array;
  private query = 0;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.capacity = capacity;
    this.sketches = new Uint8Array(capacity * BINS);
    this.days = new Int32Array(capacity);
    this.ids = new Array<string>(capacity);
    this.labels = new Array<string>(capacity);
    this.chain = new Int32Array(capacity * KEYS);
    this.slotKeys = new Uint32Array(capacity * KEYS);
    this.visited = new Int32Array(capacity);
  }

  /** The cluster `input` belongs to, remembering it for the articles that follow. */
  assign(input: ClusterInput): ClusterMatch {
    const fp = input.fingerprint;
    if (fp === null) return { cluster: input.id, match: null };
    const day = dayNumber(input.date);
    const folded = fold(fp.sketch);
    const best = this.best(input.id, day, fp.sketch, folded);
    const cluster = best === null ? input.id : this.labels[best.slot]!;
    this.remember(input.id, day, fp.sketch, folded, cluster);
    return {
      cluster,
      match: best === null ? null : { id: this.ids[best.slot]!, similarity: best.similarity },
    };
  }

  /** Remembers an article whose cluster is already known (one the index holds). */
  seed(input: ClusterInput & { cluster: string }): void {
    if (input.fingerprint === null) return;
    const sketch = input.fingerprint.sketch;
    this.remember(input.id, dayNumber(input.date), sketch, fold(sketch), input.cluster);
  }

  private best(
    id: string,
    day: number,
    sketch: Uint32Array,
    folded: Uint8Array,
  ): { slot: number; similarity: number } | null {
    const oldest = this.next - this.capacity;
    const stamp = ++this.query;
    const sketches = this.sketches;
    let bestSlot = -1;
    let bestSame = Math.ceil(THRESHOLD * BINS);
    for (let k = 0; k < KEYS; k++) {
      let seq = this.lookup(keyOf(k, sketch[k]!)) - 1;
      for (let steps = 0; seq >= 0 && seq >= oldest && steps < MAX_CHAIN; steps++) {
        const slot = seq % this.capacity;
        if (this.visited[slot] !== stamp) {
          this.visited[slot] = stamp;
          if (Math.abs(this.days[slot]! - day) <= WINDOW_DAYS && this.ids[slot] !== id) {
            // Counted until the article can no longer beat the best so far: most candidates
            // are strangers that share one stock phrase, and they drop out early.
            const allowed = BINS - bestSame;
            const base = slot * BINS;
            let differ = 0;
            let i = 0;
            for (; i < BINS && differ <= allowed; i++)
              if (sketches[base + i] !== folded[i]) differ++;
            const same = i - differ;
            if (i === BINS && (same > bestSame || (same === bestSame && bestSlot < 0))) {
              bestSame = same;
              bestSlot = slot;
            }
          }
        }
        seq = this.chain[slot * KEYS + k]! - 1;
      }
    }
    return bestSlot < 0 ? null : { slot: bestSlot, similarity: bestSame / BINS };
  }

  private remember(
    id: string,
    day: number,
    sketch: Uint32Array,
    folded: Uint8Array,
    cluster: string,
  ): void {
    const seq = this.next++;
    const slot = seq % this.capacity;
    this.sketches.set(folded, slot * BINS);
    this.days[slot] = day;
    this.ids[slot] = id;
    this.labels[slot] = cluster;
    this.reserve();
    for (let k = 0; k < KEYS; k++) {
      const key = keyOf(k, sketch[k]!);
      this.slotKeys[slot * KEYS + k] = key;
      this.link(seq, key, k);
    }
  }

  private link(seq: number, key: number, k: number): void {
    const mask = this.keys.length - 1;
    let i = key & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    if (this.keys[i] === 0) {
      this.keys[i] = key;
      this.used++;
    }
    const older = this.heads[i]! - 1;
    // Only a live article may be followed: a slot reused since then holds someone else.
    this.chain[(seq % this.capacity) * KEYS + k] =
      older >= this.next - this.capacity ? older + 1 : 0;
    this.heads[i] = seq + 1;
  }

  private lookup(key: number): number {
    const mask = this.keys.length - 1;
    let i = key & mask;
    while (this.keys[i] !== 0) {
      if (this.keys[i] === key) return this.heads[i]!;
      i = (i + 1) & mask;
    }
    return 0;
  }

  /**
   * Keeps the table under 3/4 full for the next article's keys: rebuilt from the live articles
   * alone (keys of forgotten ones go), doubled first when those alone would fill half of it.
   */
  private reserve(): void {
    if ((this.used + KEYS) * 4 < this.keys.length * 3) return;
    const live = Math.min(this.next, this.capacity);
    let size = this.keys.length;
    while (live * KEYS * 2 > size) size *= 2;
    this.keys = new Uint32Array(size);
    this.heads = new Int32Array(size);
    this.used = 0;
    // The article being remembered (seq next-1) links its keys after this.
    for (let seq = this.next - live; seq < this.next - 1; seq++) {
      const slot = seq % this.capacity;
      for (let k = 0; k < KEYS; k++) this.link(seq, this.slotKeys[slot * KEYS + k]!, k);
    }
  }
}

/** The 8 bits of each sketch value that are stored and compared. */
function fold(sketch: Uint32Array): Uint8Array {
  const out = new Uint8Array(BINS);
  for (let i = 0; i < BINS; i++) {
    const v = Math.imul(sketch[i]! ^ (sketch[i]! >>> 15), 0x2c1b3c6d);
    out[i] = (v ^ (v >>> 16) ^ (v >>> 8)) & 0xff;
  }
  return out;
}

/** A nonzero table key for bin k holding value v. */
function keyOf(k: number, v: number): number {
  let x = Math.imul(v ^ Math.imul(k + 1, 0x9e3779b9), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return (x | 1) >>> 0;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}
