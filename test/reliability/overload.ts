import { latencySummary, loadLoop, searchPath } from './load.js';
import { faultProxy, type FaultRequest, type Verdict } from './proxy.js';
import {
  aliasState,
  countOf,
  dropAlias,
  rng,
  runCli,
  tally,
  writeCorpus,
  type Outcome,
  type ReliabilityPromise,
  serveInProcess,
} from './support.js';

// Promise 3: an engine that sheds load. A loopback proxy answers 429 (rejected execution,
// circuit breaker) for a seeded fraction of searches, and 429s bulk items and whole bulk requests
// during reindexing.

const ALIAS = 'ireum-rel-overload';
const DOCS = 1_000;
// Consecutive refusals of whole bulk requests; the transport retries up to 5 times with backoff.
const WHOLE_REJECTIONS = 3;

function bulkIds(body: Buffer): string[] {
  const ids: string[] = [];
  const lines = body.toString('utf8').split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    if (lines[i] === '') break;
    const a = JSON.parse(lines[i]!) as { index?: { _id?: string } };
    ids.push(a.index?._id ?? '?');
  }
  return ids;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export const overload: ReliabilityPromise = {
  id: 3,
  name: 'Engine overloaded',
  async run(ctx): Promise<Outcome> {
    const failures: string[] = [];
    const saw: string[] = [];
    const r = rng(ctx.opts.seed + 3);
    const dir = await ctx.scratch('overload-corpus');
    await writeCorpus(dir, DOCS, ctx.opts.seed + 3);
    await dropAlias(ctx.engine.url, ALIAS);
    const args = ['reindex', '--source', dir, '--alias', ALIAS, '--batch-size', '100'];

    // Reindex under transient rejections: each document refused at most twice, so the helper's
    // retries (3, a second apart) get every one in.
    const refusedTimes = new Map<string, number>();
    let mode: 'transient' | 'persistent' | 'whole' | 'search' = 'transient';
    let wholeRejected = 0;
    const decide = (req: FaultRequest): Verdict => {
      const path = req.path.split('?')[0]!;
      if (path.endsWith('/_bulk') && req.method === 'POST') {
        const ids = bulkIds(req.body);
        if (mode === 'whole' && wholeRejected < WHOLE_REJECTIONS) {
          wholeRejected++;
          return { kind: 'reject', status: 429, type: 'circuit_breaking_exception' };
        }
        const items: number[] = [];
        ids.forEach((id, i) => {
          const n = refusedTimes.get(id) ?? 0;
          const refuse =
            mode === 'persistent'
              ? hash(id) % 200 === 0
              : mode === 'transient' && n < 2 && r() < 0.3;
          if (refuse) {
            items.push(i);
            refusedTimes.set(id, n + 1);
          }
        });
        return { kind: 'bulk-reject', items };
      }
      if (mode === 'search' && path.endsWith('/_search')) {
        const roll = r();
        if (roll < 0.2)
          return { kind: 'reject', status: 429, type: 'es_rejected_execution_exception' };
        if (roll < 0.3) return { kind: 'reject', status: 429, type: 'circuit_breaking_exception' };
      }
      return { kind: 'forward' };
    };
    const proxy = await faultProxy(ctx.engine.url, decide);
    try {
      const t = await runCli(args, { ES_URL: proxy.url });
      const tState = await aliasState(ctx.engine.url, ALIAS);
      const tCount = tState.targets[0] ? await countOf(ctx.engine.url, tState.targets[0]) : -1;
      const refusedDocs = [...refusedTimes.values()].filter((n) => n > 0).length;
      const refusals = [...refusedTimes.values()].reduce((a, b) => a + b, 0);
      const summary =
        /indexed \d+, rejected \d+, dropped \d+/.exec(t.stdout)?.[0] ?? '(no summary)';
      saw.push(
        `reindex with 30% of bulk items refused (429 es_rejected_execution_exception), each at most twice: ${refusals} refusals of ${refusedDocs} documents; exit ${t.code} in ${(t.ms / 1000).toFixed(1)}s, "${summary}"; index holds ${tCount}/${DOCS}`,
      );
      if (t.code !== 0 || tCount !== DOCS)
        failures.push('transient 429s: the reindex did not retry its way to a complete index');
      const goodIndex = tState.targets[0];

      // Persistent rejections: the documents that never get in must be named, the alias kept.
      mode = 'persistent';
      refusedTimes.clear();
      const p = await runCli(args, { ES_URL: proxy.url });
      const pState = await aliasState(ctx.engine.url, ALIAS);
      const never = [...refusedTimes.keys()];
      const named = never.filter((id) => p.stderr.includes(id));
      saw.push(
        `reindex with ${never.length} documents always refused: exit ${p.code}; ${named.length}/${never.length} named in the output, e.g. "${p.stderr.split('\n').find((l) => l.includes('dropped')) ?? '(none)'}"; alias still -> ${pState.targets.join(',')}; indices now ${Object.keys(pState.indices).length}`,
      );
      if (p.code === 0)
        failures.push('persistent 429s: the reindex succeeded although documents were lost');
      if (named.length !== never.length)
        failures.push('persistent 429s: not every lost document was named');
      if (pState.targets[0] !== goodIndex) failures.push('persistent 429s: the alias moved');

      // Whole bulk requests refused (circuit breaker on the request): sent again after a backoff,
      // so the run completes with every document.
      mode = 'whole';
      wholeRejected = 0;
      const w = await runCli(args, { ES_URL: proxy.url });
      const wState = await aliasState(ctx.engine.url, ALIAS);
      const wCount = wState.targets[0] ? await countOf(ctx.engine.url, wState.targets[0]) : -1;
      saw.push(
        `reindex with the first ${WHOLE_REJECTIONS} whole _bulk requests answered 429 circuit_breaking_exception (${wholeRejected} refused): exit ${w.code} in ${(w.ms / 1000).toFixed(1)}s, "${/indexed \d+, rejected \d+, dropped \d+/.exec(w.stdout)?.[0] ?? w.stderr.split('\n').find((l) => l.startsWith('ReindexError')) ?? ''}"; index holds ${wCount}/${DOCS}`,
      );
      if (wholeRejected < WHOLE_REJECTIONS)
        failures.push('whole-request 429: the proxy refused fewer requests than planned');
      if (w.code !== 0 || wCount !== DOCS)
        failures.push('whole-request 429: the reindex did not retry its way to a complete index');
      if (w.code !== 0 && wState.targets[0] !== goodIndex)
        failures.push('whole-request 429: the alias moved');

      // Searches while the engine sheds 30% of them.
      mode = 'search';
      const served = await serveInProcess(proxy.url, ALIAS);
      const base = served.base;
      const before = { ...proxy.stats };
      let samples;
      try {
        samples = await loadLoop({
          base,
          path: () => searchPath(r),
          concurrency: 8,
          durationMs: 8_000,
          timeoutMs: 15_000,
        });
      } finally {
        await served.close();
      }
      const injected = (proxy.stats['rejected 429'] ?? 0) - (before['rejected 429'] ?? 0);
      const s503 = samples.filter((s) => s.status === 503);
      const bad = samples.filter((s) => s.status !== 200 && s.status !== 503);
      const noRetry = s503.filter((s) => !s.retryAfter);
      saw.push(
        `${samples.length} searches with 30% of engine searches answered 429 (${injected} injected): statuses ${tally(samples.map((s) => s.status))}; 503 without Retry-After ${noRetry.length}; ${latencySummary(samples)}`,
      );
      if (bad.length)
        failures.push(
          `${bad.length} responses were neither 200 nor 503, e.g. ${bad[0]!.status} ${bad[0]!.error ?? ''}`,
        );
      if (noRetry.length) failures.push(`${noRetry.length} 503s without Retry-After`);
      if (s503.length === 0) failures.push('no 503 was seen although the engine refused searches');
    } finally {
      await proxy.close();
      if (!ctx.opts.keep) await dropAlias(ctx.engine.url, ALIAS);
    }
    return {
      pass: failures.length === 0,
      tried: `a loopback proxy in front of the private engine that (a) refuses 30% of bulk items with 429 (each document at most twice), (b) always refuses ${'~0.5%'} of documents, (c) refuses the first ${WHOLE_REJECTIONS} whole _bulk requests with a circuit-breaker 429, (d) answers 429 to 30% of searches, while 8 clients search through createApp`,
      saw,
      failures,
    };
  },
};
