import type { Client } from '@elastic/elasticsearch';
import {
  countSourceFiles,
  readSourceChunks,
  walkSourceBatches,
  type ReadResult,
  type Source,
} from '../articles/walk.js';
import { streamCopyFinder } from './clustering.js';
import { createIndex } from './create.js';
import { load, type BulkOp, type LoadOptions } from './load.js';
import { acquireLock, type AliasLock, type LockOptions } from './lock.js';
import type { IndexMapping } from './mappings.js';
import { plan } from './plan.js';
import {
  elapsedSeconds,
  InterruptedError,
  newRun,
  recordRejected,
  ReindexError,
  type DroppedDocument,
  type Progress,
  type RejectedFile,
  type RunRecord,
} from './run.js';
import { refreshPeople } from './people.js';
import { swap } from './swap.js';
import { mergeLarge } from './merge.js';
import { verify } from './verify.js';

// A full rebuild behind an alias, as named phases over one run record:
//   lock -> plan (alias, count, orphans) -> create -> load -> verify (count, shrink guard)
//   -> merge (large indices) -> swap
// The alias only moves once the new index holds exactly the parsed articles and is not a
// fraction of what is served now; on any failure it keeps serving the old index, and the new
// one is deleted.

export interface ReindexOptions extends LoadOptions {
  client: Client;
  /** A folder of articles, or a resolved source (NDJSON, a single file). */
  source: string | Source;
  alias: string;
  mapping: IndexMapping;
  /** mappings/people.json: when given, the people index is rebuilt after the swap. */
  peopleMapping?: IndexMapping;
  /** Fail (and keep the old index) when any file is rejected. */
  strict?: boolean;
  /** Move the alias even onto an empty index or one under half the size of the served one. */
  allowShrink?: boolean;
  /** Aborting (e.g. on SIGINT) fails the run cleanly. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  log?: (message: string) => void;
  /** Lock settings; `command` names the run in the lock. */
  lock?: Partial<LockOptions>;
  /** A lock the caller already holds (an incremental run creating the first index). */
  heldLock?: AliasLock;
  /** Merge the new index before the swap from this many documents (indexing/merge.ts). */
  mergeMinDocs?: number;
  /** Where results come from; tests inject their own. */
  read?: (root: string) => AsyncIterable<ReadResult>;
  now?: () => Date;
}

export interface ReindexResult {
  alias: string;
  index: string;
  /** Indices the alias pointed to before, now deleted. */
  previous: string[];
  /** Leftovers of interrupted runs deleted at the start. */
  orphansDeleted: string[];
  files: number;
  parsed: number;
  indexed: number;
  rejected: RejectedFile[];
  dropped: DroppedDocument[];
  bytes: number;
  seconds: number;
  docsPerSecond: number;
}

export { ReindexError };

export async function reindex(opts: ReindexOptions): Promise<ReindexResult> {
  const { client, alias } = opts;
  const log = opts.log ?? (() => {});
  const run = newRun(alias);
  const wrap = (message: string, cause?: unknown) =>
    new ReindexError(message, run, cause === undefined ? undefined : { cause });
  const lock =
    opts.heldLock ?? (await acquireLock(client, alias, { command: 'reindex', log, ...opts.lock }));
  const signal = combine(opts.signal, lock.lost);
  const checkAborted = () => {
    if (signal.aborted) {
      if (lock.lost.aborted) {
        throw wrap('another run took the lock over; the alias still serves the previous index');
      }
      throw wrap('interrupted; the alias still serves the previous index', new InterruptedError());
    }
  };
  let indexed: { successful: number } = { successful: 0 };
  const progress = () => opts.onProgress?.(progressOf(run, indexed.successful));

  try {
    const { current, servingCount, orphansDeleted } = await plan(client, alias, wrap, log);
    checkAborted();
    const index = await createIndex(client, alias, opts.mapping, opts.now?.() ?? new Date(), wrap);
    log(`created ${index}`);
    try {
      run.phase = 'reading';
      const items = await sourceItems(opts, run);
      run.phase = 'indexing';
      progress();
      const loaded = await load(
        client,
        index,
        indexOps(items, run, progress, streamCopyFinder()),
        run,
        { ...opts, signal, onStart: (stats) => (indexed = stats) },
        wrap,
      );
      checkAborted();
      indexed = { successful: loaded.successful };
      progress();
      if (run.droppedCount > 0) {
        throw wrap(
          `${run.droppedCount} document(s) were refused by the engine, e.g. ` +
            run.dropped
              .slice(0, 3)
              .map((d) => `${d.id} (${d.reason})`)
              .join('; '),
        );
      }
      if (opts.strict && run.rejected.length > 0) {
        throw wrap(`${run.rejected.length} file(s) were rejected and --strict is set`);
      }
      run.phase = 'verifying';
      progress();
      const count = await verify(
        client,
        {
          index,
          mapping: opts.mapping,
          parsed: run.parsed,
          servingCount: current.length === 0 ? 0 : servingCount,
          allowShrink: opts.allowShrink ?? false,
        },
        wrap,
      );
      checkAborted();
      run.phase = 'merging';
      progress();
      await mergeLarge(client, index, count, log, { minDocs: opts.mergeMinDocs });
      checkAborted();
      run.phase = 'swapping';
      progress();
      const previous = await swap(client, alias, index, wrap, log);
      await refreshPeople(client, index, alias, opts.peopleMapping, log);
      const seconds = elapsedSeconds(run);
      return {
        alias,
        index,
        previous,
        orphansDeleted,
        files: run.files,
        parsed: run.parsed,
        indexed: loaded.successful,
        rejected: run.rejected,
        dropped: run.dropped,
        bytes: loaded.bytes,
        seconds,
        docsPerSecond: seconds > 0 ? run.parsed / seconds : 0,
      };
    } catch (err) {
      try {
        await client.indices.delete({ index }, { ignore: [404] });
        log(`deleted the unfinished index ${index}`);
      } catch (cleanupErr) {
        log(
          `could not delete ${index} (the next run removes it): ${(cleanupErr as Error).message}`,
        );
      }
      throw err;
    }
  } finally {
    if (!opts.heldLock) await lock.release();
  }
}

/** The source's results: counted first (the progress total), then read a chunk at a time. */
export async function sourceItems(
  opts: Pick<ReindexOptions, 'source' | 'read'>,
  run: RunRecord,
): Promise<AsyncIterable<ReadResult | readonly ReadResult[]>> {
  if (opts.read) {
    const root = typeof opts.source === 'string' ? opts.source : opts.source.root;
    return opts.read(root);
  }
  const source: Source =
    typeof opts.source === 'string' ? { root: opts.source, format: 'text' } : opts.source;
  // Counted by a walk of its own, then walked again as it is read: holding the list instead
  // would keep every path alive for the whole run.
  run.total = await countSourceFiles(source);
  return (async function* () {
    for await (const chunk of readSourceChunks(source, walkSourceBatches(source))) {
      // A new index holds nothing, so nothing read is unchanged.
      yield chunk.filter((r): r is ReadResult => r.ok !== 'unchanged');
    }
  })();
}

/** A source's item as the results it holds: a chunk, or one result (a custom `read`). */
function resultsOf(item: ReadResult | readonly ReadResult[]): readonly ReadResult[] {
  return Array.isArray(item) ? item : [item as ReadResult];
}

/** Index operations, a chunk of the source at a time, each document placed in its cluster. */
export async function* indexOps(
  items: AsyncIterable<ReadResult | readonly ReadResult[]>,
  run: RunRecord,
  progress: () => void,
  copies: ReturnType<typeof streamCopyFinder>,
): AsyncGenerator<BulkOp[]> {
  for await (const item of items) {
    const chunk = resultsOf(item);
    const ops: (BulkOp & { op: 'index' })[] = [];
    for (const r of chunk) {
      run.files++;
      if (r.ok) {
        run.parsed++;
        ops.push({ op: 'index', id: r.id, doc: r.doc });
      } else {
        recordRejected(run, r);
      }
    }
    progress();
    copies.placeAll(ops);
    yield ops;
  }
}

export function progressOf(run: RunRecord, indexed: number): Progress {
  return {
    phase: run.phase,
    ...(run.total !== undefined ? { total: run.total } : {}),
    files: run.files,
    parsed: run.parsed,
    rejected: run.rejected.length,
    indexed,
    elapsedMs: Date.now() - run.started,
  };
}

function combine(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  return a ? AbortSignal.any([a, b]) : b;
}

export interface DryRunResult {
  files: number;
  parsed: number;
  rejected: RejectedFile[];
  seconds: number;
}

/** Parses everything and reports, without touching the engine. */
export async function dryRun(
  source: string | Source,
  onProgress?: (files: number, parsed: number) => void,
): Promise<DryRunResult> {
  const run = newRun('');
  const items = await sourceItems({ source }, run);
  for await (const item of items) {
    for (const r of resultsOf(item)) {
      run.files++;
      if (r.ok) run.parsed++;
      else recordRejected(run, r);
      onProgress?.(run.files, run.parsed);
    }
  }
  return {
    files: run.files,
    parsed: run.parsed,
    rejected: run.rejected,
    seconds: elapsedSeconds(run),
  };
}
