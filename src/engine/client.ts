import { Client, Transport, type TransportOptions } from '@elastic/elasticsearch';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

/** What `GET /` told us about the engine at the other end. */
export interface EngineInfo {
  product: 'elasticsearch' | 'opensearch';
  version: string;
  /** True when the stock client cannot talk to it and the compatibility transport is needed. */
  compat: boolean;
}

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
 * The stock 9.x client refuses engines that do not send `x-elastic-product: Elasticsearch`
 * (OpenSearch, Elasticsearch 7.10) and sends `compatible-with=9` vendored media types, which
 * those engines reject. This transport turns the product check off and uses plain JSON media
 * types, which every engine Ireum supports accepts.
 */
export class CompatTransport extends Transport {
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
  return { product: 'elasticsearch', version: number, compat };
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
 * The one client factory: Elasticsearch 8/9 gets the client as shipped, anything else
 * (OpenSearch, Elasticsearch 7.10) gets the compatibility transport.
 */
export async function connect(
  opts: ConnectOptions,
): Promise<{ client: Client; engine: EngineInfo }> {
  const engine = await probe(opts);
  const client = new Client({
    ...baseOptions(opts),
    ...(engine.compat ? { Transport: CompatTransport } : {}),
  });
  return { client, engine };
}

/** A client built without probing (for when the engine may be down at start-up). */
export function createCompatClient(opts: ConnectOptions): Client {
  return new Client({ ...baseOptions(opts), Transport: CompatTransport });
}
