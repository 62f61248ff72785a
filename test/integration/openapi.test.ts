import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { PARAM_TABLE } from '../../src/search/params.js';
import { createApp } from '../../src/web/app.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';
import { registeredRoutes, responseSchema, schemaErrors } from '../unit/web/openapiCheck.js';

// The served OpenAPI document against the app over the real engine and data/sample: what the
// engine really answers, run through the app, must have exactly the documented shape (a field
// the document does not name fails), for a spread of searches that touch every parameter.

type Json = Record<string, unknown>;

describe('OpenAPI document against real answers (integration)', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let app: Express;
  let doc: Json;

  before(async () => {
    sample = await indexSample('openapi-test');
    app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'test',
    });
    doc = (await request(app).get('/api/openapi.json').expect(200)).body as Json;
  });
  after(async () => {
    await sample?.cleanup();
  });

  function conforms(path: string, res: request.Response, label = path): void {
    const errors = schemaErrors(res.body, responseSchema(doc, path, res.status), { root: doc });
    expect(errors, `${res.status} from ${label}`).to.deep.equal([]);
  }

  it('documents every route of the app it serves', () => {
    const paths = Object.keys(doc['paths'] as Json);
    for (const route of registeredRoutes(app)) expect(paths, route.path).to.include(route.path);
  });

  it('describes search answers, whatever the parameters', async () => {
    const all = await request(app).get('/api/search?size=50').expect(200);
    conforms('/api/search', all);
    const person = all.body.facets.person[0].value as string;
    const agency = all.body.facets.agency[0].value as string;
    const year = all.body.facets.year[0].value as string;
    const dateline = all.body.facets.dateline[0].value as string;
    const queries: Record<string, string | string[]>[] = [
      { q: 'Kim Jong Un' },
      { q: '김정은' },
      { q: 'misile' },
      { q: '"unclosed', sort: 'oldest' },
      { agency, person, year, sort: 'newest', size: '5', page: '2' },
      { from: '2018-01-01', to: '2018-06-30', dateline },
      { more: 'person', person_q: person.slice(0, 3) },
      { more: 'agency', q: 'summit' },
      { q: 'summit', dup: 'all' },
      { q: 'zzzzqqq nothing matches this' },
    ];
    const used = new Set<string>();
    for (const query of queries) {
      const res = await request(app).get('/api/search').query(query).expect(200);
      conforms('/api/search', res, JSON.stringify(query));
      for (const name of Object.keys(query)) used.add(name);
    }
    // The spread above must keep touching every parameter of the table.
    expect([...used].sort()).to.deep.equal(PARAM_TABLE.map((spec) => spec.name).sort());
  });

  it('describes articles, errors and probes', async () => {
    const hit = (await request(app).get('/api/search?q=summit&size=1').expect(200)).body.hits[0];
    conforms('/api/articles/{id}', await request(app).get(`/api/articles/${hit.id}?q=summit`));
    conforms('/api/articles/{id}', await request(app).get(`/api/articles/${hit.id}`));
    conforms('/api/articles/{id}', await request(app).get('/api/articles/no-such-article-000'));
    for (const bad of ['size=500', 'page=2000', 'from=2021-13-01', 'year=20x1', 'more=x']) {
      conforms('/api/search', await request(app).get(`/api/search?${bad}`).expect(400), bad);
    }
    conforms('/healthz', await request(app).get('/healthz').expect(200));
    conforms('/livez', await request(app).get('/livez').expect(200));
  });
});
