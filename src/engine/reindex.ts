import type { Client } from '@elastic/elasticsearch';
import { readArticles, type ReadResult } from '../articles/walk.js';
import type { ArticleDocument } from '../articles/types.js';
import { newIndexName, orphanedIndices, swapAliasActions } from './aliases.js';
import { bulkLoadMapping, servingSettings, type IndexMapping } from './mappings.js';

// Builds a fresh index behind an alias: create, bulk load, verify, swap, clean up. The alias
// only ever moves after the new index holds exactly the parsed articles; on any failure it keeps
// serving the old index and the new one is deleted.

export interface ReindexOptions {
  client: Client;
  /** Folder of article files. */
  source: string;
  alias: string;
  mapping: IndexMapping;
  /** Fail (and keep the old index) when any file is rejected. */
  strict?: boolean;
  /** Target documents per bulk request (approximate: converted to bytes from a sample). */
  batchSize?: number;
  /** Upper bound on a bulk request's size. */
  batchBytes?: number;
  /** Bulk requests in flight. */
  concurrency?: number;
  /** Retries of documents the engine refused with 429, `retryWaitMs` apart. */
  retries?: number;
  retryWaitMs?: number;
  /** Aborting (e.g. on SIGINT) fails the run cleanly. */
  signal?: AbortSignal;
  onProgress?: (progress: ReindexProgress) => void;
  log?: (message: string) => void;
  /** Where results come from; tests inject their own. */
  read?: (source: string) => AsyncIterable<ReadResult>;
  now?: () => Date;
}

export interface ReindexProgress {
  phase: 'preparing' | 'indexing' | 'verifying' | 'swapping';
  files: number;
  parsed: number;
  rejected: number;
  /** Documents the engine has acknowledged. */
  indexed: number;
  elapsedMs: number;
}

export interface RejectedFile {
  path: string;
  reason: string;
  line?: number;
}

export interface DroppedDocument {
  id: string;
  status: number;
  reason: string;
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

export class ReindexError extends Error {
  override name = 'ReindexError';
  constructor(
    message: string,
    /** What was known when it failed (counts, rejected files, dropped documents). */
    readonly result: Partial<ReindexResult>,
    options?: { cause?: unknown },
  ) {
    super(`ReindexError: ${message}`, options);
  }
}

const DEFAULTS = {
  batchSize: 1_000,
  batchBytes: 5 * 1024 * 1024,
  concurrency: 2,
  retries: 3,
  retryWaitMs: 1_000,
};
// Enough documents to estimate their serialized size before the first flush.
const SAMPLE_DOCS = 64;
// Dropped documents kept with reasons; the count is always complete.
const MAX_DROPPED_KEPT = 1_000;

type Item = { id: string; doc: ArticleDocument };

export async function reindex(opts: ReindexOptions): Promise<ReindexResult> {
  const { client, alias } = opts;
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const read = opts.read ?? ((dir: string) => readArticles(dir));
  const rejected: RejectedFile[] = [];
  const dropped: DroppedDocument[] = [];
  let droppedCount = 0;
  let files = 0;
  let parsed = 0;
  let indexedSoFar = 0;
  let phase: ReindexProgress['phase'] = 'preparing';
  // Set once the bulk helper exists; its stats count acknowledged documents without per-doc work.
  let liveStats: { successful: number } | undefined;
  const indexedNow = () => liveStats?.successful ?? indexedSoFar;
  const partial = (): Partial<ReindexResult> => ({
    alias,
    files,
    parsed,
    indexed: indexedNow(),
    rejected,
    dropped,
    seconds: (Date.now() - started) / 1000,
  });
  const progress = () =>
    opts.onProgress?.({
      phase,
      files,
      parsed,
      rejected: rejected.length,
      indexed: indexedNow(),
      elapsedMs: Date.now() - started,
    });
  const fail = (message: string, cause?: unknown): never => {
    throw new ReindexError(message, partial(), cause === undefined ? undefined : { cause });
  };
  const checkAborted = () => {
    if (opts.signal?.aborted) fail('interrupted; the alias still serves the previous index');
  };

  // Preflight, before anything is created.
  const current = await engineCall('reading the alias', () => aliasTargets(client, alias), partial);
  if (current.length === 0) {
    const concrete = await engineCall(
      'checking the alias name',
      () => client.indices.exists({ index: alias }),
      partial,
    );
    if (concrete) {
      fail(
        `a concrete index named '${alias}' exists, so the alias cannot be created; ` +
          `reindex under another alias or delete that index`,
      );
    }
  }
  const orphansDeleted = await deleteOrphans(client, alias, current, log, partial);
  checkAborted();

  const index = newIndexName(alias, opts.now?.() ?? new Date());
  const load = bulkLoadMapping(opts.mapping);
  await engineCall(
    `creating index ${index}`,
    () => client.indices.create({ index, settings: load.settings, mappings: load.mappings }),
    partial,
  );
  log(`created ${index}`);

  try {
    phase = 'indexing';
    progress();
    const source = read(opts.source)[Symbol.asyncIterator]();
    // Pulls the next parsed article, recording rejected files on the way.
    const next = async (): Promise<Item | undefined> => {
      for (;;) {
        if (opts.signal?.aborted) return undefined;
        const r = await source.next();
        if (r.done) return undefined;
        files++;
        const result = r.value;
        if (result.ok) {
          parsed++;
          progress();
          return { id: result.id, doc: result.doc };
        }
        rejected.push({
          path: result.path,
          reason: result.reason,
          ...(result.line !== undefined ? { line: result.line } : {}),
        });
        progress();
      }
    };
    // The bulk helper flushes by bytes only, so the document target becomes bytes from a sample.
    const sample: Item[] = [];
    let sampleBytes = 0;
    while (sample.length < SAMPLE_DOCS) {
      const item = await next();
      if (!item) break;
      sample.push(item);
      sampleBytes += Buffer.byteLength(JSON.stringify(item.doc)) + 60;
    }
    const batchBytes = opts.batchBytes ?? DEFAULTS.batchBytes;
    const batchSize = opts.batchSize ?? DEFAULTS.batchSize;
    const flushBytes =
      sample.length === 0
        ? batchBytes
        : Math.max(1, Math.min(batchBytes, Math.round((sampleBytes / sample.length) * batchSize)));

    async function* datasource(): AsyncGenerator<Item> {
      yield* sample;
      for (let item = await next(); item; item = await next()) yield item;
    }

    const helper = client.helpers.bulk<Item>({
      datasource: datasource(),
      onDocument: (item) => [{ index: { _index: index, _id: item.id } }, item.doc],
      flushBytes,
      // A stalled source (slow disk) must not hold back what has been read.
      flushInterval: 5_000,
      concurrency: opts.concurrency ?? DEFAULTS.concurrency,
      retries: opts.retries ?? DEFAULTS.retries,
      wait: opts.retryWaitMs ?? DEFAULTS.retryWaitMs,
      refreshOnCompletion: false,
      onDrop: (drop) => {
        droppedCount++;
        if (dropped.length < MAX_DROPPED_KEPT) {
          const action = drop.operation as { index?: { _id?: string } };
          const error = drop.error as { type?: string; reason?: string } | null;
          dropped.push({
            id: String(action.index?._id ?? '?'),
            status: drop.status,
            reason: error
              ? `${error.type ?? 'error'}: ${error.reason ?? ''}`.trim()
              : 'rejected (429) after retries',
          });
        }
      },
    });
    liveStats = helper.stats;
    const onAbort = () => helper.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let stats;
    try {
      stats = await helper;
    } catch (err) {
      fail(`bulk indexing failed: ${describe(err)}`, err);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    checkAborted();
    indexedSoFar = stats!.successful;
    progress();
    if (droppedCount > 0) {
      fail(
        `${droppedCount} document(s) were refused by the engine, e.g. ` +
          dropped
            .slice(0, 3)
            .map((d) => `${d.id} (${d.reason})`)
            .join('; '),
      );
    }
    if (opts.strict && rejected.length > 0) {
      fail(`${rejected.length} file(s) were rejected and --strict is set`);
    }

    phase = 'verifying';
    progress();
    const serving = servingSettings(opts.mapping);
    await engineCall(
      'restoring index settings',
      () =>
        client.indices.putSettings({
          index,
          // null puts refresh_interval back to the engine default; the typings forbid null.
          settings: {
            index: {
              refresh_interval: serving.refreshInterval,
              number_of_replicas: serving.replicas,
            },
          } as Record<string, unknown>,
        }),
      partial,
    );
    await engineCall('refreshing', () => client.indices.refresh({ index }), partial);
    const { count } = await engineCall('counting', () => client.count({ index }), partial);
    if (count !== parsed) {
      fail(`the index holds ${count} document(s) but ${parsed} article(s) were parsed`);
    }
    checkAborted();

    phase = 'swapping';
    progress();
    // Read again right before the swap: the atomic call must name exactly what is there now.
    const before = await engineCall(
      'reading the alias',
      () => aliasTargets(client, alias),
      partial,
    );
    await engineCall(
      'swapping the alias',
      () => client.indices.updateAliases({ actions: swapAliasActions(alias, index, before) }),
      partial,
    );
    log(`alias ${alias} -> ${index}`);
    const previous = before.filter((i) => i !== index);
    for (const old of previous) {
      try {
        await client.indices.delete({ index: old }, { ignore: [404] });
      } catch (err) {
        // The swap has happened; a leftover is reclaimed as an orphan by the next run.
        log(`could not delete previous index ${old}: ${describe(err)}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    return {
      alias,
      index,
      previous,
      orphansDeleted,
      files,
      parsed,
      indexed: stats!.successful,
      rejected,
      dropped,
      bytes: stats!.bytes,
      seconds,
      docsPerSecond: seconds > 0 ? parsed / seconds : 0,
    };
  } catch (err) {
    try {
      await client.indices.delete({ index }, { ignore: [404] });
      log(`deleted the unfinished index ${index}`);
    } catch (cleanupErr) {
      log(`could not delete ${index} (the next reindex removes it): ${describe(cleanupErr)}`);
    }
    throw err;
  }
}

/** The indices an alias points to; empty when it does not exist. */
export async function aliasTargets(client: Client, alias: string): Promise<string[]> {
  const exists = await client.indices.existsAlias({ name: alias });
  if (!exists) return [];
  const res = await client.indices.getAlias({ name: alias });
  return Object.keys(res).sort();
}

async function deleteOrphans(
  client: Client,
  alias: string,
  served: string[],
  log: (message: string) => void,
  partial: () => Partial<ReindexResult>,
): Promise<string[]> {
  const rows = await engineCall(
    'listing indices',
    () => client.cat.indices({ index: `${alias}-*`, format: 'json', h: 'index' }),
    partial,
  );
  const existing = (rows as { index?: string }[]).map((r) => r.index ?? '').filter(Boolean);
  const orphans = orphanedIndices(alias, existing, served);
  for (const orphan of orphans) {
    await engineCall(
      `deleting orphaned index ${orphan}`,
      () => client.indices.delete({ index: orphan }, { ignore: [404] }),
      partial,
    );
    log(`deleted orphaned index ${orphan} (left by an interrupted run)`);
  }
  return orphans;
}

async function engineCall<T>(
  what: string,
  call: () => Promise<T>,
  partial: () => Partial<ReindexResult>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ReindexError) throw err;
    throw new ReindexError(`${what} failed: ${describe(err)}`, partial(), { cause: err });
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const body = (err as { meta?: { body?: { error?: { reason?: string } } } }).meta?.body;
    return body?.error?.reason ? `${err.message} (${body.error.reason})` : err.message;
  }
  return String(err);
}

export interface DryRunResult {
  files: number;
  parsed: number;
  rejected: RejectedFile[];
  seconds: number;
}

/** Parses everything and reports, without touching the engine. */
export async function dryRun(
  source: string,
  read: (source: string) => AsyncIterable<ReadResult> = (dir) => readArticles(dir),
  onProgress?: (files: number, parsed: number) => void,
): Promise<DryRunResult> {
  const started = Date.now();
  const rejected: RejectedFile[] = [];
  let files = 0;
  let parsed = 0;
  for await (const r of read(source)) {
    files++;
    if (r.ok) parsed++;
    else
      rejected.push({
        path: r.path,
        reason: r.reason,
        ...(r.line !== undefined ? { line: r.line } : {}),
      });
    onProgress?.(files, parsed);
  }
  return { files, parsed, rejected, seconds: (Date.now() - started) / 1000 };
}
