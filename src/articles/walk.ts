import {
  close,
  closeSync,
  createReadStream,
  fstatSync,
  open,
  openSync,
  read,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { extractTitledPeople } from '../names/extract.js';
import { articleId, articleTexts, buildDocument, contentHash } from './document.js';
import { parseNdjsonLine, ndjsonPath } from './ndjson.js';
import { MAX_ARTICLE_BYTES, decodeArticleLines, parseLines } from './parse.js';
import type { Article, ArticleDocument } from './types.js';

// The one place in articles/ that touches the disk: it decides which files are articles (the
// file rule lives here and nowhere else), lists them, and sends what it reads straight through
// the pure decode -> parse -> extract -> build steps.

/** `text`: one article per `.txt` file. `ndjson`: one article per line of `.ndjson` files. */
export type SourceFormat = 'text' | 'ndjson';

export type ReadResult =
  { ok: true; id: string; path: string; hash: string; doc: ArticleDocument } | RejectedRead;

/** A source that did not become an article, with where and why. */
export interface RejectedRead {
  ok: false;
  path: string;
  reason: string;
  line?: number;
  /** The document this source had, when known: a rejected source never deletes it. */
  id?: string;
  /**
   * A path prefix whose documents must be kept because what they came from could not be
   * read at all (`dir/` for an unreadable folder, `file.ndjson#` for a line without identity).
   */
  keep?: string;
}

/** A source read and hashed but not parsed, because the index already holds this version. */
export interface UnchangedRead {
  ok: 'unchanged';
  id: string;
  path: string;
}

export interface ReadOptions {
  /** Files larger than this are rejected without being read. */
  maxBytes?: number;
}

export interface SourceReadOptions extends ReadOptions {
  /** True when the index holds document `id` with this hash: then the source is not parsed. */
  unchanged?: (id: string, hash: string) => boolean;
  /** Reads slower than this (ms, smoothed) start the read-ahead (ReadAhead); tests set 0. */
  slowReadMs?: number;
}

/** Where articles come from: a folder, or one file inside `root`. */
export interface Source {
  /** The folder document paths are relative to. */
  root: string;
  format: SourceFormat;
  /** Set when the user named one file: only it is read (and watched). */
  file?: string;
}

/**
 * The source behind a `--source` argument: a folder, or a single `.ndjson` / `.txt` file. The
 * format is taken from `format`, else from the file's extension, else `text`.
 */
export async function resolveSource(path: string, format?: SourceFormat): Promise<Source> {
  const info = await stat(path); // throws ENOENT, which callers report with the path
  if (info.isDirectory()) return { root: path, format: format ?? 'text' };
  if (!info.isFile()) throw new Error(`${path} is neither a folder nor a file`);
  const file = basename(path);
  const fmt = format ?? (isSourceFile(file, 'ndjson') ? 'ndjson' : 'text');
  if (!isSourceFile(file, fmt)) {
    throw new Error(`${path} is not a ${fmt === 'ndjson' ? '.ndjson' : '.txt'} file`);
  }
  return { root: dirname(path), format: fmt, file };
}

/** The file rule: which names are article sources. Dot entries are never read. */
export function isSourceFile(name: string, format: SourceFormat): boolean {
  if (name.startsWith('.')) return false;
  const lower = name.toLowerCase();
  return format === 'text'
    ? lower.endsWith('.txt')
    : lower.endsWith('.ndjson') || lower.endsWith('.jsonl');
}

/** A folder's source files, in walk order, and the folders that could not be read. */
export interface SourceListing {
  files: string[];
  unreadable: RejectedRead[];
}

/**
 * Every source file under `under` (a folder relative to the source's root, '' for all of it) in
 * a deterministic order: entries sorted by code unit, depth first. Dot entries and symlinks are
 * skipped. For incremental runs, which diff the whole list against the index.
 */
export async function listSourceFiles(source: Source, under = ''): Promise<SourceListing> {
  const listing: SourceListing = { files: [], unreadable: [] };
  for await (const entry of walkSourceFiles(source, under)) {
    if (typeof entry === 'string') listing.files.push(entry);
    else listing.unreadable.push(entry);
  }
  return listing;
}

/**
 * The same walk as `listSourceFiles`, one path at a time: only the folder being read is held, so
 * a reindex of a million files does not keep a million paths (about 100 MB) alive. An
 * unreadable folder comes as a rejection where the walk meets it.
 */
export async function* walkSourceFiles(
  source: Source,
  under = '',
): AsyncGenerator<string | RejectedRead> {
  for await (const batch of walkSourceBatches(source, under)) yield* batch;
}

/**
 * The walk a run of neighbouring files at a time (a folder's files up to its next subfolder).
 * Yielding path by path through a generator per folder level cost 3.5-7 µs a file, as much as
 * reading the file: a reindex walks twice (the count, then the reading), so per-path steps cost
 * as much as a tenth of Node's time per article.
 */
export async function* walkSourceBatches(
  source: Source,
  under = '',
): AsyncGenerator<(string | RejectedRead)[]> {
  if (source.file !== undefined) {
    if (under === '' || under === source.file) yield [source.file];
    return;
  }
  yield* walkFolder(source, under);
}

/** How many source files a walk will yield: the progress total, counted before reading. */
export async function countSourceFiles(source: Source): Promise<number> {
  let n = 0;
  for await (const batch of walkSourceBatches(source)) {
    for (const entry of batch) if (typeof entry === 'string') n++;
  }
  return n;
}

async function* walkFolder(source: Source, rel: string): AsyncGenerator<(string | RejectedRead)[]> {
  const names: { name: string; dir: boolean }[] = [];
  try {
    // One trip to the thread pool for the whole folder: its names are all held for sorting
    // anyway, and a directory handle read entry by entry costs a promise per entry.
    for (const dirent of await readdir(join(source.root, rel), { withFileTypes: true })) {
      if (dirent.name.startsWith('.')) continue;
      if (dirent.isDirectory()) names.push({ name: dirent.name, dir: true });
      else if (dirent.isFile() && isSourceFile(dirent.name, source.format)) {
        names.push({ name: dirent.name, dir: false });
      }
    }
  } catch (err) {
    yield [
      {
        ok: false,
        path: rel === '' ? '.' : rel,
        reason: `cannot read folder: ${message(err)}`,
        keep: rel === '' ? '' : `${rel}/`,
      },
    ];
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let files: string[] = [];
  for (const { name, dir } of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    if (!dir) {
      files.push(path);
      if (files.length < WALK_BATCH) continue;
    } else if (files.length === 0) {
      yield* walkFolder(source, path);
      continue;
    }
    yield files;
    files = [];
    if (dir) yield* walkFolder(source, path);
  }
  if (files.length > 0) yield files;
}

/** Paths handed on at once at most: a folder of a million files is not copied in one array. */
const WALK_BATCH = 1024;

// Files are read synchronously: for small files in the page cache that is ~8x faster than
// fs/promises, whose open/stat/read/close each cross the libuv thread pool. To keep a consumer's
// network I/O (bulk requests) flowing, reading hands the event loop a turn between chunks once
// this long has passed.
const YIELD_EVERY_MS = 5;
/** Files asked for ahead of the reader once reads come from disk (ReadAhead, below). */
const READ_AHEAD = 32;
/**
 * Files read and turned into documents together. Each step runs over the whole chunk before the
 * next one starts, so its code and tables stay in the CPU's caches (a step per document in turn
 * cost a sixth more), and the chunk crosses each async boundary once, not once per document.
 */
export const CHUNK_FILES = 32;

function asAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
}

/**
 * Reads the listed files of a source in order: one result per text file, one per NDJSON line.
 * Streams: one chunk of files is in memory at a time.
 */
export async function* readSourceFiles(
  source: Source,
  files: Iterable<string> | AsyncIterable<string | RejectedRead>,
  opts: SourceReadOptions = {},
): AsyncGenerator<ReadResult | UnchangedRead> {
  for await (const chunk of readSourceChunks(source, files, opts)) yield* chunk;
}

/** `readSourceFiles`, a chunk of results at a time (at most CHUNK_FILES files' worth). */
export async function* readSourceChunks(
  source: Source,
  files: Iterable<string> | AsyncIterable<string | RejectedRead | (string | RejectedRead)[]>,
  opts: SourceReadOptions = {},
): AsyncGenerator<(ReadResult | UnchangedRead)[]> {
  const maxBytes = opts.maxBytes ?? MAX_ARTICLE_BYTES;
  let lastTurn = Date.now();
  // Only text files are timed, so for NDJSON it never turns slow and asks for nothing.
  const ahead = new ReadAhead(source.root, READ_AHEAD, opts.slowReadMs ?? SLOW_READ_MS);
  const it = asAsyncIterator(files);
  // The files listed but not read yet, and how many of them (from the front) were asked for.
  const queue: (string | RejectedRead)[] = [];
  let warmed = 0;
  let listed = false;
  try {
    for (;;) {
      if (queue.length < CHUNK_FILES || ahead.slow) {
        const want = CHUNK_FILES + (ahead.slow ? READ_AHEAD : 0);
        while (!listed && queue.length < want) {
          const next = await it.next();
          if (next.done) listed = true;
          else if (Array.isArray(next.value)) queue.push(...next.value);
          else queue.push(next.value);
        }
        // The chunk taken next is read at once, before any warming could land: the files
        // asked for are those after it.
        if (ahead.slow) warmed = Math.max(warmed, Math.min(CHUNK_FILES, queue.length));
        for (; ahead.slow && warmed < queue.length && ahead.room; warmed++) {
          const p = queue[warmed]!;
          if (typeof p === 'string') ahead.warm(p);
        }
      }
      if (queue.length === 0) break;
      const taken = queue.splice(0, CHUNK_FILES);
      warmed = Math.max(0, warmed - taken.length);
      if (source.format === 'ndjson') {
        for (const path of taken) {
          if (typeof path !== 'string') yield [path];
          else for await (const r of readNdjsonFile(source.root, path, opts.unchanged)) yield [r];
        }
      } else {
        yield readTextChunk(source.root, taken, maxBytes, opts.unchanged, ahead);
      }
      if (Date.now() - lastTurn >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastTurn = Date.now();
      }
    }
  } finally {
    // A reader stopped early (an abort) closes the listing too, as for await would.
    if (!listed) await it.return?.();
  }
}

/**
 * Every `.txt` article under `sourceDir`, parsed into documents, in walk order. Unreadable
 * folders come as rejections where the walk meets them.
 */
export async function* readArticles(
  sourceDir: string,
  opts: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  const source: Source = { root: sourceDir, format: 'text' };
  for await (const chunk of readSourceChunks(source, walkSourceBatches(source), opts)) {
    for (const r of chunk) if (r.ok !== 'unchanged') yield r;
  }
}

export interface ReadSummary {
  docs: ArticleDocument[];
  rejected: RejectedRead[];
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

/** A decoded file waiting for the steps that follow (parse, names, build) with its chunk. */
interface Decoded {
  path: string;
  id: string;
  hash: string;
  lines: string[];
}

/**
 * Reads the files of one chunk, each decoded and hashed while its bytes are in the scratch
 * buffer, then parses, reads names in and builds documents for all of them, step by step.
 */
function readTextChunk(
  root: string,
  paths: readonly (string | RejectedRead)[],
  maxBytes: number,
  unchanged: SourceReadOptions['unchanged'],
  ahead: ReadAhead,
): (ReadResult | UnchangedRead)[] {
  const read = paths.map((path) =>
    typeof path === 'string' ? readTextFile(root, path, maxBytes, unchanged, ahead) : path,
  );
  const built = documentsOf(read.filter((r): r is Decoded => 'lines' in r));
  let next = 0;
  return read.map((r) => ('lines' in r ? built[next++]! : r));
}

function readTextFile(
  root: string,
  path: string,
  maxBytes: number,
  unchanged: SourceReadOptions['unchanged'],
  ahead: ReadAhead,
): Decoded | RejectedRead | UnchangedRead {
  const file = join(root, path);
  let bytes: Uint8Array | number | string;
  try {
    const t0 = performance.now();
    bytes = readSmallFile(file, maxBytes);
    ahead.timed(performance.now() - t0);
  } catch {
    // Again the slow way, for the error as stat or read words it (what this has always said).
    bytes = readChecked(file, maxBytes);
  }
  const id = articleId(path);
  if (typeof bytes === 'string') return { ok: false, path, id, reason: bytes };
  if (typeof bytes === 'number') return { ok: false, path, id, reason: tooBig(bytes, maxBytes) };
  const hash = contentHash(bytes);
  if (unchanged && unchanged(id, hash)) return { ok: 'unchanged', id, path };
  return decoded(bytes, path, maxBytes, id, hash);
}

/** The file's lines, or why its bytes are no article's text. */
function decoded(
  bytes: Uint8Array,
  path: string,
  maxBytes: number,
  id: string,
  hash: string,
): Decoded | RejectedRead {
  const d = decodeArticleLines(bytes, path, maxBytes);
  return d.ok ? { path, id, hash, lines: d.lines } : { ok: false, id, ...d.error };
}

/** Parses every decoded file, then finds the people of every article, then builds each. */
function documentsOf(files: readonly Decoded[]): ReadResult[] {
  const parsed = files.map((f) => parseLines(f.lines, f.path));
  const found = parsed.map((p) => (p.ok ? extractTitledPeople(articleTexts(p.article)) : null));
  return files.map((f, i): ReadResult => {
    const p = parsed[i]!;
    if (!p.ok) return { ok: false, id: f.id, ...p.error };
    const { people, titleKeys } = found[i]!;
    const doc = buildDocument(p.article, people, f.hash, f.id, titleKeys);
    return { ok: true, id: f.id, path: f.path, hash: f.hash, doc };
  });
}

function tooBig(size: number, maxBytes: number): string {
  return `file is ${size} bytes, over the ${maxBytes}-byte limit`;
}

/**
 * One result per non-blank line. A bad line is reported as `file:LINE` and the rest go on;
 * keys repeated inside the file are rejected (the first one wins), so every line that is
 * indexed has a path of its own.
 */
async function* readNdjsonFile(
  root: string,
  path: string,
  unchanged: SourceReadOptions['unchanged'],
): AsyncGenerator<ReadResult | UnchangedRead> {
  const seen = new Set<string>();
  let lineNo = 0;
  let lines: AsyncIterable<string>;
  const stream = createReadStream(join(root, path), { encoding: 'utf8' });
  try {
    lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const raw of lines) {
      lineNo++;
      const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (line.trim() === '') continue;
      yield ndjsonLine(line, path, lineNo, seen, unchanged);
    }
  } catch (err) {
    // The file vanished or cannot be read mid-way: whatever it held before is kept.
    yield {
      ok: false,
      path,
      ...(lineNo > 0 ? { line: lineNo } : {}),
      reason: `cannot read file: ${message(err)}`,
      keep: ndjsonPath(path, ''),
    };
  } finally {
    stream.destroy();
  }
}

function ndjsonLine(
  line: string,
  path: string,
  lineNo: number,
  seen: Set<string>,
  unchanged: SourceReadOptions['unchanged'],
): ReadResult | UnchangedRead {
  const parsed = parseNdjsonLine(line, path, lineNo);
  if (!parsed.ok) {
    const { error, key } = parsed;
    if (key === undefined) {
      // Nothing says which article this line was: keep every article of the file.
      return { ok: false, ...error, keep: ndjsonPath(path, '') };
    }
    return { ok: false, ...error, id: articleId(ndjsonPath(path, key)) };
  }
  const docPath = ndjsonPath(path, parsed.key);
  const id = articleId(docPath);
  if (seen.has(parsed.key)) {
    return {
      ok: false,
      path,
      line: lineNo,
      reason: `repeats the id "${parsed.key}" of an earlier line`,
    };
  }
  seen.add(parsed.key);
  const hash = contentHash(line);
  if (unchanged && unchanged(id, hash)) return { ok: 'unchanged', id, path: docPath };
  return { ok: true, id, path: docPath, hash, doc: articleDocument(parsed.article, hash, id) };
}

function articleDocument(article: Article, hash: string, id: string): ArticleDocument {
  const { people, titleKeys } = extractTitledPeople(articleTexts(article));
  return buildDocument(article, people, hash, id, titleKeys);
}

// Files are decoded into strings straight away, so one buffer serves every read of an article's
// size; a larger file (a caller may raise maxBytes) gets its own, so this never holds on to more.
const scratch = Buffer.allocUnsafe(256 * 1024);

/**
 * The file's bytes (for most files a view of the scratch buffer, valid until the next read), or
 * its size when over `maxBytes`. open + read + close: readFileSync allocates a buffer per file,
 * and a stat for the size limit is one more system call per file. Only a file that fills the
 * scratch buffer (or passes the limit) is measured, and read again at its size.
 */
function readSmallFile(file: string, maxBytes: number): Uint8Array | number {
  const fd = openSync(file, 'r');
  try {
    const room = Math.min(scratch.length, maxBytes + 1);
    const read = readUpTo(fd, scratch, room);
    if (read < room) return scratch.subarray(0, read);
    const { size } = fstatSync(fd);
    if (size > maxBytes) return size;
    // Size 0 may mean unknown (procfs and the like): such files go the way readFileSync reads them.
    if (size === 0) return readFileSync(fd);
    const buffer = Buffer.allocUnsafe(size);
    return buffer.subarray(0, readUpTo(fd, buffer, size));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the file from its start into `buffer` until `limit` bytes or its end; how many. Only a
 * read that returns 0 is the end: a short read is not one on every file system (FUSE with
 * direct I/O, a file still being written), and a cut article must never be indexed as whole.
 */
function readUpTo(fd: number, buffer: Buffer, limit: number): number {
  let read = 0;
  for (let n = -1; n !== 0 && read < limit; read += n) {
    n = readSync(fd, buffer, read, limit - read, read);
  }
  return read;
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

// Files are read synchronously (readSourceFiles): from the page cache that is the cheapest way.
// From disk, each read blocks the event loop for the seek, and Node prepares nothing while it
// waits. Once reads turn slow, the next files are asked for on the thread pool, one byte each,
// so the kernel pulls them in (its readahead takes a small file whole) while this thread
// parses: the synchronous read then finds them cached. Nothing is asked while reads stay fast,
// so a warm run pays only a clock reading per file.

/** A read slower than this (ms, smoothed) means the files come from disk. */
const SLOW_READ_MS = 0.1;
/** Smoothing of the read time: about the last 20 files. */
const WEIGHT = 0.05;

class ReadAhead {
  private average = 0;
  private inFlight = 0;
  private readonly byte = Buffer.alloc(1);

  constructor(
    private readonly root: string,
    /** Files asked for at once. */
    private readonly depth: number,
    private readonly slowMs: number,
  ) {}

  /** Whether files are coming from disk, by how long the last reads took. */
  get slow(): boolean {
    return this.average >= this.slowMs;
  }

  /** Counts one synchronous read that took `ms`. */
  timed(ms: number): void {
    this.average += WEIGHT * (ms - this.average);
  }

  /** Whether another file may be asked for now. */
  get room(): boolean {
    return this.inFlight < this.depth;
  }

  /** Asks the kernel for `path` (relative to the root); errors are the real read's to report. */
  warm(path: string): void {
    this.inFlight++;
    const done = () => {
      this.inFlight--;
    };
    open(join(this.root, path), 'r', (err, fd) => {
      if (err) return done();
      read(fd, this.byte, 0, 1, 0, () => close(fd, done));
    });
  }
}

/** The pure half of reading one file, exported so benchmarks can time it without the disk. */
export function toDocument(
  bytes: Uint8Array,
  path: string,
  maxBytes = MAX_ARTICLE_BYTES,
  id = articleId(path),
): ReadResult {
  const d = decoded(bytes, path, maxBytes, id, contentHash(bytes));
  return 'lines' in d ? documentsOf([d])[0]! : d;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
