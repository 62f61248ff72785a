import { errors, type Client } from '@elastic/elasticsearch';
import { describe } from './run.js';

// After the load, before the swap: a large new index is merged down to a few segments. Bulk
// loading leaves dozens of them (42 for a million articles), and every search visits each; at
// a million articles merging took under four minutes, the store went from 10,680 to 7,228 MiB
// and the first-time p50 from 66 to 51-60 ms (bench/README.md). Small indices are left to the
// merge policy, which already keeps them in a few segments.
//
// Segments are kept under the merge policy's own ceiling (5 GiB), not merged into one: `ireum
// index` writes into the served index later, and a segment past the ceiling would never be
// merged again, whatever share of it had been replaced.

/** Indices with fewer documents are not merged. */
export const MERGE_MIN_DOCS = 50_000;

/** The merge policy's largest merged segment (index.merge.policy.max_merged_segment). */
export const MAX_SEGMENT_BYTES = 5 * 1024 ** 3;

/** A merge can run for minutes: it is waited for, up to this long. */
const MERGE_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** How often a merge that outlived its request is looked for among the engine's tasks. */
const POLL_MS = 2_000;

/** Polls without a running merge, with the index above its target, before the merge is asked again. */
const IDLE_POLLS = 3;

/** How often the merge is asked again before the index is left to the merge policy. */
const MAX_RESENDS = 3;

/** How many segments an index of `storeBytes` is merged into. Pure. */
export function segmentsFor(storeBytes: number): number {
  return Math.max(1, Math.ceil(storeBytes / MAX_SEGMENT_BYTES));
}

export interface MergeOptions {
  /** Indices with fewer documents are not merged (default MERGE_MIN_DOCS). */
  minDocs?: number;
  /**
   * How long the merge request itself is waited for. The client's connections give up after
   * their own timeout whatever a request asks, so a longer merge is waited for through the
   * tasks API instead (the engine goes on merging when the request is dropped).
   */
  requestTimeoutMs?: number;
}

/**
 * Merges `index` when it holds at least `minDocs` documents, and waits until it is merged. A
 * failed merge is logged and the run goes on: the index is complete either way, only slower to
 * search until the engine's own merges catch up.
 */
export async function mergeLarge(
  client: Client,
  index: string,
  count: number,
  log: (message: string) => void,
  opts: MergeOptions = {},
): Promise<{ segments: number; seconds: number } | null> {
  if (count < (opts.minDocs ?? MERGE_MIN_DOCS)) return null;
  const started = Date.now();
  try {
    const stats = await client.indices.stats({ index, metric: 'store' });
    const segments = segmentsFor(stats._all.primaries?.store?.size_in_bytes ?? 0);
    log(`merging ${index} into ${segments} segment(s)`);
    try {
      await forcemerge(client, index, segments, opts.requestTimeoutMs);
    } catch (err) {
      if (!(err instanceof errors.TimeoutError)) throw err;
      await whileMerging(
        client,
        index,
        segments,
        started + MERGE_TIMEOUT_MS,
        opts.requestTimeoutMs,
      );
    }
    // Searches keep reading the old segments until a refresh opens the merged ones.
    await client.indices.refresh({ index });
    const seconds = (Date.now() - started) / 1000;
    log(`merged ${index} in ${seconds.toFixed(1)}s`);
    return { segments, seconds };
  } catch (err) {
    log(`could not merge ${index} (it is complete, only slower to search): ${describe(err)}`);
    return null;
  }
}

/**
 * Waits until `index` is merged down to `segments` per shard. The engine lists a merge among
 * its tasks only once the request reached it, so "no task" alone does not mean done: a
 * request that timed out before the engine saw it (one CI run on a loaded host) would
 * otherwise pass for a finished merge. When no merge runs and the index is still above its
 * target for a few polls, the request is sent again.
 */
async function whileMerging(
  client: Client,
  index: string,
  segments: number,
  deadline: number,
  requestTimeoutMs: number | undefined,
): Promise<void> {
  let idle = 0;
  let resent = 0;
  for (let poll = 0; ; poll++) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, 250 * 2 ** poll)));
    if (Date.now() > deadline) throw new Error('the merge is still running after two hours');
    if (await mergeRunning(client, index)) {
      idle = 0;
      continue;
    }
    if ((await mostSegmentsPerShard(client, index)) <= segments) return;
    if (++idle < IDLE_POLLS) continue;
    idle = 0;
    if (++resent > MAX_RESENDS) throw new Error(`still above ${segments} segment(s) per shard`);
    await forcemerge(client, index, segments, requestTimeoutMs).catch((err: unknown) => {
      if (!(err instanceof errors.TimeoutError)) throw err;
    });
  }
}

async function forcemerge(
  client: Client,
  index: string,
  segments: number,
  requestTimeoutMs: number | undefined,
): Promise<void> {
  await client.indices.forcemerge(
    { index, max_num_segments: segments },
    { maxRetries: 0, ...(requestTimeoutMs ? { requestTimeout: requestTimeoutMs } : {}) },
  );
}

async function mergeRunning(client: Client, index: string): Promise<boolean> {
  const res = await client.tasks.list({ actions: '*forcemerge*', detailed: true });
  return Object.values(res.nodes ?? {}).some((node) =>
    Object.values(node.tasks ?? {}).some((task) => (task.description ?? '').includes(index)),
  );
}

/** The searchable segments of the fullest primary shard, after a refresh opens merged ones. */
async function mostSegmentsPerShard(client: Client, index: string): Promise<number> {
  await client.indices.refresh({ index });
  const rows = (await client.cat.segments({ index, format: 'json' })) as unknown as {
    shard?: string | number;
    prirep?: string;
    searchable?: string | boolean;
  }[];
  const perShard = new Map<string, number>();
  for (const row of rows) {
    if (row.prirep !== 'p' || String(row.searchable) !== 'true') continue;
    const shard = String(row.shard);
    perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
  }
  return Math.max(0, ...perShard.values());
}
