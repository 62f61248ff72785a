import type { Client, estypes } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createEngineExportService, writeExport } from '../../../src/engine/exportService.js';
import { buildSearchRequest } from '../../../src/search/buildRequest.js';
import {
  CSV_HEADER,
  DEFAULT_EXPORT_PAGE_SIZE,
  EXPORT_SOURCE,
  UTF8_BOM,
  buildExportRequest,
  csvField,
  csvLine,
  exportParams,
  exportPreamble,
  exportQueryString,
  exportRow,
  formatRows,
  ndjsonLine,
  type ExportCursor,
  type ExportRow,
} from '../../../src/search/export.js';
import { parseSearchParams, serializeParams } from '../../../src/search/params.js';

const ROW: ExportRow = {
  id: 'a-1',
  date: '2021-03-31',
  title: 'Kim Jong Un, 김정은, meets "envoys"',
  agencies: ['AP', 'Yonhap'],
  dateline: 'SEOUL',
  people: ['Kim Jong-un', 'Moon Jae-in'],
  path: '2021/a.txt',
};

describe('search/export csvField (RFC 4180)', () => {
  it('leaves plain text, Hangul included, as it is', () => {
    expect(csvField('plain text')).to.equal('plain text');
    expect(csvField('김정은 위원장')).to.equal('김정은 위원장');
    expect(csvField('')).to.equal('');
    // Characters that only matter at the start of a cell are left alone elsewhere.
    expect(csvField('a=b+c-d@e')).to.equal('a=b+c-d@e');
  });

  it('quotes a field holding a comma, a quote, CR or LF, doubling inner quotes', () => {
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('"')).to.equal('""""');
    expect(csvField('one\ntwo')).to.equal('"one\ntwo"');
    expect(csvField('one\r\ntwo')).to.equal('"one\r\ntwo"');
    expect(csvField('서울, 평양')).to.equal('"서울, 평양"');
  });

  it('puts a quote mark before text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).to.equal("'=1+1");
    expect(csvField('+82 2 123')).to.equal("'+82 2 123");
    expect(csvField('-5 degrees')).to.equal("'-5 degrees");
    expect(csvField('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvField('\tx')).to.equal("'\tx");
    // The guard comes first, then the quoting of what it made.
    expect(csvField('=HYPERLINK("http://x","y")')).to.equal('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('\rx')).to.equal('"\'\rx"');
  });
});

describe('search/export rows', () => {
  it('writes the header and each row with CRLF, lists joined with "; "', () => {
    expect(CSV_HEADER).to.equal('id,date,title,agencies,dateline,people,path\r\n');
    expect(csvLine(ROW)).to.equal(
      'a-1,2021-03-31,"Kim Jong Un, 김정은, meets ""envoys""",AP; Yonhap,SEOUL,Kim Jong-un; Moon Jae-in,2021/a.txt\r\n',
    );
    expect(csvLine({ ...ROW, agencies: [], dateline: null, people: ['-x'] })).to.equal(
      'a-1,2021-03-31,"Kim Jong Un, 김정은, meets ""envoys""",,,\'-x,2021/a.txt\r\n',
    );
  });

  it('writes one JSON object a line, arrays as arrays, markup characters escaped', () => {
    const hostile = { ...ROW, title: '<script>alert("x")</script>\nline & more', dateline: null };
    const line = ndjsonLine(hostile);
    expect(line.endsWith('\n')).to.equal(true);
    expect(line.slice(0, -1)).to.not.match(/[\n<>&]/);
    expect(line).to.include('\\u003cscript\\u003e');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).to.deep.equal(hostile);
    expect(Object.keys(parsed)).to.deep.equal([
      'id',
      'date',
      'title',
      'agencies',
      'dateline',
      'people',
      'path',
    ]);
    // Hangul is written as UTF-8, not escaped.
    expect(ndjsonLine(ROW)).to.include('김정은');
  });

  it('starts a CSV with the BOM and the header; NDJSON with nothing', () => {
    expect(exportPreamble('csv')).to.equal(UTF8_BOM + CSV_HEADER);
    expect(UTF8_BOM).to.equal('\uFEFF');
    expect(exportPreamble('ndjson')).to.equal('');
    expect(formatRows('csv', [ROW, ROW])).to.equal(csvLine(ROW) + csvLine(ROW));
    expect(formatRows('ndjson', [ROW])).to.equal(ndjsonLine(ROW));
    expect(formatRows('csv', [])).to.equal('');
  });

  it('makes a row of a hit, whatever the source leaves out', () => {
    const hit = {
      _index: 'i',
      _id: 'x-1',
      _source: { path: 'p.txt', date: '2020-01-02', title: 'T', agencies: ['AP'] },
      sort: [1, 'p.txt'],
    } as estypes.SearchHit<Record<string, unknown>>;
    expect(exportRow(hit)).to.deep.equal({
      id: 'x-1',
      date: '2020-01-02',
      title: 'T',
      agencies: ['AP'],
      dateline: null,
      people: [],
      path: 'p.txt',
    });
  });
});

describe('search/export request', () => {
  const SEARCHES = [
    {},
    { q: 'Kim Jong Un' },
    { q: '김정은 summit', agency: ['AP', 'AFP'], year: '2019' },
    { q: 'missile', from: '2018-01-01', to: '2018-06-30', sort: 'oldest', person: 'Moon Jae-in' },
    { dateline: 'SEOUL', sort: 'newest', page: '3', size: '50', more: 'person', person_q: 'kim' },
  ];

  it("asks the search's own query, facet filters and sort", () => {
    for (const raw of SEARCHES) {
      const params = parseSearchParams(raw);
      const search = buildSearchRequest(params);
      const page = buildExportRequest(params);
      const label = JSON.stringify(raw);
      expect(page.query, label).to.deep.equal(search.query);
      expect(page.post_filter, label).to.deep.equal(search.post_filter);
      expect(page.sort, label).to.deep.equal(search.sort);
      // The sort ends on the unique path, so search_after never skips or repeats a hit.
      expect((page.sort as unknown[]).at(-1), label).to.deep.equal({ path: { order: 'asc' } });
    }
    const filtered = buildExportRequest(parseSearchParams({ agency: 'AP', year: '2019' }));
    expect(filtered.post_filter).to.deep.equal({
      bool: { filter: [{ terms: { agencies: ['AP'] } }, { terms: { year: [2019] } }] },
    });
  });

  it('pages with size and search_after, without from, highlight or aggregations', () => {
    const params = parseSearchParams({ q: 'summit', page: '4', size: '20' });
    const first = buildExportRequest(params, { countTotal: true });
    expect(first.size).to.equal(DEFAULT_EXPORT_PAGE_SIZE);
    expect(first.track_total_hits).to.equal(true);
    expect(first._source).to.deep.equal(EXPORT_SOURCE);
    expect(first).to.not.have.any.keys('search_after', 'from', 'highlight', 'aggs', 'suggest');
    const next = buildExportRequest(params, { size: 5, after: [1.5, 1620000000000, 'b.txt'] });
    expect(next.size).to.equal(5);
    expect(next.search_after).to.deep.equal([1.5, 1620000000000, 'b.txt']);
    expect(next.track_total_hits).to.equal(false);
  });

  it('links the export with the parameters that shape it only', () => {
    const params = parseSearchParams({
      q: 'Kim',
      agency: ['AP', 'AFP'],
      from: '2019-01-01',
      sort: 'oldest',
      page: '3',
      size: '50',
      more: 'person',
      person_q: 'moon',
    });
    expect(serializeParams(exportParams(params))).to.deep.equal([
      ['q', 'Kim'],
      ['agency', 'AP'],
      ['agency', 'AFP'],
      ['from', '2019-01-01'],
      ['sort', 'oldest'],
    ]);
    const qs = exportQueryString(params);
    expect(qs).to.equal('?q=Kim&agency=AP&agency=AFP&from=2019-01-01&sort=oldest');
    // The link parses back to the same search.
    const back = parseSearchParams(Object.fromEntries(new URLSearchParams(qs).entries()));
    expect(back.q).to.equal('Kim');
    expect(exportQueryString(parseSearchParams({}))).to.equal('');
  });
});

/** A client that answers getSettings and search from a list of paths, recording the requests. */
function fakeClient(paths: string[], index = 'articles-20260101') {
  const searches: Record<string, unknown>[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const client = {
    indices: {
      getSettings: async () => ({ [index]: { settings: {} } }),
    },
    search: async (req: Record<string, unknown>, opts?: { signal?: AbortSignal }) => {
      searches.push(req);
      signals.push(opts?.signal);
      const after = (req['search_after'] as [string] | undefined)?.[0];
      const from = after === undefined ? 0 : paths.indexOf(after) + 1;
      const page = paths.slice(from, from + (req['size'] as number));
      return {
        took: 1,
        hits: {
          total: { value: paths.length, relation: 'eq' },
          hits: page.map((p) => ({
            _index: index,
            _id: `id-${p}`,
            _source: { path: p },
            sort: [p],
          })),
        },
      };
    },
  };
  return { client: client as unknown as Client, searches, signals };
}

async function drain(cursor: ExportCursor): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of cursor.pages()) ids.push(...page.map((r) => r.id));
  return ids;
}

describe('engine/exportService paging', () => {
  const PATHS = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);

  it('reads the index the alias pointed to at the start, page after page', async () => {
    const { client, searches } = fakeClient(PATHS, 'articles-1');
    const seen: number[] = [];
    const exporter = createEngineExportService({
      client,
      alias: 'articles',
      pageSize: 5,
      onPage: (n) => void seen.push(n),
    });
    const cursor = await exporter.open(parseSearchParams({ sort: 'oldest' }));
    expect(cursor.index).to.equal('articles-1');
    expect(cursor.total).to.equal(12);
    expect(await drain(cursor)).to.deep.equal(PATHS.map((p) => `id-${p}`));
    // 5 + 5 + 2: the short third page is the last, with no fourth request.
    expect(searches.map((s) => s['search_after'])).to.deep.equal([undefined, ['p04'], ['p09']]);
    expect(searches.map((s) => s['index'])).to.deep.equal([
      'articles-1',
      'articles-1',
      'articles-1',
    ]);
    expect(searches.map((s) => s['track_total_hits'])).to.deep.equal([true, false, false]);
    const preferences = new Set(searches.map((s) => s['preference']));
    expect(preferences.size).to.equal(1);
    expect(seen).to.deep.equal([1, 2, 3]);
  });

  it('asks once more after a full last page, and stops at the empty one', async () => {
    const { client, searches } = fakeClient(PATHS.slice(0, 10));
    const cursor = await createEngineExportService({ client, alias: 'a', pageSize: 5 }).open(
      parseSearchParams({}),
    );
    expect(await drain(cursor)).to.have.length(10);
    expect(searches).to.have.length(3);
  });

  it('stops paging, and aborts the request in flight, when the loop is left', async () => {
    const { client, searches, signals } = fakeClient(PATHS);
    const cursor = await createEngineExportService({ client, alias: 'a', pageSize: 2 }).open(
      parseSearchParams({}),
    );
    for await (const page of cursor.pages()) {
      expect(page).to.have.length(2);
      break;
    }
    // The first page and the one fetched ahead of it, no more; that one's signal is aborted.
    expect(searches).to.have.length(2);
    expect(signals[1]?.aborted).to.equal(true);
  });
});

/** A sink that accepts `capacity` bytes and then holds every write until `release()`. */
class SlowSink extends Writable {
  chunks: string[] = [];
  private held: (() => void)[] = [];
  constructor() {
    super({ highWaterMark: 16, decodeStrings: false });
  }
  override _write(chunk: string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    this.held.push(done);
  }
  release(): void {
    for (const done of this.held.splice(0)) done();
  }
}

function fakeCursor(pageCount: number) {
  const state = { pulled: 0, finished: false };
  const cursor: ExportCursor = {
    index: 'i',
    total: pageCount,
    async *pages() {
      try {
        for (let i = 0; i < pageCount; i++) {
          state.pulled++;
          yield [{ ...ROW, id: `r${i}` }];
        }
      } finally {
        state.finished = true;
      }
    },
  };
  return { cursor, state };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('engine/exportService writeExport', () => {
  it('asks for the next page only once the sink has drained (backpressure)', async () => {
    const sink = new SlowSink();
    const { cursor, state } = fakeCursor(3);
    const done = writeExport(cursor, sink, 'csv');
    await tick();
    // The header filled the sink: no page has been asked for.
    expect(sink.chunks).to.deep.equal([UTF8_BOM + CSV_HEADER]);
    expect(state.pulled).to.equal(0);
    for (let i = 1; i <= 3; i++) {
      sink.release();
      await tick();
      await tick();
      expect(state.pulled, `after release ${i}`).to.equal(i);
      expect(sink.chunks).to.have.length(i + 1);
    }
    sink.release();
    expect(await done).to.equal(3);
    expect(state.finished).to.equal(true);
  });

  it('stops and closes the pages when aborted while waiting for drain', async () => {
    const sink = new SlowSink();
    const { cursor, state } = fakeCursor(100);
    const gone = new AbortController();
    const done = writeExport(cursor, sink, 'ndjson', { signal: gone.signal });
    await tick();
    // NDJSON has no header: the first page went out and filled the sink.
    expect(state.pulled).to.equal(1);
    expect(sink.chunks).to.have.length(1);
    gone.abort();
    let error: unknown;
    await done.catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('AbortError');
    expect(state.pulled).to.equal(1);
    expect(state.finished).to.equal(true);
  });
});
