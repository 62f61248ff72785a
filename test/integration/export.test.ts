import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Express } from 'express';
import type { ArticleDocument } from '../../src/articles/types.js';
import { createCompatClient } from '../../src/engine/client.js';
import {
  createEngineExportService,
  type EngineExportOptions,
} from '../../src/engine/exportService.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { runIreum } from '../support/cli.js';
import { indexSample, testClient, testUrl, type SampleIndex } from '../support/engine.js';

// The export routes and `ireum export` over the real engine and data/sample, with pages of 5 so
// that the 35 articles take several pages. Expected rows come from /api/search, paged.

const HOSTILE_ID = 'hostile-export-0001';
const HOSTILE: ArticleDocument = {
  path: 'hostile/export.txt',
  date: '1999-07-04',
  year: 1999,
  title: '=HYPERLINK("http://evil.example","open"), <script>alert("x")</script>\r\nline two',
  agencies: ['+AP', 'A, B'],
  dateline: '@SEOUL',
  body: 'Zebrafish body.',
  captions: [],
  credits: [],
  people: ['-Kim', '김정은 "the leader"'],
  people_keys: [],
  title_people_keys: [],
  names: [],
  people_pivot: [],
  people_readings: [],
  people_spellings: [],
  hash: 'hostile',
  cluster: 'hostile',
  sample: 0,
};

const PAGE = 5;

type Row = {
  id: string;
  date: string;
  title: string;
  agencies: string[];
  dateline: string | null;
  people: string[];
  path: string;
};

interface Download {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** False when the connection ended before the end of the body (a cut-short export). */
  complete: boolean;
}

/** A GET over a real socket, so a response cut short is seen as such. */
function download(base: string, path: string, method = 'GET'): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = get(base + path, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          complete: res.complete,
        }),
      );
      res.on('error', () => {});
    });
    req.on('error', reject);
  });
}

/**
 * RFC 4180, strictly: fields separated by commas, records by CRLF (the last one too), quoted
 * fields with doubled quotes; a bare CR or LF outside quotes, or a quote inside an unquoted field,
 * is an error.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\n') {
      throw new Error(`bare LF at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

const HEADER = ['id', 'date', 'title', 'agencies', 'dateline', 'people', 'path'];

/** The CSV cells the documented rules make of a row (independent of src/search/export.ts). */
function expectedCells(row: Row): string[] {
  const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  return [
    row.id,
    row.date,
    row.title,
    row.agencies.join('; '),
    row.dateline ?? '',
    row.people.join('; '),
    row.path,
  ].map(guard);
}

function csvRows(body: string): string[][] {
  expect(body.startsWith('\uFEFF'), 'UTF-8 BOM').to.equal(true);
  const [header, ...rows] = parseCsv(body.slice(1));
  expect(header).to.deep.equal(HEADER);
  return rows;
}

function ndjsonRows(body: string): Row[] {
  expect(body === '' || body.endsWith('\n')).to.equal(true);
  return body
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Row);
}

function listen(app: Express): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

function appFor(alias: string, exporter: Partial<EngineExportOptions> = {}, extra = {}): Express {
  const client = testClient();
  return createApp({
    search: createEngineSearchService({ client, alias }),
    exporter: createEngineExportService({ client, alias, pageSize: PAGE, ...exporter }),
    alias,
    env: 'test',
    ...extra,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('full export (integration)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let server: Server;
  let base: string;
  let pagesAsked = 0;

  before(async () => {
    sample = await indexSample('export-test');
    await testClient().index({ index: sample.alias, id: HOSTILE_ID, document: HOSTILE });
    await testClient().indices.refresh({ index: sample.alias });
    ({ server, base } = await listen(appFor(sample.alias, { onPage: () => void pagesAsked++ })));
  });
  after(async () => {
    await close(server);
    await sample?.cleanup();
  });

  /** Every hit of a search, by paging /api/search. */
  async function searchAll(query: string): Promise<{ total: number; hits: Row[] }> {
    const hits: Row[] = [];
    for (let page = 1; ; page++) {
      // An export is every article: the search's copies of one story, not collapsed.
      const res = await download(base, `/api/search?${query}&dup=all&size=10&page=${page}`);
      expect(res.status, res.body).to.equal(200);
      const body = JSON.parse(res.body) as { total: { value: number }; hits: Row[] };
      hits.push(...body.hits);
      if (body.hits.length < 10) {
        expect(hits).to.have.length(body.total.value);
        return { total: body.total.value, hits };
      }
    }
  }

  it('exports every hit of a search, in the order of /api/search, page after page', async () => {
    const searches = ['', 'q=summit', 'q=Kim+Jong+Un', 'sort=oldest', 'q=김정은&sort=newest'];
    for (const query of searches) {
      const expected = await searchAll(query);
      const before = pagesAsked;
      const res = await download(base, `/export.ndjson?${query}`);
      expect(res.status, query).to.equal(200);
      expect(res.complete).to.equal(true);
      expect(res.headers['x-total-count'], query).to.equal(String(expected.total));
      const rows = ndjsonRows(res.body);
      expect(
        rows.map((r) => r.id),
        query,
      ).to.deep.equal(expected.hits.map((h) => h.id));
      // Each row carries the hit's fields as /api/search shows them.
      for (const [i, row] of rows.entries()) {
        const hit = expected.hits[i]!;
        expect(row, `${query} ${row.id}`).to.deep.equal({
          id: hit.id,
          date: hit.date,
          title: hit.title,
          agencies: hit.agencies,
          dateline: hit.dateline,
          people: hit.people,
          path: hit.path,
        });
      }
      expect(expected.total, query).to.be.greaterThan(0);
      expect(pagesAsked - before, query).to.equal(Math.ceil(expected.total / PAGE));
    }
    // Everything: the sample and the hostile article, over seven pages of five.
    expect((await searchAll('')).total).to.equal(sample.result.indexed + 1);
  });

  it('applies the facet selections and the date range as the search does', async () => {
    const everything = JSON.parse((await download(base, '/api/search?size=1')).body) as {
      total: { value: number };
      facets: Record<string, { value: string; count: number }[]>;
    };
    const agency = everything.facets['agency']![0]!.value;
    const year = everything.facets['year']![0]!.value;
    const summit = JSON.parse((await download(base, '/api/search?q=summit&size=1')).body) as {
      facets: Record<string, { value: string }[]>;
    };
    const summitYear = summit.facets['year']![0]!.value;
    const queries = [
      `agency=${encodeURIComponent(agency)}`,
      `agency=${encodeURIComponent(agency)}&year=${year}`,
      'from=2018-01-01&to=2019-12-31',
      `q=summit&year=${summitYear}`,
    ];
    for (const query of queries) {
      const expected = await searchAll(query);
      expect(expected.total, query).to.be.greaterThan(0).and.lessThan(everything.total.value);
      const rows = ndjsonRows((await download(base, `/export.ndjson?${query}`)).body);
      expect(rows.map((r) => r.id).sort(), query).to.deep.equal(
        expected.hits.map((h) => h.id).sort(),
      );
      if (query.startsWith('agency')) {
        for (const r of rows) expect(r.agencies, query).to.include(agency);
      }
      if (query.startsWith('from')) {
        for (const r of rows)
          expect(r.date >= '2018-01-01' && r.date <= '2019-12-31').to.equal(true);
      }
    }
  });

  it('writes CSV that parses back (RFC 4180) to the NDJSON rows', async () => {
    for (const query of ['', 'q=Zebrafish', `agency=${encodeURIComponent('A, B')}`]) {
      const csv = await download(base, `/export.csv?${query}`);
      expect(csv.status).to.equal(200);
      expect(csv.headers['content-type']).to.equal('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).to.equal(
        'attachment; filename="ireum-export.csv"',
      );
      const ndjson = await download(base, `/export.ndjson?${query}`);
      expect(ndjson.headers['content-type']).to.equal('application/x-ndjson');
      expect(ndjson.headers['content-disposition']).to.equal(
        'attachment; filename="ireum-export.ndjson"',
      );
      const rows = ndjsonRows(ndjson.body);
      expect(rows, query).to.have.length.above(0);
      expect(csvRows(csv.body), query).to.deep.equal(rows.map(expectedCells));
    }
  });

  it('writes hostile text safely: quoted, formulas defused, markup inert', async () => {
    const csv = await download(base, '/export.csv?q=Zebrafish');
    const [cells] = csvRows(csv.body);
    expect(cells).to.deep.equal([
      HOSTILE_ID,
      HOSTILE.date,
      `'${HOSTILE.title}`,
      "'+AP; A, B",
      "'@SEOUL",
      `'-Kim; 김정은 "the leader"`,
      HOSTILE.path,
    ]);
    // The raw bytes: the title is one quoted field with its quotes doubled.
    expect(csv.body).to.include(`"'=HYPERLINK(""http://evil.example"",""open""), <script>`);
    const ndjson = await download(base, '/export.ndjson?q=Zebrafish');
    expect(ndjson.body).to.not.include('<script>');
    expect(ndjson.body.trimEnd().split('\n')).to.have.length(1);
    const [row] = ndjsonRows(ndjson.body);
    expect(row).to.deep.include({
      id: HOSTILE_ID,
      title: HOSTILE.title,
      agencies: HOSTILE.agencies,
      dateline: HOSTILE.dateline,
      people: HOSTILE.people,
    });
    for (const res of [csv, ndjson]) {
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['content-disposition']).to.match(/^attachment;/);
    }
  });

  it('answers 400 to a bad parameter, with the body /api/search gives', async () => {
    for (const bad of ['size=0', 'year=20x1', 'from=2021-13-01', 'page=2000', 'sort=best']) {
      const api = await download(base, `/api/search?${bad}`);
      expect(api.status, bad).to.equal(400);
      for (const format of ['csv', 'ndjson']) {
        const res = await download(base, `/export.${format}?${bad}`);
        expect(res.status, `${format} ${bad}`).to.equal(400);
        expect(JSON.parse(res.body)).to.deep.equal(JSON.parse(api.body));
      }
    }
  });

  it('answers HEAD with the headers and the total only', async () => {
    const res = await download(base, '/export.csv?q=summit', 'HEAD');
    expect(res.status).to.equal(200);
    expect(Number(res.headers['x-total-count'])).to.be.greaterThan(0);
    expect(res.body).to.equal('');
  });

  it('answers 503 with Retry-After when the engine or the alias is missing', async () => {
    const dead = createCompatClient({ url: 'http://127.0.0.1:9', maxRetries: 0 });
    const apps = [
      createApp({
        search: createEngineSearchService({ client: dead, alias: 'x' }),
        exporter: createEngineExportService({ client: dead, alias: 'x' }),
        env: 'test',
      }),
      appFor('export-test-no-such-alias'),
    ];
    try {
      for (const app of apps) {
        const { server: s, base: b } = await listen(app);
        try {
          for (const format of ['csv', 'ndjson']) {
            const res = await download(b, `/export.${format}?q=kim`);
            expect(res.status).to.equal(503);
            expect(res.headers['retry-after']).to.match(/^\d+$/);
            expect(JSON.parse(res.body)).to.deep.equal({
              error: 'search is temporarily unavailable',
            });
          }
        } finally {
          await close(s);
        }
      }
    } finally {
      await dead.close();
    }
  });

  it('`ireum export` writes the same bytes to --out, and to stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ireum-export-'));
    try {
      const out = join(dir, 'all.csv');
      const file = await runIreum(
        ['export', '--alias', sample.alias, '--format', 'csv', '--out', out],
        testUrl(),
      );
      expect(file.code, file.stderr).to.equal(0);
      expect(file.stderr).to.include(`exported ${sample.result.indexed + 1} rows to ${out}`);
      expect(readFileSync(out, 'utf8')).to.equal((await download(base, '/export.csv')).body);
      // Only the finished file is left, no partial one.
      expect(readdirSync(dir)).to.deep.equal(['all.csv']);

      const agency = ndjsonRows((await download(base, '/export.ndjson')).body)[0]!.agencies[0]!;
      const piped = await runIreum(
        ['export', 'summit', '--agency', agency, '--format', 'ndjson', '--alias', sample.alias],
        testUrl(),
      );
      expect(piped.code, piped.stderr).to.equal(0);
      const web = await download(
        base,
        `/export.ndjson?q=summit&agency=${encodeURIComponent(agency)}`,
      );
      expect(piped.stdout).to.equal(web.body);
      expect(piped.stdout).to.not.equal('');

      const bad = await runIreum(
        ['export', '--alias', sample.alias, '--year', '20x1', '--out', join(dir, 'bad.csv')],
        testUrl(),
      );
      expect(bad.code).to.equal(2);
      expect(bad.stderr).to.include('--year');
      expect(existsSync(join(dir, 'bad.csv'))).to.equal(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('full export while the index changes (integration)', function () {
  this.timeout(120_000);
  const client = () => testClient();

  async function target(alias: string): Promise<string> {
    return Object.keys(await client().indices.getAlias({ name: alias }))[0]!;
  }

  it('keeps reading the index it began with when the alias moves after the first page', async () => {
    const a = await indexSample('export-swap-a');
    const b = await indexSample('export-swap-b');
    let server: Server | undefined;
    try {
      const oldIndex = await target(a.alias);
      const newIndex = await target(b.alias);
      // Oldest of all, so newest-first it would come in the last page of a mixed export.
      const marker = { ...HOSTILE, path: 'marker/swapped.txt', date: '1900-01-01', year: 1900 };
      await client().index({ index: newIndex, id: 'swapped-in-0001', document: marker });
      await client().indices.refresh({ index: newIndex });

      let pinned: string | undefined;
      const app = appFor(a.alias, {
        onPage: async (n, index) => {
          if (n !== 1) return;
          pinned = index;
          await client().indices.updateAliases({
            actions: [
              { remove: { index: oldIndex, alias: a.alias } },
              { add: { index: newIndex, alias: a.alias } },
            ],
          });
        },
      });
      let base: string;
      ({ server, base } = await listen(app));

      const res = await download(base, '/export.ndjson');
      expect(res.status).to.equal(200);
      expect(res.complete).to.equal(true);
      expect(pinned).to.equal(oldIndex);
      const ids = ndjsonRows(res.body).map((r) => r.id);
      // The alias did move in the middle: the search now sees the other index.
      expect(await target(a.alias)).to.equal(newIndex);
      const now = JSON.parse((await download(base, '/api/search?size=100')).body) as {
        hits: Row[];
      };
      expect(now.hits.map((h) => h.id)).to.include('swapped-in-0001');
      // ...and the export is the old index alone, whole.
      const oldIds = (
        await client().search<{ path: string }>({
          index: oldIndex,
          size: 100,
          sort: [{ date: 'desc' }, { path: 'asc' }],
          _source: false,
        })
      ).hits.hits.map((h) => h._id);
      expect(ids).to.deep.equal(oldIds);
      expect(ids).to.have.length(a.result.indexed);
      expect(ids).to.not.include('swapped-in-0001');
    } finally {
      await close(server);
      await a.cleanup();
      await b.cleanup();
    }
  });

  it('cuts the response short and logs it when the engine fails after the first byte', async () => {
    const c = await indexSample('export-gone');
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    let server: Server | undefined;
    try {
      const app = appFor(
        c.alias,
        {
          onPage: async (n, index) => {
            if (n === 1) await client().indices.delete({ index });
          },
        },
        { logger: pino({ level: 'error' }, sink) },
      );
      let base: string;
      ({ server, base } = await listen(app));
      const res = await download(base, '/export.csv');
      expect(res.status).to.equal(200);
      expect(res.complete, 'the download must not look whole').to.equal(false);
      // The header went out before the failure.
      expect(res.body.startsWith(`\uFEFF${HEADER.join(',')}\r\n`)).to.equal(true);
      await sleep(100);
      const failure = lines.find((l) => /export failed/.test(String(l['msg'])));
      expect(failure, JSON.stringify(lines)).to.not.equal(undefined);
      expect(failure).to.include({ rows: PAGE });
    } finally {
      await close(server);
      await c.cleanup();
    }
  });

  it('stops paging when the client goes away', async () => {
    const d = await indexSample('export-leave');
    let asked = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    let server: Server | undefined;
    try {
      const app = appFor(d.alias, {
        pageSize: 1,
        onPage: async () => {
          asked++;
          await sleep(40);
        },
      });
      let base: string;
      ({ server, base } = await listen(app));
      await new Promise<void>((resolve, reject) => {
        const req = get(`${base}/export.ndjson`, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (e) => ((e as NodeJS.ErrnoException).code ? resolve() : reject(e)));
      });
      await sleep(300);
      const stoppedAt = asked;
      await sleep(500);
      // 35 pages of 40 ms each would take 1.4 s; it stopped within a page or two of leaving.
      expect(asked).to.equal(stoppedAt);
      expect(asked).to.be.lessThan(5);
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await close(server);
      await d.cleanup();
    }
  });
});
