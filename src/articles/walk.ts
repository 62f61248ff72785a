import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
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
  for await (const entries of walkTextFiles(sourceDir, '')) {
    for (const entry of entries) {
      yield 'reason' in entry ? entry : readOne(sourceDir, entry.path, maxBytes);
      if (Date.now() - lastTurn >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastTurn = Date.now();
      }
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

// Entries a folder read fetches per trip to the thread pool (the default, 32, costs a trip per
// 32 files).
const DIR_BUFFER = 1024;

/**
 * The walk's entries in order, a run of consecutive files of one folder at a time: an async
 * generator step per file, nested once per folder level, cost more than reading the file.
 */
async function* walkTextFiles(root: string, rel: string): AsyncGenerator<WalkEntry[]> {
  let names: { name: string; dir: boolean }[];
  try {
    names = [];
    for await (const dirent of await opendir(join(root, rel), { bufferSize: DIR_BUFFER })) {
      if (dirent.name.startsWith('.')) continue;
      if (dirent.isDirectory()) names.push({ name: dirent.name, dir: true });
      else if (dirent.isFile() && dirent.name.toLowerCase().endsWith('.txt')) {
        names.push({ name: dirent.name, dir: false });
      }
    }
  } catch (err) {
    yield [
      { ok: false, path: rel === '' ? '.' : rel, reason: `cannot read folder: ${message(err)}` },
    ];
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let files: WalkEntry[] = [];
  for (const { name, dir } of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    if (!dir) {
      files.push({ path });
      continue;
    }
    if (files.length > 0) yield files;
    files = [];
    yield* walkTextFiles(root, path);
  }
  if (files.length > 0) yield files;
}

function readOne(root: string, path: string, maxBytes: number): ReadResult {
  const file = join(root, path);
  let bytes: Uint8Array | number | string;
  try {
    bytes = readSmallFile(file, maxBytes);
  } catch {
    // Again the slow way, for the error as stat or read words it (what this has always said).
    bytes = readChecked(file, maxBytes);
  }
  if (typeof bytes === 'string') return { ok: false, path, reason: bytes };
  if (typeof bytes === 'number') return { ok: false, path, reason: tooBig(bytes, maxBytes) };
  return toDocument(bytes, path, maxBytes);
}

function tooBig(size: number, maxBytes: number): string {
  return `file is ${size} bytes, over the ${maxBytes}-byte limit`;
}

// Files are decoded into strings straight away, so one buffer serves every read of an article's
// size; a larger file (a caller may raise maxBytes) gets its own, so this never holds on to more.
const scratch = Buffer.allocUnsafe(256 * 1024);

/**
 * The file's bytes (for most files a view of the scratch buffer, valid until the next read), or
 * its size when over `maxBytes`. open + fstat + read + close: readFileSync does the same but
 * allocates a buffer per file, and a separate stat for the size limit looks the path up twice.
 */
function readSmallFile(file: string, maxBytes: number): Uint8Array | number {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return size;
    // Size 0 may mean unknown (procfs and the like): such files go the way readFileSync reads them.
    if (size === 0) return readFileSync(fd);
    const buffer = size <= scratch.length ? scratch : Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** stat then readFileSync: the bytes, the size when over `maxBytes`, or why it cannot be read. */
function readChecked(file: string, maxBytes: number): Uint8Array | number | string {
  try {
    const { size } = statSync(file);
    return size > maxBytes ? size : readFileSync(file);
  } catch (err) {
    return `cannot read file: ${message(err)}`;
  }
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
