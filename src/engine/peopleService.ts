import { errors, type Client } from '@elastic/elasticsearch';
import {
  buildPeopleCountRequest,
  distinctKeys,
  parsePeopleCounts,
  peopleRows,
  resolveName,
  type PeopleRow,
  type PeopleService,
} from '../search/peopleBatch.js';
import { SearchUnavailableError } from '../search/service.js';

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
      const response = await unavailableAs503(() =>
        client.search({ index: alias, ...request }, requestOptions),
      );
      for (const [key, n] of parsePeopleCounts(response)) counts.set(key, n);
    }
    return counts;
  }

  return {
    async countPeople(names: readonly string[]): Promise<PeopleRow[]> {
      const resolved = names.map(resolveName);
      // Nothing resolved, nothing to ask: the engine is not needed to say 0.
      return peopleRows(resolved, await count(distinctKeys(resolved)));
    },
  };
}

/** An engine that cannot answer (down, overloaded, alias missing) is a SearchUnavailableError. */
async function unavailableAs503<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const why = engineTrouble(e);
    if (why !== null) {
      throw new SearchUnavailableError(`search engine unavailable: ${why}`, { cause: e });
    }
    throw e;
  }
}

/** Why the engine could not answer, in a few words without its URL; null for other errors. */
function engineTrouble(e: unknown): string | null {
  if (
    e instanceof errors.ConnectionError ||
    e instanceof errors.TimeoutError ||
    e instanceof errors.NoLivingConnectionsError
  ) {
    return e.name;
  }
  if (!(e instanceof errors.ResponseError)) return null;
  const type = (e.body as { error?: { type?: unknown } } | undefined)?.error?.type;
  const retryable = [429, 502, 503, 504].includes(e.statusCode ?? 0);
  const transient =
    type === 'index_not_found_exception' ||
    type === 'circuit_breaking_exception' ||
    type === 'es_rejected_execution_exception';
  return retryable || transient ? `engine answered ${e.statusCode}` : null;
}
