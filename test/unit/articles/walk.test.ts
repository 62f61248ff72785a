import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  collectArticles,
  countSourceFiles,
  isSourceFile,
  listSourceFiles,
  readArticles,
  readSourceFiles,
  resolveSource,
  type ReadResult,
  type Source,
  type UnchangedRead,
  walkSourceBatches,
} from '../../../src/articles/walk.js';
import { fixturesDir, sampleDir } from './paths.js';

describe('readArticles', () => {
  it('reads good fixtures in sorted order, skipping dotfiles and non-.txt files', async () => {
    const { docs, rejected } = await collectArticles(join(fixturesDir, 'good'));
    expect(rejected).to.deep.equal([]);
    expect(docs.map((d) => d.path)).to.deep.equal([
      '2019/summit.txt',
      'crlf-bom.txt',
      'markup.txt',
      'no-byline.txt',
    ]);
  });

  it('yields ids, and parses CRLF + BOM, markup and a missing byline', async () => {
    const results = [];
    for await (const r of readArticles(join(fixturesDir, 'good'))) results.push(r);
    const byPath = new Map(results.map((r) => [r.path, r]));
    const crlf = byPath.get('crlf-bom.txt');
    expect(crlf?.ok && crlf.doc).to.include({
      title: 'Moon and Kim visit Paektu',
      dateline: 'PYONGYANG',
    });
    expect(crlf?.ok && crlf.doc.credits).to.deep.equal(['Yonhap']);
    const markup = byPath.get('markup.txt');
    expect(markup?.ok && markup.doc.body).to.contain('<script>alert(1)</script>');
    expect(markup?.ok && markup.doc.body).to.contain('<img src=x onerror=alert(1)>');
    const summit = byPath.get('2019/summit.txt');
    expect(summit?.ok && summit.id).to.match(/^2019-summit-[0-9a-f]{12}$/);
    expect(summit?.ok && summit.doc.agencies).to.deep.equal(['AP', 'AFP']);
    const noByline = byPath.get('no-byline.txt');
    expect(noByline?.ok && noByline.doc.agencies).to.deep.equal([]);
  });

  it('rejects every bad fixture with its path and a reason', async () => {
    const { docs, rejected } = await collectArticles(join(fixturesDir, 'bad'));
    expect(docs).to.deep.equal([]);
    const reasons = Object.fromEntries(rejected.map((r) => [r.path, r.reason]));
    expect(Object.keys(reasons)).to.have.length(10);
    expect(reasons['binary.txt']).to.match(/^binary file: NUL byte/);
    expect(reasons['control-chars.txt']).to.match(/^binary file: \d+ control bytes/);
    expect(reasons['invalid-utf8.txt']).to.match(/^not valid UTF-8/);
    expect(reasons['empty.txt']).to.match(/^empty file/);
    expect(reasons['no-date.txt']).to.match(/expected " date YYYY-MM-DD <title>"/);
    expect(reasons['impossible-date.txt']).to.match(/invalid date 2021-02-30/);
    expect(reasons['month-13.txt']).to.match(/invalid date 2021-13-01/);
    expect(reasons['only-title.txt']).to.match(/^empty body/);
    expect(reasons['only-byline.txt']).to.match(/^empty body/);
    expect(reasons['empty-title.txt']).to.match(/^empty title/);
    expect(rejected.find((r) => r.path === 'impossible-date.txt')?.line).to.equal(1);
  });

  it('walks the whole fixtures folder: good and bad counts', async () => {
    const { docs, rejected } = await collectArticles(fixturesDir);
    expect(docs).to.have.length(4);
    expect(rejected).to.have.length(10);
    expect(rejected.every((r) => r.path.startsWith('bad/'))).to.equal(true);
  });

  it('rejects files over maxBytes without parsing them', async () => {
    const { rejected } = await collectArticles(join(fixturesDir, 'good'), { maxBytes: 100 });
    const summit = rejected.find((r) => r.path === '2019/summit.txt');
    expect(summit?.reason).to.match(/^file is \d+ bytes, over the 100-byte limit$/);
  });

  it('reports a missing folder instead of throwing', async () => {
    const { docs, rejected } = await collectArticles(join(fixturesDir, 'no-such-folder'));
    expect(docs).to.deep.equal([]);
    expect(rejected).to.have.length(1);
    expect(rejected[0]!.reason).to.match(/^cannot read folder/);
  });
});

describe('data/sample', () => {
  it('parses every article, at least 30, across many years', async () => {
    const { docs, rejected } = await collectArticles(sampleDir);
    expect(rejected).to.deep.equal([]);
    expect(docs.length).to.be.at.least(30);
    expect(new Set(docs.map((d) => d.year)).size).to.be.at.least(15);
    expect(docs.filter((d) => d.credits.length > 0).length).to.be.at.least(5);
    expect(docs.filter((d) => d.dateline === null).length).to.be.at.least(2);
  });
});

describe('sources: listing, single files, hashes', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ireum-walk-'));
    const article = (t: string) => ` date 2020-01-01 ${t}\n\nAP, SEOUL\n\nBody of ${t}.\n`;
    await mkdir(join(dir, 'b', 'c'), { recursive: true });
    await mkdir(join(dir, '.hidden'));
    await writeFile(join(dir, 'a.txt'), article('A'));
    await writeFile(join(dir, 'b', 'c', 'd.txt'), article('D'));
    await writeFile(join(dir, 'b', 'e.TXT'), article('E'));
    await writeFile(join(dir, 'b', 'notes.md'), 'not an article');
    await writeFile(join(dir, '.hidden', 'x.txt'), article('X'));
    await writeFile(join(dir, 'f.ndjson'), '{"id":1,"date":"2020-01-01","title":"F","body":"x"}\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists the article files of a folder or a sub-folder, in walk order', async () => {
    const text: Source = { root: dir, format: 'text' };
    expect((await listSourceFiles(text)).files).to.deep.equal(['a.txt', 'b/c/d.txt', 'b/e.TXT']);
    expect((await listSourceFiles(text, 'b')).files).to.deep.equal(['b/c/d.txt', 'b/e.TXT']);
    expect((await listSourceFiles({ root: dir, format: 'ndjson' })).files).to.deep.equal([
      'f.ndjson',
    ]);
    expect(isSourceFile('x.jsonl', 'ndjson')).to.equal(true);
    expect(isSourceFile('.x.txt', 'text')).to.equal(false);
  });

  it('walks in runs of neighbouring files, a folder between two runs, none over 1,024', async () => {
    const big = await mkdtemp(join(tmpdir(), 'ireum-walk-batches-'));
    try {
      await mkdir(join(big, 'm'));
      await writeFile(join(big, 'm', 'x.txt'), '');
      const names = Array.from(
        { length: 1_500 },
        (_, i) => `${i < 700 ? 'a' : 'z'}${1000 + i}.txt`,
      );
      await Promise.all(names.map((n) => writeFile(join(big, n), '')));
      const source: Source = { root: big, format: 'text' };
      const batches: string[][] = [];
      for await (const b of walkSourceBatches(source)) batches.push(b as string[]);
      expect(batches.map((b) => b.length)).to.deep.equal([700, 1, 800]);
      expect(batches[1]).to.deep.equal(['m/x.txt']);
      expect(batches.flat()).to.deep.equal((await listSourceFiles(source)).files);
      expect(await countSourceFiles(source)).to.equal(1_501);
      const many = Array.from({ length: 1_100 }, (_, i) => `b${1000 + i}.txt`);
      await Promise.all(many.map((n) => writeFile(join(big, 'm', n), '')));
      const sizes: number[] = [];
      for await (const b of walkSourceBatches(source, 'm')) sizes.push(b.length);
      expect(sizes).to.deep.equal([1_024, 77]);
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  });

  it('resolves a single .ndjson file as an NDJSON source, and refuses a missing path', async () => {
    expect(await resolveSource(join(dir, 'f.ndjson'))).to.deep.equal({
      root: dir,
      format: 'ndjson',
      file: 'f.ndjson',
    });
    expect(await resolveSource(dir)).to.deep.equal({ root: dir, format: 'text' });
    let error: unknown;
    try {
      await resolveSource(join(dir, 'nope'));
    } catch (err) {
      error = err;
    }
    expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
  });

  it('hashes the source bytes and skips parsing what the index already holds', async () => {
    const source: Source = { root: dir, format: 'text' };
    const first: (ReadResult | UnchangedRead)[] = [];
    for await (const r of readSourceFiles(source, ['a.txt'])) first.push(r);
    const read = first[0]!;
    if (read.ok !== true) throw new Error('a.txt should parse');
    expect(read.hash).to.match(/^[A-Za-z0-9_-]{27}$/);
    expect(read.doc.hash).to.equal(read.hash);
    const asked: string[] = [];
    const again: (ReadResult | UnchangedRead)[] = [];
    for await (const r of readSourceFiles(source, ['a.txt'], {
      unchanged: (id, hash) => (asked.push(id), hash === read.hash),
    })) {
      again.push(r);
    }
    expect(asked).to.deep.equal([read.id]);
    expect(again).to.deep.equal([{ ok: 'unchanged', id: read.id, path: 'a.txt' }]);
  });

  it('reads the same results in the same order with the read-ahead on from the first file', async () => {
    const source: Source = { root: sampleDir, format: 'text' };
    const listing = await listSourceFiles(source);
    const missing = {
      ok: false as const,
      path: 'gone',
      reason: 'cannot read folder',
      keep: 'gone/',
    };
    const files = [...listing.files.slice(0, 20), missing, 'no-such-file.txt', ...listing.files];
    const read = async (slowReadMs?: number) => {
      const out: (ReadResult | UnchangedRead)[] = [];
      const walk = async function* () {
        yield* files;
      };
      for await (const r of readSourceFiles(source, walk(), { slowReadMs })) out.push(r);
      return out;
    };
    const plain = await read();
    const ahead = await read(0);
    expect(plain.length).to.equal(files.length);
    expect(ahead).to.deep.equal(plain);
    expect(ahead[21]).to.include({ ok: false, path: 'no-such-file.txt' });
  });
});
