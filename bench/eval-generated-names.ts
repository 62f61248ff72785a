import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, estypes } from '@elastic/elasticsearch';
import { connect } from '../src/engine/client.js';
import { collectArticles } from '../src/articles/walk.js';
import { articleId } from '../src/articles/document.js';
import { detectNames } from '../src/search/nameQuery.js';
import { textQuery } from '../src/search/textQuery.js';
import { KNOWN_PEOPLE } from '../src/names/tables/known.js';
import { boolFlag, evalEngine, numberFlag } from './lib.js';
import {
  CONVENTIONS,
  type Convention,
  generateCohort,
  hashSeed,
  mulberry32,
  type Person,
  renderArticle,
} from './namegen.js';

// Name matching on generated people (bench/namegen.ts): people in no table, each spelled by the
// generator's own romanization rules in seven conventions, one article per spelling. Every
// spelling is a query, run as Ireum runs it; the person's seven articles are the relevant set and
// their near-namesake twin's articles must stay out of the top R. Documents are built by the real
// pipeline into a temporary index made from mappings/articles.json, as in eval-names.ts.
//
//   node dist/bench/eval-generated-names.js [--people 320] [--ci] [--seed 20261202] [--verbose]
//     [--keep] (leaves the index in place and names it, to look at a query's scores)
//
// Engine: ES_URL, else the embedded one (started, or reused). Exit 0 targets met, 1 missed,
// 2 error.

const ROOT = process.cwd();
const PAIR_RECALL_TARGET = 0.95;
const R_PRECISION_TARGET = 0.9;
const SIZE = 50;
const DISTRACTOR_SHARE = 0.25;
const BULK_DOCS = 1000;
const CONCURRENCY = 8;

interface ArticleInfo {
  path: string;
  person: Person;
  convention: Convention;
  distractor?: Person;
}

interface Hit {
  path: string;
  people: string[];
}

interface Miss {
  query: string;
  queryConvention: Convention;
  person: Person;
  article: ArticleInfo;
}

/** The query Ireum itself sends (web, API and CLI), so the figures measure the product. */
function buildQuery(q: string): estypes.QueryDslQueryContainer {
  return textQuery(q, detectNames(q));
}

async function writeCorpus(
  dir: string,
  people: readonly Person[],
  distractors: readonly Person[],
  seed: number,
): Promise<Map<string, ArticleInfo>> {
  const articles = new Map<string, ArticleInfo>();
  for (const convention of CONVENTIONS) await mkdir(join(dir, convention));
  for (const person of people) {
    for (const convention of CONVENTIONS) {
      const articleSeed = hashSeed(seed, person.id, convention);
      const rng = mulberry32(articleSeed ^ 0x5bd1e995);
      const distractor =
        distractors.length > 0 && rng() < DISTRACTOR_SHARE
          ? distractors[Math.floor(rng() * distractors.length)]
          : undefined;
      const path = `${convention}/${person.id}.txt`;
      const text = renderArticle({ person, convention, seed: articleSeed, distractor });
      await writeFile(join(dir, path), text);
      articles.set(path, { path, person, convention, distractor });
    }
  }
  return articles;
}

async function indexCorpus(client: Client, index: string, dir: string): Promise<number> {
  const mapping = JSON.parse(await readFile(join(ROOT, 'mappings/articles.json'), 'utf8')) as {
    settings: estypes.IndicesIndexSettings;
    mappings: estypes.MappingTypeMapping;
  };
  await client.indices.create({ index, settings: mapping.settings, mappings: mapping.mappings });
  const { docs, rejected } = await collectArticles(dir);
  if (rejected.length > 0) throw new Error(`rejected articles: ${JSON.stringify(rejected)}`);
  for (let i = 0; i < docs.length; i += BULK_DOCS) {
    const operations = docs
      .slice(i, i + BULK_DOCS)
      .flatMap((doc) => [{ index: { _index: index, _id: articleId(doc.path) } }, doc]);
    const res = await client.bulk({ operations, refresh: true });
    if (res.errors)
      throw new Error(`bulk errors: ${JSON.stringify(res.items.find((it) => it.index?.error))}`);
  }
  return docs.length;
}

/** Runs `fn` over `items`, `limit` at a time, results in order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>) {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const pad = (s: string, n: number) => s.padEnd(n);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<number> {
  const ci = boolFlag('ci');
  const n = numberFlag('people', ci ? 60 : 320);
  const seed = numberFlag('seed', 20261202);
  const verbose = boolFlag('verbose');

  // People in no table: nobody generated (twins included) is one of Ireum's known people, whose
  // spellings the table binds to them (a generated 김영남 would be Kim Yong-nam).
  const known = new Set(KNOWN_PEOPLE.flatMap((p) => p.hangul ?? []));
  const cohort = generateCohort(n, seed, Math.ceil(n / 4), known);
  const people = cohort.people;
  const byId = new Map(people.map((p) => [p.id, p]));
  const twins = people.filter((p) => p.id.endsWith('t')).length;
  console.log(
    `generated: ${n} people + ${twins} twins, ${cohort.distractors.length} distractors, seed ${seed}`,
  );
  if (verbose) {
    console.log('\nsample spellings:');
    for (const p of people.slice(0, 10)) {
      console.log(`  ${p.id} ${CONVENTIONS.map((c) => p.spellings[c]).join(' | ')}`);
    }
    for (const p of people.filter((x) => x.id.endsWith('t')).slice(0, 5)) {
      const of = byId.get(p.twinId!)!;
      console.log(
        `  twin ${of.spellings.customary} ~ ${p.spellings.customary} (${of.hangul}/${p.hangul})`,
      );
    }
    console.log('');
  }

  const dir = await mkdtemp(join(tmpdir(), 'ireum-namegen-'));
  try {
    return await evaluate(dir, people, cohort.distractors, seed, verbose);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function evaluate(
  dir: string,
  people: readonly Person[],
  distractors: readonly Person[],
  seed: number,
  verbose: boolean,
): Promise<number> {
  const engine = await evalEngine();
  const { client } = await connect({ url: engine.url });
  const index = `names-gen-eval-${process.pid}-${Date.now()}`;
  try {
    const articles = await writeCorpus(dir, people, distractors, seed);
    const indexed = await indexCorpus(client, index, dir);
    console.log(`indexed ${indexed} articles (${articles.size} written)`);

    // Extraction: did the pipeline find the article's main person?
    const emptyPeople: Record<string, number> = {};
    const spellingMissing: Record<string, number> = {};
    const extractionExamples: string[] = [];
    const paths = [...articles.keys()];
    for (let i = 0; i < paths.length; i += 500) {
      const chunk = paths.slice(i, i + 500);
      const res = await client.mget<{ path: string; people: string[]; names: string[] }>({
        index,
        ids: chunk.map(articleId),
        _source: ['path', 'people', 'names'],
      });
      for (const d of res.docs) {
        if (!('found' in d) || !d.found || !d._source) throw new Error(`missing doc ${d._id}`);
        const info = articles.get(d._source.path)!;
        const expected = norm(info.person.spellings[info.convention]);
        const names = (d._source.names ?? []).map(norm);
        if ((d._source.people ?? []).length === 0) {
          emptyPeople[info.convention] = (emptyPeople[info.convention] ?? 0) + 1;
        }
        if (!names.includes(expected)) {
          spellingMissing[info.convention] = (spellingMissing[info.convention] ?? 0) + 1;
          extractionExamples.push(
            `  ${info.path} "${info.person.spellings[info.convention]}" -> names [${(d._source.names ?? []).join(', ')}]`,
          );
        }
      }
    }

    // Queries: every spelling of every person (twins included).
    const queries = people.flatMap((person) =>
      CONVENTIONS.map((convention) => ({ person, convention, q: person.spellings[convention] })),
    );
    const results = await pool(queries, CONCURRENCY, async ({ q }) => {
      const res = await client.search<Hit>({
        index,
        query: buildQuery(q),
        size: SIZE,
        _source: ['path', 'people'],
      });
      return res.hits.hits.map((h) => h._source!);
    });

    const found: Record<string, Record<string, number>> = {};
    const total: Record<string, Record<string, number>> = {};
    const rPrecision: number[] = [];
    const undetected: Record<string, number> = {};
    const twinHits: string[] = [];
    const otherInTop: string[] = [];
    const twinSwaps = new Map<string, number>();
    const twinArticleConventions: Record<string, number> = {};
    const misses: Miss[] = [];
    queries.forEach(({ person, convention, q }, qi) => {
      const hits = results[qi]!;
      if (detectNames(q).length === 0) undetected[convention] = (undetected[convention] ?? 0) + 1;
      const relevant = new Set(CONVENTIONS.map((c) => `${c}/${person.id}.txt`));
      const hitPaths = new Set(hits.map((h) => h.path));
      for (const c of CONVENTIONS) {
        const path = `${c}/${person.id}.txt`;
        (total[convention] ??= {})[c] = (total[convention]![c] ?? 0) + 1;
        if (hitPaths.has(path)) (found[convention] ??= {})[c] = (found[convention]?.[c] ?? 0) + 1;
        else
          misses.push({
            query: q,
            queryConvention: convention,
            person,
            article: articles.get(path)!,
          });
      }
      const top = hits.slice(0, relevant.size);
      rPrecision.push(top.filter((h) => relevant.has(h.path)).length / relevant.size);
      let twinSeen = false;
      for (const h of top) {
        if (relevant.has(h.path)) continue;
        const info = articles.get(h.path)!;
        const line = `  "${q}" [${convention}] -> "${info.person.spellings[info.convention]}" [${info.convention}] ${h.path}`;
        if (person.twinId !== undefined && info.person.id === person.twinId) {
          twinArticleConventions[info.convention] =
            (twinArticleConventions[info.convention] ?? 0) + 1;
          if (!twinSeen) {
            twinHits.push(line);
            const k = person.given.findIndex((g, i) => g !== info.person.given[i]);
            const swap = [person.given[k], info.person.given[k]].sort().join('/');
            twinSwaps.set(swap, (twinSwaps.get(swap) ?? 0) + 1);
          }
          twinSeen = true;
        } else otherInTop.push(line);
      }
    });

    let ok = true;
    const verdict = (pass: boolean) => {
      ok &&= pass;
      return pass ? 'PASS' : 'FAIL';
    };

    console.log(`\n${queries.length} queries (size ${SIZE}) over ${articles.size} articles`);
    console.log(
      `\nrecall by convention pair (rows: query, columns: article; target ${PAIR_RECALL_TARGET} each)`,
    );
    console.log(`${pad('query \\ article', 16)}${CONVENTIONS.map((c) => pad(c, 11)).join('')}`);
    for (const qc of CONVENTIONS) {
      const cells = CONVENTIONS.map((ac) => (found[qc]?.[ac] ?? 0) / total[qc]![ac]!);
      const pass = cells.every((v) => v >= PAIR_RECALL_TARGET);
      console.log(
        `${pad(qc, 16)}${cells.map((v) => pad(v.toFixed(3) + (v < PAIR_RECALL_TARGET ? '*' : ''), 11)).join('')}${verdict(pass)}`,
      );
    }
    console.log('\nrecall by query convention');
    for (const qc of CONVENTIONS) {
      const f = CONVENTIONS.reduce((a, ac) => a + (found[qc]?.[ac] ?? 0), 0);
      const t = CONVENTIONS.reduce((a, ac) => a + total[qc]![ac]!, 0);
      const v = f / t;
      console.log(
        `  ${pad(qc, 10)} ${v.toFixed(3)} (${f}/${t}; query not read as a name: ${undetected[qc] ?? 0}/${people.length})  ${verdict(v >= PAIR_RECALL_TARGET)}`,
      );
    }
    const rp = mean(rPrecision);
    console.log(
      `\nR-precision      ${rp.toFixed(3)}  target ${R_PRECISION_TARGET}  ${verdict(rp >= R_PRECISION_TARGET)}`,
    );
    console.log(`twins in top R   ${twinHits.length}  target 0  ${verdict(twinHits.length === 0)}`);
    for (const line of twinHits.slice(0, verbose ? undefined : 20)) console.log(line);
    if (twinHits.length > 0) {
      const swaps = [...twinSwaps.entries()].sort((a, b) => b[1] - a[1]);
      console.log(`  by swapped syllable: ${swaps.map(([k, v]) => `${k} ${v}`).join(', ')}`);
      const byConvention = CONVENTIONS.map((c) => `${c} ${twinArticleConventions[c] ?? 0}`);
      console.log(`  twin articles in top R by convention: ${byConvention.join(', ')}`);
    }
    console.log(`other people in top R: ${otherInTop.length} (informative)`);
    for (const line of otherInTop.slice(0, verbose ? 50 : 10)) console.log(line);

    const extractionLine = (counts: Record<string, number>) =>
      CONVENTIONS.map((c) => `${c} ${counts[c] ?? 0}`).join(', ');
    console.log(`\nextraction misses (of ${people.length} articles per convention)`);
    console.log(`  people field empty:            ${extractionLine(emptyPeople)}`);
    console.log(`  spelling not among names:      ${extractionLine(spellingMissing)}`);
    for (const line of extractionExamples.slice(0, verbose ? 100 : 10)) console.log(line);

    // Which parts of a name go with misses: every (query, relevant article) pair counts once for
    // its surname and each given syllable whose spelling differs between query and article,
    // either way round (a matcher that misses A -> B nearly always misses B -> A too).
    const parts = new Map<string, { pairs: number; misses: number; example?: string }>();
    const partKeys = (p: Person, qc: Convention, ac: Convention): string[] => {
      const qp = p.parts[qc];
      const ap = p.parts[ac];
      const pairs = [
        ['surname', p.surname, qp.surname, ap.surname],
        ...p.given.map((g, k) => ['given', g, qp.given[k]!, ap.given[k]!]),
      ];
      return pairs
        .filter(([, , a, b]) => a !== b)
        .map(([role, h, a, b]) => `${role} ${h}: ${[a, b].sort().join(' <-> ')}`);
    };
    for (const p of people)
      for (const qc of CONVENTIONS)
        for (const ac of CONVENTIONS)
          for (const k of partKeys(p, qc, ac)) {
            const e = parts.get(k) ?? { pairs: 0, misses: 0 };
            e.pairs++;
            parts.set(k, e);
          }
    for (const m of misses)
      for (const k of partKeys(m.person, m.queryConvention, m.article.convention)) {
        const e = parts.get(k)!;
        e.misses++;
        e.example ??= `"${m.query}" -> "${m.person.spellings[m.article.convention]}"`;
      }
    const blamed = [...parts.entries()]
      .filter(([, e]) => e.misses >= 2 && e.misses / e.pairs >= 0.5)
      .sort(
        (a, b) => b[1].misses - a[1].misses || b[1].misses / b[1].pairs - a[1].misses / a[1].pairs,
      );
    console.log(
      `\nmissed pairs: ${misses.length}; name parts missed in at least half their pairs:`,
    );
    for (const [k, e] of blamed.slice(0, verbose ? 60 : 25)) {
      console.log(`  ${pad(k, 40)} ${e.misses}/${e.pairs}  e.g. ${e.example}`);
    }
    if (verbose) {
      console.log('\nall misses:');
      for (const m of misses) {
        console.log(
          `  "${m.query}" [${m.queryConvention}] missed "${m.person.spellings[m.article.convention]}" [${m.article.convention}]`,
        );
      }
    }

    console.log(ok ? '\nall targets met' : '\nTARGETS MISSED');
    return ok ? 0 : 1;
  } finally {
    if (boolFlag('keep')) console.log(`kept index ${index}`);
    else await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
    await engine.stop();
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(err);
  return 2;
});
