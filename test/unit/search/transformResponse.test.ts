import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformArticle } from '../../../src/search/article.js';
import {
  alsoFrom,
  copiesRequest,
  parseCopiesResponse,
  parseStories,
  storiesNeeded,
  storiesRequest,
} from '../../../src/search/copies.js';
import { clipSnippet, mergeMarks } from '../../../src/search/marks.js';
import { stripMarks } from '../../../src/search/escape.js';
import { MAX_SNIPPET_CHARS } from '../../../src/search/highlight.js';
import { parseSearchParams } from '../../../src/search/params.js';
import { snippets, toApiJson, transformResponse } from '../../../src/search/transformResponse.js';

// Responses recorded from OpenSearch for requests built by buildSearchRequest over data/sample
// (test/support/recordFixtures.ts records them again after a builder changes).
const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/search/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fixture(name: string): any {
  return JSON.parse(readFileSync(FIXTURES + name + '.json', 'utf8'));
}

describe('search/transformResponse on recorded responses', () => {
  it('maps hits, disjunctive facets, histogram and the API shape', () => {
    const { params: raw, response } = fixture('search-kim-agency');
    const params = parseSearchParams(raw);
    const results = transformResponse(params, response);
    const api = toApiJson(results);
    expect(api).to.have.keys([
      'total',
      'total_estimate',
      'approximate',
      'stories',
      'page',
      'size',
      'took_ms',
      'hits',
      'facets',
      'facets_has_more',
      'histogram',
      'suggestion',
      'exact_names',
    ]);
    expect(api.facets_has_more).to.have.keys(['agency', 'dateline', 'person', 'year']);
    for (const facet of ['agency', 'dateline', 'person', 'year'] as const) {
      expect(api.facets_has_more[facet]).to.equal(results.facets[facet].hasMore);
    }
    expect(api.total).to.deep.equal({ value: 1, relation: 'eq' });
    expect(api.page).to.equal(1);
    expect(api.size).to.equal(3);
    const hit = api.hits[0]!;
    expect(hit).to.have.keys([
      'id',
      'path',
      'title',
      'title_html',
      'date',
      'agencies',
      'dateline',
      'people',
      'snippets',
      'matched_names',
      'copies',
    ]);
    expect(hit.agencies).to.include('AP');
    expect(hit.snippets.length).to.be.within(1, 3);
    for (const s of hit.snippets) expect(s).to.include('<mark>');
    // The selected agency keeps the count of the others' alternatives (disjunctive).
    expect(api.facets.agency).to.deep.equal([
      { value: 'AFP', count: 2, selected: false },
      { value: 'Reuters', count: 2, selected: false },
      { value: 'AP', count: 1, selected: true },
    ]);
    expect(api.histogram).to.deep.equal([
      { key: '2013', from: '2013-01-01', to: '2013-12-31', count: 1 },
    ]);
    expect(api.suggestion).to.equal(null);
  });

  it('uses the body lead as the snippet when nothing matched (empty query)', () => {
    const { params: raw, response } = fixture('search-empty');
    const results = transformResponse(parseSearchParams(raw), response);
    expect(results.total.value).to.equal(36);
    expect(results.hits).to.have.length(2);
    for (const hit of results.hits) {
      expect(hit.snippets).to.have.length(1);
      expect(hit.snippets[0]).not.to.include('<mark>');
      expect(hit.title_html).not.to.include('<mark>');
    }
    expect(results.hits[0]!.date >= results.hits[1]!.date).to.equal(true);
  });

  it('offers the suggestion when nothing matched', () => {
    const { params: raw, response, suggest } = fixture('search-misspelt');
    const params = parseSearchParams(raw);
    expect(transformResponse(params, response, { suggest }).suggestion).to.equal('missile');
    expect(transformResponse(params, response).suggestion).to.equal(null);
  });

  it('reports gte totals as the engine gives them', () => {
    const { params: raw, response } = fixture('search-empty');
    const r = transformResponse(parseSearchParams(raw), {
      ...response,
      hits: { ...response.hits, total: { value: 100000, relation: 'gte' } },
    });
    expect(r.total).to.deep.equal({ value: 100000, relation: 'gte' });
  });

  it('keeps a selected value with zero count visible', () => {
    const { response } = fixture('search-empty');
    const params = parseSearchParams({ dateline: 'NOWHERE' });
    const r = transformResponse(params, response);
    expect(r.facets.dateline.values.at(-1)).to.deep.equal({
      value: 'NOWHERE',
      count: 0,
      selected: true,
    });
  });

  it('escapes titles that did not come back highlighted', () => {
    const { params: raw, response } = fixture('search-empty');
    const hostile = structuredClone(response);
    hostile.hits.hits[0]._source.title = '<script>alert(1)</script>';
    const hit = transformResponse(parseSearchParams(raw), hostile).hits[0]!;
    expect(hit.title_html).to.equal('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('search/transformResponse snippets', () => {
  it('prefers marked fragments, de-duplicates across twins, keeps three', () => {
    expect(
      snippets({
        'body.stemmed': [
          'lead without marks',
          'a <mark>b</mark>',
          'c <mark>d</mark>',
          'a <mark>b</mark>',
        ],
        'captions.stemmed': ['e <mark>f</mark>', 'g <mark>h</mark>'],
      }),
    ).to.deep.equal(['a <mark>b</mark>', 'c <mark>d</mark>', 'e <mark>f</mark>']);
  });
});

describe('search/marks mergeMarks', () => {
  it('unions the marks of several versions and escapes once', () => {
    const text = 'Talks & talking <b>';
    expect(
      mergeMarks(text, [
        '<mark>Talks</mark> &amp; talking &lt;b&gt;',
        'Talks &amp; <mark>talking</mark> &lt;b&gt;',
      ]),
    ).to.equal('<mark>Talks</mark> &amp; <mark>talking</mark> &lt;b&gt;');
  });

  it('ignores versions that are not the whole text', () => {
    expect(mergeMarks('a <i>', ['<mark>a</mark> x'])).to.equal('a &lt;i&gt;');
  });
});

describe('search/article transformArticle', () => {
  it('splits paragraphs and keeps highlights', () => {
    const { id, response } = fixture('article-missile');
    const article = transformArticle(response)!;
    expect(article.id).to.equal(id);
    expect(article.paragraphs_html.length).to.be.greaterThan(2);
    expect(article.paragraphs_html.join(' ')).to.include('<mark>');
    expect(article.people).to.be.an('array');
  });

  it('returns null when there is no such article', () => {
    expect(
      transformArticle({
        took: 1,
        timed_out: false,
        _shards: { total: 1, successful: 1, failed: 0 },
        hits: { hits: [] },
      }),
    ).to.equal(null);
  });
});

describe('search/transformResponse snippets from whole sentences', () => {
  const long =
    'In a statement carried late on Tuesday by the official news agency after a meeting of the ' +
    'ruling party&#x27;s central committee in the capital, the leader said that <mark>Kim</mark> ' +
    '<mark>Jong</mark>-<mark>un</mark> would inspect the new factories in the northern provinces ' +
    'before the end of the year, and that work on the railway would continue through the winter ' +
    'despite the shortages of fuel and steel reported by several aid groups.';

  it('keeps a sentence of ordinary length whole', () => {
    const short = 'He met <mark>Kim</mark> in Seoul.';
    expect(snippets({ 'body.stemmed': [short] })).to.deep.equal([short]);
  });

  it('clips a long sentence around its first mark, between words, with ellipses', () => {
    const [clipped] = snippets({ 'body.stemmed': [long] });
    const text = stripMarks(clipped!);
    expect(text.length).to.be.at.most(MAX_SNIPPET_CHARS + 4);
    expect(text).to.match(/^… \S/).and.to.match(/\S …$/);
    expect(clipped).to.include('<mark>Kim</mark> <mark>Jong</mark>-<mark>un</mark> would');
    // The cut words are whole: the text without ellipses is a run of the sentence's words.
    const inner = text.replace(/^… /, '').replace(/ …$/, '');
    expect(stripMarks(long).replace(/&#x27;/g, "'")).to.include(inner.replace(/&#39;/g, "'"));
  });

  it('never cuts inside a mark, however the length falls', () => {
    for (let max = 20; max < 120; max += 7) {
      const clipped = clipSnippet(long, max);
      expect(clipped.split('<mark>').length, clipped).to.equal(clipped.split('</mark>').length);
      expect(clipped).to.include('<mark>Kim</mark>');
    }
  });

  it('leaves HTML with unbalanced marks as it is', () => {
    const odd = `${'word '.repeat(80)}<mark>Kim`;
    expect(clipSnippet(odd, 40)).to.equal(odd);
  });

  it('escapes the text it rebuilds, as the engine did', () => {
    const html = `${'a '.repeat(150)}&lt;b&gt; <mark>Kim</mark> &amp; co`;
    const clipped = clipSnippet(html, 60);
    expect(clipped).to.include('&lt;b&gt; <mark>Kim</mark> &amp; co');
    expect(clipped).to.not.match(/<b>/);
  });
});

describe('search/transformResponse wire copies', () => {
  it('lists a collapsed hit’s other copies, oldest first, and counts stories', () => {
    const { params: raw, response, copies } = fixture('search-copies');
    const results = transformResponse(parseSearchParams(raw), response, {
      copies: parseCopiesResponse(copies),
      stories: 1,
    });
    const inner = copies.aggregations.clusters.buckets[0].members.hits.hits;
    expect(results.stories).to.equal(1);
    expect(results.hits).to.have.length(1);
    const hit = results.hits[0]!;
    // The copies are the cluster's other members: the hit itself is left out.
    const others = inner.filter((h: { _id: string }) => h._id !== hit.id);
    expect(hit.copies.map((c) => c.id)).to.deep.equal(others.map((h: { _id: string }) => h._id));
    expect(hit.copies.length).to.be.above(0);
    for (const [i, c] of hit.copies.entries()) {
      const src = others[i]._source;
      expect(c).to.deep.equal({
        id: others[i]._id,
        agency: src.agencies.join(' and '),
        date: src.date,
        title: src.title,
      });
    }
    expect(alsoFrom(hit.agencies, hit.copies)).to.not.include.members(hit.agencies);
  });

  it('has no copies and no story count when every copy is shown', () => {
    const { response } = fixture('search-kim-agency');
    const results = transformResponse(parseSearchParams({ dup: 'all' }), response);
    expect(results.stories).to.equal(null);
    for (const hit of results.hits) expect(hit.copies).to.deep.equal([]);
  });
});

describe('search/copies alsoFrom', () => {
  it('names the agencies the copies add, once each, in order', () => {
    const copy = (agency: string) => ({ id: agency, agency, date: '2020-01-01', title: 't' });
    expect(
      alsoFrom(['AP'], [copy('AFP'), copy('AP and Yonhap'), copy('AFP'), copy('')]),
    ).to.deep.equal(['AFP', 'Yonhap']);
    expect(alsoFrom(['AP'], [copy('AP')])).to.deep.equal([]);
  });
});

describe('search/copies copiesRequest', () => {
  it('asks, cached and size 0, every member of the page’s clusters that have copies', () => {
    expect(copiesRequest(['a', 'b', 'a'])).to.deep.equal({
      request_cache: true,
      size: 0,
      track_total_hits: false,
      query: { terms: { cluster: ['a', 'b'] } },
      aggs: {
        clusters: {
          terms: { field: 'cluster', size: 2, min_doc_count: 2 },
          aggs: {
            members: {
              top_hits: {
                size: 11,
                _source: ['title', 'agencies', 'date'],
                sort: [{ date: { order: 'asc' } }, { path: { order: 'asc' } }],
              },
            },
          },
        },
      },
    });
  });
});

describe('search/copies story counts', () => {
  const eq = (value: number) => ({ value, relation: 'eq' as const });
  it('takes the count from a first page that holds every hit, asks when counted, else not', () => {
    expect(storiesNeeded(parseSearchParams({}), eq(7), 5)).to.equal(5);
    expect(storiesNeeded(parseSearchParams({}), eq(40), 10)).to.equal('ask');
    expect(storiesNeeded(parseSearchParams({ page: '2' }), eq(14), 3)).to.equal('ask');
    expect(storiesNeeded(parseSearchParams({}), { value: 10000, relation: 'gte' }, 10)).to.equal(
      null,
    );
    expect(storiesNeeded(parseSearchParams({ dup: 'all' }), eq(7), 5)).to.equal(null);
  });

  it('counts clusters under the query and the selections, cached and size 0', () => {
    const query = { match: { body: 'talks' } };
    const post = { terms: { agencies: ['AP'] } };
    expect(storiesRequest({ query, post_filter: post })).to.deep.equal({
      request_cache: true,
      size: 0,
      track_total_hits: false,
      query: { bool: { must: [query], filter: [post] } },
      aggs: { stories: { cardinality: { field: 'cluster', precision_threshold: 10000 } } },
    });
    expect(storiesRequest({ query }).query).to.deep.equal(query);
    expect(parseStories({ aggregations: { stories: { value: 3 } } })).to.equal(3);
    expect(parseStories({})).to.equal(null);
  });
});
