// `npm run bench`: reindex (and Node's CPU per document, part by part), parse, memory, search,
// incremental indexing and scale in one run, then one table. The parse target uses the engine ingest rate measured by the reindex benchmark
// in this same run.
//
//   node dist/bench/all.js [--n 20000] [--quick] [--no-scale] [--scale-n 1000000]
//                          [--scale-alias <alias>] [--incremental-n 200000] [--no-toolkit]
//
// The scale run is at a million articles, the size the performance targets are set for: it
// writes the corpus once (about 4 GiB), reindexes it (15-20 minutes on 2 cores) and measures the
// search mix on it. --scale-alias measures the searches on an index kept from an earlier run
// (`bench:scale -- --keep`) instead of reindexing. --quick (CI-sized) and --no-scale leave the
// scale run out; --quick also runs the incremental benchmark over 5,000 articles, not 200,000.

import { benchIncremental } from './incremental.js';
import { benchMemory } from './memory.js';
import { nodePartRows, nodeParts } from './nodeShare.js';
import { benchParse } from './parse.js';
import { benchReindex } from './reindex.js';
import { benchScale } from './scale.js';
import { benchSearch } from './search.js';
import {
  boolFlag,
  ensureCorpus,
  flag,
  fmt,
  measured,
  numberFlag,
  openEngine,
  printProfile,
  printRows,
  type Measured,
  type Row,
} from './lib.js';

const started = Date.now();
const quick = boolFlag('quick');
const n = numberFlag('n', quick ? 5_000 : 20_000);
const rows: Row[] = [];
// Profiles of the targets that failed, printed under their tables and again at the end.
const profiles: string[][] = [];
const section = async (name: string, run: () => Promise<Row[] | Measured>) => {
  console.error(`\n== ${name}`);
  try {
    const { rows: r, profile } = measured(await run());
    printRows(name, r);
    rows.push(...r);
    printProfile(profile);
    if (profile !== undefined) profiles.push(profile);
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
    const r = await benchReindex({ n, engine, rounds: numberFlag('rounds', 4) });
    ingest = r.rawRate;
    return r;
  });
  // Where the reindex's Node time goes, part by part: the profile behind its ratio.
  await section("Node's CPU per document", async () =>
    nodePartRows(await nodeParts(ensureCorpus(n)), n),
  );
  await section('Parse and transform', () =>
    benchParse({
      n,
      ...(ingest !== undefined
        ? { ingestRate: ingest, ingestSource: `${fmt(ingest)} docs/s (raw _bulk, this run)` }
        : {}),
    }),
  );
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
  const alias = flag('scale-alias');
  await section('Scale', () =>
    benchScale({
      ...(alias !== undefined ? { alias } : { n: numberFlag('scale-n', 1_000_000) }),
      toolkit: !boolFlag('no-toolkit'),
    }),
  );
}

printRows(
  `Ireum benchmarks (${new Date().toISOString().slice(0, 10)}, ${((Date.now() - started) / 60000).toFixed(1)} min)`,
  rows,
);
for (const lines of profiles) printProfile(lines);
if (rows.some((r) => r.pass === false)) process.exitCode = 1;
