import autocannon from 'autocannon';
import { searchPath } from './load.js';
import {
  countOf,
  aliasState,
  dropAlias,
  rng,
  runCli,
  serve,
  writeCorpus,
  type Outcome,
  type ReliabilityPromise,
} from './support.js';

// Promise 1: `ireum serve` under 50 concurrent connections with a realistic query mix over a
// generated corpus: zero errors, zero 5xx.

const ALIAS = 'ireum-rel-load';

export const loadTest: ReliabilityPromise = {
  id: 1,
  name: 'Load',
  async run(ctx): Promise<Outcome> {
    const { docs, duration, connections } = ctx.opts;
    const failures: string[] = [];
    const saw: string[] = [];
    const dir = await ctx.scratch('load-corpus');
    const tGen = Date.now();
    await writeCorpus(dir, docs, ctx.opts.seed + 1);
    await dropAlias(ctx.engine.url, ALIAS);
    const indexed = await runCli(
      ['reindex', '--source', dir, '--alias', ALIAS],
      { ES_URL: ctx.engine.url },
      30 * 60_000,
    );
    if (indexed.code !== 0) throw new Error(`reindex failed: ${indexed.stderr.slice(-1000)}`);
    const state = await aliasState(ctx.engine.url, ALIAS);
    const count = await countOf(ctx.engine.url, state.targets[0]!);
    saw.push(
      `corpus: ${docs} generated articles written and indexed in ${((Date.now() - tGen) / 1000).toFixed(1)}s; index holds ${count}`,
    );
    if (count !== docs) failures.push(`index holds ${count}, expected ${docs}`);

    const served = await serve(ctx.engine.url, ALIAS);
    const r = rng(ctx.opts.seed + 1);
    const paths: string[] = [];
    let result: autocannon.Result;
    try {
      // Warm caches and JIT so the figures describe the steady state.
      await autocannon({
        url: served.url,
        connections: 4,
        duration: 2,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: searchPath(r) }) }],
      });
      result = await autocannon({
        url: served.url,
        connections,
        duration,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const path = searchPath(r);
              if (paths.length < 5) paths.push(path);
              return { ...req, path };
            },
          },
        ],
      });
    } finally {
      const exit = served.cli.child.exitCode;
      if (exit !== null) failures.push(`ireum serve exited (${exit}) during the run`);
      await served.stop();
      if (!ctx.opts.keep) await dropAlias(ctx.engine.url, ALIAS);
    }
    const total = result.requests.total;
    saw.push(
      `${connections} connections for ${duration}s on /search and /api/search (e.g. ${paths.slice(0, 3).join('  ')})`,
    );
    saw.push(
      `${total} requests: 2xx ${result['2xx']}, non-2xx ${result.non2xx}, 5xx ${result['5xx']}, errors ${result.errors}, timeouts ${result.timeouts}, resets ${result.resets}`,
    );
    saw.push(
      `throughput ${result.requests.average.toFixed(1)} req/s (${(result.throughput.average / 1024 / 1024).toFixed(2)} MiB/s); latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    );
    if (result.errors > 0 || result.timeouts > 0)
      failures.push(`${result.errors} errors, ${result.timeouts} timeouts`);
    if (result['5xx'] > 0) failures.push(`${result['5xx']} responses were 5xx`);
    if (result.non2xx > 0) failures.push(`${result.non2xx} responses were not 2xx`);
    if (total === 0) failures.push('no request completed');
    return {
      pass: failures.length === 0,
      tried: `ireum serve (production) over ${docs} generated articles; autocannon, ${connections} connections for ${duration}s, a seeded mix of name searches in several spellings and scripts, phrases, exclusions, prefixes, agency/person filters, date ranges, sorting, later pages and page sizes, half through the JSON API`,
      saw,
      failures,
    };
  },
};
