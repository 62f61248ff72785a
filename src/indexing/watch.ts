import { watch } from 'node:fs';
import { coalesceScopes } from './diff.js';
import type { IndexSession, PassResult } from './incremental.js';
import { describe } from './run.js';
import { watchTree, type TreeWatcher } from './treeWatch.js';

// `ireum index --watch`. The watcher starts before the first pass, so nothing written while
// that pass runs goes unseen; its events only say "something happened at this path". Each batch
// re-reads those paths and diffs them against the snapshot, so an editor's atomic save (temp
// file, then rename) or a burst of events is one change. A batch that fails (the engine away)
// keeps its paths queued and is retried with backoff; nothing is dropped and the watcher stays.

export interface FollowOptions {
  /** Quiet time before a batch is applied. */
  debounceMs?: number;
  /** Longest a change waits during a steady stream of events. */
  maxDelayMs?: number;
  /** Backoff between retries of a failed batch. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Stops following: the batch in flight finishes, then the promise resolves. */
  signal: AbortSignal;
  onBatch?: (result: PassResult) => void;
  log?: (message: string) => void;
}

export const WATCH_DEFAULTS = {
  debounceMs: 200,
  maxDelayMs: 1_000,
  retryInitialMs: 500,
  retryMaxMs: 15_000,
};

/** Changed paths collected from the moment it starts; `follow` applies them. */
export interface ChangeFeed {
  /** Paths seen since the last take. */
  take(): Set<string>;
  /** Called on every new path (once `follow` listens). */
  listen(onPath: () => void, onError: (err: Error) => void): void;
  close(): void;
}

/** Starts watching `root` (or only `file` inside it) and buffers what changes. */
export function watchChanges(root: string, file?: string): ChangeFeed {
  let dirty = new Set<string>();
  let notify: () => void = () => {};
  let failed: Error | undefined;
  let fail: (err: Error) => void = (err) => (failed = err);
  const onPath = (path: string) => {
    dirty.add(path);
    notify();
  };
  const onError = (err: Error) => fail(new Error(`watching ${root} failed: ${describe(err)}`));
  let watcher: TreeWatcher;
  try {
    if (file !== undefined) {
      const w = watch(root, { persistent: true }, (_event, name) => {
        if (name === null || String(name) === file) onPath(file);
      });
      w.on('error', onError);
      watcher = { close: () => w.close() };
    } else {
      watcher = watchTree(root, { onPath, onError });
    }
  } catch (err) {
    throw new Error(`cannot watch ${root}: ${describe(err)}`, { cause: err });
  }
  return {
    take() {
      const taken = dirty;
      dirty = new Set();
      return taken;
    },
    listen(onNew, onFail) {
      notify = onNew;
      fail = onFail;
      if (failed) onFail(failed);
      if (dirty.size > 0) onNew();
    },
    close: () => watcher.close(),
  };
}

/** Applies the feed's changes in debounced batches until the signal stops it. */
export function follow(
  feed: ChangeFeed,
  session: IndexSession,
  opts: FollowOptions,
): Promise<void> {
  const debounceMs = opts.debounceMs ?? WATCH_DEFAULTS.debounceMs;
  const maxDelayMs = opts.maxDelayMs ?? WATCH_DEFAULTS.maxDelayMs;
  const retryInitialMs = opts.retryInitialMs ?? WATCH_DEFAULTS.retryInitialMs;
  const retryMaxMs = opts.retryMaxMs ?? WATCH_DEFAULTS.retryMaxMs;
  const log = opts.log ?? (() => {});

  return new Promise<void>((resolve, reject) => {
    const pending = new Set<string>();
    let firstPendingAt = 0;
    let timer: NodeJS.Timeout | undefined;
    let inFlight: Promise<void> | undefined;
    let backoff = 0;
    let stopped = false;

    const schedule = (delay: number) => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void flush();
      }, delay);
    };

    // New events: gather them and (unless a retry is already waiting) wait for a quiet moment.
    const onNew = () => {
      const taken = feed.take();
      if (taken.size === 0) return;
      if (pending.size === 0) firstPendingAt = Date.now();
      for (const p of taken) pending.add(p);
      if (backoff > 0 || inFlight) return;
      const waited = Date.now() - firstPendingAt;
      schedule(Math.max(0, Math.min(debounceMs, maxDelayMs - waited)));
    };

    const flush = async (): Promise<void> => {
      if (inFlight || pending.size === 0 || stopped) return;
      const scopes = coalesceScopes(pending);
      pending.clear();
      inFlight = (async () => {
        try {
          const result = await session.pass(scopes);
          if (backoff > 0) log('engine reachable again: the queued changes are applied');
          backoff = 0;
          opts.onBatch?.(result);
        } catch (err) {
          if (session.lock.lost.aborted) {
            stop();
            reject(err as Error);
            return;
          }
          for (const s of scopes) pending.add(s);
          backoff = backoff === 0 ? retryInitialMs : Math.min(retryMaxMs, backoff * 2);
          log(
            `could not apply ${scopes.length} changed path(s); queued, retrying in ` +
              `${(backoff / 1000).toFixed(1)}s: ${describe(err)}`,
          );
          schedule(backoff);
        }
      })();
      await inFlight;
      inFlight = undefined;
      // Events that arrived during the batch go out next.
      if (pending.size > 0 && backoff === 0) schedule(debounceMs);
    };

    const stop = () => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      feed.close();
      opts.signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      // The batch in flight is finished, not cut; anything still queued is picked up by the
      // next `ireum index`, which diffs the whole source again.
      void (inFlight ?? Promise.resolve()).then(() => resolve());
    };
    if (opts.signal.aborted) {
      onAbort();
      return;
    }
    opts.signal.addEventListener('abort', onAbort, { once: true });
    feed.listen(onNew, (err) => {
      stop();
      reject(err);
    });
  });
}
