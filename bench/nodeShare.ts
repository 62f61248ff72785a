// Where Node's CPU goes in a reindex, part by part, printed beside the reindex and parse
// targets. On two cores every microsecond Node spends on a document is one the engine does
// not get, so the reindex ratio is about E / (E + N); this says what N is made of.
//
// Each part runs alone over the same files (bytes and documents prepared before it is timed),
// CPU time per document, median of the rounds. `whole` is the reindex's own pipeline (reading,
// the copy finder, the bulk writer) with an engine that answers at once: what it costs above the
// sum of the parts is the glue between them (generators, promises) and garbage collection.
//
//   node dist/bench/nodeShare.js [--n 20000] [--rounds 3]

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { Clusterer } from '../src/articles/clusters.js';
import { articleId, articleTexts, buildDocument, contentHash } from '../src/articles/document.js';
import type { Fingerprint } from '../src/articles/fingerprint.js';
import { decodeArticleLines, parseLines } from '../src/articles/parse.js';
import type { Article, ArticleDocument } from '../src/articles/types.js';
import { BulkBody, opText } from '../src/indexing/bulkWriter.js';
import { documentFingerprint, streamCopyFinder } from '../src/indexing/clustering.js';
import { load } from '../src/indexing/load.js';
import { indexOps, sourceItems } from '../src/indexing/reindex.js';
import { newRun } from '../src/indexing/run.js';
import { extractTitledPeople } from '../src/names/extract.js';
import { ensureCorpus, fmt, isMain, listArticleFiles, median, numberFlag, runMain } from './lib.js';
import type { Row } from './lib.js';

/** Documents the parts are timed on. */
const PART_SAMPLE = 5_000;

export interface NodePart {
  part: string;
  /** CPU µs per document, median of the rounds. */
  us: number;
}

/** CPU µs per item of `run` over `count` items, median of `rounds` (after one untimed pass). */
async function cpuPer(count: number, rounds: number, run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const c0 = process.cpuUsage();
    await run();
    const c = process.cpuUsage(c0);
    if (r > 0) times.push((c.user + c.system) / count);
  }
  return median(times);
}

/** The parts of Node's work on each document of `dir`, and the whole pipeline. */
export async function nodeParts(dir: string, rounds = 3): Promise<NodePart[]> {
  const files = listArticleFiles(dir);
  const n = files.length;
  let sink = 0;
  // First, while the heap holds nothing else: the parts below keep every document in memory.
  const instant = {
    transport: { request: () => Promise.resolve({ errors: false }) },
  } as unknown as Client;
  const whole = await cpuPer(n, rounds, async () => {
    const run = newRun('bench');
    const items = await sourceItems({ source: dir }, run);
    const ops = indexOps(items, run, () => undefined, streamCopyFinder());
    sink += (await load(instant, 'bench', ops, run, {}, (m) => new Error(m))).successful;
  });
  // The parts hold their inputs in memory: a sample, so the heap stays small enough that
  // collecting it does not weigh on what is timed.
  const sample = files.slice(0, PART_SAMPLE);
  const bytes = sample.map((f) => readFileSync(join(dir, f)));
  const lines = bytes.map((b, i) => {
    const decoded = decodeArticleLines(b, sample[i]!);
    if (!decoded.ok) throw new Error(`${sample[i]}: ${decoded.error.reason}`);
    return decoded.lines;
  });
  const articles: Article[] = lines.map((l, i) => {
    // parseLines takes the array over: it gets a copy, so the timed part below has its own.
    const parsed = parseLines([...l], sample[i]!);
    if (!parsed.ok) throw new Error(`${sample[i]}: ${parsed.error.reason}`);
    return parsed.article;
  });
  const people = articles.map((a) => extractTitledPeople(articleTexts(a)));
  const ids = sample.map((f) => articleId(f));
  const docs: ArticleDocument[] = articles.map((a, i) =>
    buildDocument(a, people[i]!.people, contentHash(bytes[i]!), ids[i]!, people[i]!.titleKeys),
  );
  // As the copy finder does: the scan also notes what JSON must escape, which the writer reads.
  const prints: (Fingerprint | null)[] = docs.map(documentFingerprint);
  const scratch = Buffer.allocUnsafe(256 * 1024);
  const body = new BulkBody(Buffer.allocUnsafe(8 * 1024 * 1024));

  const m = sample.length;
  const parts: NodePart[] = [];
  const part = async (name: string, run: () => unknown) =>
    parts.push({ part: name, us: await cpuPer(m, rounds, run) });

  await part('open, read, close the file', () => {
    for (const f of sample) {
      const fd = openSync(join(dir, f), 'r');
      sink += readSync(fd, scratch, 0, scratch.length, 0);
      closeSync(fd);
    }
  });
  await part('decode UTF-8, check for binary', () => {
    for (let i = 0; i < m; i++) sink += decodeArticleLines(bytes[i]!, sample[i]!).ok ? 1 : 0;
  });
  await part('parse the layout', () => {
    for (let i = 0; i < m; i++) sink += parseLines([...lines[i]!], sample[i]!).ok ? 1 : 0;
  });
  await part('find the people (extractTitledPeople)', () => {
    for (const a of articles) sink += extractTitledPeople(articleTexts(a)).people.length;
  });
  await part('id, content hash, build the document', () => {
    for (let i = 0; i < m; i++) {
      const p = people[i]!;
      const id = articleId(sample[i]!);
      sink += buildDocument(articles[i]!, p.people, contentHash(bytes[i]!), id, p.titleKeys).sample;
    }
  });
  await part('fingerprint the body', () => {
    for (const d of docs) sink += documentFingerprint(d)?.shingles ?? 0;
  });
  await part('assign a copy cluster', () => {
    const clusterer = new Clusterer();
    for (let i = 0; i < m; i++) {
      sink += clusterer.assign({ id: ids[i]!, date: docs[i]!.date, fingerprint: prints[i]! })
        .cluster.length;
    }
  });
  await part('serialize into a bulk body', () => {
    for (let i = 0; i < m; i++) {
      if (!body.add(ids[i]!, 'index', opText({ op: 'index', id: ids[i]!, doc: docs[i]! }))) {
        body.items.length = 0;
        body.length = 0;
      }
    }
    body.items.length = 0;
    body.length = 0;
  });
  const sum = parts.reduce((s, p) => s + p.us, 0);
  parts.push({ part: 'sum of the parts', us: sum });
  parts.push({ part: 'whole pipeline, instant engine', us: whole });

  if (sink < 0) console.error(sink); // keeps the work observable
  return parts;
}

/** The parts as informative rows (no target of their own), shares of the whole. */
export function nodePartRows(parts: readonly NodePart[], n: number): Row[] {
  const whole = parts.find((p) => p.part.startsWith('whole'))?.us ?? 0;
  return parts.map((p) => ({
    figure: `Node per document: ${p.part}`,
    value: `${fmt(p.us, 1)} us`,
    baseline: `${fmt(n)} articles, CPU`,
    ratio: whole > 0 ? `${fmt((100 * p.us) / whole)}% of whole` : '-',
    target: '-',
    pass: null,
  }));
}

if (isMain(import.meta.url)) {
  await runMain("Node's CPU per document in a reindex, by part (no engine)", async () => {
    const n = numberFlag('n', 20_000);
    const parts = await nodeParts(ensureCorpus(n), numberFlag('rounds', 3));
    return nodePartRows(parts, n);
  });
}
