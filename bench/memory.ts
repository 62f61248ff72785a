// Memory: peak RSS of a child process reindexing a corpus and a ten times larger one. Reindex
// streams (one file in memory, bounded bulk buffers), so the peak must not grow with the corpus.
// Its bounded tables fill up first: the wire-copy clusterer remembers the last 20,000 articles
// (src/articles/clusters.ts), so the smaller corpus is that size, or the figure would measure the
// window filling (10,000 / 20,000 / 100,000 articles peaked at 140 / 149 / 154 MiB), not growth.
// A peak is the top of a sawtooth whose teeth fall where collections happen to run, so one run of
// the same corpus reads a few MiB either way (136-146 MiB for 10,000 here): each size runs three
// times, alternating, and the medians are compared.
//
//   node dist/bench/memory.js [--quick] [--rounds 3]
//                                              20,000 vs 200,000 (quick: 20,000 vs 40,000)
//   node dist/bench/memory.js --heap-cap 96    children run with --max-old-space-size=96: what
//                                              reindex keeps alive, without V8's heap slack
//   node dist/bench/memory.js --v8-default     without the heap growth bound `ireum reindex` sets

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CAPACITY } from '../src/articles/clusters.js';
import {
  boolFlag,
  ensureCorpus,
  flag,
  fmt,
  isMain,
  mib,
  numberFlag,
  runMain,
  type Row,
} from './lib.js';

export const TARGET_RATIO = 1.1;
const CHILD = fileURLToPath(new URL('./memoryChild.js', import.meta.url));

export interface ChildReport {
  docs: number;
  index: string;
  docsPerSecond: number;
  seconds: number;
  maxRss: number;
  sampledRss: number;
  peakHeap: number;
  engine: string;
}

/** One reindex of `source` in a fresh process, as `ireum reindex` runs it, and its peak memory. */
export function runChild(
  source: string,
  opts: { heapCapMb?: number; v8Default?: boolean; keepAs?: string } = {},
): Promise<ChildReport> {
  const nodeArgs = opts.heapCapMb === undefined ? [] : [`--max-old-space-size=${opts.heapCapMb}`];
  const childArgs = [
    '--source',
    source,
    ...(opts.v8Default ? ['--v8-default'] : []),
    ...(opts.keepAs !== undefined ? ['--alias', opts.keepAs, '--keep'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CHILD, ...childArgs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`memory child exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport);
    });
  });
}

export async function benchMemory(
  opts: { quick?: boolean; heapCapMb?: number; v8Default?: boolean; rounds?: number } = {},
): Promise<Row[]> {
  const small = DEFAULT_CAPACITY;
  const large = opts.quick ? 2 * small : 10 * small;
  const smallDir = ensureCorpus(small);
  const largeDir = ensureCorpus(large);
  const smalls: ChildReport[] = [];
  const larges: ChildReport[] = [];
  for (let round = 0; round < (opts.rounds ?? 3); round++) {
    for (const [dir, sink] of [
      [smallDir, smalls],
      [largeDir, larges],
    ] as const) {
      const r = await runChild(dir, opts);
      sink.push(r);
      console.error(
        `memory: ${fmt(r.docs)} docs, peak RSS ${mib(r.maxRss)}, heap ${mib(r.peakHeap)}`,
      );
    }
  }
  const a = medianRun(smalls);
  const b = medianRun(larges);
  const ratio = b.maxRss / a.maxRss;
  return [
    {
      figure:
        `reindex peak RSS, ${fmt(large)} vs ${fmt(small)} articles` +
        (opts.heapCapMb === undefined ? '' : ` (old space capped at ${opts.heapCapMb} MB)`) +
        (opts.v8Default ? ' (V8 default heap growth)' : ''),
      value: `${mib(b.maxRss)} (heap ${mib(b.peakHeap)}; runs ${peaks(larges)})`,
      baseline: `${mib(a.maxRss)} (heap ${mib(a.peakHeap)}; runs ${peaks(smalls)})`,
      ratio: `${ratio.toFixed(2)}x`,
      target: `<= ${TARGET_RATIO}x`,
      pass: ratio <= TARGET_RATIO,
      engine: b.engine,
    },
  ];
}

/** The run with the median peak RSS. */
function medianRun(runs: readonly ChildReport[]): ChildReport {
  const sorted = [...runs].sort((x, y) => x.maxRss - y.maxRss);
  return sorted[(sorted.length - 1) >> 1]!;
}

function peaks(runs: readonly ChildReport[]): string {
  return runs.map((r) => (r.maxRss / 1048576).toFixed(0)).join(', ');
}

if (isMain(import.meta.url)) {
  const cap = flag('heap-cap');
  await runMain('Memory', () =>
    benchMemory({
      quick: boolFlag('quick'),
      v8Default: boolFlag('v8-default'),
      rounds: numberFlag('rounds', 3),
      ...(cap !== undefined ? { heapCapMb: numberFlag('heap-cap', 96) } : {}),
    }),
  );
}
