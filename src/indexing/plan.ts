import type { Client } from '@elastic/elasticsearch';
import { orphanedIndices } from './aliases.js';
import { engineStep } from './run.js';

// Before anything is created: what the alias serves now and how much, and the leftovers of
// interrupted runs (safe to delete: the caller holds the alias's lock, so no run is writing them).

export interface Plan {
  /** The indices the alias points to now. */
  current: string[];
  /** Documents they hold. */
  servingCount: number;
  orphansDeleted: string[];
}

/** The indices an alias points to; empty when it does not exist. */
export async function aliasTargets(client: Client, alias: string): Promise<string[]> {
  const exists = await client.indices.existsAlias({ name: alias });
  if (!exists) return [];
  const res = await client.indices.getAlias({ name: alias });
  return Object.keys(res).sort();
}

export async function plan(
  client: Client,
  alias: string,
  wrap: (message: string, cause?: unknown) => Error,
  log: (message: string) => void,
): Promise<Plan> {
  const current = await engineStep('reading the alias', () => aliasTargets(client, alias), wrap);
  if (current.length === 0) {
    const concrete = await engineStep(
      'checking the alias name',
      () => client.indices.exists({ index: alias }),
      wrap,
    );
    if (concrete) {
      throw wrap(
        `a concrete index named '${alias}' exists, so the alias cannot be created; ` +
          `use another alias or delete that index`,
      );
    }
  }
  const servingCount =
    current.length === 0
      ? 0
      : (
          await engineStep(
            'counting the served documents',
            () => client.count({ index: alias }),
            wrap,
          )
        ).count;
  const rows = await engineStep(
    'listing indices',
    () => client.cat.indices({ index: `${alias}-*`, format: 'json', h: 'index' }),
    wrap,
  );
  const existing = (rows as { index?: string }[]).map((r) => r.index ?? '').filter(Boolean);
  const orphansDeleted = orphanedIndices(alias, existing, current);
  for (const orphan of orphansDeleted) {
    await engineStep(
      `deleting orphaned index ${orphan}`,
      () => client.indices.delete({ index: orphan }, { ignore: [404] }),
      wrap,
    );
    log(`deleted orphaned index ${orphan} (left by an interrupted run)`);
  }
  return { current, servingCount, orphansDeleted };
}
