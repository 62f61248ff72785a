import type { Client } from '@elastic/elasticsearch';
import { swapAliasActions } from './aliases.js';
import { aliasTargets } from './plan.js';
import { describe, engineStep } from './run.js';

/**
 * Moves the alias onto `index` in one atomic `_aliases` call, then deletes what it served
 * before. Returns those previous indices.
 */
export async function swap(
  client: Client,
  alias: string,
  index: string,
  wrap: (message: string, cause?: unknown) => Error,
  log: (message: string) => void,
): Promise<string[]> {
  // Read again right before the swap: the atomic call must name exactly what is there now.
  const before = await engineStep('reading the alias', () => aliasTargets(client, alias), wrap);
  await engineStep(
    'swapping the alias',
    () => client.indices.updateAliases({ actions: swapAliasActions(alias, index, before) }),
    wrap,
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
  return previous;
}
