// Scale: the project's reindex of a large generated corpus (200,000 by default), its size on
// disk, search latency for the same mix as bench/search.ts on that index, and the toolkit on it
// (suggest with the people index rebuilt, both exports of every article). Long: run alone.
// The reindex runs as `ireum reindex` would, in a process of its own, so its peak RSS is its
// own; above 100,000 articles it is compared with a reindex of 100,000 in the same run (the
// million-article target: at most 1.1x).
//
//   node dist/bench/scale.js [--n 200000 | --n 1000000] [--rate 4] [--duration 15] [--keep]
//                            [--no-first-time] [--no-toolkit]
//   node dist/bench/scale.js --alias <alias>    searches only, on an index that exists (--keep);
//                                               suggest and export too when it is a bench-* one

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
  warmEmbeddedEngine,
} from './lib.js';
import { exportRows } from './export.js';
import { benchFirstTime } from './firstTime.js';
import { runChild, TARGET_RATIO } from './memory.js';
import { DEFAULT_DURATION_S, DEFAULT_RATE, latencyRows, ms, uncachedRows } from './search.js';
import { suggestRows } from './suggest.js';

/** Repeated searches, the worst of the mix's p99s (#15: at a million articles). */
const TARGET_P99_MS = 50;
const MEMORY_BASELINE_N = 100_000;

export async function benchScale(
  opts: {
    n?: number;
    rate?: number;
    durationS?: number;
    keep?: boolean;
    firstTime?: boolean;
    /** Suggest and export on the index too (default). */
    toolkit?: boolean;
    /** Search this existing alias instead of reindexing. */
    alias?: string;
  } = {},
): Promise<Row[]> {
  const engine = await openEngine();
  const existing = opts.alias;
  const alias = existing ?? `bench-scale-${process.pid}-0`;
  const n = existing ? (await engine.client.count({ index: existing })).count : (opts.n ?? 200_000);
  try {
    const base =
      !existing && n > MEMORY_BASELINE_N
        ? await runChild(ensureCorpus(MEMORY_BASELINE_N))
        : undefined;
    if (base) console.error(`${fmt(base.docs)} articles: peak RSS ${mib(base.maxRss)}`);
    if (!existing) console.error(`reindexing ${fmt(n)} articles`);
    const r = existing ? null : await runChild(ensureCorpus(n), { keepAs: alias });
    const cat = (await engine.client.cat.indices({
      index: r?.index ?? existing!,
      format: 'json',
      bytes: 'b',
      h: 'index,docs.count,store.size',
    })) as unknown as { 'docs.count'?: string; 'store.size'?: string }[];
    const storeBytes = Number(cat[0]?.['store.size'] ?? NaN);
    if (r) {
      console.error(
        `reindexed ${fmt(r.docs)} in ${r.seconds.toFixed(0)} s (${fmt(r.docsPerSecond)} docs/s), ` +
          `store ${fmt(storeBytes / 1048576)} MiB, peak RSS ${mib(r.maxRss)}`,
      );
    }
    const label = `${fmt(n)} docs: `;
    warmEmbeddedEngine();
    const latency = await latencyRows(
      engine,
      alias,
      { rate: opts.rate ?? DEFAULT_RATE, durationS: opts.durationS ?? DEFAULT_DURATION_S },
      label,
    );
    const uncached = await uncachedRows(engine, alias, label);
    // The first-time mix (bench/firstTime.ts) on the same index, unless asked not to.
    const firstTime = opts.firstTime === false ? [] : await benchFirstTime({ alias, engine });
    // The researcher's toolkit at this size: name autocomplete (with the people index rebuilt
    // from this index) and the exports of every article. Only on a benchmark's own index:
    // rebuilding the people index replaces the alias's own.
    const toolkit =
      opts.toolkit === false || !alias.startsWith('bench-')
        ? []
        : await toolkitRows(engine, alias, r?.docs ?? n, label);
    const p99s = latency.filter((row) => row.figure.includes('search p99'));
    const worst = Math.max(...p99s.map((row) => Number(row.value.replace(/[^\d.]/g, ''))));
    return [
      ...(r
        ? [
            {
              figure: `${label}reindex time`,
              value: `${r.seconds.toFixed(0)} s (${fmt(r.docsPerSecond)} docs/s)`,
              baseline: '-',
              ratio: '-',
              target: '-',
              pass: null,
              engine: engine.label,
            },
          ]
        : []),
      ...(base && r
        ? [
            {
              figure: `${label}reindex peak RSS, vs ${fmt(base.docs)} articles`,
              value: mib(r.maxRss),
              baseline: mib(base.maxRss),
              ratio: `${(r.maxRss / base.maxRss).toFixed(2)}x`,
              target: `<= ${TARGET_RATIO}x`,
              pass: r.maxRss / base.maxRss <= TARGET_RATIO,
              engine: engine.label,
            },
          ]
        : []),
      {
        figure: `${label}index size on disk`,
        value: `${fmt(storeBytes / 1048576)} MiB`,
        baseline: '-',
        ratio: `${fmt(storeBytes / n / 1024, 1)} KiB/doc`,
        target: '-',
        pass: null,
        engine: engine.label,
      },
      ...latency,
      ...uncached,
      ...firstTime,
      ...toolkit,
      {
        figure: `${label}worst api search p99 of the mix`,
        value: `api ${ms(worst)}`,
        baseline: '-',
        ratio: '-',
        target: `<= ${TARGET_P99_MS} ms`,
        pass: worst <= TARGET_P99_MS,
        engine: engine.label,
      },
    ];
  } finally {
    if (!opts.keep && !existing) await deleteIndices(engine.client, `${alias}-*`);
    await engine.client.close();
  }
}

/** Suggest and export on the index; a failure is a FAIL row, not the loss of the run's figures. */
async function toolkitRows(engine: Engine, alias: string, docs: number, label: string) {
  try {
    return [
      ...(await suggestRows(engine.client, alias, { label, engine: engine.label })),
      ...(await exportRows(engine, alias, docs, label)),
    ];
  } catch (err) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    const row: Row = {
      figure: `${label}suggest and export: error`,
      value: String(err),
      baseline: '-',
      ratio: '-',
      target: '-',
      pass: false,
      engine: engine.label,
    };
    return [row];
  }
}

if (isMain(import.meta.url)) {
  await runMain('Scale', () =>
    benchScale({
      n: numberFlag('n', 200_000),
      rate: numberFlag('rate', DEFAULT_RATE),
      durationS: numberFlag('duration', DEFAULT_DURATION_S),
      keep: boolFlag('keep'),
      firstTime: !boolFlag('no-first-time'),
      toolkit: !boolFlag('no-toolkit'),
      ...(flag('alias') !== undefined ? { alias: flag('alias')! } : {}),
    }),
  );
}
