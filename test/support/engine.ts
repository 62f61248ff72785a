import type { Client } from '@elastic/elasticsearch';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleId, articleTexts, buildDocument } from '../../src/articles/document.js';
import { parseArticle } from '../../src/articles/parse.js';
import type { ArticleDocument } from '../../src/articles/types.js';
import { createCompatClient } from '../../src/engine/client.js';
import {
  articlesMappingPath,
  loadMapping,
  peopleMappingPath,
  type IndexMapping,
} from '../../src/indexing/mappings.js';
import { reindex, type ReindexResult } from '../../src/indexing/reindex.js';
import { extractPeople } from '../../src/names/extract.js';

// Helpers for integration tests. The engine URL comes from ES_URL, which test/setup.ts sets
// when it starts the embedded engine. Every name is per-process so parallel runs never collide.

/** Project root (from dist/test/support). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SAMPLE_DIR = join(ROOT, 'data', 'sample');

export function testUrl(): string {
  const url = process.env.ES_URL;
  if (!url)
    throw new Error(
      'ES_URL is not set: run the tests through mocha so test/setup.js starts the engine',
    );
  return url;
}

let shared: Client | undefined;

/** One client per process, speaking plain JSON (works with OpenSearch, ES 7.10 and ES 8/9). */
export function testClient(): Client {
  shared ??= createCompatClient({
    url: testUrl(),
    ...(process.env.ES_API_KEY ? { apiKey: process.env.ES_API_KEY } : {}),
    ...(process.env.ES_USERNAME
      ? { username: process.env.ES_USERNAME, password: process.env.ES_PASSWORD ?? '' }
      : {}),
  });
  return shared;
}

let counter = 0;

/** `ireum-test-<pid>-<n>`, lower-case as index names must be. */
export function uniqueIndexName(prefix = 'ireum-test'): string {
  counter++;
  return `${prefix}-${process.pid}-${counter}`.toLowerCase();
}

export function articlesMapping(): Promise<IndexMapping> {
  return loadMapping(articlesMappingPath(ROOT));
}

/** Deletes an alias's indices (`<alias>-*`) and a concrete index of that name, if any. */
export async function deleteAliasIndices(alias: string, client = testClient()): Promise<void> {
  // Listed then deleted by name: ES 8+ refuses wildcard deletes by default.
  const rows = (await client.cat.indices({ index: `${alias}*`, format: 'json', h: 'index' })) as {
    index?: string;
  }[];
  const names = rows
    .map((r) => r.index ?? '')
    .filter(
      (i) =>
        i === alias ||
        (i.startsWith(`${alias}-`) && /^\d+$/.test(i.slice(alias.length + 1))) ||
        // The people index a reindex builds beside the articles (`<alias>-people-<stamp>`).
        (i.startsWith(`${alias}-people-`) && /^\d+$/.test(i.slice(`${alias}-people-`.length))),
    );
  for (const index of names) await client.indices.delete({ index }, { ignore: [404] });
}

export interface SampleIndex {
  alias: string;
  result: ReindexResult;
  cleanup(): Promise<void>;
}

/**
 * Reindexes `data/sample` into a fresh per-process alias, for tests that need real documents:
 *
 *   let sample: SampleIndex;
 *   before(async () => { sample = await indexSample(); });
 *   after(() => sample.cleanup());
 */
export async function indexSample(
  prefix = 'ireum-test-articles',
  opts: { people?: boolean } = {},
): Promise<SampleIndex> {
  const client = testClient();
  const alias = uniqueIndexName(prefix);
  const result = await reindex({
    client,
    source: SAMPLE_DIR,
    alias,
    mapping: await articlesMapping(),
    // With the people index beside it, as `ireum reindex` builds it.
    ...(opts.people ? { peopleMapping: await loadMapping(peopleMappingPath(ROOT)) } : {}),
  });
  return { alias, result, cleanup: () => deleteAliasIndices(alias, client) };
}

/** The document `ireum reindex` builds from an article's text, its id from `path`. */
export function documentFromText(text: string, path: string): ArticleDocument {
  const article = parseArticle(text, path);
  if (!article.ok) throw new Error(`${path}: ${JSON.stringify(article.error)}`);
  return buildDocument(
    article.article,
    extractPeople(articleTexts(article.article)),
    'h',
    articleId(path),
  );
}

/**
 * A fresh per-process index holding one article per `path -> text`, loaded in one refreshed
 * bulk request, for tests that need exactly these articles. Returns the index's name.
 */
export async function indexTexts(
  prefix: string,
  texts: Record<string, string>,
  client = testClient(),
): Promise<string> {
  const index = uniqueIndexName(prefix);
  const mapping = await articlesMapping();
  await client.indices.create({ index, settings: mapping.settings, mappings: mapping.mappings });
  const operations = Object.entries(texts).flatMap(([path, text]) => [
    { index: { _index: index, _id: articleId(path) } },
    documentFromText(text, path),
  ]);
  const res = await client.bulk({ operations, refresh: true });
  if (res.errors) throw new Error(`${index}: bulk load failed`);
  return index;
}
