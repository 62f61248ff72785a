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
import type { NameMatchOptions } from '../search/nameQuery.js';
import type { HealthReport, SearchService } from '../search/service.js';
import { needsSuggestion } from '../search/suggest.js';
import {
  collapses,
  copiesRequest,
  onePerCluster,
  pageRequest,
  uncollapsedRequest,
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
import { buckets, personKeys } from '../search/facets.js';
import { MAX_WINDOW } from '../search/params.js';
import {
  EXACT_FACET_LIMIT,
  facetsRequest,
  hitsRequest,
  estimateTotal,
  pastExactLimit,
  sampleRate,
  scaleCounts,
  selectedCountRequests,
  withExactSelected,
} from '../search/sampling.js';
import { createPeopleDirectory, type PeopleDirectory } from './peopleDirectory.js';

export interface EngineSearchOptions {
  client: Client;
  /** The alias (or index) searched. */
  alias: string;
  /** Bound on each search; a slow engine becomes a 503 rather than a hung page. */
  timeoutMs?: number;
  /** Display forms of people (default: the people index behind `<alias>-people`). */
  people?: PeopleDirectory;
  /** Matches whose facets are counted exactly before a sample is used (search/sampling.ts). */
  facetLimit?: number;
}

/** How long what the service asks about the served index is trusted before it asks again. */
const SIZE_TTL_MS = 60_000;

/**
 * `load`, asked at most once per `ttlMs` (its promise shared by the searches meanwhile); when it
 * fails, `fallback` stands in and the next call asks again.
 */
function askedOncePer<T>(ttlMs: number, load: () => Promise<T>, fallback: T): () => Promise<T> {
  let held: { value: Promise<T>; at: number } | null = null;
  return () => {
    if (held === null || Date.now() - held.at > ttlMs) {
      const value = load().catch(() => {
        held = null;
        return fallback;
      });
      held = { value, at: Date.now() };
    }
    return held.value;
  };
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

  /** Every search this service sends: to the alias, bounded by requestOptions. */
  const ask = (r: estypes.SearchRequest) => client.search({ index: alias, ...r }, requestOptions);
  const askHits = (r: estypes.SearchRequest) =>
    client.search<Partial<ArticleDocument>>({ index: alias, ...r }, requestOptions);

  const facetLimit = opts.facetLimit ?? EXACT_FACET_LIMIT;
  /**
   * The sample rate for this index, from the articles that carry a `sample` (an index from an
   * older mapping has none: every count stays exact); a failure means exact counts until the
   * next ask.
   */
  const rateNow = askedOncePer(
    SIZE_TTL_MS,
    async () => {
      const r = await client.count(
        { index: alias, query: { exists: { field: 'sample' } } },
        requestOptions,
      );
      return sampleRate(r.count, facetLimit);
    },
    1,
  );

  /**
   * How names are matched on the served index: by `people_readings` unless the index predates
   * that field (mapping 7 or older, served while `ireum index` rebuilds it), which is matched by
   * pivot phrases instead of finding no one.
   */
  const nameMatchNow = askedOncePer<NameMatchOptions>(
    SIZE_TTL_MS,
    async () => {
      const r = await client.indices.getMapping({ index: alias }, requestOptions);
      const has = Object.values(r).every(
        (m) => m.mappings.properties?.['people_readings'] !== undefined,
      );
      return has ? {} : { pivotPhrases: true };
    },
    {},
  );

  type Hits = estypes.SearchResponse<Partial<ArticleDocument>>;

  /**
   * Hits, facets and histogram. On a small index one request; on a large one the hits and the
   * facets go apart and at once (search/sampling.ts), the facets exactly when the matches are
   * few enough to count, else estimated from the sample with the selected values exact.
   */
  async function answer(
    request: estypes.SearchRequest,
  ): Promise<{ hits: Hits; approximate?: true; estimate?: number }> {
    const rate = await rateNow();
    if (rate === 1) return { hits: await askHits(request) };
    const selected = selectedCountRequests(request);
    // The sample and the selected counts matter only when the exact count stops; their failure
    // fails the search only then.
    const later = <T>(p: Promise<T>) =>
      p.then(
        (ok) => () => ok,
        (err: unknown) => () => {
          throw err;
        },
      );
    // The sample answers first (it reads 1 in `rate` of the articles); where it shows far more
    // matches than the limit, the exact count is not asked at all. If it fails, the exact one
    // is asked as if no sample existed.
    const sampledAsked = ask(facetsRequest(request, { sample: rate }));
    // One past the limit: a count of exactly the limit is then known to be all.
    const askExact = () => ask(facetsRequest(request, { terminateAfter: facetLimit + 1 }));
    const exactAsked = sampledAsked.then(
      (s) => (pastExactLimit(hitsTotal(s).value, rate, facetLimit) ? null : askExact()),
      askExact,
    );
    const [hits, exact, sampledLater, ...countsLater] = await Promise.all([
      pageOfHits(hitsRequest(request)),
      exactAsked,
      later(sampledAsked),
      ...selected.map((s) => later(ask(s.request))),
    ]);
    if (exact !== null && countedAll(exact, facetLimit)) {
      return {
        hits: { ...hits, took: Math.max(hits.took, exact.took), aggregations: exact.aggregations },
      };
    }
    const sampled = sampledLater();
    const exactSelected = new Map(
      selected.map((s, i) => [s.facet, buckets(countsLater[i]!().aggregations?.['selected'])]),
    );
    const aggregations = withExactSelected(
      scaleCounts((sampled.aggregations ?? {}) as Record<string, unknown>, rate),
      exactSelected,
    );
    const took = Math.max(hits.took, exact?.took ?? 0, sampled.took);
    const counted = hitsTotal(hits);
    return {
      hits: { ...hits, took, aggregations } as Hits,
      approximate: true,
      // The hits counted every match up to 10,000: past that, the sample says how many.
      ...(counted.relation === 'gte'
        ? { estimate: estimateTotal(counted.value, aggregations) }
        : {}),
    };
  }

  /**
   * The page of hits on a large index. A collapsed page is picked from plain hits where it can
   * be (search/copies.ts, onePerCluster), which lets the engine skip what cannot make the page.
   */
  async function pageOfHits(request: estypes.SearchRequest): Promise<Hits> {
    if (request.collapse === undefined) return askHits(request);
    const from = request.from ?? 0;
    const size = request.size ?? 10;
    if (from === 0) {
      // The first page: when its plain hits are all different stories (most searches), they
      // are the collapsed page already, and one request does.
      const { collapse: _collapse, ...plainPage } = request;
      const hits = await askHits(plainPage);
      if (distinctClusters(hits.hits.hits)) return hits;
    }
    const plain = uncollapsedRequest(request, from + size, MAX_WINDOW);
    const first = await askHits(plain);
    const got = first.hits.hits;
    const ids = onePerCluster(got, from, size, got.length < (plain.size ?? 0));
    if (ids === null) return askHits(request);
    if (ids.length === 0) return { ...first, hits: { ...first.hits, hits: [] } };
    const page = await askHits(pageRequest(request, ids));
    const order = new Map(ids.map((id, i) => [id, i]));
    const hits = [...page.hits.hits].sort(
      (a, b) => (order.get(a._id ?? '') ?? 0) - (order.get(b._id ?? '') ?? 0),
    );
    return { ...first, took: first.took + page.took, hits: { ...first.hits, hits } };
  }

  /** A second, small request, only for near-empty results; losing it costs only the hint. */
  async function suggestFor(params: SearchParams, total: number): Promise<unknown> {
    const request = needsSuggestion(total) ? buildSuggestRequest(params) : null;
    if (request === null) return undefined;
    try {
      return (await ask(request)).suggest;
    } catch {
      return undefined;
    }
  }

  /** The page's copies; losing them costs only the "also from" lines. */
  async function copiesFor(clusters: string[]): Promise<Map<string, Copy[]> | undefined> {
    if (clusters.length === 0) return undefined;
    try {
      return parseCopiesResponse(await ask(copiesRequest(clusters)));
    } catch {
      return undefined;
    }
  }

  /** Stories among a collapsed search's matches; without them the page counts articles. */
  async function countStories(request: estypes.SearchRequest): Promise<number | null> {
    try {
      return parseStories(await ask(storiesRequest(request)));
    } catch {
      return null;
    }
  }

  return {
    async search(params: SearchParams): Promise<SearchResults> {
      const request = buildSearchRequest(params, await nameMatchNow());
      const { hits: response, approximate, estimate } = await guardEngine(() => answer(request));
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
        ...(approximate ? { approximate } : {}),
        ...(estimate === undefined ? {} : { estimate }),
      });
    },

    async getArticle(id: string, q = ''): Promise<ArticleView | null> {
      if (!isArticleId(id)) return null;
      const match = await nameMatchNow();
      const response = await guardEngine(() =>
        client.search<Partial<ArticleDocument>>(
          { index: alias, ...buildArticleRequest(id, q.trim(), match) },
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

function distinctClusters(hits: readonly estypes.SearchHit<Partial<ArticleDocument>>[]): boolean {
  const clusters = new Set(hits.map((h) => h._source?.cluster ?? h._id));
  return clusters.size === hits.length;
}

/**
 * Whether the exact facet request counted every match: it did not stop early and it counted no
 * more than the limit, having been asked to stop one past it. An engine that ignores
 * `terminate_after` beside aggregations, or does not say it stopped, still shows a count past
 * the limit.
 */
function countedAll(response: estypes.SearchResponse<unknown>, limit: number): boolean {
  return response.terminated_early !== true && hitsTotal(response).value <= limit;
}
