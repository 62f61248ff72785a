import { opendir, open } from 'node:fs/promises';
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
  /** Files read at once; results still come out in walk order. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 32;

/**
 * Every `.txt` article under `sourceDir`, parsed into documents, in a deterministic order
 * (directory entries sorted by code unit, depth first). Dotfiles, dot-folders and symlinks are
 * skipped. Streams: only `concurrency` files are in memory at once.
 */
export async function* readArticles(
  sourceDir: string,
  opts: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  const maxBytes = opts.maxBytes ?? MAX_ARTICLE_BYTES;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  // A window of in-flight reads, consumed from the front so order is the walk's order.
  const window: Promise<ReadResult>[] = [];
  for await (const entry of walkTextFiles(sourceDir, '')) {
    window.push('reason' in entry ? Promise.resolve(entry) : readOne(sourceDir, entry.path, maxBytes));
    if (window.length >= concurrency) yield await window.shift()!;
  }
  while (window.length > 0) yield await window.shift()!;
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
    yield { ok: false, path: rel === '' ? '.' : rel, reason: `cannot read folder: ${message(err)}` };
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, dir } of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    if (dir) yield* walkTextFiles(root, path);
    else yield { path };
  }
}

async function readOne(root: string, path: string, maxBytes: number): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    const file = await open(join(root, path), 'r');
    try {
      const { size } = await file.stat();
      if (size > maxBytes) {
        return { ok: false, path, reason: `file is ${size} bytes, over the ${maxBytes}-byte limit` };
      }
      bytes = await file.readFile();
    } finally {
      await file.close();
    }
  } catch (err) {
    return { ok: false, path, reason: `cannot read file: ${message(err)}` };
  }
  return toDocument(bytes, path, maxBytes);
}

/** The pure half of reading one file, exported so benchmarks can time it without the disk. */
export function toDocument(bytes: Uint8Array, path: string, maxBytes = MAX_ARTICLE_BYTES): ReadResult {
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
