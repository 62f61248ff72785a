import { expect } from 'chai';
import {
  FEED_SIZE,
  atomDate,
  atomTimestamp,
  buildAtomFeed,
  entryId,
  feedId,
  feedPath,
  feedRequestParams,
  feedTitle,
  snippetText,
  stripNonXml,
  xmlAttr,
  xmlText,
} from '../../../src/search/atom.js';
import { parseSearchParams } from '../../../src/search/params.js';
import type { SearchHit } from '../../../src/search/transformResponse.js';

// The Atom builder on hand-made hits: escaping, the characters XML 1.0 cannot carry, stable ids
// and dates. test/integration/feed.test.ts parses what the route serves over the sample.

function hit(id: string, date: string, extra: Partial<SearchHit> = {}): SearchHit {
  return {
    id,
    path: `${id}.txt`,
    title: `Title of ${id}`,
    title_html: `Title of ${id}`,
    date,
    agencies: ['AP'],
    dateline: 'SEOUL',
    people: [],
    snippets: [`Body of ${id}.`],
    matched_names: [],
    copies: [],
    ...extra,
  };
}

const BASE = 'http://example.test:3000';
const NOW = new Date('2030-01-02T03:04:05.678Z');

describe('search/atom escaping', () => {
  it('escapes the five markup characters in text and attributes', () => {
    expect(xmlText(`<script>alert("x") & 'y'</script>`)).to.equal(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;',
    );
    expect(xmlText(']]>')).to.equal(']]&gt;');
    expect(xmlText('&amp;')).to.equal('&amp;amp;');
    expect(xmlAttr('a"b<c>&d')).to.equal('a&quot;b&lt;c&gt;&amp;d');
  });

  it('keeps tab, line feed and carriage return (as references inside attributes)', () => {
    expect(xmlText('a\tb\nc\rd')).to.equal('a\tb\nc\rd');
    expect(xmlAttr('a\tb\nc\rd')).to.equal('a&#9;b&#10;c&#13;d');
  });

  it('drops the characters XML 1.0 forbids, and DEL and the C1 controls', () => {
    const forbidden = [
      '\u0000',
      '\u0001',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u000e',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u009f',
      '\ufffe',
      '\uffff',
      // Lone surrogates, high and low.
      '\ud800',
      '\udfff',
    ];
    for (const ch of forbidden) {
      const code = ch.charCodeAt(0).toString(16);
      expect(stripNonXml(`a${ch}b`), code).to.equal('ab');
      expect(xmlText(`<${ch}>`), code).to.equal('&lt;&gt;');
      expect(xmlAttr(`${ch}"`), code).to.equal('&quot;');
    }
  });

  it('keeps every character XML allows: Hangul, accents, astral characters, U+FFFD', () => {
    const text = '김정은 Kim Jong-un · Ch\u2019ŏl\u00a0é \u{1f600} \u{20000} \ufffd \ue000 \ud7ff';
    expect(stripNonXml(text)).to.equal(text);
    expect(xmlText(text)).to.equal(text);
  });
});

describe('search/atom ids, dates and titles', () => {
  it('gives one search one feed id, whatever the page, size, order or sidebar', () => {
    const id = feedId(parseSearchParams({ q: 'summit', agency: ['AP', 'AFP'] }));
    expect(id).to.match(/^urn:ireum:search:[0-9a-f]{32}$/);
    const same = [
      { q: 'summit', agency: ['AFP', 'AP'] },
      { q: '  summit ', agency: ['AP', 'AFP'], page: '3', size: '20', sort: 'oldest' },
      { q: 'summit', agency: ['AP', 'AFP', 'AP'], sort: 'relevance', more: 'person' },
      { q: 'summit', agency: ['AP', 'AFP'], person_q: 'kim' },
    ];
    for (const raw of same)
      expect(feedId(parseSearchParams(raw)), JSON.stringify(raw)).to.equal(id);
    const other = [
      { q: 'summits', agency: ['AP', 'AFP'] },
      { q: 'summit', agency: ['AP'] },
      { q: 'summit', agency: ['AP', 'AFP'], dateline: 'SEOUL' },
      { q: 'summit', agency: ['AP', 'AFP'], from: '2018-01-01' },
      { q: 'summit', agency: ['AP', 'AFP'], to: '2018-01-01' },
      { q: 'summit', agency: ['AP', 'AFP'], year: '2018' },
      { q: 'summit', agency: ['AP', 'AFP'], person: 'Kim Jong-un' },
    ];
    for (const raw of other) {
      expect(feedId(parseSearchParams(raw)), JSON.stringify(raw)).to.not.equal(id);
    }
    expect(feedId(parseSearchParams({}))).to.not.equal(feedId(parseSearchParams({ q: 'x' })));
  });

  it('links the canonical feed of a search', () => {
    const params = parseSearchParams({ q: 'Kim', agency: ['b', 'a'], page: '2', sort: 'oldest' });
    expect(feedPath(params)).to.equal('/feed.atom?q=Kim&agency=a&agency=b');
    expect(feedPath(parseSearchParams({ size: '20' }))).to.equal('/feed.atom');
  });

  it('asks for the newest FEED_SIZE hits of page one, filters kept', () => {
    const params = parseSearchParams({
      q: 'x',
      year: '2019',
      page: '4',
      size: '5',
      sort: 'oldest',
    });
    const asked = feedRequestParams(params);
    expect(FEED_SIZE).to.equal(50);
    expect(asked).to.include({ q: 'x', page: 1, size: FEED_SIZE, sort: 'newest' });
    expect(asked.filters.year).to.deep.equal(['2019']);
  });

  it('gives an article one entry id in every feed', () => {
    expect(entryId('kim-vows-3f2a')).to.equal('urn:ireum:article:kim-vows-3f2a');
    expect(entryId('a b')).to.equal('urn:ireum:article:a%20b');
  });

  it('writes article dates as RFC 3339 midnight UTC, and refuses non-dates', () => {
    expect(atomDate('2021-03-04')).to.equal('2021-03-04T00:00:00Z');
    expect(atomDate('2020-02-29')).to.equal('2020-02-29T00:00:00Z');
    for (const bad of ['', '2021-02-30', '2021-13-01', '21-03-04', '2021-03-04T00:00:00Z']) {
      expect(atomDate(bad), bad).to.equal(null);
    }
    expect(atomTimestamp(NOW)).to.equal('2030-01-02T03:04:05Z');
  });

  it('says what was searched in the title', () => {
    expect(feedTitle(parseSearchParams({}))).to.equal('Ireum: all articles');
    expect(
      feedTitle(
        parseSearchParams({
          q: 'summit',
          agency: ['AP', 'AFP'],
          from: '2018-01-01',
          sort: 'oldest',
        }),
      ),
    ).to.equal('Ireum: “summit” · Agency: AFP or AP · from 2018-01-01');
    expect(feedTitle(parseSearchParams({ to: '2019-12-31', person: 'Moon Jae-in' }))).to.equal(
      'Ireum: all articles · Person: Moon Jae-in · until 2019-12-31',
    );
  });

  it('turns highlighter snippets into one line of plain text', () => {
    expect(
      snippetText([
        'A &lt;b&gt; <mark>Kim</mark> &amp;\n co',
        '',
        'Second &quot;one&#x2F;two&quot;',
      ]),
    ).to.equal('A <b> Kim & co … Second "one/two"');
    expect(snippetText([])).to.equal('');
  });
});

describe('search/atom buildAtomFeed', () => {
  const params = parseSearchParams({ q: 'summit', agency: 'AP', page: '2', sort: 'oldest' });

  it('writes the feed head: id, title, newest date, self and alternate links', () => {
    const xml = buildAtomFeed({
      params,
      hits: [hit('b', '2019-06-30'), hit('a', '2018-04-27')],
      base: BASE,
      now: NOW,
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).to.equal(true);
    expect(xml).to.include('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).to.include(`<id>${feedId(params)}</id>`);
    expect(xml).to.include('<title type="text">Ireum: “summit” · Agency: AP</title>');
    expect(xml).to.include('<updated>2019-06-30T00:00:00Z</updated>');
    expect(xml).to.include(
      `<link rel="self" type="application/atom+xml" href="${BASE}/feed.atom?q=summit&amp;agency=AP"/>`,
    );
    expect(xml).to.include(
      `<link rel="alternate" type="text/html" href="${BASE}/search?q=summit&amp;agency=AP&amp;sort=newest"/>`,
    );
    expect(xml.match(/<entry>/g)).to.have.length(2);
  });

  it('writes an entry per hit, in the order given', () => {
    const xml = buildAtomFeed({
      params,
      hits: [
        hit('b', '2019-06-30', {
          agencies: ['AP', 'AFP'],
          snippets: ['The <mark>summit</mark> &amp; after'],
        }),
        hit('a', '2018-04-27', { agencies: [], snippets: [] }),
      ],
      base: BASE,
      now: NOW,
    });
    const entries = xml.split('<entry>').slice(1);
    expect(entries[0]).to.equal(
      [
        '',
        '    <id>urn:ireum:article:b</id>',
        '    <title type="text">Title of b</title>',
        `    <link rel="alternate" type="text/html" href="${BASE}/article/b"/>`,
        '    <updated>2019-06-30T00:00:00Z</updated>',
        '    <author><name>AP</name></author>',
        '    <author><name>AFP</name></author>',
        '    <summary type="text">The summit &amp; after</summary>',
        '  </entry>',
        '  ',
      ].join('\n'),
    );
    // No agency: the feed's own author stands for it; no snippet: no summary.
    expect(entries[1]).to.not.include('<author>');
    expect(entries[1]).to.not.include('<summary');
    expect(xml).to.include('  <author><name>Ireum</name></author>\n');
  });

  it('escapes hostile titles, agencies and snippets and drops forbidden characters', () => {
    const xml = buildAtomFeed({
      params: parseSearchParams({ q: '<script>"&\'' }),
      hits: [
        hit('x', '1999-07-04', {
          title: 'Zebra <script>alert("t")</script> & \u0001\u000b\ufffe\ud800 co',
          agencies: ['XSS <b>Agency</b> & "Co"', '\u0002'],
          snippets: ['<mark>Zebra</mark> &lt;img src=x onerror=alert(1)&gt; \u0000 met'],
        }),
      ],
      base: BASE,
      now: NOW,
    });
    expect(xml).to.include(
      '<title type="text">Zebra &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp;  co</title>',
    );
    expect(xml).to.include(
      '<author><name>XSS &lt;b&gt;Agency&lt;/b&gt; &amp; &quot;Co&quot;</name>',
    );
    // An agency that is nothing but forbidden characters makes no empty author.
    expect(xml.match(/<author>/g)).to.have.length(2);
    expect(xml).to.include(
      '<summary type="text">Zebra &lt;img src=x onerror=alert(1)&gt; met</summary>',
    );
    expect(xml).to.include('<title type="text">Ireum: “&lt;script&gt;&quot;&amp;&apos;”</title>');
    expect(xml).to.include('href="http://example.test:3000/feed.atom?q=%3Cscript%3E%22%26%27"');
    expect(xml).to.not.match(/<script|<img|<b>/);
    expect(stripNonXml(xml)).to.equal(xml);
    // Every & starts one of the references the builder writes.
    expect(xml.replace(/&(?:amp|lt|gt|quot|apos|#\d+);/g, '')).to.not.include('&');
  });

  it('is dated now when nothing matches, and keeps at most FEED_SIZE entries', () => {
    const empty = buildAtomFeed({ params, hits: [], base: BASE, now: NOW });
    expect(empty).to.include('<updated>2030-01-02T03:04:05Z</updated>');
    expect(empty).to.not.include('<entry>');
    const many = Array.from({ length: FEED_SIZE + 5 }, (_, i) =>
      hit(`h${i}`, `2020-01-${String((i % 28) + 1).padStart(2, '0')}`),
    );
    const xml = buildAtomFeed({ params, hits: many, base: BASE, now: NOW });
    expect(xml.match(/<entry>/g)).to.have.length(FEED_SIZE);
    // The newest of the entries it holds, not the first one's date.
    expect(xml).to.match(/<generator>Ireum<\/generator>/);
    expect(xml.split('<entry>')[0]).to.include('<updated>2020-01-28T00:00:00Z</updated>');
  });

  it("dates an entry without a usable date as the feed's newest", () => {
    const xml = buildAtomFeed({
      params,
      hits: [hit('a', '2019-01-01'), hit('b', 'not a date')],
      base: BASE,
      now: NOW,
    });
    expect(xml.split('<entry>')[0]).to.include('<updated>2019-01-01T00:00:00Z</updated>');
    expect(xml.split('<entry>')[2]).to.include('<updated>2019-01-01T00:00:00Z</updated>');
  });
});
