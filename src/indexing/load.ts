import type { Client } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import { describe, recordDropped, type RunRecord } from './run.js';

// The load phase: one stream of operations into `client.helpers.bulk` (async-iterator
// datasource, 429s retried, refusals recorded through onDrop). Reindex sends only index
// operations; incremental runs send index and delete.

export type BulkOp =
  { op: 'index'; id: string; doc: ArticleDocument } | { op: 'delete'; id: string };

export interface LoadOptions {
  /** Target operations per bulk request (converted to bytes from a sample of the first ones). */
  batchSize?: number;
  /** Upper bound on a bulk request's size. */
  batchBytes?: number;
  /** Bulk requests in flight. */
  concurrency?: number;
  /** Retries of operations the engine refused with 429, `retryWaitMs` apart. */
  retries?: number;
  retryWaitMs?: number;
  signal?: AbortSignal;
  /** Called once with the helper's live stats (acknowledged count), for progress. */
  onStart?: (stats: { successful: number }) => void;
}

export interface LoadResult {
  /** Operations the engine acknowledged. */
  successful: number;
  /** Ids of operations it refused (also recorded in the run). */
  refused: Set<string>;
  bytes: number;
}

export const LOAD_DEFAULTS = {
  batchSize: 1_000,
  batchBytes: 5 * 1024 * 1024,
  concurrency: 2,
  retries: 3,
  retryWaitMs: 1_000,
};
// Enough operations to estimate their serialized size before the first flush.
const SAMPLE_OPS = 64;

export async function load(
  client: Client,
  index: string,
  ops: AsyncIterable<BulkOp>,
  run: RunRecord,
  opts: LoadOptions,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<LoadResult> {
  const source = ops[Symbol.asyncIterator]();
  const next = async (): Promise<BulkOp | undefined> => {
    if (opts.signal?.aborted) return undefined;
    const r = await source.next();
    return r.done ? undefined : r.value;
  };
  // The bulk helper flushes by bytes only, so the operation target becomes bytes from a sample.
  const sample: BulkOp[] = [];
  let sampleBytes = 0;
  while (sample.length < SAMPLE_OPS) {
    const op = await next();
    if (!op) break;
    sample.push(op);
    sampleBytes += (op.op === 'index' ? Buffer.byteLength(JSON.stringify(op.doc)) : 0) + 60;
  }
  const refused = new Set<string>();
  if (sample.length === 0) return { successful: 0, refused, bytes: 0 };
  const batchBytes = opts.batchBytes ?? LOAD_DEFAULTS.batchBytes;
  const batchSize = opts.batchSize ?? LOAD_DEFAULTS.batchSize;
  const flushBytes = Math.max(
    1,
    Math.min(batchBytes, Math.round((sampleBytes / sample.length) * batchSize)),
  );

  async function* datasource(): AsyncGenerator<BulkOp> {
    yield* sample;
    for (let op = await next(); op; op = await next()) yield op;
  }

  const helper = client.helpers.bulk<BulkOp>({
    datasource: datasource(),
    onDocument: (op) =>
      op.op === 'index'
        ? [{ index: { _index: index, _id: op.id } }, op.doc]
        : { delete: { _index: index, _id: op.id } },
    flushBytes,
    // A stalled source (slow disk) must not hold back what has been read.
    flushInterval: 5_000,
    concurrency: opts.concurrency ?? LOAD_DEFAULTS.concurrency,
    retries: opts.retries ?? LOAD_DEFAULTS.retries,
    wait: opts.retryWaitMs ?? LOAD_DEFAULTS.retryWaitMs,
    refreshOnCompletion: false,
    onDrop: (drop) => {
      const action = drop.operation as { index?: { _id?: string }; delete?: { _id?: string } };
      // Deleting what is already gone is what a delete wants.
      if (action.delete && drop.status === 404) return;
      const id = String(action.index?._id ?? action.delete?._id ?? '?');
      refused.add(id);
      const error = drop.error as { type?: string; reason?: string } | null;
      recordDropped(run, {
        id,
        status: drop.status,
        reason: error
          ? `${error.type ?? 'error'}: ${error.reason ?? ''}`.trim()
          : 'rejected (429) after retries',
      });
    },
  });
  opts.onStart?.(helper.stats);
  const onAbort = () => helper.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const stats = await helper;
    return { successful: stats.successful, refused, bytes: stats.bytes };
  } catch (err) {
    throw wrap(`bulk indexing failed: ${describe(err)}`, err);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
