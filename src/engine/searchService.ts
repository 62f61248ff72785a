import { describeEngineError, guardEngine } from './unavailable.js';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import { isArticleId, transformArticle, type ArticleView } from '../search/article.js';
import {
  buildArticleRequest,
  buildSearchRequest,
  buildSuggestRequest,
} from '../search/buildRequest.js';
import type { SearchParams } from '../search/params.js';
import type { HealthReport, SearchService } from '../search/service.js';
import { needsSuggestion } from '../search/suggest.js';
import {
  collapses,
  copiesRequest,
  parseCopiesResponse,
  parseStories,
  storiesNeeded,
  storiesRequest,
  type Copy,
} from '../search/copies.js';
import {
  hitClusters,
  hitPersonKeys,
  hitsTotal,
  transformResponse,
  type SearchResults,
} from '../search/transformResponse.js';
import { personKeys } from '../search/facets.js';
import { createPeopleDirectory, type PeopleDirectory } from './peopleDirectory.js';

export interface EngineSearchOptions {
  client: Client;
  /** The alias (or index) searched. */
  alias: string;
  /** Bound on each search; a slow engine becomes a 503 rather than a hung page. */
  timeoutMs?: number;
  /** Display forms of people (default: the people index behind `<alias>-people`). */
  people?: PeopleDirectory;
}

/** The SearchService over a real engine: builds with src/search, sends, maps back. */
export function createEngineSearchService(opts: EngineSearchOptions): SearchService {
  const { client, alias } = opts;
  const people = opts.people ?? createPeopleDirectory(client, alias);
  // One retry at most (another node, a dropped keep-alive socket), at once: with the client's
  // default of 2, a hung engine holds a page for three timeouts before it becomes a 503, and the
  // transport's backoff (up to 2 s once every node was tried) made an engine that is down a
  // 1.5-2 s wait for a 503 instead of an immediate one.
  const requestOptions = {
    requestTimeout: opts.timeoutMs ?? 10_000,
    maxRetries: 1,
    retryBackoff: () => 0,
  };

  /** A second, small request, only for near-empty results; losing it costs only the hint. */
  async function suggestFor(params: SearchParams, total: number): Promise<unknown> {
    const request = needsSuggestion(total) ? buildSuggestRequest(params) : null;
    if (request === null) return undefined;
    try {
      return (await client.search({ index: alias, ...request }, requestOptions)).suggest;
    } catch {
      return undefined;
    }
  }

  /** The page's copies; losing them costs only the "also from" lines. */
  async function copiesFor(clusters: string[]): Promise<Map<string, Copy[]> | undefined> {
    if (clusters.length === 0) return undefined;
    try {
      return parseCopiesResponse(
        await client.search({ index: alias, ...copiesRequest(clusters) }, requestOptions),
      );
    } catch {
      return undefined;
    }
  }

  /** Stories among a collapsed search's matches; without them the page counts articles. */
  async function countStories(request: estypes.SearchRequest): Promise<number | null> {
    try {
      return parseStories(
        await client.search({ index: alias, ...storiesRequest(request) }, requestOptions),
      );
    } catch {
      return null;
    }
  }

  return {
    async search(params: SearchParams): Promise<SearchResults> {
      const request = buildSearchRequest(params);
      const response = await guardEngine(() =>
        client.search<Partial<ArticleDocument>>({ index: alias, ...request }, requestOptions),
      );
      const total = hitsTotal(response);
      const stories = storiesNeeded(params, total, response.hits.hits.length);
      const [suggest, displays, copies, counted] = await Promise.all([
        suggestFor(params, total.value),
        people.displays([...personKeys(response.aggregations), ...hitPersonKeys(response)]),
        collapses(params) ? copiesFor(hitClusters(response)) : undefined,
        stories === 'ask' ? countStories(request) : stories,
      ]);
      return transformResponse(params, response, {
        displays,
        stories: counted,
        ...(suggest === undefined ? {} : { suggest }),
        ...(copies === undefined ? {} : { copies }),
      });
    },

    async getArticle(id: string, q = ''): Promise<ArticleView | null> {
      if (!isArticleId(id)) return null;
      const response = await guardEngine(() =>
        client.search<Partial<ArticleDocument>>(
          { index: alias, ...buildArticleRequest(id, q.trim()) },
          requestOptions,
        ),
      );
      return transformArticle(response);
    },

    async health(): Promise<HealthReport> {
      try {
        const present = await client.indices.exists(
          { index: alias },
          { requestTimeout: 3_000, maxRetries: 0 },
        );
        if (present) {
          // `local`: the node's own view of the cluster state, so a health check keeps
          // answering while a lost cluster manager is being replaced.
          const h = await client.cluster.health(
            { index: alias, timeout: '2s', local: true },
            { requestTimeout: 3_000, maxRetries: 0 },
          );
          const status = String(h.status).toLowerCase() as 'green' | 'yellow' | 'red';
          return {
            ok: status !== 'red',
            engine: 'up',
            alias,
            alias_present: true,
            cluster: status,
            degraded: status === 'yellow',
            ...(status === 'red' ? { reason: 'some shards of the index are unassigned' } : {}),
          };
        }
        return {
          ok: false,
          engine: 'up',
          alias,
          alias_present: false,
          reason: `no index or alias named ${alias}`,
        };
      } catch (e) {
        return {
          ok: false,
          engine: 'down',
          alias,
          alias_present: false,
          reason: describeEngineError(e),
        };
      }
    },
  };
}
