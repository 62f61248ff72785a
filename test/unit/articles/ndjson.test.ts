import { expect } from 'chai';
import { parseNdjsonLine } from '../../../src/articles/ndjson.js';

describe('articles/ndjson parseNdjsonLine', () => {
  it('turns a line into the article a text file would give', () => {
    const r = parseNdjsonLine(
      JSON.stringify({
        id: 42,
        date: '2018-04-27',
        title: '  Summit   at Panmunjom ',
        agencies: ['AP', 'AFP'],
        dateline: 'PANMUNJOM',
        body: 'First paragraph.\n\nSecond\nparagraph.',
        captions: [
          'Leaders shake hands. Photo: AFP / KCNA VIA KNS',
          { text: 'Dinner.', credit: 'AP' },
        ],
      }),
      'x.ndjson',
      3,
    );
    expect(r).to.deep.equal({
      ok: true,
      key: '42',
      article: {
        path: 'x.ndjson#42',
        date: '2018-04-27',
        title: 'Summit at Panmunjom',
        agencies: ['AP', 'AFP'],
        dateline: 'PANMUNJOM',
        paragraphs: ['First paragraph.', 'Second paragraph.'],
        captions: [
          { text: 'Leaders shake hands.', credit: 'AFP / KCNA VIA KNS' },
          { text: 'Dinner.', credit: 'AP' },
        ],
      },
    });
  });

  it('keys a line without id by its date and title; body may be an array', () => {
    const r = parseNdjsonLine('{"date":"2020-01-02","title":"T","body":["a","b"]}', 'x.ndjson', 1);
    expect(r.ok && r.key).to.equal('2020-01-02 T');
    expect(r.ok && r.article.paragraphs).to.deep.equal(['a', 'b']);
    expect(r.ok && r.article.agencies).to.deep.equal([]);
    expect(r.ok && r.article.dateline).to.equal(null);
  });

  it('says why a line is rejected, with its line, and its key when it has one', () => {
    const bad = (line: string) => {
      const r = parseNdjsonLine(line, 'x.ndjson', 7);
      if (r.ok) throw new Error('should be rejected');
      expect(r.error.line).to.equal(7);
      expect(r.error.path).to.equal('x.ndjson');
      return r;
    };
    expect(bad('{"id": 1, "date": ').error.reason).to.match(/^invalid JSON/);
    expect(bad('[1,2]').error.reason).to.match(/JSON object/);
    expect(bad('{"id":"a","title":"T","body":"b"}')).to.deep.include({ key: 'a' });
    expect(bad('{"id":"a","title":"T","body":"b"}').error.reason).to.match(/missing "date"/);
    expect(bad('{"date":"2020-02-30","title":"T","body":"b"}').error.reason).to.match(
      /invalid date 2020-02-30/,
    );
    expect(bad('{"date":"30.01.2020","title":"T","body":"b"}').error.reason).to.match(
      /expected YYYY-MM-DD/,
    );
    expect(bad('{"date":"2020-01-01","body":"b"}').error.reason).to.match(/missing "title"/);
    expect(bad('{"date":"2020-01-01","title":"T"}').error.reason).to.match(/empty "body"/);
    expect(bad('{"date":"2020-01-01","title":"T","body":5}').error.reason).to.match(
      /"body" must be/,
    );
    expect(
      bad('{"date":"2020-01-01","title":"T","body":"b","agencies":[1]}').error.reason,
    ).to.match(/"agencies" must be/);
  });
});
