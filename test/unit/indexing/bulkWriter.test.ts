import { expect } from 'chai';
import type { Client } from '@elastic/elasticsearch';
import { bodyText, buildDocument } from '../../../src/articles/document.js';
import type { Article } from '../../../src/articles/types.js';
import {
  BulkBody,
  encodeOp,
  opLines,
  opText,
  sourceJson,
  writeBulk,
  type WriteOp,
} from '../../../src/indexing/bulkWriter.js';
import { documentFingerprint } from '../../../src/indexing/clustering.js';

// The NDJSON a bulk request is concatenated from: one action line (and the source) per
// operation, UTF-8, the id escaped as JSON.

describe('indexing/bulkWriter encodeOp', () => {
  it('writes an index action and its source, each on one line', () => {
    const doc = { title: 'Kim “summit” — 김정은', body: 'a\nb "c" \\ d' };
    const buf = encodeOp({ op: 'index', id: 'x-1', doc });
    const lines = buf.toString('utf8').split('\n');
    expect(lines).to.have.length(3);
    expect(lines[2]).to.equal('');
    expect(JSON.parse(lines[0]!)).to.deep.equal({ index: { _id: 'x-1' } });
    expect(JSON.parse(lines[1]!)).to.deep.equal(doc);
    expect(buf.length).to.equal(Buffer.byteLength(buf.toString('utf8')));
  });

  it('writes a delete action alone, escaping the id', () => {
    const buf = encodeOp({ op: 'delete', id: 'a"b\\c' });
    expect(buf.toString('utf8')).to.equal('{"delete":{"_id":"a\\"b\\\\c"}}\n');
    expect(JSON.parse(buf.toString('utf8'))).to.deep.equal({ delete: { _id: 'a"b\\c' } });
  });
});

describe('indexing/bulkWriter BulkBody', () => {
  const op = (id: string, title: string) => opLines({ op: 'index', id, doc: { title } });

  it('writes operations one after another and knows where each lies', () => {
    const body = new BulkBody(Buffer.alloc(1024));
    expect(body.add('a', 'index', op('a', 'Kim Jong-un'))).to.equal(true);
    expect(body.add('b', 'index', op('b', '김정은 — “summit”'))).to.equal(true);
    const text = body.bytes.toString('utf8');
    expect(text).to.equal(op('a', 'Kim Jong-un') + op('b', '김정은 — “summit”'));
    expect(body.length).to.equal(Buffer.byteLength(text));
    const second = body.items[1]!;
    expect(body.buffer.subarray(second.start, second.end).toString('utf8')).to.equal(
      op('b', '김정은 — “summit”'),
    );
  });

  it('refuses an operation that does not fit, writing nothing, and fills exactly to the end', () => {
    const lines = op('x', '김'.repeat(10)); // 3 bytes a syllable
    const size = Buffer.byteLength(lines);
    const body = new BulkBody(Buffer.alloc(size * 2 - 1));
    expect(body.add('x', 'index', lines)).to.equal(true);
    expect(body.add('y', 'index', lines)).to.equal(false);
    expect(body.items).to.have.length(1);
    expect(body.length).to.equal(size);
    const exact = new BulkBody(Buffer.alloc(size * 2));
    expect(exact.add('x', 'index', lines) && exact.add('y', 'index', lines)).to.equal(true);
    expect(exact.length).to.equal(exact.buffer.length);
  });

  it('copies chosen items into another body (operations sent again)', () => {
    const first = new BulkBody(Buffer.alloc(1024));
    first.add('a', 'index', op('a', 'A'));
    first.add('b', 'index', op('b', 'B'));
    first.add('c', 'delete', opLines({ op: 'delete', id: 'c' }));
    const again = new BulkBody(Buffer.alloc(1024));
    again.copy(first, first.items[2]!);
    again.copy(first, first.items[0]!);
    expect(again.bytes.toString('utf8')).to.equal('{"delete":{"_id":"c"}}\n' + op('a', 'A'));
    expect(again.items.map((i) => [i.id, i.op])).to.deep.equal([
      ['c', 'delete'],
      ['a', 'index'],
    ]);
  });
});

describe('indexing/bulkWriter sourceJson', () => {
  const paragraph = 'Kim Jong-un’s sister — 김여정 — said “no” on Tuesday. '.repeat(6);

  it('gives the value JSON.stringify gives, whatever the body holds', () => {
    const bodies = [
      `${paragraph}\n\n${paragraph}`,
      `${paragraph}\n\nHe said "no" and left a \\ behind.\tTabbed.`,
      `${paragraph}\n\nHe said "no" and left a \\ behind, \\"twice\\".`,
      `${paragraph}\u0001${paragraph}`,
      `${paragraph} \ud83d\ude00 and a lone \ud800 half`,
      `${paragraph} \ud83d\ude00 a pair only, written as it is`,
      `\udc00${paragraph} a lone low half first`,
      'short\nbody',
      paragraph,
    ];
    for (const body of bodies) {
      const doc = { path: 'a/b.txt', body, people: ['Kim Yo-jong'], year: 2020, none: undefined };
      const json = sourceJson(doc);
      expect(JSON.parse(json)).to.deep.equal(JSON.parse(JSON.stringify(doc)));
      expect(Buffer.from(json, 'utf8').toString('utf8')).to.equal(json);
    }
  });

  it('writes a document that is only a body, and anything that is not an object', () => {
    const body = `${paragraph}\n\n${paragraph}`;
    expect(JSON.parse(sourceJson({ body }))).to.deep.equal({ body });
    for (const value of [null, 'text', 3, [1, 2], { body: 4 }]) {
      expect(sourceJson(value)).to.equal(JSON.stringify(value));
    }
  });
});

describe('indexing/bulkWriter, a built article written from its paragraphs', () => {
  const said = 'Kim Jong-un’s sister — 김여정 — said “no” on Tuesday in Pyongyang. '.repeat(5);
  const articleOf = (paragraphs: string[]): Article => ({
    path: '2024/a.txt',
    date: '2024-05-01',
    title: 'Kim Yo-jong speaks',
    agencies: ['AP'],
    dateline: 'SEOUL',
    paragraphs,
    captions: [],
  });
  /** A document as a reindex has it: built, then fingerprinted by the copy finder. */
  const built = (paragraphs: string[]) => {
    const doc = buildDocument(articleOf(paragraphs), [], 'h', 'a-1');
    documentFingerprint(doc);
    return { doc, json: bodyText(doc)!.json };
  };
  const classic = (doc: object) => `{"index":{"_id":"a-1"}}\n${sourceJson(doc)}\n`;

  it('writes the bytes the whole document’s JSON is, quotes and backslashes escaped', () => {
    const cases: [string[], string][] = [
      [[said, said, said], 'plain'],
      [[said, `He said "no" and left a \\ behind, \\"twice\\".`, said], 'quoted'],
      [[said], 'plain'],
    ];
    for (const [paragraphs, json] of cases) {
      const { doc, json: found } = built(paragraphs);
      expect(found).to.equal(json);
      const op: WriteOp = { op: 'index', id: 'a-1', doc };
      expect(opText(op).parts).to.have.length(paragraphs.length);
      expect(opLines(op)).to.equal(classic(doc));
      const body = new BulkBody(Buffer.alloc(64 * 1024));
      expect(body.add('a-1', 'index', opText(op))).to.equal(true);
      expect(body.bytes.toString('utf8')).to.equal(classic(doc));
      expect(JSON.parse(body.bytes.toString('utf8').split('\n')[1]!)).to.deep.equal(
        JSON.parse(JSON.stringify(doc)),
      );
    }
  });

  it('writes an article with no paragraph, its body empty', () => {
    const { doc } = built([]);
    const lines = opLines({ op: 'index', id: 'a-1', doc }).split('\n');
    expect(JSON.parse(lines[1]!)).to.deep.equal(JSON.parse(JSON.stringify(doc)));
    expect(lines[2]).to.equal('');
  });

  it('leaves to JSON.stringify a body with a tab, a newline or a surrogate in it', () => {
    for (const odd of ['a\ttab', 'a\nnewline', 'a \ud83d\ude00 pair', 'a lone \ud800']) {
      const { doc, json } = built([said, `${said}${odd}`]);
      expect(json).to.equal('special');
      const op: WriteOp = { op: 'index', id: 'a-1', doc };
      expect(opText(op).parts).to.deep.equal([]);
      expect(JSON.parse(opLines(op).split('\n')[1]!)).to.deep.equal(
        JSON.parse(JSON.stringify(doc)),
      );
    }
  });

  it('writes the body as built when the article’s paragraphs change afterwards', () => {
    const article = articleOf([said, said]);
    const doc = buildDocument(article, [], 'h', 'a-1');
    article.paragraphs.push('Added later.');
    article.paragraphs[0] = 'Changed later.';
    documentFingerprint(doc);
    expect(opLines({ op: 'index', id: 'a-1', doc })).to.equal(classic(doc));
    expect(doc.body).to.equal(`${said}\n\n${said}`);
  });

  it('writes a body replaced after building as it now is, and one never scanned', () => {
    const { doc } = built([said, said]);
    doc.body = 'Another body';
    expect(bodyText(doc)).to.equal(undefined);
    expect(opLines({ op: 'index', id: 'a-1', doc })).to.equal(classic(doc));
    const unscanned = buildDocument(articleOf([said, said]), [], 'h', 'a-1');
    expect(opText({ op: 'index', id: 'a-1', doc: unscanned }).parts).to.deep.equal([]);
    expect(opLines({ op: 'index', id: 'a-1', doc: unscanned })).to.equal(classic(unscanned));
  });

  it('refuses a built article that does not fit, and fits one exactly', () => {
    const { doc } = built([said, said]);
    const op: WriteOp = { op: 'index', id: 'a-1', doc };
    const size = Buffer.byteLength(opLines(op));
    expect(new BulkBody(Buffer.alloc(size - 1)).add('a-1', 'index', opText(op))).to.equal(false);
    const exact = new BulkBody(Buffer.alloc(size));
    expect(exact.add('a-1', 'index', opText(op))).to.equal(true);
    expect(exact.length).to.equal(size);
  });
});

describe('indexing/bulkWriter writeBulk', () => {
  /** A client whose every bulk request is acknowledged at once; it keeps each request's ids. */
  const fakeClient = (sent: string[][]) =>
    ({
      transport: {
        request: (params: { bulkBody: Buffer }) => {
          const lines = params.bulkBody.toString('utf8').split('\n');
          sent.push(
            lines
              .filter((l) => l.startsWith('{"index"'))
              .map((l) => (JSON.parse(l) as { index: { _id: string } }).index._id),
          );
          return Promise.resolve({ errors: false });
        },
      },
    }) as unknown as Client;
  const options = { flushOps: 100, flushBytes: 1 << 20, concurrency: 2, retries: 0, wait: 0 };

  it('sends what a stalled source has given without waiting for it to go on', async () => {
    const sent: string[][] = [];
    let resume: () => void = () => undefined;
    const stall = new Promise<void>((resolve) => (resume = resolve));
    async function* ops(): AsyncGenerator<WriteOp> {
      yield { op: 'index', id: 'a', doc: { title: 'A' } };
      yield { op: 'index', id: 'b', doc: { title: 'B' } };
      await stall;
      yield { op: 'index', id: 'c', doc: { title: 'C' } };
    }
    const writer = writeBulk(fakeClient(sent), 'x', ops(), {
      ...options,
      flushIntervalMs: 40,
      onDrop: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sentDuringStall = sent.map((ids) => [...ids]);
    resume();
    const stats = await writer.done;
    expect(sentDuringStall).to.deep.equal([['a', 'b']]);
    expect(sent).to.deep.equal([['a', 'b'], ['c']]);
    expect(stats).to.include({ successful: 3, failed: 0 });
  });

  it('times a stall from when it began to wait, not from the last operation', async () => {
    // With one request at a time, each taking 300 ms, the loop waits for a slot long after
    // the chunk came; the source then answers in 100 ms, inside the 150 ms a stall takes.
    const sent: string[][] = [];
    const slow = {
      transport: {
        request: async (params: { bulkBody: Buffer }) => {
          sent.push(
            params.bulkBody
              .toString('utf8')
              .split('\n')
              .filter((l) => l.startsWith('{"index"'))
              .map((l) => (JSON.parse(l) as { index: { _id: string } }).index._id),
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
          return { errors: false };
        },
      },
    } as unknown as Client;
    const op = (id: string): WriteOp => ({ op: 'index', id, doc: { id } });
    async function* ops(): AsyncGenerator<WriteOp | WriteOp[]> {
      yield ['a', 'b', 'c', 'd', 'e'].map(op);
      await new Promise((resolve) => setTimeout(resolve, 100));
      yield op('f');
    }
    const writer = writeBulk(slow, 'x', ops(), {
      ...options,
      flushOps: 2,
      concurrency: 1,
      flushIntervalMs: 150,
      onDrop: () => undefined,
    });
    expect((await writer.done).successful).to.equal(6);
    expect(sent).to.deep.equal([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('holds a flowing source’s operations until a request is full', async () => {
    const sent: string[][] = [];
    async function* ops(): AsyncGenerator<WriteOp> {
      for (let i = 0; i < 250; i++) yield { op: 'index', id: `d${i}`, doc: { i } };
    }
    const writer = writeBulk(fakeClient(sent), 'x', ops(), {
      ...options,
      flushIntervalMs: 5_000,
      onDrop: () => undefined,
    });
    expect((await writer.done).successful).to.equal(250);
    expect(sent.map((ids) => ids.length)).to.deep.equal([100, 100, 50]);
  });
});
