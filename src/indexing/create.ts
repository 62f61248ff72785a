import type { Client } from '@elastic/elasticsearch';
import { newIndexName } from './aliases.js';
import { bulkLoadMapping, type IndexMapping } from './mappings.js';
import { engineStep } from './run.js';

/** A new `<alias>-<timestamp>` index, set up for a fast load (no refresh, no replicas). */
export async function createIndex(
  client: Client,
  alias: string,
  mapping: IndexMapping,
  now: Date,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<string> {
  const index = newIndexName(alias, now);
  const load = bulkLoadMapping(mapping);
  await engineStep(
    `creating index ${index}`,
    () => client.indices.create({ index, settings: load.settings, mappings: load.mappings }),
    wrap,
  );
  return index;
}
