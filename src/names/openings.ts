/**
 * The first three characters of a set of spellings, for ruling out most places quickly: a
 * bit per triple of character classes. Each character that occurs in a spelling gets a class of
 * its own (up to 126 of them; any more share the last), every other character is class 0, and a
 * spelling shorter than three characters opens with any class after its end. So `mayOpen` can
 * say yes where no spelling starts, but never no where one does.
 */
export class Openings {
  private readonly classOf = new Uint8Array(0x10000);
  private readonly bits = new Uint8Array((128 * 128 * 128) / 8);

  constructor(spellings: Iterable<string>) {
    let next = 1;
    const classes = (s: string): number[][] => {
      const out: number[][] = [];
      for (let k = 0; k < 3; k++) {
        if (k >= s.length) {
          out.push(Array.from({ length: 128 }, (_, c) => c));
          continue;
        }
        const ch = s.charCodeAt(k);
        if (this.classOf[ch] === 0) this.classOf[ch] = Math.min(next++, 127);
        out.push([this.classOf[ch]!]);
      }
      return out;
    };
    for (const s of spellings) {
      if (s === '') continue;
      const [a, b, c] = classes(s) as [number[], number[], number[]];
      for (const x of a) for (const y of b) for (const z of c) this.set((x << 14) | (y << 7) | z);
    }
  }

  /** Whether a spelling may start at `i` of `text`. */
  mayOpen(text: string, i: number): boolean {
    const classOf = this.classOf;
    const t =
      ((classOf[text.charCodeAt(i)] ?? 0) << 14) |
      ((classOf[text.charCodeAt(i + 1)] ?? 0) << 7) |
      (classOf[text.charCodeAt(i + 2)] ?? 0);
    return (this.bits[t >> 3]! & (1 << (t & 7))) !== 0;
  }

  private set(t: number): void {
    this.bits[t >> 3]! |= 1 << (t & 7);
  }
}
