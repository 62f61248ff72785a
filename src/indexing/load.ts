import type { Client } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import { writeBulk } from './bulkWriter.js';
import { describe, recordDropped, type RunRecord } from './run.js';

// The load phase: one stream of operations into the bulk writer (bulkWriter.ts: each operation
// encoded once, 429s retried, refusals recorded through onDrop). Reindex sends only index
// operations; incremental runs send index and delete.

export type BulkOp =
  { op: 'index'; id: string; doc: ArticleDocument } | { op: 'delete'; id: string };

export interface LoadOptions {
  /** Operations per bulk request. */
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

export async function load(
  client: Client,
  index: string,
  ops: AsyncIterable<BulkOp | readonly BulkOp[]>,
  run: RunRecord,
  opts: LoadOptions,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<LoadResult> {
  const refused = new Set<string>();
  const writer = writeBulk(client, index, ops, {
    flushOps: opts.batchSize ?? LOAD_DEFAULTS.batchSize,
    flushBytes: opts.batchBytes ?? LOAD_DEFAULTS.batchBytes,
    // A stalled source (slow disk) must not hold back what has been read.
    flushIntervalMs: 5_000,
    concurrency: opts.concurrency ?? LOAD_DEFAULTS.concurrency,
    retries: opts.retries ?? LOAD_DEFAULTS.retries,
    wait: opts.retryWaitMs ?? LOAD_DEFAULTS.retryWaitMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onDrop: (drop) => {
      refused.add(drop.id);
      recordDropped(run, {
        id: drop.id,
        status: drop.status,
        reason: drop.error
          ? `${drop.error.type ?? 'error'}: ${drop.error.reason ?? ''}`.trim()
          : 'rejected (429) after retries',
      });
    },
  });
  opts.onStart?.(writer.stats);
  try {
    const stats = await writer.done;
    return { successful: stats.successful, refused, bytes: stats.bytes };
  } catch (err) {
    throw wrap(`bulk indexing failed: ${describe(err)}`, err);
  }
}
