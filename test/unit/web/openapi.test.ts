import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { transformArticle } from '../../../src/search/article.js';
import {
  MAX_QUERY_CHARS,
  MAX_SIZE,
  MAX_WINDOW,
  PARAM_TABLE,
  parseSearchParams,
  serializeParams,
  type SearchParams,
} from '../../../src/search/params.js';
import {
  SearchUnavailableError,
  type HealthReport,
  type SearchService,
} from '../../../src/search/service.js';
import { transformResponse, type SearchResults } from '../../../src/search/transformResponse.js';
import { createApp } from '../../../src/web/app.js';
import { openApiDocument, searchParameters } from '../../../src/web/openapi.js';
import {
  allRefs,
  operation,
  registeredRoutes,
  resolveRef,
  responseSchema,
  schemaErrors,
} from './openapiCheck.js';

// The served OpenAPI document against the app itself: every route createApp registers and every
// row of the parameter table must be documented, nothing else may be, and the responses of a
// stub-backed app (recorded engine answers) must match the documented schemas.

type Json = Record<string, unknown>;

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/search/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fixture(name: string): any {
  return JSON.parse(readFileSync(FIXTURES + name + '.json', 'utf8'));
}

const article = fixture('article-missile');

/** A SearchService that answers from recorded engine responses, or fails as told. */
function stubService(opts: { down?: boolean; estimate?: number } = {}): SearchService {
  const kim = fixture('search-kim-agency');
  return {
    async search(params: SearchParams): Promise<SearchResults> {
      if (opts.down) throw new SearchUnavailableError('engine down');
      const which = params.q === '' ? fixture('search-empty') : kim;
      return transformResponse(params, which.response, {
        suggest: which.suggest,
        ...(opts.estimate !== undefined ? { estimate: opts.estimate, approximate: true } : {}),
      });
    },
    async getArticle(id: string) {
      if (opts.down) throw new SearchUnavailableError('engine down');
      return id === article.id ? transformArticle(article.response) : null;
    },
    async health(): Promise<HealthReport> {
      return opts.down
        ? { ok: false, engine: 'down', alias: 'x', alias_present: false, reason: 'engine down' }
        : { ok: true, engine: 'up', alias: 'x', alias_present: true, cluster: 'green' };
    },
  };
}

function expectConforms(doc: Json, path: string, res: request.Response): void {
  const errors = schemaErrors(res.body, responseSchema(doc, path, res.status), { root: doc });
  expect(errors, `${res.status} from ${path}`).to.deep.equal([]);
}

describe('web/openapi document', () => {
  const app = createApp({ search: stubService(), env: 'test' });
  let doc: Json;

  before(async () => {
    doc = (await request(app).get('/api/openapi.json').expect(200)).body as Json;
  });

  it('serves the document openApiDocument() builds', () => {
    expect(doc).to.deep.equal(JSON.parse(JSON.stringify(openApiDocument())));
    expect(doc['openapi']).to.equal('3.1.0');
  });

  it('documents every route the app registers, and no route it does not', () => {
    const routes = registeredRoutes(app);
    // The walk must find the routers' routes, or the checks below would pass on nothing.
    expect(routes.map((r) => `${r.method} ${r.path}`)).to.include.members([
      'get /api/search',
      'get /api/articles/{id}',
      'get /api/openapi.json',
      'get /healthz',
      'get /livez',
      'get /search',
    ]);
    for (const { method, path } of routes) operation(doc, path, method);
    const documented = Object.entries(doc['paths'] as Record<string, Json>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).to.deep.equal(
      [...new Set(routes.map((r) => `${r.method} ${r.path}`))].sort(),
    );
  });

  it("declares each route's path parameters", () => {
    for (const { method, path } of registeredRoutes(app)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const params = (operation(doc, path, method)['parameters'] ?? []) as Json[];
      const inPath = params.filter((p) => p['in'] === 'path');
      expect(
        inPath.map((p) => p['name']),
        path,
      ).to.deep.equal(names);
      for (const p of inPath) expect(p['required'], `${path} ${String(p['name'])}`).to.equal(true);
    }
  });

  it('lists exactly the parameter table for the search, in its order', () => {
    const names = PARAM_TABLE.map((spec) => spec.name);
    expect(names).to.include.members(['q', 'more', 'person_q', 'page', 'size', 'year']);
    for (const path of ['/api/search', '/search', '/']) {
      const params = operation(doc, path, 'get')['parameters'] as Json[];
      expect(
        params.map((p) => p['name']),
        path,
      ).to.deep.equal(names);
      // Not only the names: each parameter is the one generated from its row.
      expect(params, path).to.deep.equal(JSON.parse(JSON.stringify(searchParameters())));
    }
    const article = operation(doc, '/article/{id}', 'get')['parameters'] as Json[];
    expect(article.map((p) => p['name'])).to.deep.equal(['id', ...names]);
  });

  it('writes each limit from its constant', () => {
    const params = operation(doc, '/api/search', 'get')['parameters'] as Json[];
    const schema = (name: string) => params.find((p) => p['name'] === name)!['schema'] as Json;
    const description = (name: string) =>
      params.find((p) => p['name'] === name)!['description'] as string;
    expect(schema('q')['maxLength']).to.equal(MAX_QUERY_CHARS);
    expect(schema('size')).to.include({ minimum: 1, maximum: MAX_SIZE });
    expect(description('page')).to.include(MAX_WINDOW.toLocaleString('en-US'));
    expect(schema('more')['enum']).to.deep.equal(['agency', 'dateline', 'person', 'year']);
    expect(schema('sort')['enum']).to.deep.equal(['relevance', 'newest', 'oldest']);
    expect(schema('year')).to.have.nested.property('items.pattern');
    const paramError = resolveRef(doc, '#/components/schemas/ParamError');
    expect(paramError)
      .to.have.nested.property('properties.param.enum')
      .that.deep.equals(PARAM_TABLE.map((spec) => spec.name));
  });

  it('resolves every $ref', () => {
    const refs = allRefs(doc);
    expect(refs).to.have.length.above(0);
    for (const ref of refs) expect(() => resolveRef(doc, ref), ref).to.not.throw();
  });

  it('answers a search that uses every documented parameter at once', async () => {
    const params = operation(doc, '/api/search', 'get')['parameters'] as Json[];
    const query = new URLSearchParams(
      params.map((p): [string, string] => [p['name'] as string, sampleValue(p)]),
    );
    // Each one was read (none is left at its default), and the answer is as documented.
    const names = serializeParams(parseSearchParams(Object.fromEntries(query))).map(([n]) => n);
    expect(names).to.deep.equal(PARAM_TABLE.map((spec) => spec.name));
    const res = await request(app).get(`/api/search?${query}`).expect(200);
    expectConforms(doc, '/api/search', res);
    expect(res.body.page).to.equal(2);
  });

  it('describes the bodies the app sends', async () => {
    for (const url of ['/api/search?size=2', '/api/search?q=Kim+missile&agency=AP&size=3']) {
      const res = await request(app).get(url).expect(200);
      expect(res.body.hits, url).to.have.length.above(0);
      expectConforms(doc, '/api/search', res);
    }
    for (const url of ['/api/search?size=0', '/api/search?sort=best', '/api/search?page=2000']) {
      expectConforms(doc, '/api/search', await request(app).get(url).expect(400));
    }
    const one = await request(app).get(`/api/articles/${article.id}?q=missile`).expect(200);
    expectConforms(doc, '/api/articles/{id}', one);
    expect(one.body.paragraphs_html).to.have.length.above(0);
    expectConforms(doc, '/api/articles/{id}', await request(app).get('/api/articles/no-such'));
    expectConforms(doc, '/api/articles/{id}', await request(app).get('/api/articles/%E0%A4%A'));
    expectConforms(doc, '/livez', await request(app).get('/livez').expect(200));
    expectConforms(doc, '/healthz', await request(app).get('/healthz').expect(200));
    const self = await request(app).get('/api/openapi.json').expect(200);
    expectConforms(doc, '/api/openapi.json', self);
  });

  it('describes and shows facet counts estimated from a sample as estimates', async () => {
    const sampled = createApp({ search: stubService({ estimate: 410_000 }), env: 'test' });
    const res = await request(sampled).get('/api/search?q=Kim+missile&agency=AP').expect(200);
    expectConforms(doc, '/api/search', res);
    expect(res.body.total_estimate).to.equal(410_000);
    const agency = res.body.facets.agency as {
      value: string;
      selected: boolean;
      approximate?: boolean;
    }[];
    expect(agency.find((v) => v.value === 'AP'))
      .to.include({ selected: true })
      .and.not.have.key('approximate');
    const others = agency.filter((v) => !v.selected);
    expect(others).to.have.length.above(0);
    for (const v of others) expect(v.approximate, v.value).to.equal(true);
    const page = await request(sampled).get('/search?q=Kim+missile').expect(200);
    expect(page.text).to.include('≈ 410,000');
    expect(page.text).to.match(/class="count" title="estimated from a sample of the archive">≈ /);
    // An exact answer says nothing of the kind.
    const plain = await request(app).get('/search?q=Kim+missile').expect(200);
    expect(plain.text).to.not.include('≈');
  });

  it('describes the failures of an app whose engine is down, Retry-After included', async () => {
    const down = createApp({ search: stubService({ down: true }), env: 'test' });
    for (const [url, path] of [
      ['/api/search?q=kim', '/api/search'],
      [`/api/articles/${article.id}`, '/api/articles/{id}'],
      ['/healthz', '/healthz'],
    ] as const) {
      const res = await request(down).get(url).expect(503).expect('retry-after', /^\d+$/);
      expectConforms(doc, path, res);
      const responses = operation(doc, path, 'get')['responses'] as Record<string, Json>;
      expect(responses['503'], path).to.have.nested.property('headers.Retry-After');
    }
  });

  it('catches an undocumented field (the checker is not blind)', () => {
    const schema = { $ref: '#/components/schemas/FacetValue' };
    const ok = { value: 'AP', count: 1, selected: false };
    expect(schemaErrors(ok, schema, { root: doc })).to.deep.equal([]);
    expect(schemaErrors({ ...ok, extra: 1 }, schema, { root: doc })).to.deep.equal([
      '$: extra is not documented',
    ]);
    expect(schemaErrors({ value: 'AP', count: 1.5 }, schema, { root: doc })).to.deep.equal([
      '$: missing selected',
      '$.count: expected integer, got 1.5',
    ]);
  });
});

describe('web/openapi parameters', () => {
  it('documents only parameters the parser reads', () => {
    for (const p of searchParameters()) {
      const name = p['name'] as string;
      const sample = sampleValue(p);
      const parsed = parseSearchParams({ [name]: sample });
      expect(serializeParams(parsed), name).to.deep.equal([[name, sample]]);
    }
  });
});

/** A valid value other than the default, made from the documented schema alone. */
function sampleValue(param: Json): string {
  const schema = param['schema'] as Json;
  const items = schema['items'] as Json | undefined;
  if (schema['type'] === 'integer') return String((schema['minimum'] as number) + 1);
  if (Array.isArray(schema['enum'])) return String(schema['enum'][0]);
  if (schema['format'] === 'date') return '2020-01-01';
  if (items?.['pattern'] !== undefined) return '2020';
  return 'x';
}
