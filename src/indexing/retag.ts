import type { Client, estypes } from '@elastic/elasticsearch';
import { articleId } from '../articles/document.js';
import { pivotOf, pivotsReadings } from '../names/pivot.js';
import {
  EMPTY_REGISTRY,
  parseRegistry,
  registryChanges,
  type Registry,
} from '../names/registry.js';
import type { Snapshot } from './diff.js';
import { byPath } from './snapshot.js';

// When the person registry changes, `ireum index` tags again only the documents whose names the
// change touches: the registry the index was last tagged with is kept in its mapping's _meta,
// the strings whose reading changed are looked up (as extracted names, as pivots, and as
// phrases in the texts, for a string that was ignored and so never extracted), and those
// documents count as changed in the snapshot, so the pass reads and sends them again.

const CLAUSES_PER_QUERY = 100;

/** The registry stored in a mapping's _meta (empty when none, or unreadable). Pure. */
export function storedRegistry(mappings: Record<string, unknown> | undefined): Registry {
  const meta = mappings?._meta as { ireum_registry?: unknown } | undefined;
  if (meta?.ireum_registry === undefined) return EMPTY_REGISTRY;
  try {
    return parseRegistry(meta.ireum_registry, 'the index _meta');
  } catch {
    return EMPTY_REGISTRY;
  }
}

/** Clauses finding a document that names `text`, however it was read when it was indexed. */
export function namingClauses(text: string): estypes.QueryDslQueryContainer[] {
  const clauses: estypes.QueryDslQueryContainer[] = [{ match: { names: { query: text } } }];
  const pivot = pivotOf(text);
  if (pivot !== null) clauses.push({ terms: { people_readings: pivotsReadings([pivot]) } });
  for (const field of ['title', 'body', 'captions']) {
    clauses.push({ match_phrase: { [field]: text } });
  }
  return clauses;
}

/**
 * Marks as changed every snapshot entry of a document naming a string whose reading differs
 * between the two registries; returns how many.
 */
export async function markRegistryChanges(
  client: Client,
  index: string,
  before: Registry,
  after: Registry,
  snapshot: Snapshot,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<number> {
  const changed = registryChanges(before, after);
  const clauses = changed.flatMap(namingClauses);
  let marked = 0;
  for (let i = 0; i < clauses.length; i += CLAUSES_PER_QUERY) {
    const query = {
      bool: { should: clauses.slice(i, i + CLAUSES_PER_QUERY), minimum_should_match: 1 },
    };
    const what = 'finding the documents the registry change touches';
    for await (const hits of byPath(client, index, query, [], what, wrap)) {
      for (const hit of hits) {
        const id = articleId(String(hit.sort?.[0] ?? ''));
        const entry = snapshot.get(id);
        if (entry && entry.hash !== undefined) {
          snapshot.set(id, { ...entry, hash: undefined });
          marked++;
        }
      }
    }
  }
  return marked;
}
