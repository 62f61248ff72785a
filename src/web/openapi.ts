import { DEFAULT_SIZE, MAX_SIZE, SORT_ORDERS } from '../search/params.js';

const repeatable = (name: string, description: string) => ({
  name,
  in: 'query',
  description: `${description} Repeat to select several (OR within a facet, AND across facets).`,
  schema: { type: 'array', items: { type: 'string' } },
  style: 'form',
  explode: true,
});

const facetValues = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count', 'selected'],
    properties: {
      value: { type: 'string' },
      count: { type: 'integer' },
      selected: { type: 'boolean' },
    },
  },
};

const error = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, param: { type: 'string' } },
};

/** A small OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ireum search API',
      version: '1',
      description:
        'Search news articles with Korean-name-aware matching. Every parameter of the search page works here too.',
    },
    paths: {
      '/api/search': {
        get: {
          summary: 'Search articles',
          parameters: [
            {
              name: 'q',
              in: 'query',
              description: 'Query (quotes for phrases, -word, OR, word*).',
              schema: { type: 'string', maxLength: 500 },
            },
            {
              name: 'page',
              in: 'query',
              schema: { type: 'integer', minimum: 1, default: 1 },
              description: 'Pages stop at the 10,000th hit.',
            },
            {
              name: 'size',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: MAX_SIZE, default: DEFAULT_SIZE },
            },
            {
              name: 'sort',
              in: 'query',
              schema: { type: 'string', enum: [...SORT_ORDERS] },
              description: 'Default: relevance with a query, newest without.',
            },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
            repeatable('agency', 'Agency filter.'),
            repeatable('dateline', 'Dateline filter.'),
            repeatable('person', 'Person filter (canonical name).'),
            repeatable('year', 'Year filter.'),
          ],
          responses: {
            '200': {
              description: 'Results',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: [
                      'total',
                      'page',
                      'size',
                      'took_ms',
                      'hits',
                      'facets',
                      'histogram',
                      'suggestion',
                    ],
                    properties: {
                      total: {
                        type: 'object',
                        properties: {
                          value: { type: 'integer' },
                          relation: { type: 'string', enum: ['eq', 'gte'] },
                        },
                      },
                      page: { type: 'integer' },
                      size: { type: 'integer' },
                      took_ms: { type: 'integer' },
                      hits: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'string' },
                            path: { type: 'string' },
                            title: { type: 'string' },
                            title_html: {
                              type: 'string',
                              description: 'Escaped HTML with <mark> around matches.',
                            },
                            date: { type: 'string', format: 'date' },
                            agencies: { type: 'array', items: { type: 'string' } },
                            dateline: { type: ['string', 'null'] },
                            people: { type: 'array', items: { type: 'string' } },
                            snippets: {
                              type: 'array',
                              items: { type: 'string' },
                              description: 'Escaped HTML fragments with <mark>.',
                            },
                            matched_names: {
                              type: 'array',
                              description:
                                'For each name recognised in q: its canonical form and the spellings of that person in this article.',
                              items: {
                                type: 'object',
                                properties: {
                                  query: { type: 'string' },
                                  canonical: { type: 'string' },
                                  variants: { type: 'array', items: { type: 'string' } },
                                },
                              },
                            },
                          },
                        },
                      },
                      facets: {
                        type: 'object',
                        properties: {
                          agency: facetValues,
                          dateline: facetValues,
                          person: facetValues,
                          year: facetValues,
                        },
                      },
                      histogram: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            key: { type: 'string' },
                            from: { type: 'string', format: 'date' },
                            to: { type: 'string', format: 'date' },
                            count: { type: 'integer' },
                          },
                        },
                      },
                      suggestion: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            '400': {
              description: 'A parameter is invalid; `param` names it.',
              content: { 'application/json': { schema: error } },
            },
            '503': {
              description: 'The engine is unreachable; see Retry-After.',
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article, highlighted for q when given',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'q', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'The article' },
            '404': {
              description: 'No such article',
              content: { 'application/json': { schema: error } },
            },
            '503': {
              description: 'The engine is unreachable',
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
    },
  };
}
