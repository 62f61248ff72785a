import { errors, type Client } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import { isArticleId, transformArticle, type ArticleView } from '../search/article.js';
import { buildArticleRequest, buildSearchRequest } from '../search/buildRequest.js';
import type { SearchParams } from '../search/params.js';
import {
  SearchUnavailableError,
  type HealthReport,
  type SearchService,
} from '../search/service.js';
import { transformResponse, type SearchResults } from '../search/transformResponse.js';

export interface EngineSearchOptions {
  client: Client;
  /** The alias (or index) searched. */
  alias: string;
  /** Bound on each search; a slow engine becomes a 503 rather than a hung page. */
  timeoutMs?: number;
}

/** The SearchService over a real engine: builds with src/search, sends, maps back. */
export function createEngineSearchService(opts: EngineSearchOptions): SearchService {
  const { client, alias } = opts;
  const requestOptions = { requestTimeout: opts.timeoutMs ?? 10_000 };

  return {
    async search(params: SearchParams): Promise<SearchResults> {
      const request = buildSearchRequest(params);
      const response = await guard(() =>
        client.search<Partial<ArticleDocument>>({ index: alias, ...request }, requestOptions),
      );
      return transformResponse(params, response);
    },

    async getArticle(id: string, q = ''): Promise<ArticleView | null> {
      if (!isArticleId(id)) return null;
      const response = await guard(() =>
        client.search<Partial<ArticleDocument>>(
          { index: alias, ...buildArticleRequest(id, q.trim()) },
          requestOptions,
        ),
      );
      return transformArticle(response);
    },

    async health(): Promise<HealthReport> {
      try {
        const present = await client.indices.exists({ index: alias }, { requestTimeout: 3_000 });
        return present
          ? { ok: true, engine: 'up', alias, alias_present: true }
          : {
              ok: false,
              engine: 'up',
              alias,
              alias_present: false,
              reason: `no index or alias named ${alias}`,
            };
      } catch (e) {
        return { ok: false, engine: 'down', alias, alias_present: false, reason: describe(e) };
      }
    },
  };
}

/** Engine outages and a missing alias become SearchUnavailableError (503); the rest is a bug. */
async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isUnavailable(e))
      throw new SearchUnavailableError(`search engine unavailable: ${describe(e)}`, { cause: e });
    throw e;
  }
}

function isUnavailable(e: unknown): boolean {
  if (
    e instanceof errors.ConnectionError ||
    e instanceof errors.TimeoutError ||
    e instanceof errors.NoLivingConnectionsError
  ) {
    return true;
  }
  if (e instanceof errors.ResponseError) {
    const type = (e.body as { error?: { type?: string } } | undefined)?.error?.type;
    return e.statusCode === 503 || e.statusCode === 429 || type === 'index_not_found_exception';
  }
  return false;
}

function describe(e: unknown): string {
  // The client's messages can carry the node URL; keep only the kind of failure.
  if (e instanceof errors.ResponseError) return `engine answered ${e.statusCode}`;
  if (e instanceof Error) return e.name;
  return 'unknown error';
}
