import { setFlagsFromString } from 'node:v8';

/**
 * Keeps a long reindex's memory flat. Reindexing streams, so what it keeps alive is small (a few
 * bulk bodies and the code), but between full collections V8 lets the old generation grow to up
 * to four times that, and how close it gets depends on how long the run lasts: peak RSS was 249
 * MiB for 10,000 articles and 356 MiB for 100,000. A growth factor of 1.5 gave 208 and 225 MiB,
 * with no measurable cost in time (bench/memory.ts). V8 reads the flag at every collection, so
 * setting it after start-up takes effect.
 */
export function boundHeapGrowth(percent = 50): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
