import type { Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { hostname } from 'node:os';
import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { acquireLock, LOCK_DEFAULTS, LOCK_INDEX, readLock } from '../../src/indexing/lock.js';
import { aliasTargets } from '../../src/indexing/plan.js';
import { NAMES_RULES_VERSION } from '../../src/names/rules.js';
import { lastLine, runIreum, startIreum } from '../support/cli.js';
import { deleteAliasIndices, testClient, testUrl, uniqueIndexName } from '../support/engine.js';
import { pausableProxy } from '../support/proxy.js';

// `ireum index`, `--watch`, NDJSON and the guards, through the built CLI against the real
// engine: what a user types and reads. Every test has its own alias and folder.

const SUMMARY =
  /^added (\d+), updated (\d+), deleted (\d+), unchanged (\d+), rejected (\d+) in \d+\.\ds$/;

function article(title: string, body: string, date = '2024-05-01'): string {
  return ` date ${date} ${title}\n\nAP, SEOUL\n\n${body}\n\nA second paragraph about ${title}.\n`;
}

async function put(root: string, rel: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, rel)), { recursive: true });
  await writeFile(join(root, rel), text);
}

/** `added A, updated U, ...` as numbers, from the last line of a run's stdout. */
function tally(stdout: string): number[] {
  const m = SUMMARY.exec(lastLine(stdout));
  expect(m, `last line should be the summary, got: ${lastLine(stdout)}`).to.not.equal(null);
  return m!.slice(1, 6).map(Number);
}

async function hits(client: Client, alias: string, q: string): Promise<string[]> {
  const res = await client.search<{ path: string }>({
    index: alias,
    q,
    size: 100,
    _source: ['path'],
  });
  return res.hits.hits.map((h) => h._source!.path).sort();
}

async function countOf(client: Client, alias: string): Promise<number> {
  return (await client.count({ index: alias })).count;
}

/** Write operations the engine has done on an index (index + delete totals). */
async function writesOn(client: Client, alias: string): Promise<number> {
  const [index] = await aliasTargets(client, alias);
  const stats = (await client.indices.stats({ index: index!, metric: 'indexing' })) as {
    _all: { primaries: { indexing: { index_total: number; delete_total: number } } };
  };
  const i = stats._all.primaries.indexing;
  return i.index_total + i.delete_total;
}

/** Polls `check` until it holds or `ms` pass; returns how long it took. */
async function eventually(
  check: () => Promise<boolean>,
  ms: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ireum index, --watch, NDJSON and the guards (integration)', function () {
  this.timeout(120_000);
  let client: Client;
  let url: string;
  const aliases: string[] = [];
  const dirs: string[] = [];
  const newAlias = () => {
    const a = uniqueIndexName('ireum-test-idx');
    aliases.push(a);
    return a;
  };
  const newDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'ireum-idx-'));
    dirs.push(d);
    return d;
  };
  /** A folder of `n` articles, `a0.txt`…, one of them in a subfolder. */
  const corpus = async (n: number) => {
    const dir = await newDir();
    for (let i = 0; i < n; i++) {
      await put(
        dir,
        i === 0 ? `sub/a${i}.txt` : `a${i}.txt`,
        article(`Story ${i}`, `Kim Jong Un item${i} wombat.`),
      );
    }
    return dir;
  };

  before(() => {
    client = testClient();
    url = testUrl();
  });

  after(async () => {
    for (const alias of aliases) {
      await deleteAliasIndices(alias);
      await client.delete({ index: LOCK_INDEX, id: alias }, { ignore: [404] });
    }
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('tags again only the documents a person-registry change touches', async () => {
    const alias = newAlias();
    const dir = await newDir();
    await put(dir, 'solo.txt', article('Film', 'Han Solo flew the ship.'));
    await put(dir, 'rhee.txt', article('History', 'Lhee Syng-man spoke.'));
    await put(dir, 'other.txt', article('Council', 'Kim Min-jun spoke.'));
    const registry = join(dir, '..', `${alias}-people.json`);
    dirs.push(registry);
    const saved = process.env.IREUM_PEOPLE;
    process.env.IREUM_PEOPLE = registry;
    try {
      const first = await runIreum(['index', '--source', dir, '--alias', alias], url);
      expect(tally(first.stdout)).to.deep.equal([3, 0, 0, 0, 0]);
      const edits = [
        ['people', 'ignore', 'Han Solo'],
        ['people', 'merge', 'Syngman Rhee', 'Lhee Syng-man'],
      ];
      for (const args of edits) expect((await runIreum(args, url)).code).to.equal(0);
      const second = await runIreum(['index', '--source', dir, '--alias', alias], url);
      expect(second.code, second.stderr).to.equal(0);
      expect(second.stderr).to.contain('the person registry changed: 2 document(s)');
      expect(tally(second.stdout)).to.deep.equal([0, 2, 0, 1, 0]);
      const people = async (path: string) => {
        const res = await client.search<{ people: string[] }>({
          index: alias,
          query: { term: { path } },
          _source: ['people'],
        });
        return res.hits.hits[0]!._source!.people;
      };
      expect(await people('solo.txt')).to.deep.equal([]);
      expect(await people('rhee.txt')).to.deep.equal(['Syngman Rhee']);
      // Recorded in the index: the next run has nothing to tag again.
      const third = await runIreum(['index', '--source', dir, '--alias', alias], url);
      expect(third.stderr).to.not.contain('registry changed');
      expect(tally(third.stdout)).to.deep.equal([0, 0, 0, 3, 0]);
    } finally {
      if (saved === undefined) delete process.env.IREUM_PEOPLE;
      else process.env.IREUM_PEOPLE = saved;
    }
  });

  it('rebuilds an index whose people were read by older name rules, once', async () => {
    const alias = newAlias();
    const dir = await corpus(3);
    expect((await runIreum(['index', '--source', dir, '--alias', alias], url)).code).to.equal(0);
    const [built] = await aliasTargets(client, alias);
    // The index as an older Ireum left it: the same mapping, read by rules version 0.
    const held = await client.indices.getMapping({ index: built! });
    const meta = { ...(held[built!]!.mappings._meta ?? {}) } as Record<string, unknown>;
    expect(meta.ireum_names_rules).to.equal(NAMES_RULES_VERSION);
    await client.indices.putMapping({ index: built!, _meta: { ...meta, ireum_names_rules: 0 } });

    const second = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stderr).to.contain(
      `name rules version 0, the rules are now ${NAMES_RULES_VERSION}`,
    );
    const [rebuilt] = await aliasTargets(client, alias);
    expect(rebuilt).to.not.equal(built);
    expect(await countOf(client, alias)).to.equal(3);
    const third = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(third.stderr).to.not.contain('name rules');
    expect(tally(third.stdout)).to.deep.equal([0, 0, 0, 3, 0]);
  });

  it('creates the index, then adds, updates and deletes with the exact summary line', async () => {
    const alias = newAlias();
    const dir = await corpus(6);
    const first = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(first.code, first.stderr).to.equal(0);
    expect(tally(first.stdout)).to.deep.equal([6, 0, 0, 0, 0]);
    expect(await countOf(client, alias)).to.equal(6);

    await put(dir, 'a1.txt', article('Story 1', 'Kim Jong Un item1 changed platypus.'));
    await put(dir, 'new/b.txt', article('Story B', 'A brand new echidna.'));
    await unlink(join(dir, 'a2.txt'));
    const second = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(second.code, second.stderr).to.equal(0);
    expect(tally(second.stdout)).to.deep.equal([1, 1, 1, 4, 0]);
    expect(await countOf(client, alias)).to.equal(6);
    expect(await hits(client, alias, 'platypus')).to.deep.equal(['a1.txt']);
    expect(await hits(client, alias, 'echidna')).to.deep.equal(['new/b.txt']);
    expect(await hits(client, alias, 'item2')).to.deep.equal([]);
    // Names are extracted on the incremental path as on reindex.
    const people = await client.search({
      index: alias,
      size: 0,
      query: { term: { people: 'Kim Jong-un' } },
    });
    expect((people.hits.total as { value: number }).value).to.equal(5);
  });

  it('a rerun over an unchanged folder sends no operation to the engine', async () => {
    const alias = newAlias();
    const dir = await corpus(5);
    expect((await runIreum(['index', '--source', dir, '--alias', alias], url)).code).to.equal(0);
    const before = await writesOn(client, alias);
    const again = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(again.code, again.stderr).to.equal(0);
    expect(tally(again.stdout)).to.deep.equal([0, 0, 0, 5, 0]);
    expect(await writesOn(client, alias)).to.equal(before);
  });

  it('a rejected file is reported with path and line and keeps its old document', async () => {
    const alias = newAlias();
    const dir = await corpus(4);
    expect((await runIreum(['index', '--source', dir, '--alias', alias], url)).code).to.equal(0);
    await put(dir, 'a3.txt', ' date 2024-02-30 Story 3 broken\n\nAP, SEOUL\n\nNew text quokka.\n');
    const r = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(r.code, r.stderr).to.equal(0);
    expect(tally(r.stdout)).to.deep.equal([0, 0, 0, 3, 1]);
    expect(r.stderr).to.match(/rejected a3\.txt:1: invalid date 2024-02-30/);
    expect(await countOf(client, alias)).to.equal(4);
    expect(await hits(client, alias, 'item3')).to.deep.equal(['a3.txt']);
    expect(await hits(client, alias, 'quokka')).to.deep.equal([]);
  });

  it('reindex refuses an empty source and a shrink to under half, unless --allow-shrink', async () => {
    const alias = newAlias();
    const dir = await corpus(6);
    expect((await runIreum(['reindex', '--source', dir, '--alias', alias], url)).code).to.equal(0);
    const [served] = await aliasTargets(client, alias);

    const empty = await newDir();
    const dry = await runIreum(['reindex', '--source', empty, '--alias', alias, '--dry-run'], url);
    expect(dry.stderr).to.match(/warning: no article parsed/);

    const refused = await runIreum(['reindex', '--source', empty, '--alias', alias], url);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(
      /refusing to move the alias: the alias would go from 6 documents to 0/,
    );
    expect(await aliasTargets(client, alias)).to.deep.equal([served]);
    expect(await countOf(client, alias)).to.equal(6);

    const small = await corpus(2);
    const shrink = await runIreum(['reindex', '--source', small, '--alias', alias], url);
    expect(shrink.code).to.equal(1);
    expect(shrink.stderr).to.match(/from 6 documents to 2, fewer than half/);
    expect(await aliasTargets(client, alias)).to.deep.equal([served]);
    const leftovers = (await client.cat.indices({
      index: `${alias}-*`,
      format: 'json',
      h: 'index',
    })) as {
      index: string;
    }[];
    // The articles index the alias serves, and the people index built beside it.
    const names = leftovers.map((l) => l.index).sort();
    expect(names.filter((n) => !n.startsWith(`${alias}-people-`))).to.deep.equal([served]);
    expect(names.filter((n) => n.startsWith(`${alias}-people-`))).to.have.length(1);

    const allowed = await runIreum(
      ['reindex', '--source', small, '--alias', alias, '--allow-shrink'],
      url,
    );
    expect(allowed.code, allowed.stderr).to.equal(0);
    expect(await countOf(client, alias)).to.equal(2);
  });

  it('index refuses deletions that would empty the alias, unless --allow-shrink', async () => {
    const alias = newAlias();
    const dir = await corpus(4);
    expect((await runIreum(['index', '--source', dir, '--alias', alias], url)).code).to.equal(0);
    const empty = await newDir();
    const refused = await runIreum(['index', '--source', empty, '--alias', alias], url);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(/not deleting: the alias would go from 4 documents to 0/);
    expect(tally(refused.stdout)).to.deep.equal([0, 0, 0, 0, 0]);
    expect(await countOf(client, alias)).to.equal(4);
    const kept = await runIreum(
      ['index', '--source', empty, '--alias', alias, '--keep-deleted'],
      url,
    );
    expect(kept.code).to.equal(0);
    expect(await countOf(client, alias)).to.equal(4);
    const allowed = await runIreum(
      ['index', '--source', empty, '--alias', alias, '--allow-shrink'],
      url,
    );
    expect(allowed.code).to.equal(0);
    expect(tally(allowed.stdout)).to.deep.equal([0, 0, 4, 0, 0]);
    expect(await countOf(client, alias)).to.equal(0);
  });

  it('a lock held by another run stops a second run at once; a stale one is taken over', async () => {
    const alias = newAlias();
    const dir = await corpus(3);
    // Another run, alive and beating, from another machine.
    const held = await acquireLock(client, alias, {
      command: 'reindex',
      host: 'other-host',
      pid: 4242,
    });
    try {
      for (const cmd of ['index', 'reindex']) {
        const started = Date.now();
        const r = await runIreum([cmd, '--source', dir, '--alias', alias], url);
        expect(r.code).to.equal(1);
        expect(r.stderr).to.match(/^alias '.*' is locked by `reindex` \(pid 4242 on other-host/m);
        // Refused, not waited out: a run that waited for the lock to go stale would take at
        // least staleMs. The bound is half of that, far above a CLI's start on a loaded host
        // (3-4 s alone, 12 s in one CI run, whose two runs together passed an older 20 s bound).
        expect(Date.now() - started).to.be.below(LOCK_DEFAULTS.staleMs / 2);
      }
      expect(await aliasTargets(client, alias)).to.deep.equal([]);
    } finally {
      await held.release();
    }
    expect(await readLock(client, alias)).to.equal(undefined);

    // A holder whose heartbeat stopped long ago (its machine died): taken over, and said so.
    const old = new Date(Date.now() - 3_600_000).toISOString();
    await client.index({
      index: LOCK_INDEX,
      id: alias,
      document: {
        alias,
        command: 'index --watch',
        host: 'gone-host',
        pid: 7,
        token: 'x',
        started: old,
        heartbeat: old,
      },
      refresh: true,
    });
    const r1 = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(r1.code, r1.stderr).to.equal(0);
    expect(r1.stderr).to.match(
      /took over the lock on '.*' from `index --watch` \(pid 7 on gone-host\): its heartbeat is \d+s old/,
    );

    // A holder on this machine whose process is gone: taken over at once, whatever its heartbeat.
    const now = new Date().toISOString();
    await client.index({
      index: LOCK_INDEX,
      id: alias,
      document: {
        alias,
        command: 'reindex',
        host: hostname(),
        pid: 2 ** 22 + 1,
        token: 'y',
        started: now,
        heartbeat: now,
      },
      refresh: true,
    });
    const r2 = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(r2.code, r2.stderr).to.equal(0);
    expect(r2.stderr).to.match(/took over the lock .*: its process \d+ on .* is gone/);
    expect(await readLock(client, alias)).to.equal(undefined);
  });

  it('--watch applies an add, a change, an atomic rename, a new subfolder and a delete', async () => {
    const alias = newAlias();
    const dir = await corpus(3);
    const watch = startIreum(['index', '--source', dir, '--alias', alias, '--watch'], url);
    try {
      await watch.waitFor(/watching /);
      const latencies: number[] = [];
      const seen = async (q: string, expected: string[]) =>
        latencies.push(
          await eventually(
            async () => JSON.stringify(await hits(client, alias, q)) === JSON.stringify(expected),
            10_000,
            `${q} -> ${expected}`,
          ),
        );

      await put(dir, 'added.txt', article('Added', 'A fresh kookaburra.'));
      await seen('kookaburra', ['added.txt']);

      await put(dir, 'a1.txt', article('Story 1', 'Rewritten with a numbat.'));
      await seen('numbat', ['a1.txt']);
      expect(await hits(client, alias, 'item1')).to.deep.equal([]);

      // An editor's atomic save: write a temp file beside it, then rename over the article.
      await writeFile(join(dir, '.a2.txt.swp'), article('Story 2', 'Saved atomically, a bilby.'));
      await rename(join(dir, '.a2.txt.swp'), join(dir, 'a2.txt'));
      await seen('bilby', ['a2.txt']);

      await put(dir, 'deep/er/c.txt', article('Deep', 'A cassowary in a new folder.'));
      await seen('cassowary', ['deep/er/c.txt']);

      await unlink(join(dir, 'added.txt'));
      await seen('kookaburra', []);
      expect(await countOf(client, alias)).to.equal(4);
      console.error(
        `      (watch: searchable after ${latencies.map((l) => `${l} ms`).join(', ')})`,
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${watch.stdout()}\n${watch.stderr()}`, {
        cause: err,
      });
    } finally {
      watch.child.kill('SIGINT');
    }
    const end = await watch.done;
    expect(end.code, end.stderr).to.equal(0);
    // The temp file never became a document: two adds (added.txt, deep/er/c.txt), two updates.
    expect(tally(end.stdout)).to.deep.equal([5, 2, 1, 0, 0]);
    expect(end.stdout).to.not.match(/swp/);
  });

  it('--watch queues changes while the engine is unreachable and applies them when it is back', async () => {
    const alias = newAlias();
    const dir = await corpus(3);
    const proxy = await pausableProxy(url);
    const watch = startIreum(['index', '--source', dir, '--alias', alias, '--watch'], proxy.url);
    try {
      await watch.waitFor(/watching /);
      await proxy.down();
      await put(
        dir,
        'while-down.txt',
        article('Down', 'Written while the engine was away: a dugong.'),
      );
      await unlink(join(dir, 'a1.txt'));
      await watch.waitFor(/retrying in/, 15_000);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(watch.child.exitCode).to.equal(null);
      await proxy.up();
      await eventually(
        async () => (await hits(client, alias, 'dugong')).length === 1,
        30_000,
        'the queued add',
      );
      await eventually(
        async () => (await hits(client, alias, 'item1')).length === 0,
        5_000,
        'the queued delete',
      );
      expect(await countOf(client, alias)).to.equal(3);
    } finally {
      watch.child.kill('SIGINT');
    }
    const end = await watch.done;
    await proxy.close();
    expect(end.code, end.stderr).to.equal(0);
    expect(end.stderr).to.match(/engine reachable again/);
    expect(tally(end.stdout)).to.deep.equal([4, 0, 1, 0, 0]);
  });

  it('NDJSON: good lines indexed with names, bad lines reported as file:LINE', async () => {
    const alias = newAlias();
    const dir = await newDir();
    const lines = [
      JSON.stringify({
        id: 'n1',
        date: '2019-02-28',
        title: 'Hanoi talks end',
        agencies: ['AP', 'AFP'],
        dateline: 'HANOI',
        body: 'Kim Jong Un left early. Wallaby.',
      }),
      JSON.stringify({
        date: '2019-03-01',
        title: 'No id here',
        body: ['First paragraph with a quoll.', 'Second.'],
        captions: ['Leaders wave. Photo: AFP / KCNA VIA KNS'],
      }),
      '{"id": "n3", "date": "2019-03-02", "title": broken json',
      JSON.stringify({ id: 'n4', date: '2019-03-03', body: 'No title.' }),
      '',
      JSON.stringify({ id: 'n5', date: '2019-02-30', title: 'Impossible date', body: 'x' }),
      JSON.stringify({
        id: 'n6',
        date: '2019-03-04',
        title: '김정은 visits',
        body: '김정은 toured a factory. Tapir.',
      }),
    ];
    await put(dir, 'export.ndjson', lines.join('\n') + '\n');
    const r = await runIreum(
      ['index', '--source', join(dir, 'export.ndjson'), '--alias', alias],
      url,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(tally(r.stdout)).to.deep.equal([3, 0, 0, 0, 3]);
    expect(r.stderr).to.match(/rejected export\.ndjson:3: invalid JSON/);
    expect(r.stderr).to.match(/rejected export\.ndjson:4: missing "title"/);
    expect(r.stderr).to.match(/rejected export\.ndjson:6: invalid date 2019-02-30/);
    const res = await client.search<{
      path: string;
      people: string[];
      agencies: string[];
      credits: string[];
    }>({
      index: alias,
      size: 10,
      sort: [{ date: 'asc' }],
    });
    const docs = res.hits.hits.map((h) => h._source!);
    expect(docs.map((d) => d.path)).to.deep.equal([
      'export.ndjson#n1',
      'export.ndjson#2019-03-01 No id here',
      'export.ndjson#n6',
    ]);
    expect(docs[0]!.people).to.include('Kim Jong-un');
    expect(docs[0]!.agencies).to.deep.equal(['AP', 'AFP']);
    expect(docs[1]!.credits).to.deep.equal(['AFP / KCNA VIA KNS']);
    expect(docs[2]!.people).to.include('Kim Jong-un');

    // A rerun: unchanged; lines whose identity cannot be read keep the file's documents.
    const again = await runIreum(
      ['index', '--source', join(dir, 'export.ndjson'), '--alias', alias],
      url,
    );
    expect(tally(again.stdout)).to.deep.equal([0, 0, 0, 3, 3]);

    // reindex takes a folder of NDJSON files with --format.
    const alias2 = newAlias();
    const re = await runIreum(
      ['reindex', '--source', dir, '--format', 'ndjson', '--alias', alias2],
      url,
    );
    expect(re.code, re.stderr).to.equal(0);
    expect(re.stdout).to.match(/indexed 3, rejected 3/);
    expect(await countOf(client, alias2)).to.equal(3);
  });
});
