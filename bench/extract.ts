// extractPeople alone, over generated articles: median µs per article, and the full output
// (JSON) so an optimisation can be checked for identical results.
//
//   node dist/bench/extract.js [--dir DIR (default: the 5,000-article corpus, written if missing)] [--n 2000]
//     [--rounds 5] [--out /tmp/extract.json]

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleTexts } from '../src/articles/document.js';
import { parseArticleOrThrow } from '../src/articles/parse.js';
import { extractPeople, findNames } from '../src/names/extract.js';
import { ensureCorpus, listArticleFiles } from './lib.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

function load(dir: string, n: number): string[][] {
  const texts: string[][] = [];
  for (const f of listArticleFiles(dir).slice(0, n)) {
    const bytes = readFileSync(join(dir, f));
    try {
      texts.push(articleTexts(parseArticleOrThrow(bytes, f)));
    } catch {
      texts.push(bytes.toString('utf8').split('\n'));
    }
  }
  return texts;
}

const dir = flag('dir', '') || ensureCorpus(5000);
const n = Number(flag('n', '2000'));
const rounds = Number(flag('rounds', '5'));
const out = flag('out', '');

const articles = load(dir, n);
// CPU time, not wall time: the figure should not depend on what else the machine runs.
const pass = (): number => {
  const c0 = process.cpuUsage();
  for (const t of articles) extractPeople(t);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / articles.length;
};
// The first pass compiles the code and fills the spelling caches (several times a steady pass):
// it is shown, and left out of the rounds, which measure the steady state a reindex runs in.
const warmUp = pass();
const times: number[] = [];
for (let r = 0; r < rounds; r++) times.push(pass());
times.sort((a, b) => a - b);
const median =
  times.length % 2 === 1
    ? times[(times.length - 1) / 2]!
    : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
console.log(
  `extractPeople: ${articles.length} articles, median ${median.toFixed(1)} µs CPU/article (min ${times[0]!.toFixed(1)}, rounds ${times.map((t) => t.toFixed(1)).join(' ')}; warm-up pass ${warmUp.toFixed(1)}, not counted)`,
);

if (out !== '') {
  const extra = [...load('data/sample', 1e9), ...load('test/fixtures/names', 1e9)];
  const result = {
    generated: articles.map((t) => extractPeople(t)),
    extra: extra.map((t) => extractPeople(t)),
    // The query path: every line, case-sensitive and any-case.
    spans: [...articles.slice(0, 300), ...extra].map((t) =>
      t.map((s) => [findNames(s), findNames(s, { anyCase: true })]),
    ),
  };
  writeFileSync(out, JSON.stringify(result));
  console.log(`wrote ${out}`);
}
