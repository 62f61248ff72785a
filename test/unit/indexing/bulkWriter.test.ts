import { expect } from 'chai';
import { encodeOp } from '../../../src/indexing/bulkWriter.js';

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
