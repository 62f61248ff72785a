import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Clusterer } from '../src/articles/clusters.js';
import { mulberry32 } from '../src/articles/generate.js';
import { collectArticles } from '../src/articles/walk.js';
import { articleId } from '../src/articles/document.js';
import { streamCopyFinder } from '../src/indexing/clustering.js';
import type { ArticleDocument } from '../src/articles/types.js';
import { flag, isMain } from './lib.js';

// Wire-copy clustering on the labelled sets in test/fixtures/clusters (dev: the one the
// threshold was chosen on; test: written apart and only measured). Articles go through the
// indexing pipeline's own copy finder, in walk order and in shuffled orders (clusters are
// assigned as articles stream past, so the order must not matter). Pair precision and recall
// count pairs of articles put in one cluster against pairs the labels put in one story.
//
//   npm run eval:clusters [-- --orders 20] [--verbose]

interface Truth {
  groups: { name: string; members: string[]; edits?: string }[];
  nearMisses: { a: string; b: string; why: string }[];
}

export interface PairScore {
  truePairs: number;
  predictedPairs: number;
  correct: number;
  precision: number;
  recall: number;
  /** Labelled near misses put in one cluster. */
  nearMissesMerged: number;
  /** What went wrong, for --verbose. */
  wrong: string[];
  missed: string[];
}

export const TARGETS = { precision: 0.98, recall: 0.9 };
const SETS = ['dev', 'test'];
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/clusters', import.meta.url));

/** Clusters for `docs` streamed in the given order: file name -> cluster. */
async function clusterInOrder(docs: ArticleDocument[]): Promise<Map<string, string>> {
  const finder = streamCopyFinder(new Clusterer());
  const out = new Map<string, string>();
  for (const doc of docs) {
    const copy = { ...doc };
    await finder.place(articleId(doc.path), copy);
    out.set(doc.path, copy.cluster);
  }
  return out;
}

export function scorePairs(truth: Truth, predicted: Map<string, string>): PairScore {
  const story = new Map<string, string>();
  for (const g of truth.groups) for (const m of g.members) story.set(m, g.name);
  const files = [...predicted.keys()].sort();
  let truePairs = 0;
  let predictedPairs = 0;
  let correct = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      const a = files[i]!;
      const b = files[j]!;
      const same = story.get(a) === story.get(b);
      const together = predicted.get(a) === predicted.get(b);
      if (same) truePairs++;
      if (together) predictedPairs++;
      if (same && together) correct++;
      if (together && !same) wrong.push(`${a} + ${b}`);
      if (same && !together) missed.push(`${a} / ${b}`);
    }
  }
  const nearMissesMerged = truth.nearMisses.filter(
    (n) => predicted.get(n.a) === predicted.get(n.b),
  ).length;
  return {
    truePairs,
    predictedPairs,
    correct,
    precision: predictedPairs === 0 ? 1 : correct / predictedPairs,
    recall: truePairs === 0 ? 1 : correct / truePairs,
    nearMissesMerged,
    wrong,
    missed,
  };
}

/** Deterministic shuffle with the project's PRNG, so a run can be repeated. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface SetResult {
  set: string;
  articles: number;
  walkOrder: PairScore;
  /** Worst precision and recall over the shuffled orders. */
  worst: { precision: number; recall: number; nearMissesMerged: number };
}

export async function evaluateSet(set: string, orders: number): Promise<SetResult> {
  const dir = join(FIXTURES, set);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const { docs, rejected } = await collectArticles(join(dir, 'articles'));
  if (rejected.length > 0) throw new Error(`${set}: rejected ${JSON.stringify(rejected)}`);
  const walkOrder = scorePairs(truth, await clusterInOrder(docs));
  const worst = { ...walkOrder };
  for (let seed = 1; seed <= orders; seed++) {
    const s = scorePairs(truth, await clusterInOrder(shuffled(docs, seed)));
    worst.precision = Math.min(worst.precision, s.precision);
    worst.recall = Math.min(worst.recall, s.recall);
    worst.nearMissesMerged = Math.max(worst.nearMissesMerged, s.nearMissesMerged);
  }
  return { set, articles: docs.length, walkOrder, worst };
}

async function main(): Promise<number> {
  const orders = Number(flag('orders') ?? 20);
  const verbose = flag('verbose') !== undefined;
  let ok = true;
  console.log(
    'set   articles  true pairs  found  precision  recall  near misses merged  worst of %d orders (P / R)',
    orders,
  );
  for (const set of SETS) {
    const r = await evaluateSet(set, orders);
    const w = r.walkOrder;
    console.log(
      `${set.padEnd(5)} ${String(r.articles).padStart(8)}  ${String(w.truePairs).padStart(10)}  ${String(w.predictedPairs).padStart(5)}  ${w.precision.toFixed(3).padStart(9)}  ${w.recall.toFixed(3).padStart(6)}  ${String(w.nearMissesMerged).padStart(18)}  ${r.worst.precision.toFixed(3)} / ${r.worst.recall.toFixed(3)}`,
    );
    if (verbose) {
      for (const x of w.wrong) console.log(`  merged, different stories: ${x}`);
      for (const x of w.missed) console.log(`  missed copy: ${x}`);
    }
    const pass = r.worst.precision >= TARGETS.precision && r.worst.recall >= TARGETS.recall;
    console.log(
      `  pair precision >= ${TARGETS.precision} and recall >= ${TARGETS.recall} in every order: ${pass ? 'PASS' : 'FAIL'}`,
    );
    ok &&= pass;
  }
  return ok ? 0 : 1;
}

if (isMain(import.meta.url)) process.exitCode = await main();
