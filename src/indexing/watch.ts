import { watch, type FSWatcher } from 'node:fs';
import { coalesceScopes } from './diff.js';
import type { IndexSession, PassResult } from './incremental.js';
import { describe } from './run.js';

// `ireum index --watch`: after the first pass, the source folder is followed with Node's own
// recursive fs.watch (inotify on Linux, FSEvents on macOS; new subfolders included), which
// needs no dependency. Events only say "something happened at this path": each batch re-reads
// those paths and diffs them against the snapshot, so an editor's atomic save (temp file, then
// rename) or a burst of events is one change, and a missed event inside a new folder is caught
// by reading the folder. A batch that fails (the engine away) keeps its paths queued and is
// retried with backoff; nothing is dropped and the watcher stays up.

export interface WatchOptions {
  /** Quiet time before a batch is applied. */
  debounceMs?: number;
  /** Longest a change waits during a steady stream of events. */
  maxDelayMs?: number;
  /** Backoff between retries of a failed batch. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Stops watching: the batch in flight finishes, then the promise resolves. */
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

export async function watchSource(
  session: IndexSession,
  root: string,
  file: string | undefined,
  opts: WatchOptions,
): Promise<void> {
  const debounceMs = opts.debounceMs ?? WATCH_DEFAULTS.debounceMs;
  const maxDelayMs = opts.maxDelayMs ?? WATCH_DEFAULTS.maxDelayMs;
  const retryInitialMs = opts.retryInitialMs ?? WATCH_DEFAULTS.retryInitialMs;
  const retryMaxMs = opts.retryMaxMs ?? WATCH_DEFAULTS.retryMaxMs;
  const log = opts.log ?? (() => {});

  const dirty = new Set<string>();
  let firstDirtyAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let backoff = 0;
  let stopped = false;

  let finish!: () => void;
  let fail!: (err: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
  };

  const mark = (path: string) => {
    if (dirty.size === 0) firstDirtyAt = Date.now();
    dirty.add(path);
    if (backoff > 0) return; // a retry is already scheduled
    const waited = Date.now() - firstDirtyAt;
    schedule(Math.max(0, Math.min(debounceMs, maxDelayMs - waited)));
  };

  const flush = async (): Promise<void> => {
    if (inFlight || dirty.size === 0 || stopped) return;
    const scopes = coalesceScopes(dirty);
    dirty.clear();
    inFlight = (async () => {
      try {
        const result = await session.pass(scopes);
        if (backoff > 0) log('engine reachable again: queued changes applied');
        backoff = 0;
        opts.onBatch?.(result);
      } catch (err) {
        if (session.lock.lost.aborted) {
          stop();
          fail(err as Error);
          return;
        }
        for (const s of scopes) dirty.add(s);
        backoff = backoff === 0 ? retryInitialMs : Math.min(retryMaxMs, backoff * 2);
        log(
          `could not apply ${scopes.length} changed path(s), retrying in ` +
            `${(backoff / 1000).toFixed(1)}s: ${describe(err)}`,
        );
        schedule(backoff);
      }
    })();
    await inFlight;
    inFlight = undefined;
    // Events that arrived during the batch.
    if (dirty.size > 0 && backoff === 0) mark([...dirty][0]!);
  };

  let watcher: FSWatcher;
  try {
    watcher = file
      ? watch(root, { persistent: true }, (_event, name) => {
          if (name !== null && String(name) === file) mark(file);
        })
      : watch(root, { recursive: true, persistent: true }, (_event, name) => {
          // No name: something happened that the platform could not pin down; read it all.
          mark(name === null ? '' : String(name).replace(/\\/g, '/'));
        });
  } catch (err) {
    throw new Error(`cannot watch ${root}: ${describe(err)}`);
  }
  watcher.on('error', (err) => {
    // The watched folder itself went away or the platform gave up: say so and stop.
    stop();
    fail(new Error(`watching ${root} failed: ${describe(err)}`));
  });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher.close();
    opts.signal.removeEventListener('abort', onAbort);
  };
  const onAbort = () => {
    stop();
    // The batch in flight is finished, not cut: its changes are acknowledged or retried next run.
    void (inFlight ?? Promise.resolve()).then(() => finish());
  };
  if (opts.signal.aborted) onAbort();
  else opts.signal.addEventListener('abort', onAbort, { once: true });
  return done;
}
