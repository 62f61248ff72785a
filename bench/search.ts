// Search latency at a fixed request rate on loopback: `/api/search` (the app from createApp,
// in its own process) against the SAME engine requests sent straight to the engine (every one
// the app sends for that query: the hits, then the copies, the story count and whatever else
// its answer needs), and the HTML page against the JSON API, in one run. The difference is what
// Ireum adds.
//
//   node dist/bench/search.js [--n 10000] [--rate 20] [--duration 8]

import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@elastic/elasticsearch';
import { PROJECT_ROOT } from '../src/cli/config.js';
import { createEngineSearchService } from '../src/engine/searchService.js';
import { articlesMappingPath, loadMapping } from '../src/indexing/mappings.js';
import { reindex } from '../src/indexing/reindex.js';
import { parseSearchParams } from '../src/search/params.js';
import {
  deleteIndices,
  ensureCorpus,
  flag,
  fmt,
  isMain,
  numberFlag,
  openEngine,
  percentile,
  runMain,
  type Credentials,
  type Engine,
  type Row,
} from './lib.js';

/** The mix from the performance issue, as query strings of the search page. */
export const QUERY_MIX: { name: string; query: string }[] = [
  { name: 'one word', query: 'q=missile' },
  { name: 'two words', query: 'q=nuclear+talks' },
  { name: 'quoted phrase', query: 'q=%22family+reunions%22' },
  { name: 'Korean name', query: 'q=Kim+Jong+Un' },
  { name: 'two facet filters', query: 'q=sanctions&agency=AP&year=2019' },
];

// Per side, and both sides run at once: well under what the engine sustains on 2 shared cores
// (a repeated search costs it 10-40 ms of CPU here), so latencies measure the request, not a
// queue. 240 samples per side, so a p99 is not just the slowest single request.
export const DEFAULT_RATE = 8;
export const DEFAULT_DURATION_S = 30;
// Searches the request cache does not answer cost the engine 50-250 ms at 200,000 articles, so
// the uncached figures go slower to stay out of a queue.
const UNCACHED_RATE = 4;
const UNCACHED_DURATION_S = 20;
const TARGET_API_P50_MS = 3;
const TARGET_API_P99_MS = 10;
const TARGET_HTML_P50_MS = 2;
const SERVER = fileURLToPath(new URL('./searchServer.js', import.meta.url));

export interface Latency {
  p50: number;
  p99: number;
  count: number;
}

export interface LoadOptions {
  rate: number;
  durationS: number;
}

/** Fixed-rate load; latencies from every response (ms, not rounded as the histogram is). */
export async function measure(
  opts: LoadOptions & { url: string; method?: 'GET' | 'POST'; body?: string },
): Promise<Latency> {
  const times: number[] = [];
  let done!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((res, rej) => ((done = res), (failed = rej)));
  const instance = autocannon(
    {
      url: opts.url,
      method: opts.method ?? 'GET',
      ...(opts.body !== undefined
        ? { body: opts.body, headers: { 'content-type': 'application/json' } }
        : {}),
      // One connection: several would fire in step (each gets rate/connections from the same
      // start), and the bursts would measure queueing on a 2-core machine, not the request.
      connections: 1,
      overallRate: opts.rate,
      duration: opts.durationS,
    },
    (err, result) => (err ? failed(err) : done(result)),
  );
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) times.push(ms);
  });
  const result = await finished;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), count: times.length };
}

/**
 * Fixed-rate load of `run` (one search, however many HTTP requests it takes), one at a time as
 * a single connection would, for `durationS`: a run that overstays its turn delays the next,
 * and the turns it missed are dropped rather than sent in a burst. Both sides of a comparison
 * go through this same loop and the same HTTP client.
 */
export async function measureRuns(
  opts: LoadOptions & { run: () => Promise<void> },
): Promise<Latency> {
  const times: number[] = [];
  const interval = 1000 / opts.rate;
  const end = performance.now() + opts.durationS * 1000;
  for (let next = performance.now(); next < end; next += interval) {
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    else next = performance.now();
    const t0 = performance.now();
    await opts.run();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), count: times.length };
}

/** One HTTP request as the raw side sends it. */
export interface EngineCall {
  method: string;
  /** Path and query string. */
  path: string;
  body?: string;
  /** The status the app got for it (a request the app lets fail must fail the same way). */
  status?: number;
  /**
   * The calls (by index) that had answered when the app sent this one: it is sent once they
   * have. A call depends on nothing else the app was still waiting for.
   */
  after?: number[];
}

/**
 * Sends calls to `origin` over keep-alive sockets; `run(calls)` sends each call as soon as the
 * calls it comes `after` have answered, as the app sent them. A status other than the one the
 * call expects (200 unless recorded otherwise) is an error: a baseline that fails fast would
 * flatter it.
 */
export function httpCaller(origin: string, credentials: Credentials = {}) {
  const base = new URL(origin);
  const https = base.protocol === 'https:';
  // As many sockets as a search sends requests at once, with room: the app's client has no cap.
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: 16 })
    : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const authorization = authorizationOf(credentials, base);
  const prefix = base.pathname.replace(/\/$/, '');
  // http.request wants an IPv6 host without its brackets.
  const host = base.hostname.replace(/^\[(.*)\]$/, '$1');
  const call = (c: EngineCall) =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (authorization !== undefined) headers['authorization'] = authorization;
      if (c.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(c.body);
      }
      const send = https ? httpsRequest : httpRequest;
      const req = send(
        { host, port: base.port, path: prefix + c.path, method: c.method, agent, headers },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === (c.status ?? 200)
              ? resolve()
              : reject(new Error(`${c.method} ${c.path}: HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(c.body);
    });
  return {
    call,
    async run(calls: readonly EngineCall[]): Promise<void> {
      const sent: Promise<void>[] = [];
      for (const c of calls) {
        const before = (c.after ?? []).map((i) => sent[i]!);
        sent.push(before.length === 0 ? call(c) : Promise.all(before).then(() => call(c)));
      }
      await Promise.all(sent);
    },
    close: () => agent.destroy(),
  };
}

/** The Authorization header for the credentials, else for a URL's own user and password. */
function authorizationOf(credentials: Credentials, url: URL): string | undefined {
  if (credentials.apiKey !== undefined) return `ApiKey ${credentials.apiKey}`;
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  if (credentials.username !== undefined) {
    return basic(credentials.username, credentials.password ?? '');
  }
  if (url.username === '') return undefined;
  return basic(decodeURIComponent(url.username), decodeURIComponent(url.password));
}

/** How a search's calls depend on each other: their number and the longest chain of them. */
export function callShape(calls: readonly EngineCall[]): { calls: number; chain: number } {
  const depth: number[] = [];
  for (const c of calls) depth.push(1 + Math.max(0, ...(c.after ?? []).map((i) => depth[i]!)));
  return { calls: calls.length, chain: Math.max(0, ...depth) };
}

/**
 * Ireum's own cost per request with the machine's noise cancelled: sequential pairs (A then B,
 * order alternating), the median of the per-pair differences. Complements the fixed-rate
 * percentiles, whose gaps on a busy 2-core machine are mostly other processes.
 */
export async function pairedDiff(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  pairs = 30,
): Promise<number> {
  const diffs: number[] = [];
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      const ta = await time(a);
      diffs.push(ta - (await time(b)));
    } else {
      const tb = await time(b);
      diffs.push((await time(a)) - tb);
    }
  }
  return percentile(diffs, 50);
}

/**
 * The engine request the app's search service sends for a query string: the service runs
 * against a client that records the request and stops, so the baseline can never drift from
 * what the builder (and any name detection around it) produces.
 */
export async function engineRequest(
  query: string,
  alias: string,
): Promise<{ body: string; params: string }> {
  let captured: Record<string, unknown> | undefined;
  const recorder = {
    search: async (req: Record<string, unknown>) => {
      captured = req;
      throw new Error('recorded');
    },
  } as unknown as Client;
  const service = createEngineSearchService({ client: recorder, alias });
  const params = parseSearchParams(Object.fromEntries(new URLSearchParams(query)));
  await service.search(params).catch(() => {});
  if (!captured) throw new Error(`no engine request for ${query}`);
  // What the client sends in the URL rather than the body.
  const body = { ...captured };
  const cache = body['request_cache'];
  delete body['index'];
  delete body['request_cache'];
  return {
    body: JSON.stringify(body),
    params: cache === undefined ? '' : `?request_cache=${String(cache)}`,
  };
}

type TransportRequest = Client['transport']['request'];

/**
 * Every engine request the app's search service sends for a query string, each with the calls
 * that had answered when it went out (the hits first; then the copies of the hits' stories, the
 * story count, the people's display names and a spelling suggestion, which depend on them; on
 * a large index the sampled facets and their exact counts, which depend on each other only).
 * Recorded on the second of two asks, so what the service keeps between searches (the mapping
 * check, the sample rate, display names) is left out as it is under load. The service talks to
 * the engine for real.
 */
export async function engineCalls(
  query: string,
  client: Client,
  alias: string,
): Promise<EngineCall[]> {
  const calls: EngineCall[] = [];
  const answered: number[] = [];
  let recording = false;
  const transport = client.transport;
  const send = transport.request;
  transport.request = ((params: Parameters<TransportRequest>[0], options?: object) => {
    const answer = send.call(transport, params, options) as Promise<unknown>;
    if (!recording) return answer;
    const index = calls.length;
    calls.push({ ...callOf(params), after: [...answered] });
    return answer.then(
      (value) => {
        answered.push(index);
        return value;
      },
      (err: unknown) => {
        answered.push(index);
        calls[index]!.status = (err as { meta?: { statusCode?: number } }).meta?.statusCode ?? 0;
        throw err;
      },
    );
  }) as TransportRequest;
  try {
    const service = createEngineSearchService({ client, alias });
    const params = parseSearchParams(Object.fromEntries(new URLSearchParams(query)));
    await service.search(params);
    recording = true;
    await service.search(params);
  } finally {
    transport.request = send;
  }
  if (calls.length === 0) throw new Error(`no engine request for ${query}`);
  if (calls.some((c) => c.status === 0)) throw new Error(`an engine request for ${query} failed`);
  return calls;
}

function callOf(params: {
  method: string;
  path: string;
  querystring?: Record<string, unknown> | string;
  body?: unknown;
}): EngineCall {
  const qs =
    typeof params.querystring === 'string'
      ? params.querystring
      : new URLSearchParams(
          Object.entries(params.querystring ?? {})
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]): [string, string] => [k, String(v)]),
        ).toString();
  const body =
    params.body === undefined || params.body === null
      ? undefined
      : typeof params.body === 'string'
        ? params.body
        : JSON.stringify(params.body);
  return {
    method: params.method,
    path: qs === '' ? params.path : `${params.path}?${qs}`,
    ...(body === undefined ? {} : { body }),
  };
}

export function startServer(
  url: string,
  alias: string,
): Promise<{ base: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(SERVER, ['--url', url, '--alias', alias], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) =>
      resolve({ base: `http://127.0.0.1:${(m as { port: number }).port}`, child }),
    );
    child.once('exit', (code) => reject(new Error(`search server exited with ${code}`)));
  });
}

/**
 * Starts the second side half a request interval after the first. Fired at the same instants,
 * the two sides' requests reach the engine together and the later one (the app's, a hop
 * longer) waits for the other on two cores: the comparison then measured that queue, 2-4 ms
 * at p50 against paired differences of 0.3-1.3 ms.
 */
function halfPeriodLater(rate: number): Promise<void> {
  return sleep(500 / rate);
}

export function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

/** The mix against app and engine, then HTML against API; rows with PASS/FAIL per target. */
export async function latencyRows(
  engine: Engine,
  alias: string,
  load: LoadOptions,
  label = '',
): Promise<Row[]> {
  const { base, child } = await startServer(engine.url, alias);
  const app = httpCaller(base);
  const raw = httpCaller(engine.url, engine.credentials);
  const rows: Row[] = [];
  try {
    const warm = { rate: load.rate, durationS: 2 };
    for (const { name, query } of QUERY_MIX) {
      const calls = await engineCalls(query, engine.client, alias);
      const apiRun = () => app.call({ method: 'GET', path: `/api/search?${query}` });
      const rawRun = () => raw.run(calls);
      const shape = callShape(calls);
      await Promise.all([
        measureRuns({ ...warm, run: apiRun }),
        measureRuns({ ...warm, run: rawRun }),
      ]);
      // Both at once, so the two sides share whatever else the machine is doing.
      const [a, r] = await Promise.all([
        measureRuns({ ...load, run: apiRun }),
        halfPeriodLater(load.rate).then(() => measureRuns({ ...load, run: rawRun })),
      ]);
      const overhead = await pairedDiff(apiRun, rawRun);
      console.error(
        `${name}: ${shape.calls} engine request(s), ${shape.chain} one after another; paired overhead ${ms(overhead)}; api p50 ${ms(a.p50)} p99 ${ms(a.p99)} (${a.count}); raw p50 ${ms(r.p50)} p99 ${ms(r.p99)} (${r.count})`,
      );
      rows.push(
        {
          figure: `${label}search p50, ${name}`,
          value: `api ${ms(a.p50)}`,
          baseline: `raw ${ms(r.p50)} (${shape.calls} req)`,
          ratio: `+${ms(a.p50 - r.p50)}`,
          target: `<= raw + ${TARGET_API_P50_MS} ms`,
          pass: a.p50 <= r.p50 + TARGET_API_P50_MS,
          engine: engine.label,
        },
        {
          figure: `${label}search p99, ${name}`,
          value: `api ${ms(a.p99)}`,
          baseline: `raw ${ms(r.p99)}`,
          ratio: `+${ms(a.p99 - r.p99)}`,
          target: `<= raw + ${TARGET_API_P99_MS} ms`,
          pass: a.p99 <= r.p99 + TARGET_API_P99_MS,
          engine: engine.label,
        },
        {
          figure: `${label}api overhead, ${name} (paired, informative)`,
          value: `${ms(overhead)} median`,
          baseline: `raw, ${shape.calls} requests`,
          ratio: '-',
          target: '-',
          pass: null,
          engine: engine.label,
        },
      );
    }
    const query = QUERY_MIX[3]!.query;
    const htmlRun = () => app.call({ method: 'GET', path: `/search?${query}` });
    const apiRun = () => app.call({ method: 'GET', path: `/api/search?${query}` });
    await measureRuns({ ...warm, run: htmlRun });
    const [html, api] = await Promise.all([
      measureRuns({ ...load, run: htmlRun }),
      halfPeriodLater(load.rate).then(() => measureRuns({ ...load, run: apiRun })),
    ]);
    const htmlOverhead = await pairedDiff(htmlRun, apiRun);
    console.error(
      `html p50 ${ms(html.p50)} p99 ${ms(html.p99)}; api p50 ${ms(api.p50)}; paired ${ms(htmlOverhead)}`,
    );
    rows.push({
      figure: `${label}HTML /search p50 (Korean name)`,
      value: `html ${ms(html.p50)}`,
      baseline: `api ${ms(api.p50)}`,
      ratio: `+${ms(html.p50 - api.p50)}`,
      target: `<= api + ${TARGET_HTML_P50_MS} ms`,
      pass: html.p50 <= api.p50 + TARGET_HTML_P50_MS,
      engine: engine.label,
    });
    rows.push({
      figure: `${label}HTML overhead over API (paired, informative)`,
      value: `${ms(htmlOverhead)} median`,
      baseline: '/api/search',
      ratio: '-',
      target: '-',
      pass: null,
      engine: engine.label,
    });
  } finally {
    app.close();
    raw.close();
    child.disconnect();
    child.kill();
  }
  return rows;
}

/**
 * The same mix sent straight to the engine with its request cache off: what a search costs the
 * first time it is asked (after a reindex, or for a query nobody asked before). Informative.
 */
export async function uncachedRows(
  engine: Engine,
  alias: string,
  label = '',
  load: LoadOptions = { rate: UNCACHED_RATE, durationS: UNCACHED_DURATION_S },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { name, query } of QUERY_MIX) {
    const { body } = await engineRequest(query, alias);
    const url = `${engine.url}/${encodeURIComponent(alias)}/_search?request_cache=false`;
    await measure({ rate: load.rate, durationS: 2, url, method: 'POST', body });
    const r = await measure({ ...load, url, method: 'POST', body });
    console.error(`${name} uncached: raw p50 ${ms(r.p50)} p99 ${ms(r.p99)} (${r.count})`);
    rows.push({
      figure: `${label}uncached p50/p99, ${name} (informative)`,
      value: `raw ${ms(r.p50)} / ${ms(r.p99)}`,
      baseline: '-',
      ratio: '-',
      target: '-',
      pass: null,
      engine: engine.label,
    });
  }
  return rows;
}

export async function benchSearch(
  opts: { n?: number; engine?: Engine; index?: string } & Partial<LoadOptions> = {},
): Promise<Row[]> {
  const n = opts.n ?? 10_000;
  const engine = opts.engine ?? (await openEngine());
  const load = { rate: opts.rate ?? DEFAULT_RATE, durationS: opts.durationS ?? DEFAULT_DURATION_S };
  // An existing bench index (e.g. left by a scale run) is searched as is and kept.
  if (opts.index) return latencyRows(engine, opts.index, load);
  const alias = `bench-search-${process.pid}-0`;
  try {
    const dir = ensureCorpus(n);
    const mapping = await loadMapping(articlesMappingPath(PROJECT_ROOT));
    console.error(`indexing ${fmt(n)} articles for the search benchmark`);
    await reindex({ client: engine.client, source: dir, alias, mapping });
    return await latencyRows(engine, alias, load);
  } finally {
    await deleteIndices(engine.client, `${alias}-*`);
    if (!opts.engine) await engine.client.close();
  }
}

if (isMain(import.meta.url)) {
  const index = flag('index');
  if (index !== undefined && !index.startsWith('bench-'))
    throw new Error('--index must be bench-*');
  await runMain('Search latency', () =>
    benchSearch({
      n: numberFlag('n', 10_000),
      rate: numberFlag('rate', DEFAULT_RATE),
      durationS: numberFlag('duration', DEFAULT_DURATION_S),
      ...(index !== undefined ? { index } : {}),
    }),
  );
}
