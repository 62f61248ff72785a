// `npm run bench`: reindex, parse, memory, search, incremental indexing and scale in one run,
// then one table. The parse target uses the engine ingest rate measured by the reindex benchmark
// in this same run.
//
//   node dist/bench/all.js [--n 20000] [--quick] [--no-scale] [--scale-n 200000]
//                          [--incremental-n 200000]
//
// --quick (CI-sized) and --no-scale leave out the 200,000-article scale run (most of the time);
// --quick also runs the incremental benchmark over 5,000 articles instead of 200,000.

import { benchIncremental } from './incremental.js';
import { benchMemory } from './memory.js';
import { benchParse } from './parse.js';
import { benchReindex } from './reindex.js';
import { benchScale } from './scale.js';
import { benchSearch } from './search.js';
import { boolFlag, fmt, numberFlag, openEngine, printRows, type Row } from './lib.js';

const started = Date.now();
const quick = boolFlag('quick');
const n = numberFlag('n', quick ? 5_000 : 20_000);
const rows: Row[] = [];
const section = async (name: string, run: () => Promise<Row[]>) => {
  console.error(`\n== ${name}`);
  try {
    const r = await run();
    printRows(name, r);
    rows.push(...r);
  } catch (err) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    rows.push({
      figure: `${name}: error`,
      value: String(err),
      baseline: '-',
      ratio: '-',
      target: '-',
      pass: false,
    });
  }
};

const engine = await openEngine();
let ingest: number | undefined;
try {
  await section('Reindex throughput', async () => {
    const r = await benchReindex({ n, engine, rounds: numberFlag('rounds', 2) });
    ingest = r.rawRate;
    return r.rows;
  });
  await section('Parse and transform', async () => {
    const r = await benchParse({
      n,
      ...(ingest !== undefined
        ? { ingestRate: ingest, ingestSource: `${fmt(ingest)} docs/s (raw _bulk, this run)` }
        : {}),
    });
    return r.rows;
  });
  await section('Memory', () => benchMemory({ quick }));
  await section('Search latency', () =>
    benchSearch({ engine, n: numberFlag('search-n', quick ? 5_000 : 10_000) }),
  );
  // After the other engine sections (it reindexes a large corpus), before scale.
  await section('Incremental indexing', () =>
    benchIncremental({ engine, n: numberFlag('incremental-n', quick ? 5_000 : 200_000) }),
  );
} finally {
  await engine.client.close();
}
if (!quick && !boolFlag('no-scale')) {
  await section('Scale', () => benchScale({ n: numberFlag('scale-n', 200_000) }));
}

printRows(
  `Ireum benchmarks (${new Date().toISOString().slice(0, 10)}, ${((Date.now() - started) / 60000).toFixed(1)} min)`,
  rows,
);
if (rows.some((r) => r.pass === false)) process.exitCode = 1;
