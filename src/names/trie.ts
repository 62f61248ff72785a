/**
 * Literal spellings as a trie over UTF-16 code units, held in flat typed arrays. Walking it from
 * a place in a text costs two array loads per character and stops at the first character no
 * spelling continues with. The name scan used to try a regex alternation there and then slice
 * the match to look its prefixes up in a map: a call into the regex engine and a fresh string to
 * hash at every capital that opens a surname (about 60 an article).
 */
export class SpellingTrie<T extends { text: string }> {
  /** Each character that occurs in a spelling has a class of its own; every other is 0. */
  private readonly classOf = new Uint16Array(0x10000);
  private readonly width: number;
  /** Node * width + class -> child node, 0 for none (node 0, the root, is nobody's child). */
  private readonly next: Int32Array;
  /** Node -> index + 1 of the entry spelled by the path to it, 0 for none. */
  private readonly ends: Int32Array;
  /** Node -> whether an entry that `marked` accepts ends at it or below it. */
  private readonly markedBelow: Uint8Array;
  /** Entry index -> whether `marked` accepts it. */
  private readonly isMarked: Uint8Array;

  constructor(
    private readonly entries: readonly T[],
    marked: (entry: T) => boolean = () => false,
  ) {
    let classes = 1;
    for (const { text } of entries) {
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (this.classOf[c] === 0) this.classOf[c] = classes++;
      }
    }
    this.width = classes;
    // Every entry's path, counted generously (shared prefixes make it fewer).
    let capacity = 1;
    for (const { text } of entries) capacity += text.length;
    const next = new Int32Array(capacity * classes);
    const ends = new Int32Array(capacity);
    const markedBelow = new Uint8Array(capacity);
    this.isMarked = new Uint8Array(entries.length);
    let nodes = 1;
    entries.forEach((entry, index) => {
      const isMarked = marked(entry);
      this.isMarked[index] = isMarked ? 1 : 0;
      let node = 0;
      if (isMarked) markedBelow[0] = 1;
      for (let k = 0; k < entry.text.length; k++) {
        const slot = node * classes + this.classOf[entry.text.charCodeAt(k)]!;
        if (next[slot] === 0) next[slot] = nodes++;
        node = next[slot]!;
        if (isMarked) markedBelow[node] = 1;
      }
      if (ends[node] === 0) ends[node] = index + 1;
    });
    // Typeset copy writes McCune-Reischauer's apostrophe curly (`Ch’oe`): it walks as the
    // straight one the spellings are written with.
    for (const typeset of [0x2019, 0x02bc]) {
      if (this.classOf[typeset] === 0) this.classOf[typeset] = this.classOf[0x27]!;
    }
    this.next = next.slice(0, nodes * classes);
    this.ends = ends.slice(0, nodes);
    this.markedBelow = markedBelow.slice(0, nodes);
  }

  /**
   * Writes into `out` the entries spelled by `text` from `i` onwards, shortest first, and returns
   * how many. With `markedOnly`, only the entries `marked` accepted (the walk stops where none
   * is left below).
   */
  walk(text: string, i: number, markedOnly: boolean, out: T[]): number {
    const { classOf, next, ends, markedBelow, isMarked, width, entries } = this;
    let node = 0;
    let found = 0;
    for (let k = i; k < text.length; k++) {
      const cls = classOf[text.charCodeAt(k)]!;
      if (cls === 0) break;
      node = next[node * width + cls]!;
      if (node === 0 || (markedOnly && markedBelow[node] === 0)) break;
      const end = ends[node]!;
      if (end !== 0 && (!markedOnly || isMarked[end - 1] === 1)) out[found++] = entries[end - 1]!;
    }
    return found;
  }
}
