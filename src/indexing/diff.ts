// What an incremental run must do, decided from the index's snapshot and what was read. Pure.

export interface SnapshotEntry {
  path: string;
  /** Undefined for documents indexed before hashes were stored: they count as changed. */
  hash: string | undefined;
}

/** Document id -> what the index holds for it. */
export type Snapshot = Map<string, SnapshotEntry>;

export type Change = 'added' | 'updated' | 'unchanged';

export function classify(snapshot: Snapshot, id: string, hash: string): Change {
  const held = snapshot.get(id);
  if (!held) return 'added';
  return held.hash === hash ? 'unchanged' : 'updated';
}

/**
 * Whether a document path lies inside a scope that was read again: '' is the whole source; a
 * scope names a file (`a/b.txt`, whose NDJSON articles are `a/b.ndjson#key`) or a folder (`a`).
 */
export function inScope(path: string, scope: string): boolean {
  if (scope === '') return true;
  if (!path.startsWith(scope)) return false;
  if (path.length === scope.length) return true;
  const next = path.charCodeAt(scope.length);
  return next === 0x2f /* / */ || next === 0x23; /* # */
}

/**
 * Ids to delete: documents under a scanned scope that nothing read this time claimed, except
 * those a rejected or unreadable source protects (`keep` prefixes).
 */
export function deletions(
  snapshot: Snapshot,
  scopes: readonly string[],
  seen: ReadonlySet<string>,
  keep: readonly string[],
): string[] {
  const out: string[] = [];
  for (const [id, { path }] of snapshot) {
    if (seen.has(id)) continue;
    if (!scopes.some((s) => inScope(path, s))) continue;
    if (keep.some((k) => path.startsWith(k))) continue;
    out.push(id);
  }
  return out;
}

/**
 * The scopes worth reading for a set of changed paths: duplicates and paths inside another
 * changed folder or file's scope are dropped; '' swallows everything.
 */
export function coalesceScopes(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort();
  if (sorted.includes('')) return [''];
  const out: string[] = [];
  for (const p of sorted) {
    if (out.some((s) => inScope(p, s))) continue;
    out.push(p);
  }
  return out;
}

export interface Tally {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  rejected: number;
}

export function emptyTally(): Tally {
  return { added: 0, updated: 0, deleted: 0, unchanged: 0, rejected: 0 };
}

/** `added A, updated U, deleted D, unchanged N, rejected R`: the contract of `ireum index`. */
export function formatTally(t: Tally): string {
  return `added ${t.added}, updated ${t.updated}, deleted ${t.deleted}, unchanged ${t.unchanged}, rejected ${t.rejected}`;
}
