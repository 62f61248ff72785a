import type { Express } from 'express';
import { expect } from 'chai';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { articleId } from '../../src/articles/document.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { runIreum } from '../support/cli.js';
import {
  deleteAliasIndices,
  indexSample,
  ROOT,
  testClient,
  testUrl,
  uniqueIndexName,
  type SampleIndex,
} from '../support/engine.js';

// Wire copies over the real engine. data/sample carries one story three times (Reuters, AFP a
// day's edition with a sentence added, Yonhap the next day with its lead rewritten); the
// labelled set in test/fixtures/clusters goes through `ireum index` twice, the second time with
// the copies arriving after their stories are already indexed.

const STORY = ['singapore-summit', 'singapore-summit-afp', 'singapore-summit-yonhap'].map(
  (name) => `2018/2018-06-1${name.endsWith('yonhap') ? 3 : 2}-${name}.txt`,
);

interface ApiHit {
  id: string;
  agencies: string[];
  title: string;
  copies: { id: string; agency: string; date: string; title: string }[];
}

describe('wire-copy clusters (integration)', function () {
  this.timeout(180_000);
  let sample: SampleIndex;
  let app: Express;

  before(async () => {
    sample = await indexSample('clusters-test');
    app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
  });
  after(async () => {
    await sample?.cleanup();
  });

  it('gives the copies of one story one cluster at reindex, and every other article its own', async () => {
    const res = await testClient().search<{ path: string; cluster: string }>({
      index: sample.alias,
      size: 100,
      _source: ['path', 'cluster'],
    });
    const byPath = new Map(res.hits.hits.map((h) => [h._source!.path, h._source!.cluster]));
    const story = STORY.map((p) => byPath.get(p));
    expect(new Set(story).size, JSON.stringify(story)).to.equal(1);
    for (const [path, cluster] of byPath) {
      if (STORY.includes(path)) continue;
      expect(cluster, path).to.equal(articleId(path));
    }
  });

  it('collapses copies into one hit listing the others; dup=all shows each; counts stay articles', async () => {
    const q = { q: 'Singapore Sentosa', size: '50' };
    const collapsed = (await request(app).get('/api/search').query(q).expect(200)).body;
    const all = (
      await request(app)
        .get('/api/search')
        .query({ ...q, dup: 'all' })
        .expect(200)
    ).body;
    expect(all.total).to.deep.equal(collapsed.total);
    expect(all.facets).to.deep.equal(collapsed.facets);
    expect(all.hits).to.have.length(3);
    expect(all.stories).to.equal(null);
    for (const hit of all.hits as ApiHit[]) expect(hit.copies).to.deep.equal([]);

    expect(collapsed.hits).to.have.length(1);
    expect(collapsed.stories).to.equal(1);
    const [hit] = collapsed.hits as ApiHit[];
    const ids = [hit!.id, ...hit!.copies.map((c) => c.id)].sort();
    expect(ids).to.deep.equal(STORY.map(articleId).sort());
    // Oldest first, each with who carried it.
    expect(hit!.copies.map((c) => c.date)).to.deep.equal(
      [...hit!.copies.map((c) => c.date)].sort(),
    );
    for (const c of hit!.copies) {
      expect(c.agency).to.be.oneOf(['Reuters', 'AFP', 'Yonhap']);
      expect(c.title).to.not.equal('');
    }
  });

  it('pages through stories, with selections applied to the story count', async () => {
    const body = (await request(app).get('/api/search').query({ size: '100' }).expect(200)).body;
    expect(body.stories).to.equal(body.total.value - 2);
    expect(body.hits).to.have.length(body.stories);
    // Asked apart when the page does not hold them all: the same count.
    const paged = (
      await request(app).get('/api/search').query({ size: '5', page: '2' }).expect(200)
    ).body;
    expect(paged.stories).to.equal(body.stories);
    const reuters = (
      await request(app).get('/api/search').query({ agency: 'Reuters', size: '100' }).expect(200)
    ).body;
    // The Reuters copy is the only member its cluster has among Reuters articles.
    expect(reuters.stories).to.equal(reuters.total.value);
  });

  it('says so on the page: "also from", the copies as links, and a control for every copy', async () => {
    const html = (await request(app).get('/search').query({ q: 'Singapore Sentosa' }).expect(200))
      .text;
    expect(html).to.match(/Also from (AFP|Reuters|Yonhap), (AFP|Reuters|Yonhap)/);
    expect(html).to.contain('2 other copies');
    expect(html).to.contain('counts are articles');
    expect(html).to.match(/href="\/search\?q=Singapore\+Sentosa&amp;dup=all"/);
    for (const path of STORY) expect(html).to.contain(`/article/${articleId(path)}`);
    const all = (
      await request(app).get('/search').query({ q: 'Singapore Sentosa', dup: 'all' }).expect(200)
    ).text;
    expect(all).to.not.contain('other copies');
    expect(all).to.match(/<input id="dup" name="dup" type="checkbox" value="all"[^>]* checked>/);
    expect(all).to.contain('Group copies of one story');
  });

  it('escapes hostile copy titles and agencies on the page and in the API', async () => {
    const client = testClient();
    const hostile = (n: number) => ({
      path: `hostile/copy-${n}.txt`,
      date: '1999-07-0' + n,
      year: 1999,
      title: `Quokka <script>alert(${n})</script> & "copy" ${n}`,
      agencies: [`<img src=x onerror=alert(${n})>`],
      dateline: 'NOWHERE',
      body: 'A quokka delegation met officials at the harbour and signed nothing at all today.',
      captions: [],
      credits: [],
      people: [],
      people_keys: [],
      title_people_keys: [],
      names: [],
      people_pivot: [],
      people_readings: [],
      people_spellings: [],
      hash: `hostile-copy-${n}`,
      cluster: 'hostile-copy-cluster',
    });
    const operations = [1, 2].flatMap((n) => [
      { index: { _index: sample.alias, _id: `hostile-copy-${n}` } },
      hostile(n),
    ]);
    expect((await client.bulk({ operations, refresh: true })).errors).to.equal(false);
    try {
      const api = (await request(app).get('/api/search').query({ q: 'quokka' }).expect(200)).body;
      expect(api.hits).to.have.length(1);
      expect(api.hits[0].copies).to.have.length(1);
      // JSON carries the text as it is; the page escapes it.
      expect(api.hits[0].copies[0].title).to.match(
        /^Quokka <script>alert\(\d\)<\/script> & "copy" \d$/,
      );
      const html = (await request(app).get('/search').query({ q: 'quokka' }).expect(200)).text;
      expect(html).to.not.match(/<script>alert|<img src=x/);
      expect(html).to.match(
        /Quokka &lt;script&gt;alert\(\d\)&lt;\/script&gt; &amp; &#34;copy&#34; \d/,
      );
      expect(html).to.contain('Also from &lt;img src=x onerror=alert(');
    } finally {
      await client.deleteByQuery({
        index: sample.alias,
        query: { term: { cluster: 'hostile-copy-cluster' } },
        refresh: true,
      });
    }
  });

  it('says so when a page past the last story is asked for, instead of "no articles"', async () => {
    const total = (await request(app).get('/api/search').query({ size: '1' }).expect(200)).body
      .total.value as number;
    const html = (
      await request(app)
        .get('/search')
        .query({ size: '1', page: String(total) })
        .expect(200)
    ).text;
    expect(html).to.contain('No more stories on this page');
    expect(html).to.not.contain('No articles found');
    expect(html).to.contain('dup=all');
  });

  it('`ireum search` says "also from" under the story and --dup all lists each copy', async () => {
    const grouped = await runIreum(
      ['search', 'Singapore Sentosa', '--alias', sample.alias],
      testUrl(),
    );
    expect(grouped.code, grouped.stderr).to.equal(0);
    expect(grouped.stdout).to.match(/^3 articles in 1 story \(/m);
    expect(grouped.stdout).to.match(/also from \w+, \w+, 2 other copies \(--dup all\)/);
    const all = await runIreum(
      ['search', 'Singapore Sentosa', '--alias', sample.alias, '--dup', 'all'],
      testUrl(),
    );
    expect(all.code, all.stderr).to.equal(0);
    expect(all.stdout).to.match(/^3 articles \(/m);
    expect(all.stdout.match(/^\d+\. /gm)).to.have.length(3);
    const bad = await runIreum(
      ['search', 'x', '--alias', sample.alias, '--dup', 'some'],
      testUrl(),
    );
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.contain('dup');
  });

  it('refuses a bad dup value with a 400 naming it', async () => {
    const res = await request(app).get('/api/search').query({ dup: 'none' }).expect(400);
    expect(JSON.stringify(res.body)).to.contain('dup');
  });
});

describe('wire-copy clusters through `ireum index` (integration)', function () {
  this.timeout(300_000);
  const alias = uniqueIndexName('clusters-index');
  let dir: string;
  let url: string;

  before(async () => {
    // The engine starts after the test files load: its URL is known only now.
    url = testUrl();
    dir = await mkdtemp(join(tmpdir(), 'ireum-clusters-'));
  });
  after(async () => {
    await deleteAliasIndices(alias);
    await rm(dir, { recursive: true, force: true });
  });

  async function clusters(): Promise<Map<string, string>> {
    const res = await testClient().search<{ path: string; cluster: string }>({
      index: alias,
      size: 500,
      _source: ['path', 'cluster'],
    });
    return new Map(res.hits.hits.map((h) => [h._source!.path, h._source!.cluster]));
  }

  it('finds the copies of stories already in the index when only the copies are new', async () => {
    const fixtures = join(ROOT, 'test', 'fixtures', 'clusters', 'test');
    const truth = JSON.parse(await readFile(join(fixtures, 'truth.json'), 'utf8')) as {
      groups: { members: string[] }[];
    };
    // First pass: one member of each story. Second pass: the rest arrive.
    const first = new Set(truth.groups.map((g) => g.members[0]!));
    await mkdir(join(dir, 'first'), { recursive: true });
    await mkdir(join(dir, 'later'), { recursive: true });
    for (const name of await readdir(join(fixtures, 'articles'))) {
      await cp(
        join(fixtures, 'articles', name),
        join(dir, first.has(name) ? 'first' : 'later', name),
      );
    }
    const later = await readdir(join(dir, 'later'));
    await rm(join(dir, 'later'), { recursive: true });
    const one = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(one.code, one.stderr).to.equal(0);
    await mkdir(join(dir, 'later'));
    for (const name of later) await cp(join(fixtures, 'articles', name), join(dir, 'later', name));
    const two = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(two.code, two.stderr).to.equal(0);

    const byFile = new Map<string, string>();
    for (const [path, cluster] of await clusters()) byFile.set(path.split('/').pop()!, cluster);
    expect(byFile.size).to.equal(first.size + later.length);
    let pairs = 0;
    let together = 0;
    for (const g of truth.groups) {
      for (let i = 0; i < g.members.length; i++) {
        for (let j = i + 1; j < g.members.length; j++) {
          pairs++;
          if (byFile.get(g.members[i]!) === byFile.get(g.members[j]!)) together++;
        }
      }
    }
    // The same bar as the labelled set's script (bench/eval-clusters.ts) sets for a reindex.
    expect(together / pairs, `${together} of ${pairs} copy pairs`).to.be.at.least(0.9);
    const groupOf = new Map<string, number>();
    truth.groups.forEach((g, n) => g.members.forEach((m) => groupOf.set(m, n)));
    const files = [...byFile.keys()];
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const [a, b] = [files[i]!, files[j]!];
        if (groupOf.get(a) !== groupOf.get(b)) {
          expect(byFile.get(a), `${a} and ${b} are different stories`).to.not.equal(byFile.get(b));
        }
      }
    }
  });

  it('keeps every cluster when a story’s first article is edited and indexed again', async () => {
    const before = await clusters();
    const [path] = [...before.keys()].filter((p) => p.startsWith('first/')).sort();
    const text = await readFile(join(dir, path!), 'utf8');
    await writeFile(join(dir, path!), text.replace(/\n*$/, '\n\nThis sentence was added later.\n'));
    const again = await runIreum(['index', '--source', dir, '--alias', alias], url);
    expect(again.code, again.stderr).to.equal(0);
    const after = await clusters();
    // It finds its copies in the index again (their cluster is named after it), so nothing moves.
    for (const [p, cluster] of before) expect(after.get(p), p).to.equal(cluster);
  });
});
