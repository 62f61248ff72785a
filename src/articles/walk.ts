import { readFileSync, statSync } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { extractPeople } from '../names/extract.js';
import { articleId, articleTexts, buildDocument } from './document.js';
import { MAX_ARTICLE_BYTES, decodeArticle, parseArticle } from './parse.js';
import type { ArticleDocument } from './types.js';

// The one place in articles/ that touches the disk: everything it reads goes straight
// through the pure decode -> parse -> extract -> build steps.

export type ReadResult =
  | { ok: true; id: string; path: string; doc: ArticleDocument }
  | { ok: false; path: string; reason: string; line?: number };

export interface ReadOptions {
  /** Files larger than this are rejected without being read. */
  maxBytes?: number;
}

// Files are read synchronously: for small files in the page cache that is ~8x faster than
// fs/promises, whose open/stat/read/close each cross the libuv thread pool. To keep a consumer's
// network I/O (bulk requests) flowing, the walk hands the event loop a turn this often.
const YIELD_EVERY_MS = 5;

/**
 * Every `.txt` article under `sourceDir`, parsed into documents, in a deterministic order
 * (directory entries sorted by code unit, depth first). Dotfiles, dot-folders and symlinks are
 * skipped. Streams: one file is in memory at a time, plus one folder's entry names.
 */
export async function* readArticles(
  sourceDir: string,
  opts: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  const maxBytes = opts.maxBytes ?? MAX_ARTICLE_BYTES;
  let lastTurn = Date.now();
  for await (const entry of walkTextFiles(sourceDir, '')) {
    yield 'reason' in entry ? entry : readOne(sourceDir, entry.path, maxBytes);
    if (Date.now() - lastTurn >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastTurn = Date.now();
    }
  }
}

export interface ReadSummary {
  docs: ArticleDocument[];
  rejected: Extract<ReadResult, { ok: false }>[];
}

/** Reads a whole folder into memory; for tests and small folders only. */
export async function collectArticles(sourceDir: string, opts?: ReadOptions): Promise<ReadSummary> {
  const summary: ReadSummary = { docs: [], rejected: [] };
  for await (const result of readArticles(sourceDir, opts)) {
    if (result.ok) summary.docs.push(result.doc);
    else summary.rejected.push(result);
  }
  return summary;
}

type WalkEntry = { path: string } | { ok: false; path: string; reason: string };

async function* walkTextFiles(root: string, rel: string): AsyncGenerator<WalkEntry> {
  let names: { name: string; dir: boolean }[];
  try {
    names = [];
    for await (const dirent of await opendir(join(root, rel))) {
      if (dirent.name.startsWith('.')) continue;
      if (dirent.isDirectory()) names.push({ name: dirent.name, dir: true });
      else if (dirent.isFile() && dirent.name.toLowerCase().endsWith('.txt')) {
        names.push({ name: dirent.name, dir: false });
      }
    }
  } catch (err) {
    yield {
      ok: false,
      path: rel === '' ? '.' : rel,
      reason: `cannot read folder: ${message(err)}`,
    };
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, dir } of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    if (dir) yield* walkTextFiles(root, path);
    else yield { path };
  }
}

function readOne(root: string, path: string, maxBytes: number): ReadResult {
  let bytes: Uint8Array;
  try {
    const file = join(root, path);
    const { size } = statSync(file);
    if (size > maxBytes) {
      return { ok: false, path, reason: `file is ${size} bytes, over the ${maxBytes}-byte limit` };
    }
    bytes = readFileSync(file);
  } catch (err) {
    return { ok: false, path, reason: `cannot read file: ${message(err)}` };
  }
  return toDocument(bytes, path, maxBytes);
}

/** The pure half of reading one file, exported so benchmarks can time it without the disk. */
export function toDocument(
  bytes: Uint8Array,
  path: string,
  maxBytes = MAX_ARTICLE_BYTES,
): ReadResult {
  const decoded = decodeArticle(bytes, path, maxBytes);
  if (!decoded.ok) return { ok: false, ...decoded.error };
  const parsed = parseArticle(decoded.text, path);
  if (!parsed.ok) return { ok: false, ...parsed.error };
  const article = parsed.article;
  const doc = buildDocument(article, extractPeople(articleTexts(article)));
  return { ok: true, id: articleId(path), path, doc };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
