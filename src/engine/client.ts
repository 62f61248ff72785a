import {
  Client,
  errors,
  Transport,
  type TransportOptions,
  type TransportRequestOptions,
  type TransportRequestOptionsWithMeta,
  type TransportRequestOptionsWithOutMeta,
  type TransportRequestParams,
  type TransportResult,
} from '@elastic/elasticsearch';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

/** What `GET /` told us about the engine at the other end. */
export interface EngineInfo {
  product: 'elasticsearch' | 'opensearch';
  version: string;
  /** True when the stock client cannot talk to it and the compatibility transport is needed. */
  compat: boolean;
  /**
   * For Elasticsearch 8+: the major version to name in the vendored media types
   * (`application/vnd.elasticsearch+json; compatible-with=N`). Elasticsearch 8 refuses the
   * 9.x client's `compatible-with=9` ("Accept version must be either version 8 or 7").
   */
  compatibleWith?: number;
}

/** The major version the shipped client speaks (its default media types). */
const CLIENT_MAJOR = 9;

export interface ConnectOptions {
  url: string;
  apiKey?: string;
  username?: string;
  password?: string;
  /** Per-request timeout; every engine call is bounded. */
  requestTimeoutMs?: number;
  maxRetries?: number;
}

/**
 * Waits before each retry of a `_bulk` request the engine refused as a whole with 429 (indexing
 * pressure, a circuit breaker on the request): exponential from 500 ms, with jitter so that
 * concurrent bulk requests do not come back in step. About 15 s in all before giving up.
 */
export function bulkRetryDelays(random: () => number = Math.random): number[] {
  return [500, 1_000, 2_000, 4_000, 8_000].map((ms) => Math.round(ms * (0.8 + 0.4 * random())));
}

function isBulk(params: TransportRequestParams): boolean {
  return params.method === 'POST' && /\/_bulk$/.test(params.path);
}

function isTooManyRequests(err: unknown): boolean {
  return err instanceof errors.ResponseError && err.statusCode === 429;
}

/**
 * The transport every Ireum client uses. The bulk helper retries documents refused one by one
 * (429 items in a 200 answer) but gives up the whole run when the request itself gets a 429;
 * such a request changed nothing (and our index actions carry ids), so it is safe to send again.
 * Searches are not retried here: a web request answers 503 with Retry-After instead of waiting.
 */
export class IreumTransport extends Transport {
  /** The waits before each retry of a whole `_bulk`; one retry per entry. Tests shorten it. */
  static bulkDelays: () => number[] = () => bulkRetryDelays();

  override request<TResponse = unknown>(
    params: TransportRequestParams,
    options?: TransportRequestOptionsWithOutMeta,
  ): Promise<TResponse>;
  override request<TResponse = unknown, TContext = unknown>(
    params: TransportRequestParams,
    options?: TransportRequestOptionsWithMeta,
  ): Promise<TransportResult<TResponse, TContext>>;
  override request<TResponse = unknown>(
    params: TransportRequestParams,
    options?: TransportRequestOptions,
  ): Promise<TResponse>;
  override async request(
    params: TransportRequestParams,
    options?: TransportRequestOptions,
  ): Promise<unknown> {
    if (!isBulk(params)) return super.request(params, options);
    const delays = IreumTransport.bulkDelays();
    for (let attempt = 0; ; attempt++) {
      try {
        return await super.request(params, options);
      } catch (err) {
        const delay = delays[attempt];
        if (!isTooManyRequests(err) || delay === undefined || options?.signal?.aborted) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/**
 * The stock 9.x client refuses engines that do not send `x-elastic-product: Elasticsearch`
 * (OpenSearch, Elasticsearch 7.10) and sends `compatible-with=9` vendored media types, which
 * those engines reject. This transport turns the product check off and uses plain JSON media
 * types, which every engine Ireum supports accepts.
 */
export class CompatTransport extends IreumTransport {
  constructor(opts: TransportOptions) {
    super({
      ...opts,
      // Undefined switches the product check middleware off.
      productCheck: undefined,
      vendoredHeaders: {
        jsonContentType: 'application/json',
        ndjsonContentType: 'application/x-ndjson',
        accept: 'application/json, text/plain',
      },
    });
  }
}

/** Decides from the `GET /` answer which engine this is. Pure, so it is unit-tested. */
export function detectEngine(
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): EngineInfo {
  const version = (body as { version?: { number?: unknown; distribution?: unknown } } | null)
    ?.version;
  const number = typeof version?.number === 'string' ? version.number : 'unknown';
  if (version?.distribution === 'opensearch') {
    return { product: 'opensearch', version: number, compat: true };
  }
  const elasticProduct = headers['x-elastic-product'];
  const major = Number.parseInt(number, 10);
  // Elasticsearch started sending the product header in 7.14; older ones need the compat mode.
  const compat = elasticProduct !== 'Elasticsearch' || !(major >= 8);
  if (compat) return { product: 'elasticsearch', version: number, compat };
  return {
    product: 'elasticsearch',
    version: number,
    compat,
    compatibleWith: Math.min(major, CLIENT_MAJOR),
  };
}

/** The transport for an engine: plain JSON, or Elastic's media types for its major version. */
export function transportFor(engine: EngineInfo): typeof IreumTransport {
  if (engine.compat) return CompatTransport;
  const major = engine.compatibleWith ?? CLIENT_MAJOR;
  if (major === CLIENT_MAJOR) return IreumTransport;
  const media = (type: string) => `application/vnd.elasticsearch+${type}; compatible-with=${major}`;
  return class VersionedTransport extends IreumTransport {
    constructor(opts: TransportOptions) {
      super({
        ...opts,
        vendoredHeaders: {
          jsonContentType: media('json'),
          ndjsonContentType: media('x-ndjson'),
          accept: `${media('json')},text/plain`,
        },
      });
    }
  };
}

export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
  constructor(url: string, cause: unknown) {
    super(
      `EngineUnavailableError: cannot reach the engine at ${redactUrl(url)}: ${describe(cause)}`,
      {
        cause,
      },
    );
  }
}

/** Strips credentials from a URL before it appears in a message or log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function baseOptions(opts: ConnectOptions): ClientOptions {
  const auth = opts.apiKey
    ? { apiKey: opts.apiKey }
    : opts.username
      ? { username: opts.username, password: opts.password ?? '' }
      : undefined;
  return {
    node: opts.url,
    ...(auth ? { auth } : {}),
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    maxRetries: opts.maxRetries ?? 2,
    compression: false,
  };
}

/** Asks `GET /` once over plain HTTP, so detection works whatever the engine is. */
async function probe(opts: ConnectOptions): Promise<EngineInfo> {
  const probeClient = new Client({
    ...baseOptions(opts),
    Transport: CompatTransport,
    maxRetries: 0,
  });
  try {
    const res = await probeClient.transport.request(
      { method: 'GET', path: '/' },
      { meta: true, requestTimeout: opts.requestTimeoutMs ?? 10_000 },
    );
    return detectEngine(res.headers ?? {}, res.body);
  } catch (e) {
    throw new EngineUnavailableError(opts.url, e);
  } finally {
    await probeClient.close();
  }
}

/**
 * The one client factory: Elasticsearch 9 gets the client as shipped, Elasticsearch 8 the same
 * with media types naming version 8, anything else (OpenSearch, Elasticsearch 7.10) the
 * compatibility transport.
 */
export async function connect(
  opts: ConnectOptions,
): Promise<{ client: Client; engine: EngineInfo }> {
  const engine = await probe(opts);
  const client = new Client({
    ...baseOptions(opts),
    Transport: transportFor(engine),
  });
  return { client, engine };
}

/** A client built without probing (for when the engine may be down at start-up). */
export function createCompatClient(opts: ConnectOptions): Client {
  return new Client({ ...baseOptions(opts), Transport: CompatTransport });
}
