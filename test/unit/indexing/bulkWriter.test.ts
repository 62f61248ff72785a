import { expect } from 'chai';
import { BulkBody, encodeOp, opLines } from '../../../src/indexing/bulkWriter.js';

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
