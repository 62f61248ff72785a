import { MAX_SUGGEST_CHARS } from '../search/suggestPeople.js';
import { FACET_MORE_SIZE, FACET_SIZE } from '../search/facets.js';
import { FACET_NAMES, MAX_QUERY_CHARS, MAX_WINDOW, PARAM_TABLE } from '../search/params.js';
import type { ParamSpec } from '../search/paramTable.js';
import {
  EXPORT_COLUMNS,
  EXPORT_CONTENT_TYPES,
  exportFilename,
  type ExportFormat,
} from '../search/export.js';
import { FEED_SIZE } from '../search/atom.js';
import { EXACT_FACET_LIMIT } from '../search/sampling.js';
import { MAX_BATCH_NAMES, MAX_BATCH_NAME_CHARS } from '../search/peopleBatch.js';

// The OpenAPI 3.1 document served at /api/openapi.json. The search parameters come from
// PARAM_TABLE, so a parameter added there is documented here without an edit; the routes and
// response shapes are written out below. test/unit/web/openapi.test.ts checks that every route
// createApp registers and every row of the table appear here, and nothing else.

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const strings = { type: 'array', items: { type: 'string' } };
const HTML = { 'text/html': { schema: { type: 'string' } } };
const json = (schema: Json) => ({ 'application/json': { schema } });
const WINDOW = MAX_WINDOW.toLocaleString('en-US');

/** The JSON Schema of one parameter, from its row. */
function paramSchema(spec: ParamSpec): Json {
  switch (spec.type) {
    case 'string':
      return { type: 'string', maxLength: spec.maxChars };
    case 'integer':
      return {
        type: 'integer',
        minimum: spec.min,
        ...(spec.max < Number.MAX_SAFE_INTEGER ? { maximum: spec.max } : {}),
        default: spec.default,
      };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'enum':
      return { type: 'string', enum: [...spec.values] };
    case 'strings':
      return {
        type: 'array',
        maxItems: spec.maxValues,
        items: {
          type: 'string',
          maxLength: spec.maxChars,
          ...(spec.pattern ? { pattern: spec.pattern.regex.source } : {}),
        },
      };
  }
}

function paramDescription(spec: ParamSpec): string {
  const parts = [spec.help];
  if (spec.type === 'strings') {
    parts.push('Repeat to select several (OR within a facet, AND across facets).');
  }
  if (spec.type === 'date') parts.push('Written YYYY-MM-DD.');
  if (spec.rule) parts.push(spec.rule);
  return parts.join(' ');
}

/** One query parameter of the search (page or API), as an OpenAPI Parameter Object. */
export function queryParameter(spec: ParamSpec): Json {
  return {
    name: spec.name,
    in: 'query',
    required: false,
    description: paramDescription(spec),
    schema: paramSchema(spec),
    ...(spec.type === 'strings' ? { style: 'form', explode: true } : {}),
  };
}

/** Every search parameter, in table order. */
export function searchParameters(): Json[] {
  return PARAM_TABLE.map(queryParameter);
}

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The article id, as in a hit.',
  schema: { type: 'string' },
};

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer' },
  },
};

const unavailable = {
  description: 'The engine cannot be reached or the alias is missing; try again later.',
  headers: retryAfter,
  content: json(ref('Error')),
};

const internalError = {
  description: 'An unexpected failure; details only in development.',
  content: json(ref('Error')),
};

const hitHeader: Json = {
  id: { type: 'string' },
  path: { type: 'string', description: 'The file the article was read from.' },
  title: { type: 'string' },
  title_html: { type: 'string', description: 'Escaped HTML with <mark> around matches.' },
  date: { type: 'string', format: 'date' },
  agencies: strings,
  dateline: { type: ['string', 'null'] },
};

const schemas: Json = {
  SearchResponse: {
    type: 'object',
    required: [
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
    ],
    properties: {
      total: {
        type: 'object',
        required: ['value', 'relation'],
        description: `\`gte\` when the engine stopped counting; only the first ${WINDOW} hits can be paged to.`,
        properties: {
          value: { type: 'integer' },
          relation: { type: 'string', enum: ['eq', 'gte'] },
        },
      },
      total_estimate: {
        type: ['integer', 'null'],
        description:
          "When `approximate` and the hits stopped counting (`total.relation` is `gte`): the sample's estimate of the matches, two significant digits. Else null.",
      },
      approximate: {
        type: 'boolean',
        description: `True when more than ${EXACT_FACET_LIMIT.toLocaleString('en-US')} articles match the text in an index large enough to sample: the facet counts and the histogram are then estimated from a fixed random slice of the index (the \`sample\` field), scaled up and rounded to two significant digits, and each estimated facet value carries \`approximate: true\`. Selected values are always counted exactly.`,
      },
      stories: {
        type: ['integer', 'null'],
        description:
          'Stories among the matches: wire copies of one story (another agency, a sentence added or cut, a lead rewritten) count once. Pages are counted in stories. Exact up to 10,000. Null with `dup=all`, and when more than 10,000 articles match (the page links then count articles, up to the result window). `total` and the facet counts are always article counts.',
      },
      page: { type: 'integer' },
      size: { type: 'integer' },
      took_ms: { type: 'integer' },
      hits: { type: 'array', items: ref('SearchHit') },
      facets: {
        type: 'object',
        description: `Per facet, the top ${FACET_SIZE} values (${FACET_MORE_SIZE} for the facet named by \`more\`) counted under the other facets' selections, then any selected value not among them.`,
        required: [...FACET_NAMES],
        properties: Object.fromEntries(
          FACET_NAMES.map((facet) => [facet, { type: 'array', items: ref('FacetValue') }]),
        ),
      },
      facets_has_more: {
        type: 'object',
        description:
          'Per facet, whether it has values beyond those returned: ask again with `more=<facet>` for more.',
        required: [...FACET_NAMES],
        properties: Object.fromEntries(FACET_NAMES.map((facet) => [facet, { type: 'boolean' }])),
      },
      histogram: { type: 'array', items: ref('HistogramBucket') },
      suggestion: {
        type: ['string', 'null'],
        description: 'A respelled query when the search found almost nothing.',
      },
      exact_names: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Names typed in double quotes: each matched as that spelling only, not every spelling of the person.',
      },
    },
  },
  SearchHit: {
    type: 'object',
    required: [...Object.keys(hitHeader), 'people', 'snippets', 'matched_names', 'copies'],
    properties: {
      ...hitHeader,
      people: { ...strings, description: 'Canonical names of the people in the article.' },
      snippets: {
        ...strings,
        description: 'Escaped HTML fragments with <mark>, or the opening when nothing matched.',
      },
      matched_names: {
        type: 'array',
        description:
          'For each name recognised in q: its canonical form and the spellings of that person in this article.',
        items: {
          type: 'object',
          required: ['query', 'canonical', 'variants'],
          properties: {
            query: { type: 'string' },
            canonical: { type: 'string' },
            variants: strings,
          },
        },
      },
      copies: {
        type: 'array',
        maxItems: 10,
        description:
          'The other wire copies of this story (same `cluster`), oldest first; empty when it has none or with `dup=all`.',
        items: {
          type: 'object',
          required: ['id', 'agency', 'date', 'title'],
          properties: {
            id: { type: 'string' },
            agency: {
              type: 'string',
              description: "The copy's agencies as a byline gives them (`AP and AFP`).",
            },
            date: { type: 'string', format: 'date' },
            title: { type: 'string' },
          },
        },
      },
    },
  },
  FacetValue: {
    type: 'object',
    required: ['value', 'count', 'selected'],
    properties: {
      value: {
        type: 'string',
        description:
          'For people, the spelling the indexed news uses most (or the registry display); as a `person` filter value it selects the person whatever the spelling.',
      },
      count: { type: 'integer' },
      selected: { type: 'boolean' },
      key: { type: 'string', description: "People only: the person's key (`people_keys`)." },
      approximate: {
        type: 'boolean',
        enum: [true],
        description: 'Present when `count` is estimated from a sample (see `total_estimate`).',
      },
    },
  },
  Suggestions: {
    type: 'object',
    required: ['suggestions'],
    properties: {
      suggestions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'display', 'hangul', 'count'],
          properties: {
            key: { type: 'string' },
            display: { type: 'string' },
            hangul: { type: 'array', items: { type: 'string' } },
            count: { type: 'integer', description: 'Articles naming the person.' },
          },
        },
      },
    },
  },
  Person: {
    type: 'object',
    required: [
      'key',
      'display',
      'hangul',
      'spellings',
      'articles',
      'histogram',
      'agencies',
      'related',
      'recent',
    ],
    properties: {
      key: { type: 'string' },
      display: {
        type: 'string',
        description: 'The spelling the indexed news uses most, or the registry display.',
      },
      hangul: { type: 'array', items: { type: 'string' } },
      spellings: {
        type: 'array',
        items: {
          type: 'object',
          required: ['text', 'count'],
          properties: { text: { type: 'string' }, count: { type: 'integer' } },
        },
      },
      articles: {
        type: 'object',
        required: ['total'],
        properties: { total: { type: 'integer' } },
      },
      histogram: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'count'],
          properties: {
            key: { type: 'string', description: 'A year.' },
            count: { type: 'integer' },
          },
        },
      },
      agencies: {
        type: 'array',
        items: {
          type: 'object',
          required: ['value', 'count'],
          properties: { value: { type: 'string' }, count: { type: 'integer' } },
        },
      },
      related: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'display', 'count', 'score'],
          properties: {
            key: { type: 'string' },
            display: { type: 'string' },
            count: { type: 'integer', description: 'Articles naming both.' },
            score: { type: 'number' },
          },
        },
      },
      recent: { type: 'array', items: ref('SearchHit'), description: 'The newest 10 articles.' },
    },
  },
  HistogramBucket: {
    type: 'object',
    required: ['key', 'from', 'to', 'count'],
    properties: {
      key: { type: 'string', description: '`2021` for a year, `2021-03` for a month.' },
      from: { type: 'string', format: 'date' },
      to: { type: 'string', format: 'date' },
      count: { type: 'integer' },
    },
  },
  Article: {
    type: 'object',
    required: [...Object.keys(hitHeader), 'paragraphs_html', 'captions', 'credits', 'people'],
    properties: {
      ...hitHeader,
      paragraphs_html: {
        ...strings,
        description: 'The body as escaped HTML paragraphs, with <mark> around matches of q.',
      },
      captions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['text', 'html', 'credit'],
          properties: {
            text: { type: 'string' },
            html: { type: 'string', description: 'Escaped HTML with <mark>.' },
            credit: {
              type: ['string', 'null'],
              description: 'Null unless each caption has its own credit.',
            },
          },
        },
      },
      credits: strings,
      people: strings,
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'ok', 'engine', 'alias', 'alias_present'],
    properties: {
      status: { type: 'string', enum: ['ok', 'unavailable'] },
      ok: { type: 'boolean' },
      engine: { type: 'string', enum: ['up', 'down'] },
      alias: { type: 'string' },
      alias_present: { type: 'boolean' },
      cluster: {
        type: 'string',
        enum: ['green', 'yellow', 'red'],
        description: "Health of the alias's indices.",
      },
      degraded: {
        type: 'boolean',
        description: 'True when searches work but a replica is unassigned (yellow).',
      },
      reason: { type: 'string', description: 'Why not ok.' },
    },
  },
  Live: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', const: 'ok' } },
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'string' },
      detail: { type: 'string', description: 'The stack, in development only.' },
    },
  },
  ParamError: {
    type: 'object',
    required: ['error', 'param'],
    properties: {
      error: { type: 'string', description: 'What is wrong, for people.' },
      param: {
        type: 'string',
        enum: PARAM_TABLE.map((spec) => spec.name),
        description: 'The parameter at fault.',
      },
    },
  },
  PeopleBatchRequest: {
    type: 'object',
    required: ['names'],
    properties: {
      names: {
        type: 'array',
        maxItems: MAX_BATCH_NAMES,
        items: { type: 'string', maxLength: MAX_BATCH_NAME_CHARS },
        description: 'Names in any spelling or in Hangul.',
      },
    },
  },
  PeopleBatchResponse: {
    type: 'object',
    required: ['results'],
    properties: {
      results: {
        type: 'array',
        description: 'One row per name, in the order given.',
        items: {
          type: 'object',
          required: ['input', 'key', 'display', 'articles'],
          properties: {
            input: { type: 'string', description: 'The name as given.' },
            key: {
              type: 'string',
              description:
                "The person's canonical key (a value of people_keys); empty when the input is not a person's name.",
            },
            display: {
              type: 'string',
              description: 'The display form (a value of the person facet); empty with the key.',
            },
            articles: {
              type: 'integer',
              minimum: 0,
              description: 'Articles behind the alias that name this person; 0 when unresolved.',
            },
          },
        },
      },
    },
  },
};

/** The HTML pages take the same parameters; they answer with pages, errors included. */
function htmlSearchPage(summary: string): Json {
  return {
    get: {
      tags: ['pages'],
      summary,
      parameters: searchParameters(),
      responses: {
        '200': { description: 'The results page.', content: HTML },
        '400': { description: 'The form again, naming the parameter at fault.', content: HTML },
        '503': { description: 'The engine cannot be reached.', headers: retryAfter, content: HTML },
      },
    },
  };
}

/** `/export.csv` and `/export.ndjson`: every hit of a search, streamed. */
function exportOperation(format: ExportFormat): Json {
  const type = EXPORT_CONTENT_TYPES[format].split(';')[0]!;
  const rows =
    format === 'csv'
      ? `CSV (RFC 4180, UTF-8 with a byte order mark, CRLF): a header row \`${EXPORT_COLUMNS.join(',')}\`, then one row per article; agencies and people joined with "; "; a field starting with =, +, -, @, tab or CR gets a leading ' so spreadsheets do not run it as a formula.`
      : `NDJSON: one JSON object per line with the keys ${EXPORT_COLUMNS.join(', ')}; agencies and people are arrays, dateline is null when absent.`;
  return {
    get: {
      tags: ['api'],
      summary: `Every article of a search as ${format.toUpperCase()}`,
      description: `${rows} Takes the parameters of the search; \`page\`, \`size\`, \`more\` and \`person_q\` do not change it. Every match is exported (no ${WINDOW}-hit window), in the search's order (\`sort\`), from the index the alias pointed to when the export began. A failure after the first byte cuts the connection before the end of the chunked body, so clients see an incomplete download.`,
      parameters: searchParameters(),
      responses: {
        '200': {
          description: 'The rows, streamed.',
          headers: {
            'Content-Disposition': {
              description: `\`attachment; filename="${exportFilename(format)}"\``,
              schema: { type: 'string' },
            },
            'X-Total-Count': {
              description: 'Articles matching when the export began.',
              schema: { type: 'integer' },
            },
          },
          content: { [type]: { schema: { type: 'string' } } },
        },
        '400': {
          description: 'A parameter is invalid; `param` names it.',
          content: json(ref('ParamError')),
        },
        '500': { description: 'An unexpected failure before the first byte.', content: HTML },
        '501': {
          description: 'This server was started without an export backend.',
          content: json(ref('Error')),
        },
        '503': unavailable,
      },
    },
  };
}

/** The OpenAPI 3.1 description of the JSON API (and the pages), served at /api/openapi.json. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ireum search API',
      version: '1',
      description:
        'Search news articles with Korean-name-aware matching. Every parameter of the search page works here too.',
    },
    tags: [
      { name: 'api', description: 'JSON' },
      { name: 'probes', description: 'Liveness and readiness' },
      { name: 'pages', description: 'Server-rendered HTML' },
      { name: 'feeds', description: 'Atom feeds of searches' },
    ],
    paths: {
      '/api/search': {
        get: {
          tags: ['api'],
          summary: 'Search articles',
          parameters: searchParameters(),
          responses: {
            '200': {
              description: 'One page of hits, with facets and histogram.',
              content: json(ref('SearchResponse')),
            },
            '400': {
              description: 'A parameter is invalid; `param` names it.',
              content: json(ref('ParamError')),
            },
            '500': internalError,
            '503': unavailable,
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          tags: ['api'],
          summary: 'One article, highlighted for q when given',
          parameters: [
            idParameter,
            {
              name: 'q',
              in: 'query',
              required: false,
              description: `Terms to highlight; only the first ${MAX_QUERY_CHARS} characters are used.`,
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': { description: 'The article.', content: json(ref('Article')) },
            '400': { description: 'The id in the path is damaged.', content: json(ref('Error')) },
            '404': { description: 'No article with this id.', content: json(ref('Error')) },
            '500': internalError,
            '503': unavailable,
          },
        },
      },
      '/api/openapi.json': {
        get: {
          tags: ['api'],
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1.', content: json({ type: 'object' }) } },
        },
      },
      '/livez': {
        get: {
          tags: ['probes'],
          summary: 'Liveness: the process answers (the engine is not asked)',
          responses: { '200': { description: 'Alive.', content: json(ref('Live')) } },
        },
      },
      '/healthz': {
        get: {
          tags: ['probes'],
          summary: "Readiness: the engine answers, the alias exists and its indices aren't red",
          responses: {
            '200': { description: 'Ready.', content: json(ref('Health')) },
            '503': {
              description: 'Not ready; `reason` says why.',
              headers: retryAfter,
              content: json(ref('Health')),
            },
          },
        },
      },
      '/export.csv': exportOperation('csv'),
      '/export.ndjson': exportOperation('ndjson'),
      '/': htmlSearchPage('The search page'),
      '/search': htmlSearchPage('The search page'),
      '/article/{id}': {
        get: {
          tags: ['pages'],
          summary: 'One article; the search parameters it came with are kept for the way back',
          description: 'Search parameters that do not parse are dropped, not reported.',
          parameters: [idParameter, ...searchParameters()],
          responses: {
            '200': { description: 'The article page.', content: HTML },
            '404': { description: 'No article with this id.', content: HTML },
            '503': {
              description: 'The engine cannot be reached.',
              headers: retryAfter,
              content: HTML,
            },
          },
        },
      },
      '/opensearch.xml': {
        get: {
          tags: ['pages'],
          summary: 'The OpenSearch description, so a browser can add Ireum as a search engine',
          responses: {
            '200': {
              description: 'Links to this site as the request reached it.',
              content: { 'application/opensearchdescription+xml': { schema: { type: 'string' } } },
            },
            '400': {
              description: 'The Host header is not a plain host name.',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/api/people/batch': {
        post: {
          tags: ['api'],
          summary: 'Look up many names: key, display form and article count of each',
          description:
            "A name counts as a person's when its canonical key is a known person's or a Korean surname followed by given-name syllables; other inputs get an empty key and display and 0 articles. All names are counted in one engine request.",
          requestBody: { required: true, content: json(ref('PeopleBatchRequest')) },
          responses: {
            '200': {
              description: 'One row per name, in input order.',
              content: json(ref('PeopleBatchResponse')),
            },
            '400': {
              description: `The body is not JSON, not {"names": [...]}, has more than ${MAX_BATCH_NAMES} names, or a name is not a string of at most ${MAX_BATCH_NAME_CHARS} characters; \`error\` says which.`,
              content: json(ref('Error')),
            },
            '413': {
              description: 'The body is larger than the server reads.',
              content: { ...json(ref('Error')), 'text/plain': { schema: { type: 'string' } } },
            },
            '500': internalError,
            '503': unavailable,
          },
        },
      },
      '/api/suggest': {
        get: {
          tags: ['api'],
          summary: 'Name autocomplete: people whose names start as `q` does, most-mentioned first',
          description:
            'Latin prefixes match any spelling the people index holds (`kim jo`, `Mun Jae`, `moon j`); Hangul prefixes match by letters, an unfinished last syllable included (`김ㅈ`). At most 10.',
          parameters: [
            {
              name: 'q',
              in: 'query',
              required: true,
              description: `The start of a name, at most ${MAX_SUGGEST_CHARS} characters; empty gives no suggestions.`,
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': { description: 'The suggestions.', content: json(ref('Suggestions')) },
            '400': { description: '`q` is missing or too long.', content: json(ref('Error')) },
            '500': internalError,
            '503': unavailable,
          },
        },
      },
      '/api/people/{key}': {
        get: {
          tags: ['api'],
          summary:
            "A person's page as JSON: spellings, Hangul, timeline, agencies, related people, recent articles",
          description:
            '`spellings` counts the forms the indexed articles use; `related` comes from significant_terms on `people_keys` over a sample of the articles naming the person ("often named with", not just frequent); `articles.total` equals the total of `/api/search?person=<display>`.',
          parameters: [
            {
              name: 'key',
              in: 'path',
              required: true,
              description: 'A person key, as in facet entries and `people_keys` (`kim chong on`).',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': { description: 'The person.', content: json(ref('Person')) },
            '404': { description: 'No article names this key.', content: json(ref('Error')) },
            '500': internalError,
            '503': unavailable,
          },
        },
      },
      '/api/people': {
        get: {
          tags: ['api'],
          summary: 'Resolve a name in any spelling or Hangul and answer as `/api/people/{key}`',
          parameters: [
            {
              name: 'name',
              in: 'query',
              required: true,
              description: `Any spelling or Hangul, 1 to ${MAX_BATCH_NAME_CHARS} characters.`,
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': { description: 'The person.', content: json(ref('Person')) },
            '400': {
              description: '`name` is missing, empty or too long.',
              content: json(ref('Error')),
            },
            '404': {
              description: 'The name reads as nobody, or no article names that person.',
              content: json(ref('Error')),
            },
            '500': internalError,
            '503': unavailable,
          },
        },
      },
      '/people/{key}': {
        get: {
          tags: ['pages'],
          summary:
            "A person's page: spellings, Hangul, timeline picture, related people, recent articles",
          parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The page.', content: HTML },
            '404': { description: 'No article names this key.', content: HTML },
            '503': {
              description: 'The engine cannot be reached.',
              headers: retryAfter,
              content: HTML,
            },
          },
        },
      },
      '/feed.atom': {
        get: {
          tags: ['feeds'],
          summary: `The newest ${FEED_SIZE} matches of a search as an Atom 1.0 feed`,
          description:
            'Takes the parameters of the search page. Entries are newest first whatever `sort` says; `page`, `size`, `sort`, `more` and `person_q` change neither the entries nor the feed id, which is the same for every request of one search.',
          parameters: searchParameters(),
          responses: {
            '200': {
              description: 'The feed, with links made from the Host the request came to.',
              content: { 'application/atom+xml': { schema: { type: 'string' } } },
            },
            '400': {
              description:
                'A parameter is invalid (`param` names it), or the Host header is not a plain host name (text).',
              content: { ...json(ref('ParamError')), 'text/plain': { schema: { type: 'string' } } },
            },
            '500': { description: 'An unexpected failure.', content: HTML },
            '503': unavailable,
          },
        },
      },
      '/favicon.ico': {
        get: {
          tags: ['pages'],
          summary: 'The site icon (SVG, whatever the name says)',
          responses: {
            '200': { description: 'The icon.', content: { 'image/svg+xml': {} } },
          },
        },
      },
    },
    components: { schemas },
  };
}
