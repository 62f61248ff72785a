import type { Client } from '@elastic/elasticsearch';
import type { PersonEntry } from '../names/usage.js';

// Reads the people index (`<alias>-people`) for the faces: display forms by key, cached until
// the people alias moves to a rebuilt index, and whole entries for people pages. Losing it costs
// only the nicer display: callers fall back to the display made from the key.

/** The alias of the people index beside the articles alias `alias`: a public name. */
export function peopleAliasOf(alias: string): string {
  return `${alias}-people`;
}

const RECHECK_MS = 5_000;
const CACHE_LIMIT = 100_000;

export interface PeopleDirectory {
  /** Display forms of the keys the people index holds (others are left out). */
  displays(keys: readonly string[]): Promise<Map<string, string>>;
  /** The whole entry of one person, or null. */
  entry(key: string): Promise<PersonEntry | null>;
}

export function createPeopleDirectory(client: Client, alias: string): PeopleDirectory {
  const peopleAlias = peopleAliasOf(alias);
  const cache = new Map<string, string>();
  let target = '';
  let checkedAt = 0;
  const options = { requestTimeout: 3_000, maxRetries: 0 };

  async function fresh(): Promise<void> {
    if (Date.now() - checkedAt < RECHECK_MS) return;
    checkedAt = Date.now();
    const res = await client.indices.getAlias({ name: peopleAlias }, options).catch(() => ({}));
    const now = Object.keys(res).sort().join(',');
    if (now !== target) {
      target = now;
      cache.clear();
    }
  }

  return {
    async displays(keys) {
      const out = new Map<string, string>();
      try {
        await fresh();
        const missing = keys.filter((k) => !cache.has(k));
        if (missing.length > 0 && target !== '') {
          const res = await client.mget<{ display?: string }>(
            { index: peopleAlias, ids: [...new Set(missing)], _source: ['display'] },
            options,
          );
          if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
          for (const doc of res.docs) {
            const display = 'found' in doc && doc.found ? doc._source?.display : undefined;
            // An empty string remembers "not there" so the next search does not ask again.
            cache.set(doc._id, display ?? '');
          }
        }
      } catch {
        return out;
      }
      for (const k of keys) {
        const d = cache.get(k);
        if (d) out.set(k, d);
      }
      return out;
    },

    async entry(key) {
      try {
        const res = await client.get<PersonEntry>({ index: peopleAlias, id: key }, options);
        return res.found && res._source ? res._source : null;
      } catch {
        return null;
      }
    },
  };
}
