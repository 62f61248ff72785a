// Export: every article of a search through `GET /export.csv` and `/export.ndjson` of the app
// (createApp as `ireum serve` builds it, in its own process), over a generated corpus of
// 200,000 articles by default. Figures: rows/s of each format against the same engine pages
// asked straight from the engine (search_after, same bodies, nothing formatted or sent on), and
// the app's peak RSS exporting all rows against exporting a tenth of them, each in a fresh app
// process: streaming keeps memory flat, so the peak must not grow with the export. Peak RSS also
// follows V8's heap growth between full collections (src/cli/heap.ts), so the heap still in use
// after a forced collection once the export is done is reported too: a leak would show there.
// (The app process runs with --expose-gc, which changes nothing until gc() is called.)
//
//   node dist/bench/export.js [--n 200000] [--keep]

import type { Client, estypes } from '@elastic/elasticsearch';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { destination, pino } from 'pino';
import { PROJECT_ROOT, connectOptions, readConfig } from '../src/cli/config.js';
import { createCompatClient } from '../src/engine/client.js';
import { createEngineExportService } from '../src/engine/exportService.js';
import { createEngineSearchService } from '../src/engine/searchService.js';
import { articlesMappingPath, loadMapping } from '../src/indexing/mappings.js';
import { reindex } from '../src/indexing/reindex.js';
import {
  DEFAULT_EXPORT_PAGE_SIZE,
  exportPageRequest,
  exportQuery,
  type ExportFormat,
} from '../src/search/export.js';
import { parseSearchParams } from '../src/search/params.js';
import { createApp } from '../src/web/app.js';
import { boundHeapGrowth } from '../src/cli/heap.js';
import {
  boolFlag,
  deleteIndices,
  ensureCorpus,
  flag,
  fmt,
  isMain,
  mib,
  numberFlag,
  openEngine,
  runMain,
  type Engine,
  type Row,
} from './lib.js';

const TARGET_ROWS_PER_S = 5_000;
/** Peak RSS of the full export over that of a tenth of it. */
const TARGET_RSS_RATIO = 1.2;
/** The same for the heap still in use after the export: nothing of it may be kept. */
const TARGET_RETAINED_RATIO = 1.1;
const SELF = fileURLToPath(import.meta.url);

interface Usage {
  /** process.resourceUsage().maxRSS, in bytes: the child's peak over its whole life. */
  maxRss: number;
  /** Highest heapUsed sampled every 20 ms. */
  peakHeap: number;
  /** heapUsed after a full collection, once the export is over. */
  retainedHeap: number;
}

interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  usage: Usage;
}

// ---------------------------------------------------------------------------------------------
// The app, in a child process (`--serve`)

async function serve(): Promise<void> {
  const url = flag('url');
  const alias = flag('alias');
  if (!url || !alias) throw new Error('--url and --alias are required');
  const client = createCompatClient(connectOptions(readConfig(), url));
  // As `ireum serve` does: keep V8's old generation from growing in big steps between collections.
  boundHeapGrowth();
  const app = createApp({
    search: createEngineSearchService({ client, alias }),
    exporter: createEngineExportService({ client, alias }),
    alias,
    env: 'production',
    // The request log as `ireum serve` writes it, into /dev/null.
    logger: pino({ level: 'info' }, destination({ dest: '/dev/null', sync: false })),
  });
  let peakHeap = 0;
  setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20).unref();
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
  });
  process.on('message', (m) => {
    if (m !== 'usage') return;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    (globalThis as { gc?: () => void }).gc?.();
    const usage: Usage = { maxRss, peakHeap, retainedHeap: process.memoryUsage().heapUsed };
    process.send?.({ usage });
  });
  process.on('disconnect', () => {
    server.close();
    void client.close();
  });
}

function startApp(url: string, alias: string): Promise<{ base: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--serve', '--url', url, '--alias', alias], {
      env: { ...process.env, NODE_ENV: 'production' },
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) =>
      resolve({ base: `http://127.0.0.1:${(m as { port: number }).port}`, child }),
    );
    child.once('exit', (code) => reject(new Error(`export app exited with ${code}`)));
  });
}

function usageOf(child: ChildProcess): Promise<Usage> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      const usage = (m as { usage?: Usage }).usage;
      if (usage === undefined) return;
      child.off('message', onMessage);
      resolve(usage);
    };
    child.on('message', onMessage);
    child.send('usage');
  });
}

/** One export in a fresh app process: the whole body read as it comes, rows counted. */
async function exportOnce(
  url: string,
  alias: string,
  format: ExportFormat,
  query: string,
): Promise<ExportRun> {
  const { base, child } = await startApp(url, alias);
  try {
    const t0 = performance.now();
    const res = await fetch(`${base}/export.${format}${query}`);
    if (res.status !== 200 || res.body === null) throw new Error(`export: HTTP ${res.status}`);
    const total = Number(res.headers.get('x-total-count'));
    let lines = 0;
    let bytes = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    const seconds = (performance.now() - t0) / 1000;
    // Generated titles hold no line breaks: one line per row, and the CSV's header.
    const rows = format === 'csv' ? lines - 1 : lines;
    if (rows !== total) throw new Error(`export wrote ${rows} rows of ${total}`);
    return { rows, bytes, seconds, usage: await usageOf(child) };
  } finally {
    child.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Baseline and the smaller export

/** The export's own engine requests, page after page, straight from the engine. */
async function enginePaging(client: Client, alias: string): Promise<{ rows: number; s: number }> {
  const index = Object.keys(await client.indices.getAlias({ name: alias }))[0]!;
  const query = exportQuery(parseSearchParams({}));
  const t0 = performance.now();
  let rows = 0;
  let after: estypes.SortResults | null = null;
  for (;;) {
    const page: estypes.SearchResponse<unknown> = await client.search({
      index,
      ...exportPageRequest(query, { after, countTotal: after === null }),
    });
    const hits = page.hits.hits;
    rows += hits.length;
    if (hits.length < DEFAULT_EXPORT_PAGE_SIZE) break;
    after = hits[hits.length - 1]!.sort!;
  }
  return { rows, s: (performance.now() - t0) / 1000 };
}

/**
 * The day `to` such that `?to=<day>` matches about `want` articles (at least that many, within
 * one day's articles): a binary search over the corpus's days with `_count`.
 */
async function dayForCount(client: Client, alias: string, want: number) {
  const day = 86_400_000;
  const iso = (d: number) => new Date(d * day).toISOString().slice(0, 10);
  const range = (await client.search({
    index: alias,
    size: 0,
    aggs: { first: { min: { field: 'date' } }, last: { max: { field: 'date' } } },
  })) as unknown as { aggregations: Record<'first' | 'last', { value: number }> };
  let lo = Math.floor(range.aggregations.first.value / day);
  let hi = Math.floor(range.aggregations.last.value / day);
  const countTo = async (d: number) =>
    (
      await client.count({
        index: alias,
        query: { range: { date: { lte: iso(d), format: 'strict_date' } } },
      })
    ).count;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await countTo(mid)) >= want) hi = mid;
    else lo = mid + 1;
  }
  return { to: iso(lo), count: await countTo(lo) };
}

// ---------------------------------------------------------------------------------------------

export async function benchExport(opts: { n?: number; keep?: boolean } = {}): Promise<Row[]> {
  const n = opts.n ?? 200_000;
  const engine = await openEngine();
  const alias = `bench-export-${process.pid}`;
  try {
    const dir = ensureCorpus(n);
    const mapping = await loadMapping(articlesMappingPath(PROJECT_ROOT));
    console.error(`reindexing ${fmt(n)} articles into ${alias}`);
    const r = await reindex({ client: engine.client, source: dir, alias, mapping });
    console.error(`reindexed ${fmt(r.indexed)} in ${r.seconds.toFixed(0)} s`);
    return await exportRows(engine, alias, r.indexed);
  } finally {
    if (!opts.keep) await deleteIndices(engine.client, `${alias}-*`);
    await engine.client.close();
  }
}

/**
 * The export figures on an alias that holds `indexed` articles: every row in both formats over
 * HTTP against the engine's own paging, and the app's memory for all rows against a tenth.
 */
export async function exportRows(
  engine: Engine,
  alias: string,
  indexed: number,
  label = '',
): Promise<Row[]> {
  const raw = await enginePaging(engine.client, alias);
  const rawRate = raw.rows / raw.s;
  console.error(`engine paging alone: ${fmt(raw.rows)} rows in ${raw.s.toFixed(1)} s`);

  const tenth = await dayForCount(engine.client, alias, Math.round(indexed / 10));
  const small = await exportOnce(engine.url, alias, 'csv', `?to=${tenth.to}`);
  console.error(
    `csv, to=${tenth.to}: ${fmt(small.rows)} rows in ${small.seconds.toFixed(1)} s, ` +
      `peak RSS ${mib(small.usage.maxRss)}`,
  );
  const runs: Record<ExportFormat, ExportRun> = {
    csv: await exportOnce(engine.url, alias, 'csv', ''),
    ndjson: await exportOnce(engine.url, alias, 'ndjson', ''),
  };
  const rows: Row[] = [];
  for (const format of ['csv', 'ndjson'] as const) {
    const run = runs[format];
    const rate = run.rows / run.seconds;
    console.error(
      `${format}: ${fmt(run.rows)} rows, ${mib(run.bytes)} in ${run.seconds.toFixed(1)} s, ` +
        `peak RSS ${mib(run.usage.maxRss)}`,
    );
    rows.push({
      figure: `${label}export ${format.toUpperCase()} over HTTP, all ${fmt(run.rows)} articles`,
      value: `${fmt(rate)} rows/s (${run.seconds.toFixed(1)} s)`,
      baseline: `${fmt(rawRate)} rows/s engine paging alone`,
      ratio: `${(rate / rawRate).toFixed(2)}x`,
      target: `>= ${fmt(TARGET_ROWS_PER_S)} rows/s, every row`,
      pass: rate >= TARGET_ROWS_PER_S && run.rows === indexed,
      engine: engine.label,
    });
  }
  const large = runs.csv;
  const ratio = large.usage.maxRss / small.usage.maxRss;
  rows.push({
    figure: `${label}app peak RSS, CSV export of ${fmt(large.rows)} vs ${fmt(small.rows)} rows`,
    value: `${mib(large.usage.maxRss)} (heap ${mib(large.usage.peakHeap)})`,
    baseline: `${mib(small.usage.maxRss)} (heap ${mib(small.usage.peakHeap)})`,
    ratio: `${ratio.toFixed(2)}x`,
    target: `<= ${TARGET_RSS_RATIO}x`,
    pass: ratio <= TARGET_RSS_RATIO,
    engine: engine.label,
  });
  const retained = large.usage.retainedHeap / small.usage.retainedHeap;
  rows.push({
    figure: `${label}app heap in use after the export (forced GC), ${fmt(large.rows)} vs ${fmt(small.rows)} rows`,
    value: mib(large.usage.retainedHeap),
    baseline: mib(small.usage.retainedHeap),
    ratio: `${retained.toFixed(2)}x`,
    target: `<= ${TARGET_RETAINED_RATIO}x`,
    pass: retained <= TARGET_RETAINED_RATIO,
    engine: engine.label,
  });
  return rows;
}

if (isMain(import.meta.url)) {
  if (boolFlag('serve')) await serve();
  else
    await runMain('Export', () =>
      benchExport({ n: numberFlag('n', 200_000), keep: boolFlag('keep') }),
    );
}
