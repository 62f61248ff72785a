import { expect } from 'chai';
import {
  ArticleParseError,
  MAX_ARTICLE_BYTES,
  decodeArticle,
  decodeArticleLines,
  formatArticleError,
  parseArticle,
  parseLines,
  parseArticleOrThrow,
  parseByline,
  splitCaption,
} from '../../../src/articles/parse.js';
import type { Article } from '../../../src/articles/types.js';

const enc = new TextEncoder();

function parsed(text: string, path = 'a.txt'): Article {
  const result = parseArticle(text, path);
  if (!result.ok) throw new Error(formatArticleError(result.error));
  return result.article;
}

function rejection(text: string, path = 'a.txt') {
  const result = parseArticle(text, path);
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
}

describe('parseArticle', () => {
  it('reads the seed layout', () => {
    const a = parsed(
      ' date 2021-06-19 N Korea’s Kim vows — something\n\nAP, SEOUL\n\n\n\nFirst paragraph.\n\nSecond “quoted” paragraph.\n',
      '2021/kim.txt',
    );
    expect(a).to.deep.equal({
      path: '2021/kim.txt',
      date: '2021-06-19',
      title: 'N Korea’s Kim vows — something',
      agencies: ['AP'],
      dateline: 'SEOUL',
      paragraphs: ['First paragraph.', 'Second “quoted” paragraph.'],
      captions: [],
    });
  });

  it('tolerates CRLF, a BOM, trailing spaces, extra spaces and a missing leading space', () => {
    const a = parsed(
      '\uFEFFdate   2018-09-19   Moon and Kim   \r\n\r\nYonhap, PYONGYANG  \r\n\r\n\r\n  Text here.  \r\n',
    );
    expect(a.title).to.equal('Moon and Kim');
    expect(a.agencies).to.deep.equal(['Yonhap']);
    expect(a.dateline).to.equal('PYONGYANG');
    expect(a.paragraphs).to.deep.equal(['Text here.']);
  });

  it('tolerates leading blank lines and a byline with no blank line before the body', () => {
    const a = parsed('\n\n date 2020-01-02 T\nAP, SEOUL\nBody line one\nand line two.\n');
    expect(a.agencies).to.deep.equal(['AP']);
    expect(a.paragraphs).to.deep.equal(['Body line one and line two.']);
  });

  it('keeps Hangul and markup as written', () => {
    const a = parsed(
      ' date 2017-05-11 문재인 취임\n\nStaff writer, SEOUL\n\n<script>alert(1)</script> 문재인 (Moon Jae-in).\n',
    );
    expect(a.title).to.equal('문재인 취임');
    expect(a.paragraphs[0]).to.equal('<script>alert(1)</script> 문재인 (Moon Jae-in).');
  });

  it('treats a byline as optional: a sentence after the title is the first paragraph', () => {
    const a = parsed(' date 2004-04-23 Blast\n\nA blast killed dozens, aid workers said.\n');
    expect(a.agencies).to.deep.equal([]);
    expect(a.dateline).to.equal(null);
    expect(a.paragraphs).to.deep.equal(['A blast killed dozens, aid workers said.']);
  });

  it('separates captions from paragraphs', () => {
    const a = parsed(
      ' date 2021-06-19 T\n\nAP, SEOUL\n\nBody.\n\nKim Jong-un, right, at a meeting. Photo: AFP / KCNA VIA KNS\n\nMore body.\n',
    );
    expect(a.paragraphs).to.deep.equal(['Body.', 'More body.']);
    expect(a.captions).to.deep.equal([
      { text: 'Kim Jong-un, right, at a meeting.', credit: 'AFP / KCNA VIA KNS' },
    ]);
  });

  it('accepts a body of captions only', () => {
    const a = parsed(' date 2021-06-19 T\n\nAP, SEOUL\n\nA scene. Photo: AP\n');
    expect(a.paragraphs).to.deep.equal([]);
    expect(a.captions).to.have.length(1);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parsed(' date 2020-02-29 T\n\nBody.\n').date).to.equal('2020-02-29');
    expect(rejection(' date 2021-02-29 T\n\nBody.\n').reason).to.match(/invalid date 2021-02-29/);
  });

  const rejects: [string, string, number, RegExp][] = [
    ['an empty file', '', 1, /empty file: expected " date YYYY-MM-DD <title>"/],
    ['no date line', 'Hello\n\nBody.\n', 1, /expected " date YYYY-MM-DD <title>", found "Hello"/],
    ['a malformed date', ' date 2021-6-19 T\n\nBody.\n', 1, /invalid date "2021-6-19"/],
    ['an impossible day', '\n date 2021-02-30 T\n\nBody.\n', 2, /day 30 is not 01-28/],
    ['month 13', ' date 2021-13-01 T\n\nBody.\n', 1, /month 13 is not 01-12/],
    ['an empty title', ' date 2021-06-19   \n\nBody.\n', 1, /empty title/],
    ['only a title', ' date 2021-06-19 T\n', 1, /empty body/],
    ['only a title and byline', ' date 2021-06-19 T\n\nAP, SEOUL\n\n\n', 1, /empty body/],
  ];
  for (const [what, text, line, reason] of rejects) {
    it(`rejects ${what} with a line and a reason`, () => {
      const error = rejection(text, 'x/y.txt');
      expect(error.path).to.equal('x/y.txt');
      expect(error.line).to.equal(line);
      expect(error.reason).to.match(reason);
    });
  }
});

describe('parseByline', () => {
  const cases: [string, string[], string | null][] = [
    ['AP, SEOUL', ['AP'], 'SEOUL'],
    ['AP and AFP, PANMUNJOM', ['AP', 'AFP'], 'PANMUNJOM'],
    ['Staff writer, with CNA', ['Staff writer', 'CNA'], null],
    ['Reuters, AFP and AP, TOKYO', ['Reuters', 'AFP', 'AP'], 'TOKYO'],
    ['Bloomberg', ['Bloomberg'], null],
    ['Staff writer, SEOUL', ['Staff writer'], 'SEOUL'],
    ['Reuters, AFP', ['Reuters', 'AFP'], null],
    ['Yonhap,   BUSAN  ', ['Yonhap'], 'BUSAN'],
    ['AP, NEW YORK', ['AP'], 'NEW YORK'],
    ['Yonhap & KCNA,\tSEOUL', ['Yonhap', 'KCNA'], 'SEOUL'],
    ['AP\u00a0and  Kyodo,  Sandbox Media', ['AP', 'Kyodo', 'Sandbox Media'], null],
  ];
  for (const [line, agencies, dateline] of cases) {
    it(`splits "${line}"`, () => {
      expect(parseByline(line)).to.deep.equal({ agencies, dateline });
    });
  }

  it('refuses sentences', () => {
    expect(parseByline('Kim said the talks were over.')).to.equal(null);
    expect(parseByline('“We are ready,” he said')).to.equal(null);
    expect(
      parseByline('North Korea fired dozens of artillery shells at a South Korean island'),
    ).to.equal(null);
    expect(parseByline('')).to.equal(null);
    expect(parseByline('AP,, SEOUL')).to.equal(null);
  });
});

describe('splitCaption', () => {
  it('splits the credit from the text', () => {
    expect(splitCaption('Delegates applaud. Photos: AFP / KCNA VIA KNS')).to.deep.equal({
      text: 'Delegates applaud.',
      credit: 'AFP / KCNA VIA KNS',
    });
    expect(splitCaption('A Photo booth in Seoul. Photo: Reuters')).to.deep.equal({
      text: 'A Photo booth in Seoul.',
      credit: 'Reuters',
    });
  });

  it('ignores paragraphs that only mention photos', () => {
    expect(splitCaption('He said the Photo was fake.')).to.equal(null);
    expect(splitCaption('Photo: this one is a sentence. It goes on and on.')).to.equal(null);
    expect(splitCaption('A plain paragraph.')).to.equal(null);
  });
});

describe('decodeArticle', () => {
  it('decodes UTF-8 and strips the BOM', () => {
    const r = decodeArticle(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('김정은')]), 'a.txt');
    expect(r).to.deep.equal({ ok: true, text: '김정은' });
  });

  it('decodes ASCII, Latin-1, BMP and astral text like TextDecoder, in a view of a larger buffer', () => {
    const texts = [
      'plain ASCII\n',
      'caf\u00e9 \u2014 \u201cquoted\u201d',
      '\ufeff\u00e9 emoji \u{1f600} \u{1d400}',
    ];
    for (const text of texts) {
      const bytes = enc.encode(`xx${text}`).subarray(2);
      const expected = new TextDecoder().decode(bytes);
      expect(decodeArticle(bytes, 'a.txt')).to.deep.equal({ ok: true, text: expected });
    }
  });

  it('rejects NUL bytes as binary', () => {
    const r = decodeArticle(new Uint8Array([0x41, 0x0a, 0x00]), 'b.txt');
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.error).to.deep.equal({
        path: 'b.txt',
        line: 2,
        reason: 'binary file: NUL byte at offset 2',
      });
    }
  });

  it('rejects many control characters as binary', () => {
    const r = decodeArticle(new Uint8Array(100).fill(0x01), 'c.txt');
    expect(!r.ok && r.error.reason).to.match(/^binary file: 100 control bytes/);
  });

  it('rejects invalid UTF-8 with the offending byte and line', () => {
    const bytes = new Uint8Array([...enc.encode('ok\nCaf'), 0xe9, 0x0a]);
    const r = decodeArticle(bytes, 'd.txt');
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.error.line).to.equal(2);
      expect(r.error.reason).to.equal('not valid UTF-8: invalid byte 0xe9 at offset 6');
    }
  });

  it('rejects overlong sequences and lone surrogates', () => {
    expect(decodeArticle(new Uint8Array([0xc0, 0x80]), 'e.txt').ok).to.equal(false);
    expect(decodeArticle(new Uint8Array([0xed, 0xa0, 0x80]), 'e.txt').ok).to.equal(false);
  });

  it('rejects files over the size bound', () => {
    expect(MAX_ARTICLE_BYTES).to.equal(1024 * 1024);
    const r = decodeArticle(new Uint8Array(11).fill(0x41), 'f.txt', 10);
    expect(!r.ok && r.error.reason).to.equal('file is 11 bytes, over the 10-byte limit');
  });
});

describe('decodeArticleLines', () => {
  // The reindex reads files this way; it must give exactly the lines of the decoded text.
  const cases: [string, Uint8Array][] = [
    ['LF and a final newline', enc.encode(' date 2024-01-02 T\n\nAP, SEOUL\n\nOne.\n')],
    ['no final newline, blank runs', enc.encode('a\n\n\n  \nb')],
    ['CRLF', enc.encode(' date 2024-01-02 T\r\n\r\nAP, SEOUL\r\n\r\nOne.\r\n')],
    ['lone CR', enc.encode('a\rb\r\nc\nd\r')],
    ['BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('김정은\n\u201cquoted\u201d')])],
    ['mixed ASCII and not', enc.encode('plain\ncaf\u00e9 \u2014 \u{1f600}\n\nplain again\n')],
    ['empty', new Uint8Array(0)],
    ['only newlines', enc.encode('\n\n')],
  ];
  for (const [name, bytes] of cases) {
    it(`splits like the decoded text: ${name}`, () => {
      const text = decodeArticle(bytes, 'a.txt');
      const lines = decodeArticleLines(bytes, 'a.txt');
      if (!text.ok || !lines.ok) throw new Error('expected both to decode');
      expect(lines.lines).to.deep.equal(text.text.split(/\r\n?|\n/));
    });
  }

  it('reads an article as parseArticle reads its text', () => {
    const bytes = enc.encode(
      ' date 2024-03-04 Kim meets Moon\n\nAP and AFP, SEOUL\n\nKim Jong Un met Moon.\nStill the same paragraph.\n\nA caption line Photo: AFP\n',
    );
    const text = decodeArticle(bytes, 'a.txt');
    const lines = decodeArticleLines(bytes, 'a.txt');
    if (!text.ok || !lines.ok) throw new Error('expected both to decode');
    expect(parseLines(lines.lines, 'a.txt')).to.deep.equal(parseArticle(text.text, 'a.txt'));
  });

  it('rejects what decodeArticle rejects, with the same error', () => {
    for (const bytes of [
      new Uint8Array([0x41, 0x0a, 0x00]),
      new Uint8Array(100).fill(0x01),
      new Uint8Array([...enc.encode('ok\nCaf'), 0xe9, 0x0a]),
    ]) {
      const text = decodeArticle(bytes, 'b.txt');
      const lines = decodeArticleLines(bytes, 'b.txt');
      expect(lines.ok).to.equal(false);
      if (!text.ok && !lines.ok) expect(lines.error).to.deep.equal(text.error);
    }
    const big = decodeArticleLines(new Uint8Array(11).fill(0x41), 'f.txt', 10);
    expect(!big.ok && big.error.reason).to.equal('file is 11 bytes, over the 10-byte limit');
  });
});

describe('ArticleParseError', () => {
  it('says path:line: reason', () => {
    try {
      parseArticleOrThrow(enc.encode(' date 2021-02-30 T\n\nBody.\n'), '2021/x.txt');
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(ArticleParseError);
      const e = err as ArticleParseError;
      expect(e.message).to.match(/^ArticleParseError: 2021\/x\.txt:1: invalid date 2021-02-30/);
      expect(e.path).to.equal('2021/x.txt');
      expect(e.line).to.equal(1);
    }
  });
});
