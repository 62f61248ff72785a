import type { Client } from '@elastic/elasticsearch';
import {
  buildPeopleCountRequest,
  distinctKeys,
  parsePeopleCounts,
  peopleRows,
  resolveName,
  type PeopleRow,
  type PeopleService,
} from '../search/peopleBatch.js';
import { buildPersonRequest, personKeysOf, transformPerson } from '../search/personPage.js';
import { buildSuggestPeopleRequest, transformSuggestPeople } from '../search/suggestPeople.js';
import { createPeopleDirectory, peopleAliasOf } from './peopleDirectory.js';
import { guardEngine } from './unavailable.js';

export interface EnginePeopleOptions {
  client: Client;
  /** The alias (or index) whose articles are counted. */
  alias: string;
  /** Bound on the counting request; a slow engine becomes a 503, not a hung request. */
  timeoutMs?: number;
  /**
   * Keys counted per request. A web batch (at most 1,000 names) is always one request; a long
   * file given to the CLI is counted this many distinct keys at a time.
   */
  keysPerRequest?: number;
}

const DEFAULT_KEYS_PER_REQUEST = 1_000;

/** The PeopleService over a real engine: resolves with src/search, counts in one request. */
export function createEnginePeopleService(opts: EnginePeopleOptions): PeopleService {
  const { client, alias } = opts;
  const perRequest = Math.max(1, opts.keysPerRequest ?? DEFAULT_KEYS_PER_REQUEST);
  // As the search service: one immediate retry at most, so an engine that is down is a quick 503.
  const requestOptions = {
    requestTimeout: opts.timeoutMs ?? 10_000,
    maxRetries: 1,
    retryBackoff: () => 0,
  };

  async function count(keys: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let start = 0; start < keys.length; start += perRequest) {
      const request = buildPeopleCountRequest(keys.slice(start, start + perRequest));
      const response = await guardEngine(() =>
        client.search({ index: alias, ...request }, requestOptions),
      );
      for (const [key, n] of parsePeopleCounts(response)) counts.set(key, n);
    }
    return counts;
  }

  const directory = createPeopleDirectory(client, alias);

  return {
    async suggest(q: string) {
      const request = buildSuggestPeopleRequest(q);
      if (request === null) return [];
      const response = await guardEngine(() =>
        client.search<{ key?: string; display?: string; hangul?: string[]; articles?: number }>(
          { index: peopleAliasOf(alias), ignore_unavailable: true, ...request },
          requestOptions,
        ),
      );
      return transformSuggestPeople(response);
    },

    async person(key: string) {
      const response = await guardEngine(() =>
        client.search({ index: alias, ...buildPersonRequest(key) }, requestOptions),
      );
      const displays = await directory.displays(personKeysOf(response, key));
      return transformPerson(key, response, displays);
    },

    async countPeople(names: readonly string[]): Promise<PeopleRow[]> {
      const resolved = names.map(resolveName);
      // Nothing resolved, nothing to ask: the engine is not needed to say 0.
      return peopleRows(resolved, await count(distinctKeys(resolved)));
    },
  };
}
