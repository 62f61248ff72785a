import { errors } from '@elastic/elasticsearch';
import { SearchUnavailableError } from '../search/service.js';

// One rule for every read of the engine a web request makes (searches, exports, look-ups):
// what counts as "the engine is away, try again" (503 with Retry-After) rather than a bug.

/** Engine outages and a missing alias become SearchUnavailableError (503); the rest is a bug. */
export async function guardEngine<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isUnavailable(e))
      throw new SearchUnavailableError(`search engine unavailable: ${describeEngineError(e)}`, {
        cause: e,
      });
    throw e;
  }
}

export function isUnavailable(e: unknown): boolean {
  if (
    e instanceof errors.ConnectionError ||
    e instanceof errors.TimeoutError ||
    e instanceof errors.NoLivingConnectionsError
  ) {
    return true;
  }
  if (e instanceof errors.ResponseError) {
    const type = (e.body as { error?: { type?: string } } | undefined)?.error?.type;
    // 429 is the engine shedding load (full queues, circuit breakers); 502/504 come from a proxy
    // or load balancer in front of it. All pass, so all are "try again", never a 500.
    return (
      e.statusCode === 429 ||
      e.statusCode === 502 ||
      e.statusCode === 503 ||
      e.statusCode === 504 ||
      type === 'index_not_found_exception' ||
      type === 'circuit_breaking_exception' ||
      type === 'es_rejected_execution_exception'
    );
  }
  return false;
}

export function describeEngineError(e: unknown): string {
  // The client's messages can carry the node URL; keep only the kind of failure.
  if (e instanceof errors.ResponseError) return `engine answered ${e.statusCode}`;
  if (e instanceof Error) return e.name;
  return 'unknown error';
}
