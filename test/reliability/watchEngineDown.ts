import { rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tcpProxy } from './proxy.js';
import {
  dropAlias,
  runCli,
  sleep,
  startCli,
  writeCorpus,
  type Outcome,
  type ReliabilityPromise,
} from './support.js';

// Promise 9: `ireum index --watch` while the engine is stopped and started again. Files are
// added, changed, renamed into place and deleted while it is down; when it is back every change
// must be in the index, the watcher must not have exited, and a fresh `ireum index` over the
// folder must find nothing left to do (the index equals the folder).

const ALIAS = 'ireum-rel-watch';

function article(i: number, token: string): string {
  return ` date 2025-03-${String((i % 28) + 1).padStart(2, '0')} Watch test ${i}\n\nAP, SEOUL\n\nA paragraph carrying ${token}.\n`;
}

async function countOf(url: string, q: string): Promise<number> {
  const res = await fetch(`${url}/${ALIAS}/_count?q=${encodeURIComponent(q)}`);
  if (!res.ok) throw new Error(`count ${q}: ${res.status}`);
  return ((await res.json()) as { count: number }).count;
}

export const watchEngineDown: ReliabilityPromise = {
  id: 9,
  name: 'Watch through an engine restart',
  async run(ctx): Promise<Outcome> {
    const failures: string[] = [];
    const saw: string[] = [];
    const dir = await ctx.scratch('watch-corpus');
    await writeCorpus(dir, 300, ctx.opts.seed + 9);
    await dropAlias(ctx.engine.url, ALIAS);
    const proxy = await tcpProxy(ctx.engine.url);
    const watch = startCli(
      ['index', '--source', dir, '--alias', ALIAS, '--watch'],
      { ES_URL: proxy.url },
      300_000,
    );
    const waitOutput = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(watch.output().stderr + watch.output().stdout)) {
        if (Date.now() > deadline || watch.child.exitCode !== null) return false;
        await sleep(100);
      }
      return true;
    };
    const expectations: { q: string; count: number; what: string }[] = [];
    try {
      if (!(await waitOutput(/watching /, 120_000)))
        throw new Error(`the watcher did not start: ${watch.output().stderr.slice(-800)}`);
      const total = await countOf(proxy.url, '*');
      saw.push(`first pass: ${total} documents; ${watch.output().stdout.trim().split('\n').pop()}`);

      ctx.log('[promise 9] stopping the private engine');
      const t0 = Date.now();
      await ctx.engine.stop();
      // Changes while it is away: 10 adds, 5 rewrites, 1 atomic save, 5 deletions.
      for (let i = 0; i < 10; i++) {
        await writeFile(join(dir, `down-added-${i}.txt`), article(i, `addedwhiledown${i}`));
        expectations.push({ q: `addedwhiledown${i}`, count: 1, what: `added file ${i}` });
      }
      const { readdir } = await import('node:fs/promises');
      const existing = (await readdir(dir, { recursive: true }))
        .map(String)
        .filter((p) => p.endsWith('.txt') && !p.startsWith('down-'))
        .sort();
      for (let i = 0; i < 5; i++) {
        await writeFile(join(dir, existing[i]!), article(100 + i, `rewrittenwhiledown${i}`));
        expectations.push({
          q: `rewrittenwhiledown${i}`,
          count: 1,
          what: `rewritten ${existing[i]}`,
        });
      }
      await writeFile(join(dir, '.atomic.tmp'), article(200, 'atomicallysaved'));
      await rename(join(dir, '.atomic.tmp'), join(dir, existing[5]!));
      expectations.push({ q: 'atomicallysaved', count: 1, what: `atomic save of ${existing[5]}` });
      for (let i = 6; i < 11; i++) await unlink(join(dir, existing[i]!));
      const expectedTotal = total + 10 - 5;
      expectations.push({ q: '*', count: expectedTotal, what: 'the document count' });
      await sleep(4_000);
      const retried = await waitOutput(/retrying in/, 20_000);
      saw.push(
        `engine down ${((Date.now() - t0) / 1000).toFixed(1)} s; watcher ${watch.child.exitCode === null ? 'still running' : `exited ${watch.child.exitCode}`}; "queued, retrying" logged: ${retried}`,
      );
      if (watch.child.exitCode !== null)
        failures.push('the watcher exited while the engine was down');
      if (!retried) failures.push('the watcher did not say it was retrying');

      ctx.log('[promise 9] starting the private engine again');
      const url = await ctx.engine.start();
      proxy.setTarget(url);
      const back = Date.now();
      const deadline = back + 90_000;
      let missing = expectations;
      while (missing.length > 0 && Date.now() < deadline) {
        const still: typeof missing = [];
        for (const e of missing) {
          try {
            if ((await countOf(url, e.q)) !== e.count) still.push(e);
          } catch {
            still.push(e);
          }
        }
        missing = still;
        if (missing.length > 0) await sleep(500);
      }
      saw.push(
        `after the restart: ${expectations.length - missing.length}/${expectations.length} expectations met ${((Date.now() - back) / 1000).toFixed(1)} s after the engine was healthy`,
      );
      for (const m of missing) failures.push(`not applied after the restart: ${m.what}`);
      const deletedGone = await Promise.all(
        existing.slice(6, 11).map((p) => countOf(url, `path:"${p}"`)),
      );
      if (deletedGone.some((c) => c !== 0))
        failures.push('a file deleted while the engine was down is still indexed');
    } catch (err) {
      failures.push((err as Error).message);
    } finally {
      watch.child.kill('SIGINT');
    }
    const end = await watch.done;
    await proxy.close();
    saw.push(`Ctrl-C: exit ${end.code}; last line "${end.stdout.trim().split('\n').pop()}"`);
    if (end.code !== 0)
      failures.push(`the watcher exited ${end.code} on SIGINT: ${end.stderr.slice(-500)}`);
    const again = await runCli(['index', '--source', dir, '--alias', ALIAS], {
      ES_URL: ctx.engine.url,
    });
    const last = again.stdout.trim().split('\n').pop() ?? '';
    saw.push(`a fresh \`ireum index\` over the folder: "${last}"`);
    if (!/^added 0, updated 0, deleted 0, unchanged \d+, rejected 0/.test(last)) {
      failures.push('the index and the folder differ after the restart');
    }
    await dropAlias(ctx.engine.url, ALIAS);
    return {
      pass: failures.length === 0,
      tried:
        '`ireum index --watch` over 300 generated articles through a loopback proxy; the private engine is stopped (launcher SIGTERM), 10 files are added, 5 rewritten, 1 saved atomically (temp + rename) and 5 deleted, then the engine is started again',
      saw,
      failures,
    };
  },
};
