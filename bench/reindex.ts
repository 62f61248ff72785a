// Reindex throughput: the project's reindex (the function `ireum reindex` calls) end to end,
// against the same documents pre-built as NDJSON and posted raw to `_bulk` with the same bulk
// size and concurrency. Rounds alternate the order so neither side always runs on a warmer engine,
// and the ratio is the median of each round's own (the two sides a minute apart): on a shared
// host the load drifts between rounds by more than the gap being measured, and a ratio of two
// medians taken from different rounds carries that drift.
//
//   node dist/bench/reindex.js [--n 20000] [--rounds 4]

import { PROJECT_ROOT } from '../src/cli/config.js';
import { readArticles, type ReadResult } from '../src/articles/walk.js';
import {
  articlesMappingPath,
  bulkLoadMapping,
  loadMapping,
  servingSettings,
} from '../src/indexing/mappings.js';
import { reindex } from '../src/indexing/reindex.js';
import {
  boolFlag,
  deleteIndices,
  ensureCorpus,
  fmt,
  isMain,
  median,
  numberFlag,
  openEngine,
  runMain,
  type Engine,
  type Row,
} from './lib.js';
import { profileReport } from './profile.js';
import { buildBulkBodies, postBulks } from './rawBulk.js';

// The CLI's defaults (`ireum reindex --batch-size 1000 --concurrency 2`).
const BATCH_SIZE = 1_000;
const CONCURRENCY = 2;
const TARGET_RATIO = 0.9;

export interface ReindexBench {
  rows: Row[];
  /** Median docs/s of the project's reindex, for the parse benchmark's ratio. */
  reindexRate: number;
  rawRate: number;
  /** Where Node's time goes in a reindex, when the target failed (or `profile: 'always'`). */
  profile?: string[];
}

export async function benchReindex(
  opts: { n?: number; rounds?: number; engine?: Engine; profile?: 'always' | 'on-fail' } = {},
): Promise<ReindexBench> {
  const n = opts.n ?? 20_000;
  const rounds = opts.rounds ?? 4;
  const engine = opts.engine ?? (await openEngine());
  const { client } = engine;
  const dir = ensureCorpus(n);
  const mapping = await loadMapping(articlesMappingPath(PROJECT_ROOT));
  const load = bulkLoadMapping(mapping);
  const serving = servingSettings(mapping);

  // Built before any timing: the baseline does no reading, parsing or serializing.
  const results: ReadResult[] = [];
  for await (const r of readArticles(dir)) results.push(r);
  const { bodies, docs, bytes } = buildBulkBodies(results, BATCH_SIZE);
  results.length = 0;
  console.error(`corpus: ${docs} documents, ${fmt(bytes / 1048576, 1)} MiB of NDJSON`);

  const tag = `${process.pid}`;
  const createLoaded = (index: string) =>
    client.indices.create({ index, settings: load.settings, mappings: load.mappings });

  // CPU spent per document, by the engine (its process, from node stats) and by this process:
  // on 2 cores every Node microsecond is one the engine's write threads do not get.
  const engineCpuMs = async (): Promise<number> => {
    const stats = (await client.nodes.stats({ metric: 'process' })) as unknown as {
      nodes: Record<string, { process?: { cpu?: { total_in_millis?: number } } }>;
    };
    return Object.values(stats.nodes).reduce(
      (sum, node) => sum + (node.process?.cpu?.total_in_millis ?? 0),
      0,
    );
  };
  const cpu = { rawEngine: [] as number[], engine: [] as number[], node: [] as number[] };
  const timedCpu = async <T>(
    engineSink: number[],
    nodeSink: number[] | null,
    run: () => Promise<T>,
  ): Promise<T> => {
    const e0 = await engineCpuMs();
    const n0 = process.cpuUsage();
    const out = await run();
    const n1 = process.cpuUsage(n0);
    engineSink.push((((await engineCpuMs()) - e0) * 1000) / docs);
    nodeSink?.push((n1.user + n1.system) / docs);
    return out;
  };

  const raw = async (index: string): Promise<number> => {
    const t0 = performance.now();
    await createLoaded(index);
    await postBulks(engine.url, index, bodies, CONCURRENCY);
    // The same finishing steps reindex takes, so both sides time a searchable index.
    await client.indices.putSettings({
      index,
      settings: {
        index: { refresh_interval: serving.refreshInterval, number_of_replicas: serving.replicas },
      } as Record<string, unknown>,
    });
    await client.indices.refresh({ index });
    const seconds = (performance.now() - t0) / 1000;
    const { count } = await client.count({ index });
    if (count !== docs) throw new Error(`raw: ${count} documents indexed, expected ${docs}`);
    return docs / seconds;
  };

  const project = async (alias: string): Promise<number> => {
    const t0 = performance.now();
    const r = await reindex({
      client,
      source: dir,
      alias,
      mapping,
      batchSize: BATCH_SIZE,
      concurrency: CONCURRENCY,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r.indexed !== docs) throw new Error(`reindex: ${r.indexed} indexed, expected ${docs}`);
    return r.parsed / seconds;
  };

  const reindexRates: number[] = [];
  const rawRates: number[] = [];
  let profile: string[] | undefined;
  try {
    // Throwaway bulk: JIT on both sides, engine caches, the first segment files.
    const warm = `bench-warm-${tag}-0`;
    await createLoaded(warm);
    await postBulks(engine.url, warm, bodies.slice(0, 3), CONCURRENCY);
    await deleteIndices(client, warm);

    for (let round = 0; round < rounds; round++) {
      const alias = `bench-reindex-${tag}-${round}`;
      const rawIndex = `bench-raw-${tag}-${round}`;
      const order = round % 2 === 0 ? ['reindex', 'raw'] : ['raw', 'reindex'];
      for (const which of order) {
        if (which === 'raw') {
          rawRates.push(await timedCpu(cpu.rawEngine, null, () => raw(rawIndex)));
          await deleteIndices(client, rawIndex);
        } else {
          reindexRates.push(await timedCpu(cpu.engine, cpu.node, () => project(alias)));
          await deleteIndices(client, `${alias}-*`);
        }
        console.error(
          `round ${round + 1}: ${which} ${fmt(which === 'raw' ? rawRates.at(-1)! : reindexRates.at(-1)!)} docs/s`,
        );
      }
    }
    if (pairedRatio(reindexRates, rawRates) < TARGET_RATIO || opts.profile === 'always') {
      // One more reindex under the profiler: Node's share is what the ratio is missing.
      const alias = `bench-reindex-${tag}-profiled`;
      profile = await profileReport(
        'reindex',
        "reindex, Node's side of one more run",
        () => project(alias),
        docs,
        500,
      );
      await deleteIndices(client, `${alias}-*`);
    }
  } finally {
    await deleteIndices(client, `bench-*-${tag}-*`);
    if (!opts.engine) await client.close();
  }

  const reindexRate = median(reindexRates);
  const rawRate = median(rawRates);
  const ratio = pairedRatio(reindexRates, rawRates);
  const rows: Row[] = [
    {
      figure: `reindex throughput (${fmt(docs)} docs, median of ${rounds} paired rounds)`,
      value: `${fmt(reindexRate)} docs/s`,
      baseline: `${fmt(rawRate)} docs/s raw _bulk`,
      ratio: `${ratio.toFixed(2)}x`,
      target: `>= ${TARGET_RATIO}x raw`,
      pass: ratio >= TARGET_RATIO,
      engine: engine.label,
    },
    {
      figure: 'reindex CPU per document (informative)',
      value: `Node ${fmt(median(cpu.node))} us, engine ${fmt(median(cpu.engine))} us`,
      baseline: `raw: engine ${fmt(median(cpu.rawEngine))} us`,
      ratio: `Node ${fmt((100 * median(cpu.node)) / (median(cpu.node) + median(cpu.engine)))}%`,
      target: '-',
      pass: null,
      engine: engine.label,
    },
  ];
  return { rows, reindexRate, rawRate, ...(profile ? { profile } : {}) };
}

/** The median of each round's own ratio (the two sides a minute apart, not two medians). */
function pairedRatio(project: readonly number[], raw: readonly number[]): number {
  return median(project.map((r, i) => r / raw[i]!));
}

if (isMain(import.meta.url)) {
  await runMain('Reindex throughput', () =>
    benchReindex({
      n: numberFlag('n', 20_000),
      rounds: numberFlag('rounds', 4),
      ...(boolFlag('profile') ? { profile: 'always' as const } : {}),
    }),
  );
}
