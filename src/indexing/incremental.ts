import type { Client } from '@elastic/elasticsearch';
import type { Source } from '../articles/walk.js';
import { emptyTally, type Snapshot } from './diff.js';
import type { LoadOptions } from './load.js';
import { acquireLock, type AliasLock, type LockOptions } from './lock.js';
import { mappingVersion, namesRulesVersion, type IndexMapping } from './mappings.js';
import { aliasTargets } from './plan.js';
import { progressOf, reindex } from './reindex.js';
import {
  elapsedSeconds,
  engineStep,
  IndexError,
  InterruptedError,
  newRun,
  type DroppedDocument,
  type Progress,
  type RejectedFile,
} from './run.js';
import { peopleAliasOf, refreshPeople } from './people.js';
import { markRegistryChanges, storedRegistry } from './retag.js';
import { readSnapshot } from './snapshot.js';
import { sync, type SyncResult } from './sync.js';

// `ireum index`: the index behind the alias follows its source. A session holds the alias's
// lock and the snapshot of what the index holds; a pass (the whole source, or the paths a
// watcher saw change) diffs the source against it and applies only the difference. With no
// index yet, the first pass is a reindex, through the same phases.

export interface IndexOptions extends LoadOptions {
  client: Client;
  source: Source;
  alias: string;
  mapping: IndexMapping;
  /** mappings/people.json: when given, the people index follows every pass that changed. */
  peopleMapping?: IndexMapping;
  /** Keep documents whose source is gone. */
  keepDeleted?: boolean;
  /** Let deletions take the alias to 0 or under half of what it holds. */
  allowShrink?: boolean;
  signal?: AbortSignal;
  log?: (message: string) => void;
  onProgress?: (progress: Progress) => void;
  lock?: Partial<LockOptions>;
}

export interface PassResult extends SyncResult {
  seconds: number;
  rejectedFiles: RejectedFile[];
  /** Documents the engine refused (their old versions, if any, are still served). */
  dropped: DroppedDocument[];
  droppedCount: number;
  /** Set when this pass created the index (there was none behind the alias). */
  created?: string;
}

export interface IndexSession {
  readonly alias: string;
  readonly index: string;
  readonly snapshot: Snapshot;
  readonly lock: AliasLock;
  /** One pass over `scopes` ('' = the whole source). Watch passes ignore the abort signal. */
  pass(scopes: readonly string[], opts?: { signal?: AbortSignal }): Promise<PassResult>;
  close(): Promise<void>;
}

export async function openSession(opts: IndexOptions, command = 'index'): Promise<IndexSession> {
  const { client, alias } = opts;
  const log = opts.log ?? (() => {});
  const setupRun = newRun(alias);
  const wrap = (message: string, cause?: unknown) =>
    new IndexError(message, setupRun, cause === undefined ? undefined : { cause });
  const lock = await acquireLock(client, alias, { command, log, ...opts.lock });
  try {
    const targets = await engineStep('reading the alias', () => aliasTargets(client, alias), wrap);
    if (targets.length > 1) {
      throw wrap(
        `alias '${alias}' points to ${targets.length} indices (${targets.join(', ')}); ` +
          `an incremental run needs one: run \`ireum reindex\``,
      );
    }
    let index = targets[0];
    let created: PassResult | undefined;
    const held = index === undefined ? undefined : await heldMapping(client, index, wrap);
    const stale = held === undefined ? null : staleMapping(index!, held, opts.mapping);
    if (stale !== null) log(stale);
    if (index === undefined || stale !== null) {
      if (index === undefined) log(`no index behind '${alias}' yet: building one`);
      const started = Date.now();
      const r = await reindex({
        ...opts,
        source: opts.source,
        heldLock: lock,
        allowShrink: opts.allowShrink ?? false,
      });
      index = r.index;
      created = {
        ...emptyTally(),
        added: r.indexed,
        rejected: r.rejected.length,
        sent: r.indexed,
        rejectedFiles: r.rejected,
        dropped: [],
        droppedCount: 0,
        seconds: (Date.now() - started) / 1000,
        created: r.index,
      };
    } else {
      await ensureHashField(client, index, opts.mapping, wrap);
    }
    const snapshot = await readSnapshot(client, index, wrap);
    const serving = index;
    // The registry the index was tagged with, against the one in force now.
    let metaPending = false;
    if (held !== undefined && stale === null) {
      const before = storedRegistry(held);
      const after = storedRegistry(opts.mapping.mappings);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const n = await markRegistryChanges(client, serving, before, after, snapshot, wrap);
        log(`the person registry changed: ${n} document(s) to tag again`);
        metaPending = true;
      }
    }
    let firstPass = created;
    return {
      alias,
      index: serving,
      snapshot,
      lock,
      async pass(scopes, passOpts = {}) {
        if (firstPass && scopes.length === 1 && scopes[0] === '') {
          // The reindex that created the index was this pass.
          const r = firstPass;
          firstPass = undefined;
          return r;
        }
        firstPass = undefined;
        const run = newRun(alias);
        run.phase = 'reading';
        const passWrap = (message: string, cause?: unknown) =>
          new IndexError(message, run, cause === undefined ? undefined : { cause });
        const signal = passOpts.signal ? AbortSignal.any([passOpts.signal, lock.lost]) : lock.lost;
        const result = await sync(
          {
            client,
            index: serving,
            source: opts.source,
            snapshot,
            keepDeleted: opts.keepDeleted ?? false,
            allowShrink: opts.allowShrink ?? false,
            load: { ...opts, signal },
            wrap: passWrap,
            onRead: () => opts.onProgress?.(progressOf(run, run.parsed)),
          },
          scopes,
          run,
        );
        if (signal.aborted) {
          if (lock.lost.aborted) throw passWrap('another run took the lock over');
          throw passWrap(
            'interrupted; what was acknowledged before stays applied',
            new InterruptedError(),
          );
        }
        const people = opts.peopleMapping !== undefined;
        if (people && (result.sent > 0 || metaPending || !(await hasPeople(client, alias)))) {
          await refreshPeople(client, serving, alias, opts.peopleMapping, log);
        }
        if (metaPending && result.refusal === undefined) {
          await engineStep(
            'recording the registry in the index',
            () => client.indices.putMapping({ index: serving, _meta: metaOf(opts.mapping) }),
            passWrap,
          );
          metaPending = false;
        }
        return {
          ...result,
          seconds: elapsedSeconds(run),
          rejectedFiles: run.rejected,
          dropped: run.dropped,
          droppedCount: run.droppedCount,
        };
      },
      close: () => lock.release(),
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** One incremental pass over the whole source, under the alias's lock. */
export async function indexOnce(opts: IndexOptions): Promise<PassResult> {
  const session = await openSession(opts);
  try {
    return await session.pass([''], opts.signal ? { signal: opts.signal } : {});
  } finally {
    await session.close();
  }
}

function metaOf(mapping: IndexMapping): Record<string, unknown> {
  return (mapping.mappings._meta as Record<string, unknown> | undefined) ?? {};
}

async function heldMapping(
  client: Client,
  index: string,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<Record<string, unknown>> {
  const res = await engineStep(
    'reading the index mapping',
    () => client.indices.getMapping({ index }),
    wrap,
  );
  return (res as Record<string, { mappings?: Record<string, unknown> }>)[index]?.mappings ?? {};
}

/**
 * Why the index must be rebuilt rather than patched, or null: it was made from an older
 * `mappings/articles.json` (new fields may need analyzers an open index cannot take), or its
 * people were read by older name rules (names/rules.ts).
 */
function staleMapping(
  index: string,
  held: Record<string, unknown>,
  mapping: IndexMapping,
): string | null {
  const keep = '(the alias keeps serving the old one until the new one is ready)';
  const want = mappingVersion(mapping.mappings);
  const have = mappingVersion(held);
  if (have < want) {
    return `'${index}' was built from mapping version ${have}, the mapping is now ${want}: rebuilding it ${keep}`;
  }
  // Its people were read by older name rules: every article may name someone else now.
  const rules = namesRulesVersion(mapping.mappings);
  const heldRules = namesRulesVersion(held);
  return heldRules < rules
    ? `'${index}' holds people read by name rules version ${heldRules}, the rules are now ${rules}: rebuilding it ${keep}`
    : null;
}

/** Indices built before content hashes were stored get the field (mappings only grow). */
async function ensureHashField(
  client: Client,
  index: string,
  mapping: IndexMapping,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<void> {
  const hash = (mapping.mappings.properties as Record<string, unknown> | undefined)?.hash;
  if (!hash) return;
  await engineStep(
    'adding the hash field',
    () => client.indices.putMapping({ index, properties: { hash } as never }),
    wrap,
  );
}

async function hasPeople(client: Client, alias: string): Promise<boolean> {
  return client.indices.existsAlias({ name: peopleAliasOf(alias) }).catch(() => true);
}
