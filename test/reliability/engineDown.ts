import { latencySummary, loadLoop, searchPath, type Sample } from './load.js';
import { tcpProxy } from './proxy.js';
import {
  dropAlias,
  get,
  rng,
  runCli,
  serve,
  sleep,
  tally,
  writeCorpus,
  type Outcome,
  type ReliabilityPromise,
} from './support.js';

// Promise 2: the private engine is stopped in the middle of a load run and started again. Ireum
// (the built `ireum serve`) must answer 503 + Retry-After while it is gone, never hang or 500,
// and recover by itself; /healthz must say which state it is in.

const ALIAS = 'ireum-rel-down';
const CLIENT_TIMEOUT_MS = 15_000;

export const engineDown: ReliabilityPromise = {
  id: 2,
  name: 'Engine down',
  async run(ctx): Promise<Outcome> {
    const failures: string[] = [];
    const saw: string[] = [];
    const dir = await ctx.scratch('down-corpus');
    await writeCorpus(dir, 500, ctx.opts.seed + 2);
    await dropAlias(ctx.engine.url, ALIAS);
    const indexed = await runCli(['reindex', '--source', dir, '--alias', ALIAS], {
      ES_URL: ctx.engine.url,
    });
    if (indexed.code !== 0) throw new Error(`reindex failed: ${indexed.stderr.slice(-1000)}`);

    // The launcher may bring the engine back on another port; the proxy keeps Ireum's ES_URL.
    const proxy = await tcpProxy(ctx.engine.url);
    const served = await serve(proxy.url, ALIAS);
    const health: string[] = [];
    const healthOf = async (label: string) => {
      const h = await get(`${served.url}/healthz`, 10_000);
      let body: { status?: string; engine?: string } = {};
      try {
        body = JSON.parse(h.text) as typeof body;
      } catch {
        /* reported below */
      }
      health.push(
        `${label}: ${h.status} ${body.status ?? '?'} engine=${body.engine ?? '?'} Retry-After=${h.headers?.get('retry-after') ?? '-'} (${h.ms} ms)`,
      );
      return {
        status: h.status,
        engine: body.engine,
        retryAfter: h.headers?.get('retry-after') ?? null,
      };
    };
    const marks: Record<string, number> = {};
    const r = rng(ctx.opts.seed + 2);
    let samples: Sample[];
    const t0 = Date.now();
    try {
      const before = await healthOf('before');
      if (before.status !== 200 || before.engine !== 'up')
        failures.push('/healthz was not 200/up before the stop');
      samples = await loadLoop({
        base: served.url,
        path: () => searchPath(r),
        concurrency: 10,
        durationMs: 5_000,
        timeoutMs: CLIENT_TIMEOUT_MS,
        during: async (extend) => {
          await sleep(4_000);
          marks['stop'] = Date.now() - t0;
          ctx.log('[promise 2] stopping the private engine');
          await ctx.engine.stop();
          marks['stopped'] = Date.now() - t0;
          await sleep(3_000);
          const down = await healthOf('engine stopped');
          if (down.status !== 503 || down.engine !== 'down' || !down.retryAfter) {
            failures.push(
              '/healthz did not report 503, engine down, Retry-After while the engine was stopped',
            );
          }
          ctx.log('[promise 2] starting the private engine again');
          marks['start'] = Date.now() - t0;
          const url = await ctx.engine.start();
          proxy.setTarget(url);
          marks['started'] = Date.now() - t0;
          // Searches must come back by themselves; give them a bounded time to.
          const deadline = Date.now() + 60_000;
          for (;;) {
            const h = await get(`${served.url}/api/search?q=kim`, 10_000);
            if (h.status === 200) break;
            if (Date.now() > deadline) {
              failures.push('searches did not recover within 60 s of the engine being healthy');
              break;
            }
            await sleep(250);
          }
          marks['recovered'] = Date.now() - t0;
          const after = await healthOf('engine back');
          if (after.status !== 200 || after.engine !== 'up')
            failures.push('/healthz did not report 200/up after the restart');
          extend(5_000);
        },
      });
    } finally {
      const exit = served.cli.child.exitCode;
      if (exit !== null) failures.push(`ireum serve exited (${exit}) during the run`);
      const stopped = await served.stop();
      if (/\n\s+at .*\.js:\d+/.test(stopped.stderr) && /Error/.test(stopped.stderr)) {
        saw.push(
          `serve stderr had stack traces (logged server-side only): ${stopped.stderr.split('\n')[0]}`,
        );
      }
      await proxy.close();
    }

    const inWindow = (s: Sample, from: number, to: number) => s.at >= from && s.at < to;
    // Requests in flight when the engine went away may fail; only those answered before count.
    const beforeStop = samples.filter((s) => s.at + s.ms < (marks['stop'] ?? 0));
    const down = samples.filter((s) =>
      inWindow(s, marks['stop'] ?? 0, marks['recovered'] ?? Infinity),
    );
    const after = samples.filter((s) => s.at >= (marks['recovered'] ?? Infinity));
    const fivexx = samples.filter((s) => s.status >= 500 && s.status !== 503);
    const noRetryAfter = samples.filter((s) => s.status === 503 && !s.retryAfter);
    const transport = samples.filter((s) => s.status === 0);
    const slow = samples.filter((s) => s.ms >= CLIENT_TIMEOUT_MS);
    const down503 = down.filter((s) => s.status === 503);
    saw.push(
      `timeline (s): stop at ${(marks['stop']! / 1000).toFixed(1)}, stopped ${(marks['stopped']! / 1000).toFixed(1)}, start ${(marks['start']! / 1000).toFixed(1)}, healthy ${(marks['started']! / 1000).toFixed(1)}, searches back ${(marks['recovered']! / 1000).toFixed(1)}`,
    );
    saw.push(
      `${samples.length} requests from 10 clients (timeout ${CLIENT_TIMEOUT_MS / 1000} s): before the stop ${tally(beforeStop.map((s) => s.status))}; while down ${tally(down.map((s) => s.status))}; after recovery ${tally(after.map((s) => s.status))}`,
    );
    saw.push(`while down: ${down503.length} × 503, answered in ${latencySummary(down503)}`);
    saw.push(
      `other 5xx ${fivexx.length}, 503 without Retry-After ${noRetryAfter.length}, transport errors/hangs ${transport.length}, slower than the client timeout ${slow.length}`,
    );
    saw.push(...health.map((h) => `/healthz ${h}`));
    if (fivexx.length)
      failures.push(
        `${fivexx.length} responses were 5xx other than 503, e.g. ${fivexx[0]!.status} ${fivexx[0]!.path}`,
      );
    if (noRetryAfter.length) failures.push(`${noRetryAfter.length} 503s without Retry-After`);
    if (transport.length)
      failures.push(`${transport.length} requests got no HTTP answer, e.g. ${transport[0]!.error}`);
    if (slow.length) failures.push(`${slow.length} requests took longer than the client timeout`);
    if (down503.length === 0) failures.push('no 503 was seen while the engine was down');
    if (after.length === 0 || after.some((s) => s.status !== 200))
      failures.push('not every request after recovery was a 200');
    if (beforeStop.some((s) => s.status !== 200))
      failures.push('not every request before the stop was a 200');
    await dropAlias(ctx.engine.url, ALIAS);
    return {
      pass: failures.length === 0,
      tried: `ireum serve (production) over a private engine (500 documents); 10 clients on /search and /api/search; after 4 s the engine is stopped (launcher SIGTERM), /healthz asked, then it is started again and the run goes on 5 s past recovery, without restarting Ireum`,
      saw,
      failures,
    };
  },
};
