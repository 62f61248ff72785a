import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { ArticleDocument } from '../../src/articles/types.js';
import { createCompatClient } from '../../src/engine/client.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { FEED_SIZE } from '../../src/search/atom.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';

// GET /feed.atom over the real engine: data/sample, filler articles to pass FEED_SIZE, and two
// hostile documents. Every feed goes through a strict well-formedness check written below (no
// XML library is a dependency) and is compared with what /api/search answers for the same search.

const HOSTILE_ID = 'feed-hostile-0001';
const HOSTILE: ArticleDocument = {
  path: 'hostile/feed-xss.txt',
  date: '1999-07-04',
  year: 1999,
  title: 'Zebrafish <script>alert("t")</script> & \'co\' ]]> summit',
  agencies: ['XSS <b>Agency</b> & "Co"'],
  dateline: 'NOWHERE',
  body: 'A zebrafish delegation <img src=x onerror=alert(1)> met officials & "friends".',
  captions: [],
  credits: [],
  people: [],
  people_keys: [],
  title_people_keys: [],
  names: [],
  people_pivot: [],
  people_readings: [],
  people_spellings: [],
  hash: 'feed-hostile',
  cluster: 'feed-hostile',
  sample: 0,
};
const CONTROL_ID = 'feed-control-0001';
const CONTROL: ArticleDocument = {
  ...HOSTILE,
  path: 'hostile/feed-control.txt',
  date: '1999-07-03',
  title: 'Zebrafish\u0001 bell\u0007 and form\u000cfeed\u001f \ufffe',
  agencies: ['Control\u0000 Agency'],
  body: 'The zebrafish\u0008 report\u000b had \u001b[1m escapes.',
  hash: 'feed-control',
  cluster: 'feed-control',
  sample: 0,
};
const FILLER = 20;

// ---- A small, strict XML 1.0 reader: enough to prove a feed well-formed and walk it. ----

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, references decoded. */
  text: string;
}

const XML_CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const NAME = /^[A-Za-z_:][-A-Za-z0-9._:]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes references in character data or an attribute value; throws on a bare `&`. */
function decode(raw: string, where: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity &${ref}; in ${where}`);
    const ch = String.fromCodePoint(m[1] ? parseInt(m[1], 16) : Number(m[2]));
    if (!XML_CHAR.test(ch)) throw new Error(`reference to a forbidden character in ${where}`);
    return ch;
  });
}

/** The document's root element; throws at the first thing that is not well-formed XML 1.0. */
function parseXml(xml: string): XmlElement {
  if (!XML_CHAR.test(xml)) throw new Error('a character XML 1.0 forbids');
  let i = 0;
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (
      end === -1 ||
      !/^<\?xml version="1\.0"( encoding="[A-Za-z0-9._-]+")?\?>$/.test(xml.slice(0, end + 2))
    ) {
      throw new Error('bad XML declaration');
    }
    i = end + 2;
  }
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next === -1 ? xml.length : next);
      if (raw.includes(']]>')) throw new Error(']]> in character data');
      const text = decode(raw, 'text');
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error('text outside the root element');
      } else {
        stack[stack.length - 1]!.text += text;
      }
      i = next === -1 ? xml.length : next;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1 || xml.slice(i + 4, end).includes('--')) throw new Error('bad comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end === -1 || stack.length === 0) throw new Error('bad CDATA section');
      stack[stack.length - 1]!.text += xml.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) {
      throw new Error(`markup a feed has no use for at ${i}`);
    }
    if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0];
      const open = stack.pop();
      if (name === undefined || open?.name !== name) throw new Error(`mismatched </${name}>`);
      const after = xml.slice(i + 2 + name.length);
      const close = /^\s*>/.exec(after);
      if (!close) throw new Error(`bad end tag </${name}`);
      i += 2 + name.length + close[0].length;
      continue;
    }
    const name = NAME.exec(xml.slice(i + 1))?.[0];
    if (name === undefined) throw new Error(`bad tag at ${i}`);
    const element: XmlElement = { name, attrs: {}, children: [], text: '' };
    i += 1 + name.length;
    for (;;) {
      const space = /^\s*/.exec(xml.slice(i))![0];
      i += space.length;
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (space === '') throw new Error(`attributes of <${name}> need spaces between them`);
      const attr = /^([A-Za-z_:][-A-Za-z0-9._:]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(xml.slice(i));
      if (!attr) throw new Error(`bad attribute in <${name}>`);
      const attrName = attr[1]!;
      if (attrName in element.attrs) throw new Error(`duplicate attribute ${attrName}`);
      element.attrs[attrName] = decode(attr[3] ?? attr[4] ?? '', `@${attrName}`);
      i += attr[0].length;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root === null) root = element;
    else throw new Error('a second root element');
    if (xml.startsWith('/>', i)) {
      i += 2;
    } else {
      stack.push(element);
      i += 1;
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root === null) throw new Error('no root element');
  return root;
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

function child(el: XmlElement, name: string): XmlElement {
  const found = children(el, name);
  expect(found, `<${el.name}> has one <${name}>`).to.have.length(1);
  return found[0]!;
}

interface ApiHit {
  id: string;
  title: string;
  date: string;
  agencies: string[];
}

describe('Atom feeds (integration)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let app: Express;

  before(async () => {
    sample = await indexSample('feed-test');
    const client = testClient();
    const operations: unknown[] = [];
    for (let n = 0; n < FILLER; n++) {
      operations.push({ index: { _index: sample.alias, _id: `feed-filler-${n}` } });
      operations.push({
        ...HOSTILE,
        path: `filler/${n}.txt`,
        date: `2001-01-${String(n + 1).padStart(2, '0')}`,
        year: 2001,
        title: `Filler bulletin ${n}`,
        agencies: ['Filler Wire'],
        body: `Filler bulletin number ${n} about nothing much.`,
        hash: `filler-${n}`,
        cluster: `feed-filler-${n}`,
        sample: 0,
      });
    }
    operations.push({ index: { _index: sample.alias, _id: HOSTILE_ID } }, HOSTILE);
    operations.push({ index: { _index: sample.alias, _id: CONTROL_ID } }, CONTROL);
    const bulk = await client.bulk({ operations, refresh: true });
    expect(bulk.errors, JSON.stringify(bulk.items.slice(0, 2))).to.equal(false);
    app = createApp({
      search: createEngineSearchService({ client, alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
  });
  after(async () => {
    await sample?.cleanup();
  });

  async function feed(query: string, host?: string): Promise<{ xml: string; root: XmlElement }> {
    let req = request(app).get(`/feed.atom${query}`);
    if (host !== undefined) req = req.set('Host', host);
    const res = await req.expect(200).expect('content-type', 'application/atom+xml; charset=utf-8');
    const xml = res.text;
    return { xml, root: parseXml(xml) };
  }

  async function apiNewest(query: Record<string, string>): Promise<ApiHit[]> {
    const res = await request(app)
      .get('/api/search')
      .query({ ...query, sort: 'newest', size: String(FEED_SIZE) })
      .expect(200);
    return res.body.hits as ApiHit[];
  }

  it('checks well-formedness for real (the checker refuses broken XML)', () => {
    const bad = [
      '<a><b></a></b>',
      '<a>x & y</a>',
      '<a>&nbsp;</a>',
      '<a x="1" x="2"/>',
      '<a x="<"/>',
      '<a>\u0001</a>',
      '<a>&#1;</a>',
      '<a></a><b/>',
      '<a>',
      'text<a/>',
      '<a>]]></a>',
    ];
    for (const xml of bad) expect(() => parseXml(xml), xml).to.throw();
    const ok = parseXml('<?xml version="1.0"?><a x=\'&lt;\'><b>&amp;&#x41;</b><c/></a>');
    expect(ok.attrs['x']).to.equal('<');
    expect(child(ok, 'b').text).to.equal('&A');
  });

  it('lists the newest 50 matches, as /api/search?sort=newest&size=50 does', async () => {
    const queries: Record<string, string>[] = [
      {},
      { q: 'Kim Jong Un' },
      { q: 'summit', agency: 'AP' },
      { from: '2018-01-01', to: '2019-12-31' },
      { q: 'zzzzqqq nothing matches this' },
    ];
    let sawFull = false;
    for (const query of queries) {
      const hits = await apiNewest(query);
      const { root } = await feed('?' + new URLSearchParams(query).toString());
      const label = JSON.stringify(query);
      expect(root.name, label).to.equal('feed');
      expect(root.attrs['xmlns'], label).to.equal('http://www.w3.org/2005/Atom');
      const entries = children(root, 'entry');
      expect(entries.length, label).to.be.at.most(FEED_SIZE);
      expect(entries.length, label).to.equal(hits.length);
      if (entries.length === FEED_SIZE) sawFull = true;
      entries.forEach((entry, n) => {
        const hit = hits[n]!;
        expect(child(entry, 'id').text, label).to.equal(`urn:ireum:article:${hit.id}`);
        expect(child(entry, 'title').text, label).to.equal(hit.title);
        expect(child(entry, 'updated').text, label).to.equal(`${hit.date}T00:00:00Z`);
        const authors = children(entry, 'author').map((a) => child(a, 'name').text);
        expect(authors, label).to.deep.equal(hit.agencies);
        const link = child(entry, 'link');
        expect(link.attrs['href'], label).to.match(
          new RegExp(`^http://127\\.0\\.0\\.1:\\d+/article/${hit.id}$`),
        );
      });
      const dates = entries.map((e) => child(e, 'updated').text);
      expect(dates, label).to.deep.equal([...dates].sort().reverse());
      if (dates.length > 0) expect(child(root, 'updated').text, label).to.equal(dates[0]);
      else expect(child(root, 'updated').text, label).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    // The sample and the filler are more than a feed holds: the cap was reached at least once.
    expect(sawFull).to.equal(true);
  });

  it('gives entries a summary from the snippets, marks stripped', async () => {
    const { root } = await feed('?q=summit');
    const entries = children(root, 'entry');
    expect(entries).to.have.length.above(0);
    for (const entry of entries) {
      const summary = child(entry, 'summary').text;
      expect(summary).to.not.match(/<\/?mark>/);
      expect(summary.length).to.be.above(0);
    }
  });

  it('keeps one feed id per search, whatever the page, size or sort', async () => {
    const id = async (query: string) => child((await feed(query)).root, 'id').text;
    const base = await id('?q=Kim+Jong+Un&agency=AP');
    expect(base).to.match(/^urn:ireum:search:[0-9a-f]+$/);
    for (const same of [
      '?q=Kim+Jong+Un&agency=AP&page=2',
      '?q=Kim+Jong+Un&agency=AP&sort=oldest&size=5',
      '?agency=AP&q=Kim%20Jong%20Un&sort=relevance&more=person',
    ]) {
      expect(await id(same), same).to.equal(base);
    }
    for (const other of [
      '?q=Moon+Jae-in&agency=AP',
      '?q=Kim+Jong+Un',
      '?q=Kim+Jong+Un&agency=AFP',
    ]) {
      expect(await id(other), other).to.not.equal(base);
    }
    // sort=oldest changes neither the id nor the order of the entries.
    const entryIds = async (query: string) =>
      children((await feed(query)).root, 'entry').map((e) => child(e, 'id').text);
    expect(await entryIds('?q=summit&sort=oldest&page=3&size=7')).to.deep.equal(
      await entryIds('?q=summit'),
    );
  });

  it('links itself and the results page with the Host the request came to', async () => {
    const { root } = await feed('?q=summit&agency=AP&page=2&sort=oldest', 'feeds.example:8080');
    const links = children(root, 'link');
    const self = links.find((l) => l.attrs['rel'] === 'self');
    const alternate = links.find((l) => l.attrs['rel'] === 'alternate');
    expect(self?.attrs['href']).to.equal('http://feeds.example:8080/feed.atom?q=summit&agency=AP');
    expect(self?.attrs['type']).to.equal('application/atom+xml');
    expect(alternate?.attrs['href']).to.equal(
      'http://feeds.example:8080/search?q=summit&agency=AP&sort=newest',
    );
    expect(alternate?.attrs['type']).to.equal('text/html');
    expect(child(root, 'title').text).to.equal('Ireum: “summit” · Agency: AP');
    for (const entry of children(root, 'entry')) {
      expect(child(entry, 'link').attrs['href']).to.match(
        /^http:\/\/feeds\.example:8080\/article\//,
      );
    }
    await request(app).get('/feed.atom?q=x').set('Host', 'evil"><x').expect(400);
  });

  it('escapes hostile text and drops the characters XML cannot carry', async () => {
    const { xml, root } = await feed('?q=zebrafish');
    expect(xml).to.not.match(/<script|<img|<b>/);
    const entries = children(root, 'entry');
    const byId = new Map(entries.map((e) => [child(e, 'id').text, e]));
    const hostile = byId.get(`urn:ireum:article:${HOSTILE_ID}`);
    const control = byId.get(`urn:ireum:article:${CONTROL_ID}`);
    expect(hostile, 'the hostile article is in the feed').to.not.equal(undefined);
    expect(control, 'the article with control characters is in the feed').to.not.equal(undefined);
    expect(child(hostile!, 'title').text).to.equal(HOSTILE.title);
    expect(child(child(hostile!, 'author'), 'name').text).to.equal(HOSTILE.agencies[0]);
    expect(child(hostile!, 'summary').text).to.include('<img src=x onerror=alert(1)>');
    expect(child(control!, 'title').text).to.equal('Zebrafish bell and formfeed ');
    expect(child(child(control!, 'author'), 'name').text).to.equal('Control Agency');
    expect(child(control!, 'summary').text).to.include('zebrafish report had [1m escapes');

    const query = `<script>"&'\u0001`;
    const hostileQuery = await feed('?q=' + encodeURIComponent(query));
    expect(child(hostileQuery.root, 'title').text).to.equal(`Ireum: “<script>"&'”`);
  });

  it('answers 400 for bad parameters, as /api/search does', async () => {
    for (const bad of ['size=500', 'page=2000', 'from=2021-13-01', 'sort=best', 'year=20x1']) {
      const api = await request(app).get(`/api/search?${bad}`).expect(400);
      const res = await request(app)
        .get(`/feed.atom?${bad}`)
        .expect(400)
        .expect('content-type', /application\/json/);
      expect(res.body, bad).to.deep.equal(api.body);
    }
  });

  it('answers 503 with Retry-After when the engine is down or the alias missing', async () => {
    const dead = createCompatClient({ url: 'http://127.0.0.1:9', maxRetries: 0 });
    try {
      const down = createApp({
        search: createEngineSearchService({ client: dead, alias: 'x' }),
        env: 'test',
      });
      const res = await request(down)
        .get('/feed.atom?q=kim')
        .expect(503)
        .expect('retry-after', /^\d+$/);
      expect(res.body).to.deep.equal({ error: 'search is temporarily unavailable' });
    } finally {
      await dead.close();
    }
    const missing = createApp({
      search: createEngineSearchService({ client: testClient(), alias: 'feed-missing-alias' }),
      env: 'test',
    });
    await request(missing).get('/feed.atom').expect(503).expect('retry-after', /^\d+$/);
  });

  it('is linked from results pages, in the head and as "Follow this search"', async () => {
    const page = await request(app)
      .get('/search?q=summit&agency=AP&page=1&sort=oldest')
      .expect(200);
    const head = page.text.slice(0, page.text.indexOf('</head>'));
    const alternate = /<link rel="alternate" type="application\/atom\+xml" href="([^"]+)"/.exec(
      head,
    );
    expect(alternate?.[1]).to.equal('/feed.atom?q=summit&amp;agency=AP');
    const follow = /<a class="feed-link" href="([^"]+)"[^>]*>Follow this search<\/a>/.exec(
      page.text,
    );
    expect(follow?.[1]).to.equal('/feed.atom?q=summit&amp;agency=AP');
    const { root } = await feed('?q=summit&agency=AP');
    expect(children(root, 'entry')).to.have.length.above(0);
    // The landing page lists the newest articles: it has a feed too. A page that could not
    // search has none.
    expect((await request(app).get('/').expect(200)).text).to.include('href="/feed.atom"');
    const broken = await request(app).get('/search?size=500').expect(400);
    expect(broken.text).to.not.include('application/atom+xml');
    expect(broken.text).to.not.include('Follow this search');
  });
});
