import type { Client } from '@elastic/elasticsearch';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { describe, IndexingError } from './run.js';

// One writer per alias. The lock is a document in a small index of the engine (so every machine
// that writes the alias sees it), created with op_type=create: exactly one run can create it.
// Its holder refreshes a heartbeat; a lock whose holder is gone (a dead pid on this host, or a
// heartbeat older than `staleMs` from anywhere) is taken over with a compare-and-set on its
// sequence number, so two runs that both see it stale cannot both take it.

export const LOCK_INDEX = 'ireum-locks';

export interface LockInfo {
  alias: string;
  /** `reindex`, `index`, `index --watch`. */
  command: string;
  host: string;
  pid: number;
  /** Distinguishes two holders with the same host and pid (a restarted container). */
  token: string;
  started: string;
  heartbeat: string;
}

export interface AliasLock {
  readonly info: LockInfo;
  /** Aborted when another run took the lock over: the holder must stop writing. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface LockOptions {
  command: string;
  /** A heartbeat older than this means the holder is gone. */
  staleMs?: number;
  heartbeatMs?: number;
  log?: (message: string) => void;
  host?: string;
  pid?: number;
  now?: () => Date;
  /** Whether a process of this host is alive; the default asks the kernel. */
  isAlive?: (pid: number) => boolean;
}

export const LOCK_DEFAULTS = { staleMs: 60_000, heartbeatMs: 10_000 };

/** Another run holds the alias: nothing was touched. */
export class LockHeldError extends IndexingError {
  override name = 'LockHeldError';
  constructor(
    readonly holder: LockInfo,
    alias: string,
  ) {
    super(
      'LockError',
      `alias '${alias}' is locked by \`${holder.command}\` (pid ${holder.pid} on ${holder.host}, ` +
        `started ${holder.started}, last heartbeat ${holder.heartbeat}); wait for it to finish, ` +
        `or stop it`,
      undefined,
    );
  }
}

/**
 * Why a lock may be taken over, or null while its holder looks alive. Pure.
 * Same host: the pid tells at once. Other hosts: only the heartbeat can.
 */
export function staleReason(
  lock: LockInfo,
  self: {
    host: string;
    pid: number;
    /** Tokens of the locks this process holds now. */
    held: ReadonlySet<string>;
    now: Date;
    staleMs: number;
    isAlive: (pid: number) => boolean;
  },
): string | null {
  if (lock.host === self.host && !self.isAlive(lock.pid)) {
    return `its process ${lock.pid} on ${lock.host} is gone`;
  }
  if (lock.host === self.host && lock.pid === self.pid && !self.held.has(lock.token)) {
    // This process took it and no longer holds it (a run whose release could not reach the engine).
    return `it was left by an earlier run of this process`;
  }
  const beat = Date.parse(lock.heartbeat);
  if (!Number.isFinite(beat)) return 'its heartbeat is unreadable';
  const age = self.now.getTime() - beat;
  if (age > self.staleMs) {
    return `its heartbeat is ${Math.round(age / 1000)}s old (stale after ${Math.round(self.staleMs / 1000)}s)`;
  }
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Versioned = { seqNo: number; primaryTerm: number };

// Tokens of the locks this process holds, so it can tell its own leftovers from live runs.
const heldHere = new Set<string>();

export async function acquireLock(
  client: Client,
  alias: string,
  opts: LockOptions,
): Promise<AliasLock> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const staleMs = opts.staleMs ?? LOCK_DEFAULTS.staleMs;
  const info: LockInfo = {
    alias,
    command: opts.command,
    host: opts.host ?? hostname(),
    pid: opts.pid ?? process.pid,
    token: randomUUID(),
    started: now().toISOString(),
    heartbeat: now().toISOString(),
  };
  await ensureLockIndex(client);

  let version: Versioned | undefined;
  for (let attempt = 0; attempt < 3 && !version; attempt++) {
    version = await writeLock(client, alias, info);
    if (version) break;
    const held = await readLock(client, alias);
    if (!held) continue; // released in between: try to create it again
    const why = staleReason(held.info, {
      host: info.host,
      pid: info.pid,
      held: heldHere,
      now: now(),
      staleMs,
      isAlive: opts.isAlive ?? processAlive,
    });
    if (!why) throw new LockHeldError(held.info, alias);
    version = await writeLock(client, alias, info, held.version);
    if (!version)
      throw new LockHeldError((await readLock(client, alias))?.info ?? held.info, alias);
    log(
      `took over the lock on '${alias}' from \`${held.info.command}\` (pid ${held.info.pid} on ` +
        `${held.info.host}): ${why}`,
    );
  }
  if (!version)
    throw new IndexingError('LockError', `could not take the lock on '${alias}'`, undefined);

  heldHere.add(info.token);
  const lost = new AbortController();
  let current: Versioned = version;
  let pending: Promise<void> = Promise.resolve();
  const beat = async () => {
    try {
      const next = await writeLock(
        client,
        alias,
        { ...info, heartbeat: now().toISOString() },
        current,
      );
      if (next) {
        current = next;
        return;
      }
      log(`lost the lock on '${alias}': another run took it over`);
      lost.abort(new Error(`lost the lock on '${alias}'`));
      clearInterval(timer);
    } catch {
      // The engine unreachable: the next beat tries again.
    }
  };
  let beating = false;
  const timer = setInterval(() => {
    // A beat still waiting on a slow engine is enough: beats must not queue up behind it.
    if (beating) return;
    beating = true;
    pending = pending.then(beat).finally(() => (beating = false));
  }, opts.heartbeatMs ?? LOCK_DEFAULTS.heartbeatMs);
  timer.unref();

  let released = false;
  return {
    info,
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(info.token);
      clearInterval(timer);
      await pending;
      if (lost.signal.aborted) return;
      try {
        await client.delete(
          {
            index: LOCK_INDEX,
            id: alias,
            if_seq_no: current.seqNo,
            if_primary_term: current.primaryTerm,
          },
          { ignore: [404, 409] },
        );
      } catch (err) {
        // The lock goes stale on its own: the next run takes it over.
        log(`could not release the lock on '${alias}': ${describe(err)}`);
      }
    },
  };
}

/** The lock on an alias, if any; for status displays and tests. */
export async function readLock(
  client: Client,
  alias: string,
): Promise<{ info: LockInfo; version: Versioned } | undefined> {
  try {
    const res = await client.get<LockInfo>({ index: LOCK_INDEX, id: alias });
    if (!res.found || !res._source) return undefined;
    return {
      info: res._source,
      version: { seqNo: res._seq_no ?? 0, primaryTerm: res._primary_term ?? 1 },
    };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

async function ensureLockIndex(client: Client): Promise<void> {
  if (await client.indices.exists({ index: LOCK_INDEX })) return;
  try {
    await client.indices.create({
      index: LOCK_INDEX,
      settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
      mappings: { dynamic: false, properties: { alias: { type: 'keyword' } } },
    });
  } catch (err) {
    // Another run created it first.
    if (!/resource_already_exists/.test(describe(err) + JSON.stringify(bodyOf(err)))) throw err;
  }
}

/**
 * Writes the lock: created when `seen` is undefined (op_type=create), else replaced only if it
 * is still the version read (compare-and-set). Undefined when another run won the race.
 */
async function writeLock(
  client: Client,
  alias: string,
  info: LockInfo,
  seen?: Versioned,
): Promise<Versioned | undefined> {
  try {
    const res = seen
      ? await client.index({
          index: LOCK_INDEX,
          id: alias,
          document: info,
          if_seq_no: seen.seqNo,
          if_primary_term: seen.primaryTerm,
        })
      : await client.create({ index: LOCK_INDEX, id: alias, document: info });
    return { seqNo: res._seq_no ?? 0, primaryTerm: res._primary_term ?? 1 };
  } catch (err) {
    if (statusOf(err) === 409) return undefined;
    throw err;
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { meta?: { statusCode?: number } }).meta?.statusCode;
}

function bodyOf(err: unknown): unknown {
  return (err as { meta?: { body?: unknown } }).meta?.body;
}
