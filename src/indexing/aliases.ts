// Naming and alias bookkeeping for the `<alias>-<timestamp>` indices behind an alias. Pure.

export type AliasAction =
  { remove: { index: string; alias: string } } | { add: { index: string; alias: string } };

/** `articles` at 2026-11-27T23:10:04.123Z -> `articles-20261127231004123`. */
export function newIndexName(alias: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T.Z]/g, '');
  return `${alias}-${stamp}`;
}

/** True for names `newIndexName(alias, ...)` produces, so other indices are never touched. */
export function isIndexOf(alias: string, index: string): boolean {
  if (!index.startsWith(`${alias}-`)) return false;
  return /^\d{17}$/.test(index.slice(alias.length + 1));
}

/**
 * One atomic `_aliases` body: the alias leaves every index it points to now and lands on the
 * new one, so searches never see zero or two versions.
 */
export function swapAliasActions(
  alias: string,
  newIndex: string,
  currentIndices: readonly string[],
): AliasAction[] {
  const removes: AliasAction[] = currentIndices
    .filter((index) => index !== newIndex)
    .map((index) => ({ remove: { index, alias } }));
  return [...removes, { add: { index: newIndex, alias } }];
}

/** Indices left behind by interrupted runs: ours by name, not served by the alias. */
export function orphanedIndices(
  alias: string,
  existing: readonly string[],
  aliasTargets: readonly string[],
): string[] {
  const served = new Set(aliasTargets);
  return existing.filter((index) => isIndexOf(alias, index) && !served.has(index)).sort();
}
