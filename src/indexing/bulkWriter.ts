import type { Client } from '@elastic/elasticsearch';
import { bodyText } from '../articles/document.js';

// Ireum's own `_bulk` writer, in place of `client.helpers.bulk`. On two cores every microsecond
// Node spends per document is taken from the engine, and the helper spends several passes on
// each one: it serializes, measures the string's UTF-8 length, joins every line of a request
// into one string and encodes that again, then parses the whole per-item answer. Here each
// operation is encoded once, into the Buffer the request is concatenated from; the answer is
// cut down with filter_path to the status of each item (and only errors say more).
//
// What the helper did and this keeps: bounded requests in flight, a request flushed when the
// source stalls, items refused with 429 sent again after a wait, every other refusal reported
// through onDrop, and abort.

export type WriteOp = { op: 'index'; id: string; doc: unknown } | { op: 'delete'; id: string };

export interface DropReport {
  id: string;
  op: 'index' | 'delete';
  status: number;
  error: { type?: string; reason?: string } | null;
}

export interface BulkWriterOptions {
  /** A request is sent once it holds this many operations, or this many bytes. */
  flushOps: number;
  flushBytes: number;
  /** Requests in flight. */
  concurrency: number;
  /** Times an item refused with 429 is sent again, `wait` ms apart. */
  retries: number;
  wait: number;
  /** A request holding operations is sent after this long without a new one. */
  flushIntervalMs: number;
  signal?: AbortSignal;
  onDrop: (drop: DropReport) => void;
}

export interface BulkStats {
  /** Operations the engine acknowledged (a delete of a missing document included). */
  successful: number;
  /** Operations refused, after retries. */
  failed: number;
  /** NDJSON bytes sent, retries included. */
  bytes: number;
}

interface Item {
  id: string;
  op: 'index' | 'delete';
  /** Where its lines lie in the batch's body. */
  start: number;
  end: number;
}

interface ItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

/**
 * An operation's NDJSON as it is written into a request's body: `head`, then the paragraphs with
 * an escaped blank line (`\n\n`) between two, then `tail`. Only an article built by
 * buildDocument, its paragraphs scanned by the copy finder, has paragraphs; every other
 * operation is `head` alone.
 */
export interface OpText {
  head: string;
  parts: readonly string[];
  tail: string;
}

/** The NDJSON action line (and source line) of an operation, in the pieces it is written in. */
export function opText(op: WriteOp): OpText {
  const id = JSON.stringify(op.id);
  if (op.op === 'delete') return { head: `{"delete":{"_id":${id}}}\n`, parts: [], tail: '' };
  const action = `{"index":{"_id":${id}}}\n`;
  const text = bodyText(op.doc);
  const json = text?.json;
  if (text === undefined || (json !== 'plain' && json !== 'quoted')) {
    return { head: `${action}${sourceJson(op.doc)}\n`, parts: [], tail: '' };
  }
  // The document's other fields, then its body written from the paragraphs, which JSON.stringify
  // would have walked a code unit at a time.
  const { body: _, ...rest } = op.doc as { body: string };
  const head = JSON.stringify(rest);
  const open = head.length === 2 ? '{"body":"' : `${head.slice(0, -1)},"body":"`;
  return {
    head: action + open,
    parts: json === 'plain' ? text.paragraphs : text.paragraphs.map(escapeQuotes),
    tail: '"}\n',
  };
}

/** The NDJSON action line (and source line) of an operation, as one string. */
export function opLines(op: WriteOp): string {
  const { head, parts, tail } = opText(op);
  return parts.length === 0 ? head + tail : head + parts.join('\\n\\n') + tail;
}

function escapeQuotes(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
}

// An article's body is most of its JSON (4 of 5 KB), and JSON.stringify walks a string with
// curly quotes in it a code unit at a time: a native replace for each character a body parsed
// from text needs escaped (newlines, quotes, backslashes) is about 40% cheaper, straight quotes
// or not.
const LONG_TEXT = 256;
/**
 * What the fast path does not escape: controls other than the newline, and surrogates. Only a
 * lone surrogate needs escaping, but one scan for any surrogate costs half of a scan for
 * controls and a well-formedness check, and a body with an emoji in it is rare enough to take
 * the slow way.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_PLAIN = /[\u0000-\u0009\u000b-\u001f\ud800-\udfff]/;

/**
 * JSON of a document, its `body` (when a long string) written last: the same value as
 * JSON.stringify gives. A body with a surrogate or a control other than the newline goes the
 * JSON.stringify way.
 */
export function sourceJson(doc: unknown): string {
  // Only a plain object's own body: anything else (toJSON, arrays, prototypes) is left to
  // JSON.stringify, which knows every rule.
  const plain =
    typeof doc === 'object' &&
    doc !== null &&
    Object.getPrototypeOf(doc) === Object.prototype &&
    Object.hasOwn(doc, 'body') &&
    !('toJSON' in doc);
  const body = plain ? (doc as { body?: unknown }).body : undefined;
  if (typeof body !== 'string' || body.length < LONG_TEXT || NOT_PLAIN.test(body)) {
    return JSON.stringify(doc);
  }
  const { body: _, ...rest } = doc as { body: string };
  const head = JSON.stringify(rest);
  const text = `"${body.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
  return head.length === 2 ? `{"body":${text}}` : `${head.slice(0, -1)},"body":${text}}`;
}

/** One NDJSON action (and source) for an operation, UTF-8. */
export function encodeOp(op: WriteOp): Buffer {
  return Buffer.from(opLines(op), 'utf8');
}

/**
 * A request's body, written in place: each operation is encoded once, straight into a buffer
 * the writer reuses from request to request. Allocating a body per request (and a buffer per
 * operation) made glibc raise its mmap threshold to the body's size and serve later bodies from
 * its heap, whose fragments kept a long reindex's RSS growing with the run (bench/memory.ts:
 * 1.16x over 100,000 articles against 10,000, 1.04x with the threshold pinned).
 */
export class BulkBody {
  readonly items: Item[] = [];
  length = 0;
  constructor(readonly buffer: Buffer) {}

  /** Appends the operation's NDJSON; false (and nothing written) when it does not fit. */
  add(id: string, op: Item['op'], text: string | OpText): boolean {
    const { head, parts, tail } =
      typeof text === 'string' ? { head: text, parts: [], tail: '' } : text;
    const room = this.buffer.length - this.length;
    let chars = head.length + tail.length + separators(parts);
    for (const part of parts) chars += part.length;
    // A UTF-16 code unit takes at most 3 bytes: only near the end is the exact size worth its pass.
    if (chars * 3 > room && byteLength(head, parts, tail) > room) return false;
    const buffer = this.buffer;
    const start = this.length;
    let at = start + buffer.write(head, start, 'utf8');
    for (let p = 0; p < parts.length; p++) {
      if (p > 0) {
        // `\n\n`, stored byte by byte: cheaper than a call to copy four bytes.
        buffer[at] = buffer[at + 2] = 0x5c;
        buffer[at + 1] = buffer[at + 3] = 0x6e;
        at += SEPARATOR_BYTES;
      }
      at += buffer.write(parts[p]!, at, 'utf8');
    }
    if (tail !== '') at += buffer.write(tail, at, 'utf8');
    this.items.push({ id, op, start, end: at });
    this.length = at;
    return true;
  }

  /** Copies one item of another body (an operation sent again). */
  copy(from: BulkBody, item: Item): void {
    from.buffer.copy(this.buffer, this.length, item.start, item.end);
    this.items.push({ ...item, start: this.length, end: this.length + item.end - item.start });
    this.length += item.end - item.start;
  }

  get bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** An escaped blank line (`\n\n`) between two paragraphs of a body: four ASCII bytes. */
const SEPARATOR_BYTES = 4;

/** The UTF-8 size of an operation's NDJSON pieces. */
function byteLength(head: string, parts: readonly string[], tail: string): number {
  let n = Buffer.byteLength(head, 'utf8') + Buffer.byteLength(tail, 'utf8') + separators(parts);
  for (const part of parts) n += Buffer.byteLength(part, 'utf8');
  return n;
}

function separators(parts: readonly string[]): number {
  return parts.length > 1 ? (parts.length - 1) * SEPARATOR_BYTES : 0;
}

/** Bodies of one size, reused: at most `keep` wait for the next request. */
class BodyPool {
  private readonly free: Buffer[] = [];
  constructor(
    private readonly size: number,
    private readonly keep: number,
  ) {}

  take(atLeast = 0): BulkBody {
    if (atLeast > this.size) return new BulkBody(Buffer.allocUnsafeSlow(atLeast));
    return new BulkBody(this.free.pop() ?? Buffer.allocUnsafeSlow(this.size));
  }

  give(body: BulkBody): void {
    if (body.buffer.length === this.size && this.free.length < this.keep) {
      this.free.push(body.buffer);
    }
  }
}

/**
 * Writes every operation of `ops` into `index`, given one at a time or in chunks (a chunk is
 * written in one go, with no turn of the event loop per operation). `stats` is live (progress
 * reads it). Rejects when a request fails as a whole (after the transport's own retries);
 * refusals of single operations are reported through onDrop and the rest go on.
 */
export function writeBulk(
  client: Client,
  index: string,
  ops: AsyncIterable<WriteOp | readonly WriteOp[]>,
  opts: BulkWriterOptions,
): { stats: BulkStats; done: Promise<BulkStats> } {
  const stats: BulkStats = { successful: 0, failed: 0, bytes: 0 };
  const path = `/${encodeURIComponent(index)}/_bulk`;
  const inFlight = new Set<Promise<void>>();
  // Room for one more large article past the flush size, so a body is rarely cut short.
  const pool = new BodyPool(opts.flushBytes + 512 * 1024, opts.concurrency + 1);
  let failure: unknown = null;

  async function send(batch: BulkBody, attempt: number): Promise<void> {
    let again: BulkBody | null = null;
    try {
      stats.bytes += batch.length;
      const res = (await client.transport.request(
        {
          method: 'POST',
          path,
          bulkBody: batch.bytes,
          querystring: { filter_path: 'errors,items.*.status,items.*.error' },
        },
        { signal: opts.signal },
      )) as { errors?: boolean; items?: Record<string, ItemResult>[] };
      if (!res.errors) {
        stats.successful += batch.items.length;
        return;
      }
      batch.items.forEach((e, i) => {
        const item = res.items?.[i];
        const result = item ? Object.values(item)[0] : undefined;
        const status = result?.status ?? 0;
        if ((status >= 200 && status < 300) || (e.op === 'delete' && status === 404)) {
          stats.successful++;
        } else if (status === 429 && attempt < opts.retries) {
          again ??= pool.take(batch.length);
          again.copy(batch, e);
        } else {
          stats.failed++;
          opts.onDrop({ id: e.id, op: e.op, status, error: result?.error ?? null });
        }
      });
    } finally {
      pool.give(batch);
    }
    if (again !== null) {
      await new Promise((resolve) => setTimeout(resolve, opts.wait));
      await send(again, attempt + 1);
    }
  }

  async function dispatch(batch: BulkBody): Promise<void> {
    while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
    if (failure !== null || opts.signal?.aborted) return;
    const p: Promise<void> = send(batch, 0)
      .catch((err: unknown) => {
        // An aborted run is the caller's to report (it checks its signal), not a failure.
        if (!opts.signal?.aborted) failure ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  async function run(): Promise<BulkStats> {
    const source = ops[Symbol.asyncIterator]();
    let batch: BulkBody | null = null;
    let pending: Promise<IteratorResult<WriteOp | readonly WriteOp[]>> | null = null;
    // A stalled source (a slow disk, a watcher between changes) must not hold back what it has
    // given. One timer for the run looks at how long the loop has waited for the source,
    // instead of a timer raced against every operation (a timer, a race and two promises per
    // document).
    let waiting = false;
    let waitingSince = 0;
    // A request the watchdog sent off is waited for (a free slot) before the loop goes on, as
    // the loop's own flushes are: requests keep the order of their operations.
    let stallFlush: Promise<void> | null = null;
    const watchdog = setInterval(
      () => {
        if (!waiting || stallFlush !== null || batch === null || batch.items.length === 0) {
          return;
        }
        if (Date.now() - waitingSince < opts.flushIntervalMs) return;
        const ready = batch;
        batch = null;
        stallFlush = dispatch(ready).catch(() => undefined);
      },
      Math.max(1, Math.floor(opts.flushIntervalMs / 4)),
    );
    // A source that never settles must not keep the process alive through this timer.
    watchdog.unref();
    const flush = async () => {
      const ready = batch;
      batch = null;
      if (ready !== null && ready.items.length > 0) await dispatch(ready);
    };
    try {
      while (failure === null && !opts.signal?.aborted) {
        pending ??= source.next();
        waitingSince = Date.now();
        waiting = true;
        const r = await pending;
        waiting = false;
        pending = null;
        if (stallFlush !== null) {
          await stallFlush;
          stallFlush = null;
        }
        if (r.done) break;
        for (const value of Array.isArray(r.value) ? r.value : [r.value as WriteOp]) {
          if (failure !== null || opts.signal?.aborted) break;
          const text = opText(value);
          batch ??= pool.take();
          if (!batch.add(value.id, value.op, text)) {
            await flush();
            batch = pool.take(byteLength(text.head, text.parts, text.tail));
            batch.add(value.id, value.op, text);
          }
          if (batch.items.length >= opts.flushOps || batch.length >= opts.flushBytes) {
            await flush();
          }
        }
      }
      if (failure === null && !opts.signal?.aborted) await flush();
    } finally {
      clearInterval(watchdog);
      await stallFlush;
      await Promise.allSettled(inFlight);
      // A generator stopped early (abort, failure) is closed, so its own cleanup runs.
      if (pending === null) await source.return?.();
    }
    if (failure !== null) throw failure;
    return stats;
  }

  return { stats, done: run() };
}
