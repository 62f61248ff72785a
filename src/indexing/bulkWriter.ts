import type { Client } from '@elastic/elasticsearch';

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

interface Encoded {
  id: string;
  op: 'index' | 'delete';
  buf: Buffer;
}

interface ItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

const STALLED = Symbol('stalled');

/** One NDJSON action (and source) for an operation, encoded once. */
export function encodeOp(op: WriteOp): Buffer {
  const id = JSON.stringify(op.id);
  return Buffer.from(
    op.op === 'index'
      ? `{"index":{"_id":${id}}}\n${JSON.stringify(op.doc)}\n`
      : `{"delete":{"_id":${id}}}\n`,
    'utf8',
  );
}

/**
 * Writes every operation of `ops` into `index`. `stats` is live (progress reads it). Rejects
 * when a request fails as a whole (after the transport's own retries); refusals of single
 * operations are reported through onDrop and the rest go on.
 */
export function writeBulk(
  client: Client,
  index: string,
  ops: AsyncIterable<WriteOp>,
  opts: BulkWriterOptions,
): { stats: BulkStats; done: Promise<BulkStats> } {
  const stats: BulkStats = { successful: 0, failed: 0, bytes: 0 };
  const path = `/${encodeURIComponent(index)}/_bulk`;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;

  async function send(batch: Encoded[], attempt: number): Promise<void> {
    const body = Buffer.concat(batch.map((e) => e.buf));
    stats.bytes += body.length;
    const res = (await client.transport.request(
      {
        method: 'POST',
        path,
        bulkBody: body,
        querystring: { filter_path: 'errors,items.*.status,items.*.error' },
      },
      { signal: opts.signal },
    )) as { errors?: boolean; items?: Record<string, ItemResult>[] };
    if (!res.errors) {
      stats.successful += batch.length;
      return;
    }
    const again: Encoded[] = [];
    batch.forEach((e, i) => {
      const item = res.items?.[i];
      const result = item ? Object.values(item)[0] : undefined;
      const status = result?.status ?? 0;
      if ((status >= 200 && status < 300) || (e.op === 'delete' && status === 404)) {
        stats.successful++;
      } else if (status === 429 && attempt < opts.retries) {
        again.push(e);
      } else {
        stats.failed++;
        opts.onDrop({ id: e.id, op: e.op, status, error: result?.error ?? null });
      }
    });
    if (again.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, opts.wait));
      await send(again, attempt + 1);
    }
  }

  async function dispatch(batch: Encoded[]): Promise<void> {
    while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
    if (failure !== null) return;
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
    let batch: Encoded[] = [];
    let batchBytes = 0;
    let pending: Promise<IteratorResult<WriteOp>> | null = null;
    try {
      while (failure === null && !opts.signal?.aborted) {
        pending ??= source.next();
        const r =
          batch.length === 0 ? await pending : await raceStall(pending, opts.flushIntervalMs);
        if (r === STALLED) {
          await dispatch(batch);
          batch = [];
          batchBytes = 0;
          continue;
        }
        pending = null;
        if (r.done) break;
        const buf = encodeOp(r.value);
        batch.push({ id: r.value.id, op: r.value.op, buf });
        batchBytes += buf.length;
        if (batch.length >= opts.flushOps || batchBytes >= opts.flushBytes) {
          await dispatch(batch);
          batch = [];
          batchBytes = 0;
        }
      }
      if (batch.length > 0 && failure === null && !opts.signal?.aborted) await dispatch(batch);
    } finally {
      await Promise.allSettled(inFlight);
      // A generator stopped early (abort, failure) is closed, so its own cleanup runs.
      if (pending === null) await source.return?.();
    }
    if (failure !== null) throw failure;
    return stats;
  }

  return { stats, done: run() };
}

function raceStall<T>(p: Promise<T>, ms: number): Promise<T | typeof STALLED> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => resolve(STALLED), ms);
  });
  return Promise.race([p, stall]).finally(() => clearTimeout(timer));
}
