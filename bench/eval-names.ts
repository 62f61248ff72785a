import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, estypes } from '@elastic/elasticsearch';
import { connect } from '../src/engine/client.js';
import { collectArticles } from '../src/articles/walk.js';
import { articleId } from '../src/articles/document.js';
import { detectNames } from '../src/search/nameQuery.js';
import { textQuery } from '../src/search/textQuery.js';
import { engineToken } from '../src/names/canonical.js';
import { KEY_ANALYZER } from '../src/names/analysis.js';
import { evalEngine } from './lib.js';

// Name search evaluation: indexes test/fixtures/names/articles into a temporary index made from
// mappings/articles.json (documents built by the real pipeline), runs every query through the
// name-aware query, prints recall per difficulty, R-precision and every confusion, and exits
// non-zero when a target is missed. Engine: ES_URL, else the embedded one (started, or reused).

interface Query {
  query: string;
  difficulty: 'layout' | 'surname' | 'syllable' | 'hangul' | 'trap';
  person: string;
  relevant: string[];
}

const ROOT = process.cwd();
const FIXTURES = join(ROOT, 'test/fixtures/names');
const TARGETS: Record<string, number> = { layout: 1, surname: 0.95, syllable: 0.8, hangul: 0.8 };
const R_PRECISION_TARGET = 0.95;

/** The query Ireum itself sends (web, API and CLI), so the figures measure the product. */
function buildQuery(q: string): estypes.QueryDslQueryContainer {
  return textQuery(q, detectNames(q));
}

async function indexCorpus(
  client: Client,
  index: string,
  spellings: string[],
): Promise<Map<string, string[]>> {
  const mapping = JSON.parse(await readFile(join(ROOT, 'mappings/articles.json'), 'utf8')) as {
    settings: estypes.IndicesIndexSettings;
    mappings: estypes.MappingTypeMapping;
  };
  await client.indices.create({ index, settings: mapping.settings, mappings: mapping.mappings });
  const { docs, rejected } = await collectArticles(join(FIXTURES, 'articles'));
  if (rejected.length > 0) throw new Error(`rejected fixtures: ${JSON.stringify(rejected)}`);
  const operations = docs.flatMap((doc) => [
    { index: { _index: index, _id: articleId(doc.path) } },
    doc,
  ]);
  const res = await client.bulk({ operations, refresh: true });
  if (res.errors)
    throw new Error(`bulk errors: ${JSON.stringify(res.items.find((i) => i.index?.error))}`);
  spellings.push(...new Set(docs.flatMap((d) => d.names)));
  return new Map(docs.map((d) => [d.path, d.people]));
}

async function main(): Promise<number> {
  const engine = await evalEngine();
  const { client } = await connect({ url: engine.url });
  const index = `names-eval-${process.pid}-${Date.now()}`;
  try {
    const spellings: string[] = [];
    const people = await indexCorpus(client, index, spellings);

    // The engine's key analyzer and engineToken() must agree on every spelling indexed.
    let parityErrors = 0;
    for (const text of spellings) {
      const res = await client.indices.analyze({ index, analyzer: KEY_ANALYZER, text });
      const token = (res.tokens ?? []).map((t) => t.token).join('|');
      if (token !== engineToken(text)) {
        parityErrors++;
        console.log(`  parity: "${text}" engine [${token}] vs engineToken [${engineToken(text)}]`);
      }
    }
    console.log(
      `analyzer parity: ${spellings.length - parityErrors}/${spellings.length} spellings`,
    );
    const queries = JSON.parse(await readFile(join(FIXTURES, 'queries.json'), 'utf8')) as Query[];
    const truth = JSON.parse(await readFile(join(FIXTURES, 'truth.json'), 'utf8')) as Record<
      string,
      string[]
    >;

    // Extraction against the corpus truth: the facet values the pipeline produced.
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [path, expected] of Object.entries(truth)) {
      const got = new Set(people.get(path) ?? []);
      for (const p of expected)
        if (got.has(p)) tp++;
        else {
          fn++;
          console.log(`  extraction missed ${p} in ${path}`);
        }
      for (const p of got)
        if (!expected.includes(p)) {
          fp++;
          console.log(`  extraction invented ${p} in ${path}`);
        }
    }
    console.log(
      `extraction: precision ${(tp / (tp + fp)).toFixed(3)}, recall ${(tp / (tp + fn)).toFixed(3)}`,
    );

    const recall: Record<string, number[]> = {};
    const rPrecision: number[] = [];
    const confusions: string[] = [];
    for (const q of queries) {
      const res = await client.search<{ path: string; people: string[] }>({
        index,
        query: buildQuery(q.query),
        size: 100,
        _source: ['path', 'people'],
      });
      const hits = res.hits.hits.map((h) => h._source!);
      const relevant = new Set(q.relevant);
      const found = hits.filter((h) => relevant.has(h.path)).length;
      (recall[q.difficulty] ??= []).push(found / relevant.size);
      const top = hits.slice(0, relevant.size);
      const inTop = top.filter((h) => relevant.has(h.path)).length;
      rPrecision.push(inTop / relevant.size);
      for (const h of top) {
        if (!relevant.has(h.path)) {
          confusions.push(`  "${q.query}" (${q.person}) -> ${h.path} [${h.people.join(', ')}]`);
        }
      }
      if (found < relevant.size) {
        const missing = q.relevant.filter((p) => !hits.some((h) => h.path === p));
        console.log(`  miss: "${q.query}" [${q.difficulty}] did not find ${missing.join(', ')}`);
      }
    }

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    let ok = true;
    console.log(`\n${queries.length} queries over ${people.size} articles`);
    for (const [difficulty, values] of Object.entries(recall)) {
      const target = TARGETS[difficulty];
      const value = mean(values);
      const pass = target === undefined || value >= target;
      ok &&= pass;
      console.log(
        `recall ${difficulty.padEnd(9)} ${value.toFixed(3)} (${values.length} queries)` +
          (target === undefined ? '' : `  target ${target}${pass ? '' : '  MISSED'}`),
      );
    }
    const rp = mean(rPrecision);
    ok &&= rp >= R_PRECISION_TARGET;
    console.log(`R-precision      ${rp.toFixed(3)}  target ${R_PRECISION_TARGET}`);
    console.log(`confusions in top R: ${confusions.length}`);
    for (const c of confusions) console.log(c);
    ok &&= confusions.length === 0 && parityErrors === 0;
    console.log(ok ? 'all targets met' : 'TARGETS MISSED');
    return ok ? 0 : 1;
  } finally {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
    await engine.stop();
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(err);
  return 2;
});
if (!existsSync(FIXTURES)) process.exitCode = 2;
