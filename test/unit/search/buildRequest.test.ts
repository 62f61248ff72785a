import type { estypes } from '@elastic/elasticsearch';
import { expect } from 'chai';
import {
  buildArticleRequest,
  buildSearchRequest,
  buildSuggestRequest,
} from '../../../src/search/buildRequest.js';
import { containsRegex } from '../../../src/search/facets.js';
import { detectNames } from '../../../src/search/nameQuery.js';
import { parseSearchParams } from '../../../src/search/params.js';
import {
  LITERAL_FIELDS,
  VERBATIM_FIELDS,
  phraseText,
  TEXT_FIELDS,
  textQuery,
} from '../../../src/search/textQuery.js';

const HIGHLIGHT = {
  type: 'unified',
  encoder: 'html',
  pre_tags: ['<mark>'],
  post_tags: ['</mark>'],
  require_field_match: false,
  fields: {
    title: { number_of_fragments: 0 },
    'title.stemmed': { number_of_fragments: 0 },
    'body.stemmed': { fragment_size: 0, number_of_fragments: 3, no_match_size: 160 },
    'captions.stemmed': { fragment_size: 0, number_of_fragments: 3 },
  },
};

const SOURCE = ['path', 'date', 'title', 'agencies', 'dateline', 'people', 'names', 'cluster'];

// Wire copies collapse into one hit (their list comes from copiesRequest, not inner hits).
const COLLAPSE = { field: 'cluster' };

const FIELDS = [
  'title^3',
  'title.stemmed^1.5',
  'people.name^3',
  'names^3',
  'body.stemmed',
  'captions.stemmed',
];

function facetAgg(
  field: string,
  filter: unknown,
  extra: Record<string, unknown> = {},
  selected?: unknown[],
) {
  return {
    filter,
    aggs: {
      values: { terms: { field, size: 11, ...extra } },
      ...(selected
        ? {
            selected: {
              terms: { field, include: selected, size: selected.length, min_doc_count: 0 },
            },
          }
        : {}),
    },
  };
}

describe('search/buildRequest buildSuggestRequest', () => {
  it('asks a cached, size-0 phrase suggestion over the body and nothing else', () => {
    expect(buildSuggestRequest(parseSearchParams({ q: 'misile tets' }))).to.deep.equal({
      request_cache: true,
      size: 0,
      track_total_hits: false,
      suggest: {
        text: 'misile tets',
        did_you_mean: {
          phrase: {
            field: 'body',
            size: 3,
            max_errors: 2,
            direct_generator: [{ field: 'body', suggest_mode: 'missing' }],
            collate: {
              query: { source: '{"match":{"body":{"query":"{{suggestion}}","operator":"and"}}}' },
              prune: false,
            },
          },
        },
      },
    });
  });

  it('asks nothing for words too long to be misspellings (engines refuse them)', () => {
    expect(buildSuggestRequest(parseSearchParams({ q: '김정은'.repeat(20) }))).to.equal(null);
  });

  it('asks nothing for operator queries or an empty query', () => {
    expect(buildSuggestRequest(parseSearchParams({ q: '"kim jong" -moon' }))).to.equal(null);
    expect(buildSuggestRequest(parseSearchParams({}))).to.equal(null);
  });
});

describe('search/buildRequest buildSearchRequest', () => {
  it('builds match_all sorted newest for an empty query', () => {
    const body = buildSearchRequest(parseSearchParams({}));
    const all = { match_all: {} };
    expect(body).to.deep.equal({
      request_cache: true,
      query: all,
      collapse: COLLAPSE,
      from: 0,
      size: 10,
      sort: [{ date: { order: 'desc' } }, { path: { order: 'asc' } }],
      track_total_hits: 10000,
      _source: SOURCE,
      highlight: HIGHLIGHT,
      aggs: {
        facet_agency: facetAgg('agencies', all),
        facet_dateline: facetAgg('dateline', all),
        facet_person: facetAgg('people', all),
        facet_year: facetAgg('year', all, { order: { _key: 'desc' } }),
        histogram: {
          filter: all,
          aggs: {
            dates: {
              date_histogram: {
                field: 'date',
                calendar_interval: 'year',
                format: 'yyyy-MM-dd',
                min_doc_count: 0,
              },
            },
          },
        },
      },
    });
  });

  it('shows every copy with dup=all: no collapse and no story count', () => {
    const body = buildSearchRequest(parseSearchParams({ q: 'talks', dup: 'all' }));
    expect(body).to.not.have.property('collapse');
    expect(body.aggs).to.not.have.property('stories');
  });

  it('puts selections in post_filter and each facet agg under the OTHER facets (disjunctive)', () => {
    const params = parseSearchParams({
      q: 'nuclear talks',
      agency: ['AP', 'AFP'],
      person: 'Kim Jong-un',
      year: '2018',
      from: '2018-03-01',
      to: '2019-02-28',
      page: '2',
      size: '20',
    });
    const agency = { terms: { agencies: ['AP', 'AFP'] } };
    const person = { terms: { people: ['Kim Jong-un'] } };
    const year = { terms: { year: [2018] } };
    const words = {
      simple_query_string: {
        query: 'nuclear talks',
        fields: FIELDS,
        default_operator: 'and',
        lenient: true,
      },
    };
    const body = buildSearchRequest(params);
    expect(body).to.deep.equal({
      request_cache: true,
      query: {
        bool: {
          must: [
            {
              bool: {
                must: [words],
                should: [
                  { match_phrase: { title: { query: 'nuclear talks', boost: 4 } } },
                  // Exact: `body` answers it from indexed word pairs.
                  { match_phrase: { body: { query: 'nuclear talks', boost: 2 } } },
                ],
              },
            },
          ],
          filter: [
            { range: { date: { format: 'strict_date', gte: '2018-03-01', lte: '2019-02-28' } } },
          ],
        },
      },
      post_filter: { bool: { filter: [agency, person, year] } },
      collapse: COLLAPSE,
      from: 20,
      size: 20,
      sort: [
        { _score: { order: 'desc' } },
        { date: { order: 'desc' } },
        { path: { order: 'asc' } },
      ],
      track_total_hits: 10000,
      _source: SOURCE,
      // The highlighter reads the body's phrase on body.stemmed, whose positions it can mark.
      highlight: {
        ...HIGHLIGHT,
        highlight_query: {
          bool: {
            must: [words],
            should: [
              { match_phrase: { title: { query: 'nuclear talks', boost: 4 } } },
              { match_phrase: { 'body.stemmed': { query: 'nuclear talks', boost: 2 } } },
            ],
          },
        },
      },
      aggs: {
        facet_agency: facetAgg('agencies', { bool: { filter: [person, year] } }, {}, ['AP', 'AFP']),
        facet_dateline: facetAgg('dateline', { bool: { filter: [agency, person, year] } }),
        facet_person: facetAgg('people', { bool: { filter: [agency, year] } }, {}, ['Kim Jong-un']),
        facet_year: facetAgg(
          'year',
          { bool: { filter: [agency, person] } },
          { order: { _key: 'desc' } },
          [2018],
        ),
        histogram: {
          filter: { bool: { filter: [agency, person, year] } },
          aggs: {
            dates: {
              date_histogram: {
                field: 'date',
                // 2018-03-01..2018-12-31 after the year selection: monthly bars, zero-filled.
                calendar_interval: 'month',
                format: 'yyyy-MM-dd',
                min_doc_count: 0,
                extended_bounds: { min: '2018-03-01', max: '2018-12-31' },
              },
            },
          },
        },
      },
    });
  });

  it('shows 50 values for the expanded facet and filters people by the search box', () => {
    const body = buildSearchRequest(parseSearchParams({ more: 'person', person_q: 'jong-U' }));
    const terms = (
      body.aggs!['facet_person']!.aggs!['values'] as { terms: Record<string, unknown> }
    ).terms;
    expect(terms).to.deep.equal({
      field: 'people',
      size: 51,
      include: '.*[jJ][oO][nN][gG]\\-[uU].*',
    });
    expect(
      (body.aggs!['facet_agency']!.aggs!['values'] as { terms: { size: number } }).terms.size,
    ).to.equal(11);
  });

  it('never asks past the 10,000 result window', () => {
    const body = buildSearchRequest(parseSearchParams({ page: '334', size: '30' }));
    expect(body.from).to.equal(9990);
    expect(body.size).to.equal(10);
  });

  it('adds no phrase boost for operator queries', () => {
    const body = buildSearchRequest(parseSearchParams({ q: '"kim jong" -moon' }));
    const should = (body.query as { bool: { should?: unknown } }).bool.should;
    // The quoted `kim jong` is a name clause (scoring only); no whole-query phrase with slop.
    expect(JSON.stringify(should ?? [])).to.not.contain('"slop"');
  });

  it('requires a name in the query as a name, and only the other words as words', () => {
    const body = buildSearchRequest(parseSearchParams({ q: 'Gim Jeong-eun nuclear' }));
    const must = (body.query as { bool: { must: estypes.QueryDslQueryContainer[] } }).bool.must;
    expect(must).to.have.length(2);
    expect(JSON.stringify(must[0])).to.contain('"people_keys"');
    expect(must[1]).to.deep.equal({
      simple_query_string: {
        query: 'nuclear',
        fields: TEXT_FIELDS,
        default_operator: 'and',
        lenient: true,
      },
    });
  });

  it('keeps the user syntax in operator queries, names only adding to the score', () => {
    const body = buildSearchRequest(parseSearchParams({ q: 'Kim Jong Un -missile' }));
    const bool = (body.query as { bool: { must: unknown[]; should: unknown[] } }).bool;
    expect(bool.must).to.have.length(1);
    expect(JSON.stringify(bool.must[0])).to.contain('Kim Jong Un -missile');
    expect(JSON.stringify(bool.should)).to.contain('"people_keys"');
  });
});

describe('search/textQuery', () => {
  it('treats in-word hyphens as text and leading ones as operators', () => {
    expect(phraseText('Kim Jong-un visit')).to.equal('Kim Jong-un visit');
    expect(phraseText('kim -moon')).to.equal(null);
    expect(phraseText('missile OR rocket')).to.equal(null);
    expect(phraseText('missile')).to.equal(null);
    expect(textQuery('')).to.deep.equal({ match_all: {} });
  });

  it('reads a query with quotes as written: unstemmed texts, no name fields', () => {
    const fields = (q: string) =>
      (textQuery(q) as { bool: { must: { simple_query_string: { fields: string[] } }[] } }).bool
        .must[0]!.simple_query_string.fields;
    expect(fields('"family reunions"')).to.deep.equal(['title^3', 'body', 'captions']);
    expect(fields('"family reunions" sanctions')).to.deep.equal(VERBATIM_FIELDS);
    expect(fields('family reunions')).to.deep.equal(TEXT_FIELDS);
  });

  it('gives a query read as written its stemmed twins to highlight with', () => {
    const h = buildSearchRequest(parseSearchParams({ q: '"family reunions"' })).highlight!;
    const sqs = JSON.stringify(h.highlight_query);
    // Snippets come from the stemmed fields, whose terms the unstemmed query never names.
    for (const f of [
      'title^3',
      'body',
      'captions',
      'title.stemmed^3',
      'body.stemmed',
      'captions.stemmed',
    ]) {
      expect(sqs).to.contain(`"${f}"`);
    }
    // A query with the stemmed fields already is left as it is.
    expect(
      buildSearchRequest(parseSearchParams({ q: 'missile' })).highlight!.highlight_query,
    ).to.equal(undefined);
  });

  it('matches names by pivot phrase when the index predates people_readings', () => {
    const q = JSON.stringify(
      buildSearchRequest(parseSearchParams({ q: 'Park Won-jong' }), { pivotPhrases: true }).query,
    );
    expect(q).to.contain('{"match_phrase":{"people_pivot":"^ 박 원 정,종 $"}}');
    expect(q).to.not.contain('people_readings');
    const now = JSON.stringify(buildSearchRequest(parseSearchParams({ q: 'Park Won-jong' })).query);
    expect(now).to.contain('{"terms":{"people_readings":["박 원 정","박 원 종"]}}');
    expect(now).to.not.contain('people_pivot');
  });

  it('searches Hangul words that are no name without the folded name fields', () => {
    const fieldsOf = (q: string) =>
      (textQuery(q) as { bool: { must: { simple_query_string: { fields: string[] } }[] } }).bool
        .must[0]!.simple_query_string.fields;
    // 이후 ("after") is a word; its coarse name key would also be 이호's.
    expect(fieldsOf('이후')).to.deep.equal(LITERAL_FIELDS);
    expect(LITERAL_FIELDS).to.not.include.members(['names^3', 'people.name^3']);
    expect(fieldsOf('이후 회담')).to.not.include('names^3');
    // Latin words keep them (a name the extractor did not read is still found).
    expect(fieldsOf('talks')).to.deep.equal(TEXT_FIELDS);
    expect(fieldsOf('이후 talks')).to.deep.equal(TEXT_FIELDS);
    // A name among operators keeps them: the words must still reach its romanized spellings.
    const names = detectNames('김정은 -회담');
    expect(names.map((n) => n.query)).to.deep.equal(['김정은']);
    const withName = textQuery('김정은 -회담', names) as {
      bool: { must: { simple_query_string: { fields: string[] } }[] };
    };
    expect(withName.bool.must[0]!.simple_query_string.fields).to.deep.equal(TEXT_FIELDS);
  });
});

describe('search/facets containsRegex', () => {
  it('makes every character literal and letters case-insensitive', () => {
    expect(containsRegex('Ab.*(')).to.equal('.*[aA][bB]\\.\\*\\(.*');
    expect(containsRegex('김정')).to.equal('.*김정.*');
  });
});

describe('search/buildRequest buildArticleRequest', () => {
  it('fetches by id, highlighting whole fields only when there is a query', () => {
    expect(buildArticleRequest('a-1', '')).to.deep.equal({
      query: { ids: { values: ['a-1'] } },
      size: 1,
      _source: { excludes: ['names', 'people_keys', 'title_people_keys'] },
    });
    const withQ = buildArticleRequest('a-1', 'talks');
    expect(withQ.highlight?.highlight_query).to.deep.equal(textQuery('talks'));
    expect(withQ.highlight?.fields).to.have.keys([
      'title',
      'title.stemmed',
      'body',
      'body.stemmed',
      'captions',
      'captions.stemmed',
    ]);
  });
});
