import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cluster } from './cluster.js';
import { engineDown } from './engineDown.js';
import { headers } from './headers.js';
import { hostileArticles } from './hostileArticles.js';
import { hostileQueries } from './hostileQueries.js';
import { loadTest } from './loadTest.js';
import { overload } from './overload.js';
import { reindexInterrupted } from './reindexInterrupted.js';
import { watchEngineDown } from './watchEngineDown.js';
import {
  makeScratch,
  PrivateEngine,
  removeScratch,
  type Context,
  type Options,
  type Outcome,
  type ReliabilityPromise,
} from './support.js';

// Runs the reliability promises against a private engine and prints, per promise, what it
// tried, what it saw and PASS/FAIL, then `N passed, N failed`. Exit code 1 on any failure.
//
//   node dist/test/reliability/run.js            all promises at the sizes (60 s load
//                                                over 20,000 documents, 14 reindex kills)
//   node dist/test/reliability/run.js --ci       the subset .ci/run calls, smaller (< ~3 min)
//   node dist/test/reliability/run.js --only 2,4 chosen promises

// Run order: cheapest first; 2 and 9 restart the engine, so they come after the others that use it;
// 8 brings its own three-node cluster (no private engine) and is the heaviest.
const PROMISES: ReliabilityPromise[] = [
  headers,
  hostileQueries,
  hostileArticles,
  reindexInterrupted,
  overload,
  loadTest,
  engineDown,
  watchEngineDown,
  cluster,
];

/** Promises cheap and deterministic enough for every CI run. */
const CI_SUBSET = [7, 6, 5, 4, 3, 1, 9];

function options(): { opts: Options; only: number[] | null } {
  const { values } = parseArgs({
    options: {
      ci: { type: 'boolean', default: false },
      only: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      docs: { type: 'string' },
      fuzz: { type: 'string' },
      kills: { type: 'string' },
      seed: { type: 'string' },
      heap: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const num = (v: string | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  const ci = values.ci === true;
  const opts: Options = {
    ci,
    duration: num(values.duration, ci ? 15 : 60, 'duration'),
    connections: num(values.connections, 50, 'connections'),
    docs: num(values.docs, ci ? 2_000 : 20_000, 'docs'),
    fuzz: num(values.fuzz, ci ? 2_000 : 10_000, 'fuzz'),
    kills: num(values.kills, ci ? 4 : 14, 'kills'),
    seed: num(values.seed, 20261127, 'seed'),
    heap: values.heap ?? '768m',
    keep: values.keep === true,
  };
  let only: number[] | null = null;
  if (values.only) only = values.only.split(',').map((s) => num(s.trim(), 0, 'only'));
  else if (ci) only = CI_SUBSET;
  return { opts, only };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function report(p: ReliabilityPromise, o: Outcome, seconds: number): void {
  const lines = [
    '',
    `=== Promise ${p.id}: ${p.name} — ${o.pass ? 'PASS' : 'FAIL'} (${seconds.toFixed(1)}s)`,
    `tried: ${o.tried}`,
    ...o.saw.map((s) => `saw:   ${s}`),
    ...o.failures.map((f) => `FAIL:  ${f}`),
    `${o.pass ? 'PASS' : 'FAIL'}: promise ${p.id} (${p.name})`,
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  const { opts, only } = options();
  const chosen = PROMISES.filter((p) => only === null || only.includes(p.id));
  const scratchRoot = await makeScratch();
  log(`[reliability] scratch ${scratchRoot}; promises ${chosen.map((p) => p.id).join(', ')}`);
  const engine = await PrivateEngine.create(scratchRoot, opts.heap, log);
  let counter = 0;
  const ctx: Context = {
    opts,
    engine,
    scratch: async (name) => {
      const dir = join(scratchRoot, `${++counter}-${name}`);
      await mkdir(dir, { recursive: true });
      return dir;
    },
    log,
  };
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  try {
    if (chosen.some((p) => p.id !== 8)) {
      const t = Date.now();
      await engine.start();
      log(
        `[reliability] private engine at ${engine.url} in ${((Date.now() - t) / 1000).toFixed(1)}s`,
      );
    }
    for (const p of chosen) {
      const t = Date.now();
      let outcome: Outcome;
      try {
        outcome = await p.run(ctx);
      } catch (e) {
        outcome = {
          pass: false,
          tried: '(the script itself failed)',
          saw: [],
          failures: [(e as Error).stack ?? String(e)],
        };
      }
      report(p, outcome, (Date.now() - t) / 1000);
      if (outcome.pass) passed++;
      else failed++;
    }
  } finally {
    await engine
      .stop()
      .catch((e: unknown) => log(`[reliability] stopping the engine: ${String(e)}`));
    if (!opts.keep) await removeScratch(scratchRoot);
  }
  console.log(
    `\nreliability: ${chosen.length} promises in ${((Date.now() - started) / 1000).toFixed(0)}s`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
