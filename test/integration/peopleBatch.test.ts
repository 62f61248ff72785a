import type { Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import type { ArticleDocument } from '../../src/articles/types.js';
import { collectArticles } from '../../src/articles/walk.js';
import { createCompatClient } from '../../src/engine/client.js';
import { canonicalKey } from '../../src/names/canonical.js';
import { createEnginePeopleService } from '../../src/engine/peopleService.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import type { PeopleRow } from '../../src/search/peopleBatch.js';
import { createApp } from '../../src/web/app.js';
import {
  ROOT,
  SAMPLE_DIR,
  indexSample,
  testClient,
  testUrl,
  type SampleIndex,
} from '../support/engine.js';

// Batch name look-up over the real engine and data/sample: every count is checked against the
// corpus files (documents whose people_keys hold the key), never against the engine itself.

const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Runs the built CLI; resolves with its exit code and output whatever the code. */
function runCli(
  args: string[],
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { ...process.env, ES_URL: testUrl() }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF) as arrays of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      const end = /^"((?:[^"]|"")*)"/.exec(text.slice(i));
      if (!end) throw new Error('unclosed quote');
      field = end[1]!.replace(/""/g, '"');
      i += end[0].length;
      if (!/^(,|\r\n|$)/.test(text.slice(i))) throw new Error('text after a closing quote');
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (ch === '\n' || ch === '\r') throw new Error('a bare line break outside quotes');
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

describe('batch name look-up (integration)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let app: Express;
  let docs: ArticleDocument[];
  /** Search requests the people service sent. */
  let searches = 0;

  /** Articles of the corpus whose people_keys hold `key`. */
  const articlesNaming = (key: string) => docs.filter((d) => d.people_keys.includes(key)).length;

  before(async () => {
    sample = await indexSample('people-batch-test');
    docs = (await collectArticles(SAMPLE_DIR)).docs;
    const real = testClient();
    const counting = {
      search: (...args: Parameters<Client['search']>) => {
        searches++;
        return real.search(...args);
      },
    } as unknown as Client;
    app = createApp({
      search: createEngineSearchService({ client: real, alias: sample.alias }),
      people: createEnginePeopleService({ client: counting, alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
  });
  after(async () => {
    await sample?.cleanup();
  });

  async function batch(names: unknown[]): Promise<PeopleRow[]> {
    const res = await request(app).post('/api/people/batch').send({ names }).expect(200);
    expect(res.body).to.have.keys(['results']);
    return res.body.results as PeopleRow[];
  }

  it('counts every person of the corpus as the corpus files do, in one engine request', async () => {
    const people = new Map<string, string>();
    for (const d of docs) d.people_keys.forEach((key, i) => people.set(key, d.people[i]!));
    expect(people.size).to.be.above(10);
    // Each person by display form and by key, with a name no article holds and a non-name.
    const names = [...people.values(), ...people.keys(), 'Roh Tae-woo', 'Seoul'];
    const before = searches;
    const rows = await batch(names);
    expect(searches - before, 'engine requests').to.equal(1);
    expect(rows.map((r) => r.input)).to.deep.equal(names);
    const keys = [...people.keys()];
    rows.forEach((row, n) => {
      if (n >= 2 * keys.length) return;
      const key = keys[n % keys.length]!;
      expect(row, row.input).to.deep.equal({
        input: row.input,
        key,
        display: people.get(key),
        articles: articlesNaming(key),
      });
      expect(row.articles, row.input).to.be.above(0);
    });
    const [absent, seoul] = rows.slice(-2);
    const roh = canonicalKey('Roh Tae-woo');
    expect(absent).to.deep.equal({
      input: 'Roh Tae-woo',
      key: roh,
      display: 'Roh Tae-woo',
      articles: 0,
    });
    expect(roh).to.not.equal('');
    expect(articlesNaming(roh)).to.equal(0);
    expect(seoul).to.deep.equal({ input: 'Seoul', key: '', display: '', articles: 0 });
  });

  it('gives the spellings of one person one key and one count', async () => {
    const spellings = ['Kim Jong-un', 'KIM JONG UN', '김정은', 'kim jongun', "Kim Jong-un's"];
    const rows = await batch(spellings);
    const expected = articlesNaming('kim chong on');
    expect(expected).to.be.above(0);
    rows.forEach((row, n) => {
      expect(row).to.deep.equal({
        input: spellings[n],
        key: 'kim chong on',
        display: 'Kim Jong-un',
        articles: expected,
      });
    });
  });

  it('gives non-names an empty key and 0, and asks nothing for them alone', async () => {
    const before = searches;
    const rows = await batch(['North Korea', 'nuclear talks', '', 'Kim', '  ']);
    expect(searches).to.equal(before);
    for (const row of rows) expect(row).to.include({ key: '', display: '', articles: 0 });
    expect(await batch([])).to.deep.equal([]);
  });

  it('answers 400 naming the problem', async () => {
    const post = () => request(app).post('/api/people/batch');
    const cases: [request.Test, RegExp][] = [
      [post().type('json').send('{"names": ["Kim"'), /not JSON/],
      [post().type('text').send('Kim Jong-un'), /not JSON/],
      [post(), /not JSON/],
      [post().send(['Kim Jong-un']), /JSON object/],
      [post().send({ name: ['Kim Jong-un'] }), /names is missing/],
      [post().send({ names: 'Kim Jong-un' }), /names must be a list/],
      [post().send({ names: { 0: 'Kim' } }), /names must be a list/],
      [post().send({ names: Array(1_001).fill('a') }), /1001 entries; at most 1000/],
      [post().send({ names: ['Kim', 7] }), /names\[1\] must be a string/],
      [post().send({ names: [{ name: 'Kim' }] }), /names\[0\] must be a string/],
      [post().send({ names: ['x'.repeat(201)] }), /names\[0\] is too long/],
    ];
    for (const [req, message] of cases) {
      const res = await req.expect(400).expect('content-type', /application\/json/);
      expect(res.body).to.have.keys(['error']);
      expect(res.body.error).to.match(message);
    }
    // The limits themselves are accepted.
    const full = await batch(Array(1_000).fill('x'.repeat(10)));
    expect(full).to.have.length(1_000);
    // 1,000 names at the length limit is a body far over the 16 KiB every other route allows.
    const longest = await batch(Array(1_000).fill('Kim Jong Un '.repeat(20).slice(0, 200)));
    expect(longest).to.have.length(1_000);
    expect(await batch(['김'.repeat(200)])).to.have.length(1);
  });

  it('answers 503 with Retry-After when the engine is down or the alias missing', async () => {
    const dead = createCompatClient({ url: 'http://127.0.0.1:9', maxRetries: 0 });
    try {
      const down = createApp({
        search: createEngineSearchService({ client: dead, alias: 'x' }),
        people: createEnginePeopleService({ client: dead, alias: 'x' }),
        env: 'test',
      });
      await request(down)
        .post('/api/people/batch')
        .send({ names: ['김정은'] })
        .expect(503)
        .expect('retry-after', /^\d+$/);
    } finally {
      await dead.close();
    }
    const missing = createApp({
      search: createEngineSearchService({ client: testClient(), alias: 'people-missing-alias' }),
      people: createEnginePeopleService({ client: testClient(), alias: 'people-missing-alias' }),
      env: 'test',
    });
    await request(missing)
      .post('/api/people/batch')
      .send({ names: ['김정은'] })
      .expect(503);
  });

  describe('ireum people --batch', () => {
    let dir: string;
    let file: string;
    const lines = [
      'Kim Jong-un',
      '',
      '  KIM JONG UN  ',
      '김정은',
      'Moon Jae-in',
      'Seoul, "the capital"',
      '   ',
      'Roh Tae-woo',
      'Donald Trump',
    ];
    const names = lines.map((l) => l.trim()).filter((l) => l !== '');
    let expected: PeopleRow[];

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ireum-people-'));
      file = join(dir, 'names.txt');
      await writeFile(file, lines.join('\r\n') + '\n');
      expected = await batch(names);
      // The API rows are the corpus's counts (checked above); the CLI must write the same.
      expect(expected.map((r) => r.articles)).to.deep.equal(
        expected.map((r) => (r.key === '' ? 0 : articlesNaming(r.key))),
      );
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes the rows as JSON', async () => {
      const out = await runCli(['people', '--batch', file, '--json', '--alias', sample.alias]);
      expect(out.code, out.stderr).to.equal(0);
      expect(JSON.parse(out.stdout)).to.deep.equal(expected);
    });

    it('writes the same rows as RFC 4180 CSV, from a file or stdin', async () => {
      const wanted = [
        ['input', 'key', 'display', 'articles'],
        ...expected.map((r) => [r.input, r.key, r.display, String(r.articles)]),
      ];
      const out = await runCli(['people', '--batch', file, '--csv', '--alias', sample.alias]);
      expect(out.code, out.stderr).to.equal(0);
      expect(parseCsv(out.stdout)).to.deep.equal(wanted);
      const piped = await runCli(
        ['people', '--alias', sample.alias, '--csv', '--batch', '-'],
        lines.join('\n'),
      );
      expect(piped.code, piped.stderr).to.equal(0);
      expect(piped.stdout).to.equal(out.stdout);
    });

    it('writes the same rows as an aligned table', async () => {
      const out = await runCli(['people', '--batch', file, '--alias', sample.alias]);
      expect(out.code, out.stderr).to.equal(0);
      const table = out.stdout.split('\n');
      expect(table.pop()).to.equal('');
      expect(table[0]!.split(/\s{2,}/)).to.deep.equal(['input', 'key', 'display', 'articles']);
      const rows = table.slice(1).map((line) => {
        const cells = line.split(/\s{2,}/);
        return cells.length === 2 ? [cells[0]!, '', '', cells[1]!] : cells;
      });
      expect(rows).to.deep.equal(
        expected.map((r) => [r.input, r.key, r.display, String(r.articles)]),
      );
      // Aligned: every count ends in the same terminal column (Hangul counts two).
      const widths = table.map((line) => [...line].length + (line.match(/[가-힣]/g)?.length ?? 0));
      expect(new Set(widths).size).to.equal(1);
    });

    it('fails with exit code 3 when the alias is missing and 2 on usage errors', async () => {
      const missing = await runCli(['people', '--batch', file, '--alias', 'people-missing-alias']);
      expect(missing.code).to.equal(3);
      expect(missing.stderr).to.match(/unavailable/);
      const both = await runCli(['people', '--batch', file, '--json', '--csv']);
      expect(both.code).to.equal(2);
      const absent = await runCli(['people', '--batch', join(dir, 'nope.txt')]);
      expect(absent.code).to.equal(1);
      expect(absent.stderr).to.match(/cannot read --batch .*nope\.txt: no such file/);
    });
  });
});
