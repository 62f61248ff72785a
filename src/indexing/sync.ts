import type { Client } from '@elastic/elasticsearch';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isSourceFile,
  listSourceFiles,
  readSourceFiles,
  type ReadResult,
  type Source,
} from '../articles/walk.js';
import { indexCopyFinder } from './clustering.js';
import { classify, deletions, emptyTally, type Snapshot, type Tally } from './diff.js';
import { shrinkRefusal } from './guards.js';
import { load, type BulkOp, type LoadOptions } from './load.js';
import { engineStep, recordRejected, type RunRecord } from './run.js';

// One incremental pass over some scopes of a source (the whole of it, or the paths a watcher
// saw change): read and hash -> diff against the snapshot -> apply (index + delete in one bulk
// stream) -> refresh. The snapshot is brought up to date only with what the engine acknowledged,
// so a pass that fails half-way is simply done again.

export interface SyncContext {
  client: Client;
  /** The concrete index behind the alias. */
  index: string;
  source: Source;
  snapshot: Snapshot;
  keepDeleted: boolean;
  allowShrink: boolean;
  load: LoadOptions;
  wrap: (message: string, cause?: unknown) => Error;
  /** Called as sources are read (the caller throttles its display). */
  onRead?: () => void;
}

export interface SyncResult extends Tally {
  /** Set when deletions were refused by the shrink guard (nothing was deleted). */
  refusal?: string;
  /** Operations sent to the engine (0: no bulk request was made). */
  sent: number;
}

type Applied = { id: string; path: string; hash: string } | { id: string; path?: undefined };

export async function sync(
  ctx: SyncContext,
  scopes: readonly string[],
  run: RunRecord,
): Promise<SyncResult> {
  const { snapshot } = ctx;
  const tally = emptyTally();
  const seen = new Set<string>();
  const keep: string[] = [];
  const applied: Applied[] = [];
  let refusal: string | undefined;
  const rejectedBefore = run.rejected.length;

  const note = (r: Extract<ReadResult, { ok: false }>) => {
    recordRejected(run, r);
    if (r.id !== undefined) seen.add(r.id);
    if (r.keep !== undefined) keep.push(r.keep);
  };

  const copies = indexCopyFinder(ctx.client, ctx.index, ctx.wrap);
  async function* ops(): AsyncGenerator<BulkOp> {
    for (const scope of scopes) {
      for await (const r of readScope(ctx.source, scope, snapshot, note, (n) => (run.total = n))) {
        run.files++;
        ctx.onRead?.();
        if (r.ok === 'unchanged') {
          seen.add(r.id);
          tally.unchanged++;
          run.unchanged++;
          continue;
        }
        if (!r.ok) {
          note(r);
          continue;
        }
        seen.add(r.id);
        run.parsed++;
        tally[classify(snapshot, r.id, r.hash) === 'added' ? 'added' : 'updated']++;
        applied.push({ id: r.id, path: r.path, hash: r.hash });
        await copies.place(r.id, r.doc);
        yield { op: 'index', id: r.id, doc: r.doc };
      }
    }
    if (ctx.keepDeleted) return;
    const gone = deletions(snapshot, scopes, seen, keep);
    if (gone.length === 0) return;
    refusal =
      shrinkRefusal({
        before: snapshot.size,
        after: snapshot.size + tally.added - gone.length,
        allowShrink: ctx.allowShrink,
      }) ?? undefined;
    if (refusal) return;
    for (const id of gone) {
      tally.deleted++;
      applied.push({ id });
      yield { op: 'delete', id };
    }
  }

  const loaded = await load(ctx.client, ctx.index, ops(), run, ctx.load, ctx.wrap);
  tally.rejected = run.rejected.length - rejectedBefore;
  for (const a of applied) {
    if (loaded.refused.has(a.id)) {
      // The engine refused it: it is neither added nor updated nor deleted.
      if (a.path === undefined) tally.deleted--;
      else if (snapshot.has(a.id)) tally.updated--;
      else tally.added--;
      continue;
    }
    if (a.path === undefined) snapshot.delete(a.id);
    else snapshot.set(a.id, { path: a.path, hash: a.hash });
  }
  if (applied.length > 0) {
    await engineStep(
      'refreshing',
      () => ctx.client.indices.refresh({ index: ctx.index }),
      ctx.wrap,
    );
  }
  return { ...tally, sent: applied.length, ...(refusal ? { refusal } : {}) };
}

/**
 * What one scope holds now: everything for '', a folder's files, one file, or nothing (the
 * path is gone or is not an article source: only deletions follow).
 */
async function* readScope(
  source: Source,
  scope: string,
  snapshot: Snapshot,
  note: (r: Extract<ReadResult, { ok: false }>) => void,
  total?: (files: number) => void,
): AsyncGenerator<ReadResult | { ok: 'unchanged'; id: string; path: string }> {
  let files: string[];
  if (scope === '') {
    const listing = await listSourceFiles(source);
    total?.(listing.files.length);
    listing.unreadable.forEach(note);
    files = listing.files;
  } else {
    let kind: 'dir' | 'file' | 'none';
    try {
      const info = await stat(join(source.root, scope));
      kind = info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'none';
    } catch {
      kind = 'none';
    }
    if (kind === 'dir' && source.file === undefined) {
      const listing = await listSourceFiles(source, scope);
      listing.unreadable.forEach(note);
      files = listing.files;
    } else if (kind === 'file' && isSourceFile(lastSegment(scope), source.format)) {
      files = source.file === undefined || source.file === scope ? [scope] : [];
    } else {
      files = [];
    }
    if (scope.split('/').some((part) => part.startsWith('.'))) files = [];
  }
  const unchanged = (id: string, hash: string) => snapshot.get(id)?.hash === hash;
  yield* readSourceFiles(source, files, { unchanged });
}

function lastSegment(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}
