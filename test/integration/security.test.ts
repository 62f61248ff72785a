import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { createCompatClient } from '../../src/engine/client.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import type { SearchService } from '../../src/search/service.js';
import { createApp } from '../../src/web/app.js';
import { MAX_URL_BYTES } from '../../src/web/security.js';
import { indexSample, testClient, type SampleIndex } from '../support/engine.js';

// Security headers, request limits and what error responses may reveal, over the real engine
// (headers on real pages) and over stubs (a failing service, an unreachable engine).

const ENGINE_URL_PATTERN = /https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?/;

function failing(error: Error): SearchService {
  return {
    search: () => Promise.reject(error),
    getArticle: () => Promise.reject(error),
    health: () => Promise.reject(error),
  };
}

describe('security headers and request limits', function () {
  this.timeout(120_000);
  let sample: SampleIndex;
  let app: Express;

  before(async () => {
    sample = await indexSample('web-security-test');
    app = createApp({
      search: createEngineSearchService({ client: testClient(), alias: sample.alias }),
      alias: sample.alias,
      env: 'production',
    });
  });
  after(async () => {
    await sample?.cleanup();
  });

  it('sends a CSP that forbids inline script, plus the usual hardening headers', async () => {
    for (const path of ['/', '/search?q=kim', '/api/search?q=kim', '/healthz', '/nowhere']) {
      const res = await request(app).get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).to.match(/script-src 'self'(;|$)/);
      expect(csp, path).to.include("script-src-attr 'none'");
      expect(csp, path).to.include("object-src 'none'");
      expect(csp, path).to.include("frame-ancestors 'none'");
      expect(csp, path).not.to.include('unsafe-inline');
      expect(res.headers['x-content-type-options'], path).to.equal('nosniff');
      expect(res.headers['x-frame-options'], path).to.equal('SAMEORIGIN');
      expect(res.headers['referrer-policy'], path).to.equal('no-referrer');
      expect(res.headers['x-powered-by'], path).to.equal(undefined);
    }
  });

  it('serves pages that need no inline script or style (so the CSP breaks nothing)', async () => {
    const res = await request(app).get('/search?q=kim').expect(200);
    expect(res.text).not.to.match(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(res.text).not.to.match(/\son[a-z]+\s*=/i);
    expect(res.text).not.to.match(/\sstyle\s*=/i);
  });

  it('answers 414 for URLs over the limit and still serves long valid searches', async () => {
    const long = '/search?q=' + 'a'.repeat(MAX_URL_BYTES);
    const res = await request(app).get(long).expect(414);
    expect(res.text).not.to.include('aaaa');
    await request(app)
      .get('/api/search?q=' + 'a'.repeat(MAX_URL_BYTES))
      .expect(414);
    // 500 characters of Hangul is the longest query the form allows: ~4.5 KB percent-encoded
    // would be over; 300 syllables (the longest name-and-phrase searches seen) pass.
    await request(app)
      .get('/api/search?q=' + encodeURIComponent('김정은'.repeat(100)))
      .expect(200);
  });

  it('refuses request bodies over the limit with 413', async () => {
    await request(app)
      .post('/search')
      .set('Content-Type', 'text/plain')
      .send('x'.repeat(64 * 1024))
      .expect(413);
    // Small bodies reach routing, where only GET exists.
    await request(app).post('/search').send('q=kim').expect(404);
  });

  it('shows no stack trace or engine URL outside development', async () => {
    const bug = new Error('boom at http://127.0.0.1:9200/articles/_search');
    for (const env of ['production', 'test'] as const) {
      const broken = createApp({ search: failing(bug), env });
      const page = await request(broken).get('/search?q=kim').expect(500);
      const api = await request(broken).get('/api/search?q=kim').expect(500);
      for (const body of [page.text, api.text]) {
        expect(body).not.to.match(/\bat .*\.js:\d+/);
        expect(body).not.to.match(ENGINE_URL_PATTERN);
        expect(body).not.to.include('boom');
      }
    }
    const dead = createCompatClient({
      url: 'http://127.0.0.1:9',
      maxRetries: 0,
      requestTimeoutMs: 2_000,
    });
    try {
      const down = createApp({
        search: createEngineSearchService({ client: dead, alias: 'x' }),
        env: 'production',
      });
      for (const path of ['/search?q=kim', '/api/search?q=kim', '/healthz', '/article/abc']) {
        const res = await request(down).get(path).expect(503);
        expect(res.headers['retry-after'], path).to.match(/^\d+$/);
        expect(res.text, path).not.to.match(ENGINE_URL_PATTERN);
        expect(res.text, path).not.to.include(':9');
      }
    } finally {
      await dead.close();
    }
  });

  it('bounds every search with a timeout (a silent engine becomes a 503, not a hung page)', async () => {
    // A socket that accepts and never answers.
    const { createServer } = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const client = createCompatClient({ url: `http://127.0.0.1:${port}` });
    try {
      const slow = createApp({
        search: createEngineSearchService({ client, alias: 'x', timeoutMs: 300 }),
        env: 'production',
      });
      const started = Date.now();
      await request(slow).get('/api/search?q=kim').expect(503).expect('retry-after', /\d+/);
      // One try and at most one retry, each bounded by the 300 ms timeout.
      expect(Date.now() - started).to.be.below(3_000);
    } finally {
      await client.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
