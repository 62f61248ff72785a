// Incremental indexing: one `ireum index` pass (`indexOnce`) over a folder the index already
// holds, timed against a full `reindex()` of the same folder into the same alias, measured first
// in the same run. Two passes: nothing changed, then a number of files (1,000 by default) changed
// in place by appending a paragraph, which is undone afterwards (truncating each file back to its
// original length) so the shared corpus stays byte for byte what the generator wrote.
//
//   node dist/bench/incremental.js [--n 200000] [--changed 1000]

import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { PROJECT_ROOT } from '../src/cli/config.js';
import { resolveSource } from '../src/articles/walk.js';
import { indexOnce, type PassResult } from '../src/indexing/incremental.js';
import { LOCK_INDEX } from '../src/indexing/lock.js';
import { articlesMappingPath, loadMapping } from '../src/indexing/mappings.js';
import { reindex } from '../src/indexing/reindex.js';
import {
  deleteIndices,
  ensureCorpus,
  fmt,
  isMain,
  listArticleFiles,
  numberFlag,
  openEngine,
  runMain,
  type Engine,
  type Row,
} from './lib.js';

// The CLI's defaults, as in bench/reindex.ts.
const BATCH_SIZE = 1_000;
const CONCURRENCY = 2;
const TARGET_UNCHANGED = 0.15;
const TARGET_CHANGED = 0.2;

// Kept inside the corpus folder (dot files are never read as articles): the files this benchmark
// appended to and their original sizes, written before the first append and removed after the
// last restore. If a run dies in between, the next run finds it and restores those files first.
const JOURNAL = '.incremental-bench-changes.json';

interface Change {
  path: string;
  size: number;
}

/** Truncates every journalled file back to its original size, then drops the journal. */
function restoreFromJournal(dir: string, log = console.error): void {
  const journal = join(dir, JOURNAL);
  if (!existsSync(journal)) return;
  const changes = JSON.parse(readFileSync(journal, 'utf8')) as Change[];
  for (const { path, size } of changes) {
    const file = join(dir, path);
    if (statSync(file).size !== size) truncateSync(file, size);
  }
  unlinkSync(journal);
  log(`restored ${fmt(changes.length)} files this benchmark had changed in ${dir}`);
}

/** `count` paths spread evenly over `files`. */
function spread(files: readonly string[], count: number): string[] {
  const step = files.length / count;
  return Array.from({ length: count }, (_, i) => files[Math.floor(i * step)]!);
}

/** Reads every file once, untimed, so both the reindex and the passes start from the page cache. */
function warmPageCache(dir: string, files: readonly string[]): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const path of files) {
    const fd = openSync(join(dir, path), 'r');
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Indices and locks of earlier runs of this benchmark whose process is gone (killed with no
 * chance to clean up): `bench-incremental-<pid>-<stamp>`.
 */
async function removeDeadRuns(client: Client): Promise<void> {
  const rows = (await client.cat.indices(
    { index: 'bench-incremental-*', format: 'json', h: 'index' },
    { ignore: [404] },
  )) as unknown as { index?: string }[];
  const dead = new Set<string>();
  for (const { index = '' } of Array.isArray(rows) ? rows : []) {
    const m = /^(bench-incremental-(\d+))-\d{17}$/.exec(index);
    if (m && !isAlive(Number(m[2]))) dead.add(m[1]!);
  }
  for (const alias of dead) {
    console.error(`removing ${alias}, left by a run that did not finish`);
    await deleteIndices(client, `${alias}-*`);
    await client.delete({ index: LOCK_INDEX, id: alias }, { ignore: [404] });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const pct = (share: number) => `${(100 * share).toFixed(1)}%`;

export async function benchIncremental(
  opts: { n?: number; changed?: number; engine?: Engine } = {},
): Promise<Row[]> {
  const n = opts.n ?? 200_000;
  const engine = opts.engine ?? (await openEngine());
  const { client } = engine;
  const alias = `bench-incremental-${process.pid}`;
  const cleanUp = async () => {
    await deleteIndices(client, `${alias}-*`);
    await client.delete({ index: LOCK_INDEX, id: alias }, { ignore: [404] });
  };
  // Interrupted (Ctrl-C, kill): put the corpus back, drop the index and the lock, then die of
  // the same signal. A second signal kills at once.
  let corpus: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (corpus !== undefined) restoreFromJournal(corpus);
    void cleanUp()
      .catch((err: unknown) => console.error(`cleaning up ${alias}: ${String(err)}`))
      .finally(() => process.kill(process.pid, signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const dir = ensureCorpus(n);
    corpus = dir;
    restoreFromJournal(dir);
    const source = await resolveSource(dir);
    const mapping = await loadMapping(articlesMappingPath(PROJECT_ROOT));
    const files = listArticleFiles(dir);
    const changed = Math.min(opts.changed ?? 1_000, files.length);
    warmPageCache(dir, files);
    await removeDeadRuns(client);
    await cleanUp();
    const load = { batchSize: BATCH_SIZE, concurrency: CONCURRENCY };

    // Baseline: the full rebuild of the same folder behind the alias the passes then follow.
    console.error(`full reindex of ${fmt(files.length)} articles`);
    const t0 = performance.now();
    const full = await reindex({ client, source, alias, mapping, ...load });
    const fullSeconds = seconds(t0);
    if (full.indexed !== files.length) {
      throw new Error(`reindex: ${full.indexed} indexed, expected ${files.length}`);
    }
    console.error(`full reindex: ${fullSeconds.toFixed(1)} s`);

    const pass = async (): Promise<{ r: PassResult; wall: number }> => {
      const start = performance.now();
      const r = await indexOnce({ client, source, alias, mapping, ...load });
      return { r, wall: seconds(start) };
    };

    // 1. Nothing changed: every file is read and hashed, nothing is sent.
    console.error('incremental pass, nothing changed');
    const same = await pass();
    const sameOk = same.r.sent === 0 && same.r.unchanged === files.length;
    console.error(
      `unchanged pass: ${same.wall.toFixed(2)} s (pass ${same.r.seconds.toFixed(2)} s), ` +
        `sent ${same.r.sent}, unchanged ${same.r.unchanged}`,
    );

    // 2. `changed` files edited in place; the journal goes first so a crash can be undone.
    const picked = spread(files, changed);
    const journal: Change[] = picked.map((path) => ({
      path,
      size: statSync(join(dir, path)).size,
    }));
    writeFileSync(join(dir, JOURNAL), JSON.stringify(journal));
    let edit: { r: PassResult; wall: number };
    try {
      picked.forEach((path, i) =>
        appendFileSync(join(dir, path), `\nUpdated paragraph ${i + 1}.\n`),
      );
      console.error(`incremental pass, ${fmt(changed)} files changed`);
      edit = await pass();
    } finally {
      restoreFromJournal(dir, () => {});
    }
    const editOk =
      edit.r.updated === changed &&
      edit.r.added === 0 &&
      edit.r.deleted === 0 &&
      edit.r.sent === changed;
    console.error(
      `changed pass: ${edit.wall.toFixed(2)} s, updated ${edit.r.updated}, added ` +
        `${edit.r.added}, deleted ${edit.r.deleted}, sent ${edit.r.sent}`,
    );

    const baseline = `full reindex ${fullSeconds.toFixed(1)} s`;
    const label = `${fmt(files.length)} docs: `;
    const sameShare = same.wall / fullSeconds;
    const editShare = edit.wall / fullSeconds;
    // What indexOnce does outside the pass: take the lock, read the alias, read every document's
    // hash back from the index (the snapshot), release the lock.
    const setup = same.wall - same.r.seconds;
    const share = pct(changed / files.length);
    return [
      {
        figure: `${label}incremental pass, nothing changed`,
        value: sameOk
          ? `${same.wall.toFixed(2)} s`
          : `wrong: sent ${same.r.sent}, unchanged ${same.r.unchanged} of ${files.length}`,
        baseline,
        ratio: pct(sameShare),
        target: `<= ${100 * TARGET_UNCHANGED}%`,
        pass: sameOk && sameShare <= TARGET_UNCHANGED,
        engine: engine.label,
      },
      {
        figure: `${label}incremental pass, ${fmt(changed)} files changed (${share})`,
        value: editOk
          ? `${edit.wall.toFixed(2)} s`
          : `wrong: updated ${edit.r.updated}, added ${edit.r.added}, ` +
            `deleted ${edit.r.deleted}, sent ${edit.r.sent}`,
        baseline,
        ratio: pct(editShare),
        target: `<= ${100 * TARGET_CHANGED}%`,
        pass: editOk && editShare <= TARGET_CHANGED,
        engine: engine.label,
      },
      {
        figure: `${label}unchanged pass rate (informative)`,
        value: `${fmt(files.length / same.wall)} files/s`,
        baseline: `${fmt(files.length / fullSeconds)} docs/s full reindex`,
        ratio: `${(fullSeconds / same.wall).toFixed(1)}x`,
        target: '-',
        pass: null,
      },
      {
        figure: `${label}unchanged pass, where the time goes (informative)`,
        value: `walk+read+hash ${same.r.seconds.toFixed(2)} s`,
        baseline: `lock+snapshot read ${setup.toFixed(2)} s`,
        ratio: `${pct(same.r.seconds / same.wall)} walk`,
        target: '-',
        pass: null,
      },
    ];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
    if (!opts.engine) await client.close();
  }
}

if (isMain(import.meta.url)) {
  await runMain('Incremental indexing', () =>
    benchIncremental({ n: numberFlag('n', 200_000), changed: numberFlag('changed', 1_000) }),
  );
}
