// Parse and transform alone, no engine: decode + parse + extractPeople + buildDocument over the
// generated folder, against only reading the same files (the floor any pipeline pays). The target
// is relative to what the engine can ingest: parsing must never be what a reindex waits on.
//
//   node dist/bench/parse.js [--n 20000] [--rounds 3] [--ingest <docs/s>]

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { readArticles, toDocument } from '../src/articles/walk.js';
import {
  boolFlag,
  ensureCorpus,
  fmt,
  isMain,
  listArticleFiles,
  median,
  numberFlag,
  runMain,
  type Row,
} from './lib.js';
import { profileReport } from './profile.js';

/**
 * The engine ingest rate quoted in the performance issue (OpenSearch, 1 GiB heap, this mapping),
 * used when no rate measured in the same run is passed in.
 */
export const REFERENCE_INGEST_RATE = 7_000;
const TARGET_MULTIPLE = 10;

export interface ParseBench {
  rows: Row[];
  /** Articles per second of the full read + transform pipeline. */
  pipelineRate: number;
  /** Where the pipeline's time goes, when its target failed (or `profile: 'always'`). */
  profile?: string[];
}

export async function benchParse(
  opts: {
    n?: number;
    rounds?: number;
    ingestRate?: number;
    ingestSource?: string;
    profile?: 'always' | 'on-fail';
  } = {},
): Promise<ParseBench> {
  const n = opts.n ?? 20_000;
  const rounds = opts.rounds ?? 3;
  const dir = ensureCorpus(n);
  const files = listArticleFiles(dir);
  let totalBytes = 0;

  // (1) Reading alone, as the walk reads each file before any decoding: open, fstat, read into
  // one reused buffer, close.
  const scratch = Buffer.allocUnsafe(256 * 1024);
  const readOnly = (): number => {
    const t0 = performance.now();
    let bytes = 0;
    for (const f of files) {
      const fd = openSync(join(dir, f), 'r');
      const { size } = fstatSync(fd);
      const buffer = size <= scratch.length ? scratch : Buffer.allocUnsafe(size);
      for (let n = 1, read = 0; read < size && n > 0; read += n) {
        n = readSync(fd, buffer, read, size - read, read);
        bytes += n;
      }
      closeSync(fd);
    }
    totalBytes = bytes;
    return (performance.now() - t0) / 1000;
  };
  // (2) The transform alone, on bytes already in memory.
  const buffers = files.map((f) => readFileSync(join(dir, f)));
  const transformOnly = (): number => {
    const t0 = performance.now();
    let ok = 0;
    for (let i = 0; i < files.length; i++) if (toDocument(buffers[i]!, files[i]!).ok) ok++;
    if (ok !== files.length) throw new Error(`${files.length - ok} generated files were rejected`);
    return (performance.now() - t0) / 1000;
  };
  // (3) The pipeline reindex consumes: walk + read + transform.
  const pipeline = async (): Promise<number> => {
    const t0 = performance.now();
    let count = 0;
    for await (const r of readArticles(dir)) if (r.ok) count++;
    if (count !== files.length) throw new Error(`walk parsed ${count} of ${files.length}`);
    return (performance.now() - t0) / 1000;
  };

  // One untimed pass of each warms the JIT and the page cache.
  readOnly();
  transformOnly();
  await pipeline();
  const read: number[] = [];
  const transform: number[] = [];
  const full: number[] = [];
  for (let r = 0; r < rounds; r++) {
    read.push(readOnly());
    transform.push(transformOnly());
    full.push(await pipeline());
  }
  const count = files.length;
  const mb = totalBytes / 1e6;
  const rate = (secs: number[]) => count / median(secs);
  const mbps = (secs: number[]) => mb / median(secs);
  const readRate = rate(read);
  const transformRate = rate(transform);
  const pipelineRate = rate(full);
  const ingest = opts.ingestRate ?? REFERENCE_INGEST_RATE;
  const ingestLabel = opts.ingestSource ?? `${fmt(REFERENCE_INGEST_RATE)} docs/s (issue reference)`;
  const perSec = (r: number, secs: number[]) => `${fmt(r)} art/s, ${fmt(mbps(secs), 1)} MB/s`;

  const rows: Row[] = [
    {
      figure: `read files only (${fmt(count)} files, ${fmt(mb, 1)} MB)`,
      value: perSec(readRate, read),
      baseline: '-',
      ratio: '-',
      target: '-',
      pass: null,
    },
    {
      figure: 'parse+transform (bytes in memory)',
      value: perSec(transformRate, transform),
      baseline: `read only ${fmt(readRate)} art/s`,
      ratio: `${(transformRate / readRate).toFixed(2)}x read`,
      target: '-',
      pass: null,
    },
    {
      figure: 'read+parse+transform (readArticles)',
      value: perSec(pipelineRate, full),
      baseline: `ingest ${ingestLabel}`,
      ratio: `${(pipelineRate / ingest).toFixed(1)}x ingest`,
      target: `>= ${TARGET_MULTIPLE}x ingest`,
      pass: pipelineRate >= TARGET_MULTIPLE * ingest,
    },
  ];
  const pass = rows.at(-1)!.pass;
  if (pass === false || opts.profile === 'always') {
    const profile = await profileReport(
      'readArticles',
      'readArticles, one more pass',
      pipeline,
      count,
      100,
    );
    return { rows, pipelineRate, profile };
  }
  return { rows, pipelineRate };
}

if (isMain(import.meta.url)) {
  await runMain('Parse and transform (no engine)', async () => {
    const ingest = numberFlag('ingest', REFERENCE_INGEST_RATE);
    return benchParse({
      ...(boolFlag('profile') ? { profile: 'always' as const } : {}),
      n: numberFlag('n', 20_000),
      rounds: numberFlag('rounds', 3),
      ingestRate: ingest,
      ingestSource:
        ingest === REFERENCE_INGEST_RATE
          ? `${fmt(ingest)} docs/s (issue reference)`
          : `${fmt(ingest)} docs/s (--ingest)`,
    });
  });
}
