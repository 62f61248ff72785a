import type { ChildProcess } from 'node:child_process';
import { faultProxy, type FaultRequest, type Verdict } from './proxy.js';
import {
  aliasState,
  countOf,
  dropAlias,
  rng,
  runCli,
  startCli,
  writeCorpus,
  type Outcome,
  type ReliabilityPromise,
} from './support.js';

// Promise 4: `ireum reindex` (the built CLI) is killed at chosen points: a loopback proxy
// between it and the engine sees each request and, at the chosen one, holds it and SIGKILLs the
// process, so "just before the swap" means the `_aliases` call was on the wire and never
// arrived. The alias must still serve the previous complete index; the next run cleans up.

const ALIAS = 'ireum-rel-interrupt';
const DOCS = 1_000;
const BATCH = 100;

type Point =
  | 'before-create'
  | 'first-bulk'
  | 'mid-bulk'
  | 'after-bulk'
  | 'before-count'
  | 'before-swap'
  | 'random-request';
const POINTS: Point[] = [
  'before-create',
  'first-bulk',
  'mid-bulk',
  'after-bulk',
  'before-count',
  'before-swap',
  'random-request',
];

const isIndexCreate = (req: FaultRequest) =>
  req.method === 'PUT' && new RegExp(`^/${ALIAS}-\\d+$`).test(req.path.split('?')[0]!);
// `/_bulk` or `/<index>/_bulk`, with or without a query string.
const isBulk = (req: FaultRequest) => /^[^?]*\/_bulk(?:\?|$)/.test(req.path);
const isSettings = (req: FaultRequest) => req.method === 'PUT' && /\/_settings/.test(req.path);
const isCount = (req: FaultRequest) => /\/_count/.test(req.path);
const isSwap = (req: FaultRequest) => req.method === 'POST' && req.path.startsWith('/_aliases');

export const reindexInterrupted: ReliabilityPromise = {
  id: 4,
  name: 'Reindex interrupted',
  async run(ctx): Promise<Outcome> {
    const failures: string[] = [];
    const saw: string[] = [];
    const dir = await ctx.scratch('interrupt-corpus');
    await writeCorpus(dir, DOCS, ctx.opts.seed + 4);
    await dropAlias(ctx.engine.url, ALIAS);
    const r = rng(ctx.opts.seed + 4);
    const args = [
      'reindex',
      '--source',
      dir,
      '--alias',
      ALIAS,
      '--batch-size',
      String(BATCH),
      '--concurrency',
      '1',
    ];

    const first = await runCli(args, { ES_URL: ctx.engine.url });
    if (first.code !== 0) throw new Error(`the first reindex failed: ${first.stderr.slice(-1000)}`);
    const baseline = await aliasState(ctx.engine.url, ALIAS);
    let baseIndex = baseline.targets[0]!;
    const baseCount = await countOf(ctx.engine.url, baseIndex);
    saw.push(
      `baseline: ${ALIAS} -> ${baseIndex} with ${baseCount} documents (${(first.ms / 1000).toFixed(1)} s per run)`,
    );
    if (baseCount !== DOCS) failures.push(`baseline holds ${baseCount}, expected ${DOCS}`);

    let child: ChildProcess | null = null;
    let point: Point = 'before-create';
    let bulks = 0;
    let killAtBulk = 0;
    let requests = 0;
    let killAtRequest = 0;
    let killed = false;
    const kill = () => {
      if (!killed && child) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    // Observing: count bulks and forward everything (the SIGINT run).
    let observing = false;
    const decide = (req: FaultRequest): Verdict => {
      if (observing) {
        if (isBulk(req)) bulks++;
        return { kind: 'forward' };
      }
      if (killed) return { kind: 'hold' };
      requests++;
      const hit =
        (point === 'random-request' && requests === killAtRequest) ||
        (point === 'before-create' && isIndexCreate(req)) ||
        (point === 'first-bulk' && isBulk(req)) ||
        (point === 'mid-bulk' && isBulk(req) && ++bulks === killAtBulk) ||
        (point === 'after-bulk' && isSettings(req)) ||
        (point === 'before-count' && isCount(req)) ||
        (point === 'before-swap' && isSwap(req));
      if (hit) {
        setImmediate(kill);
        return { kind: 'hold' };
      }
      return { kind: 'forward' };
    };
    const proxy = await faultProxy(ctx.engine.url, decide);
    let orphansSeen = 0;
    try {
      // SIGINT mid-bulk: the same guarantees, plus a clean message and no leftovers.
      observing = true;
      bulks = 0;
      killed = false;
      const sig = startCli(args, { ES_URL: proxy.url }, 120_000);
      child = sig.child;
      // Forward everything, but send SIGINT when the third bulk goes by.
      const sigint = setInterval(() => {
        if (bulks >= 3 && !killed) {
          killed = true;
          sig.child.kill('SIGINT');
        }
      }, 5);
      const res = await sig.done;
      clearInterval(sigint);
      observing = false;
      const state = await aliasState(ctx.engine.url, ALIAS);
      const servedCount = state.targets[0] ? await countOf(ctx.engine.url, state.targets[0]) : -1;
      const message = res.stderr.split('\n').filter((l) => /interrupted/i.test(l));
      saw.push(
        `SIGINT during bulk: exit ${res.signal ?? res.code}; alias -> ${state.targets.join(',')} (${servedCount} docs); indices now ${Object.keys(state.indices).length}; message: ${JSON.stringify(message.slice(0, 2))}`,
      );
      if (res.code !== 130)
        failures.push(`SIGINT: expected exit 130 (interrupted), got ${res.signal ?? res.code}`);
      if (message.length === 0) failures.push('SIGINT: no "interrupted" message');
      if (/\n\s+at .*\.js:\d+/.test(res.stderr)) failures.push('SIGINT: a stack trace was printed');
      if (state.targets[0] !== baseIndex || servedCount !== baseCount)
        failures.push('SIGINT: alias or count changed');

      const runs = Math.max(1, ctx.opts.kills);
      for (let k = 0; k < runs; k++) {
        // The last kill leaves an orphan for sure, so the clean-up check below is never vacuous.
        point =
          k === runs - 1
            ? 'before-swap'
            : k < POINTS.length
              ? POINTS[k]!
              : POINTS[Math.floor(r() * POINTS.length)]!;
        bulks = 0;
        requests = 0;
        // Any request of a run: ~8 around the bulks, one per bulk.
        killAtRequest = 1 + Math.floor(r() * (DOCS / BATCH + 8));
        killAtBulk = 2 + Math.floor(r() * (DOCS / BATCH - 3));
        killed = false;
        const proc = startCli(args, { ES_URL: proxy.url }, 120_000);
        child = proc.child;
        const res = await proc.done;
        const state = await aliasState(ctx.engine.url, ALIAS);
        const servedCount = state.targets[0] ? await countOf(ctx.engine.url, state.targets[0]) : -1;
        const orphans = Object.keys(state.indices).filter((i) => !state.targets.includes(i));
        orphansSeen += orphans.length;
        const where =
          point === 'mid-bulk' ? `mid-bulk (bulk #${killAtBulk} of ${DOCS / BATCH})` : point;
        // A kill that lands after the swap leaves the alias on the new index, complete too.
        const moved = state.targets[0] !== baseIndex && point === 'random-request';
        const finished = res.code === 0 && point === 'random-request';
        const ok =
          (res.signal === 'SIGKILL' || finished) &&
          state.targets.length === 1 &&
          (state.targets[0] === baseIndex || moved) &&
          servedCount === baseCount;
        const label = point === 'random-request' ? `random-request (#${killAtRequest})` : where;
        saw.push(
          `SIGKILL at ${label}: exit ${res.signal ?? res.code}${finished ? ' (the run ended before that request)' : ''}; alias -> ${state.targets.join(',') || '(none)'} (${servedCount} docs)${moved ? ' (the new complete index)' : ''}; orphaned indices ${orphans.length}${ok ? '' : '  <-- wrong'}`,
        );
        if (ok && moved) baseIndex = state.targets[0]!;
        if (finished && ok) continue;
        if (res.signal !== 'SIGKILL')
          failures.push(
            `${where}: the process was not killed (it ended ${res.code}); the point was never reached: ${res.stderr.trim().split('\n').slice(-3).join(' / ')}`,
          );
        else if (!ok) failures.push(`${where}: alias or count changed after the kill`);
      }
    } finally {
      await proxy.close();
    }

    // The next run, straight to the engine: removes what the kills left and succeeds.
    const before = await aliasState(ctx.engine.url, ALIAS);
    const leftovers = Object.keys(before.indices).filter((i) => !before.targets.includes(i));
    const next = await runCli(args, { ES_URL: ctx.engine.url });
    const after = await aliasState(ctx.engine.url, ALIAS);
    const afterCount = after.targets[0] ? await countOf(ctx.engine.url, after.targets[0]) : -1;
    const cleaned = (next.stderr.match(/deleted orphaned index/g) ?? []).length;
    saw.push(
      `orphaned indices seen after kills: ${orphansSeen} in total; left before the next run: ${leftovers.length}`,
    );
    saw.push(
      `next reindex: exit ${next.code}, "deleted orphaned index" ×${cleaned}; alias -> ${after.targets.join(',')} (${afterCount} docs); indices now ${Object.keys(after.indices).length}`,
    );
    if (next.code !== 0) failures.push(`the next reindex failed: ${next.stderr.slice(-300)}`);
    if (leftovers.length === 0)
      failures.push('no orphan was left to clean up (the check proved nothing)');
    if (cleaned !== leftovers.length)
      failures.push(`the next reindex removed ${cleaned} of ${leftovers.length} orphans`);
    if (Object.keys(after.indices).length !== 1 || afterCount !== DOCS)
      failures.push('after the next reindex there is not exactly one complete index');
    if (!ctx.opts.keep) await dropAlias(ctx.engine.url, ALIAS);
    return {
      pass: failures.length === 0,
      tried: `a complete index of ${DOCS} documents behind ${ALIAS}; then ${Math.max(1, ctx.opts.kills)} runs of \`node dist/src/cli/main.js reindex --batch-size ${BATCH}\` through a loopback proxy that holds the request at the chosen point and SIGKILLs the CLI (before the index is created, at the first bulk, mid-bulk, after the bulk load, before the count, just before the alias swap, at a random request); one SIGINT mid-bulk; then a plain reindex`,
      saw,
      failures,
    };
  },
};
