import { expect } from 'chai';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createCompatClient } from '../../../src/engine/client.js';
import { createEngineSearchService } from '../../../src/engine/searchService.js';
import { createApp } from '../../../src/web/app.js';

// The request log needs no engine: /livez, a 404 and a 400 are answered before any search, and
// a search against a closed port is a 503.

describe('web request log', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  const client = createCompatClient({ url: 'http://127.0.0.1:9', maxRetries: 0 });
  const app = createApp({
    search: createEngineSearchService({ client, alias: 'x' }),
    env: 'test',
    logger: pino({ level: 'info' }, sink),
  });
  after(() => client.close());
  beforeEach(() => (lines.length = 0));

  it('writes one JSON line per request with id, method, path, status, duration and bytes', async () => {
    const res = await request(app).get('/livez?probe=1').expect(200);
    expect(lines).to.have.length(1);
    const line = lines[0] as {
      time: number;
      level: number;
      request_id: string;
      req: { method: string; path: string };
      res: { status: number; bytes: number };
      ms: number;
    };
    expect(line.time).to.be.a('number');
    expect(line.request_id).to.equal(res.headers['x-request-id']);
    expect(line.request_id).to.match(/^[0-9a-f-]{36}$/);
    expect(line.req).to.deep.include({ method: 'GET', path: '/livez?probe=1' });
    expect(line.res).to.deep.equal({ status: 200, bytes: Number(res.headers['content-length']) });
    expect(line.ms).to.be.a('number').and.to.be.at.least(0);
  });

  it('reuses and echoes an incoming x-request-id, and replaces one that is not a plain token', async () => {
    await request(app)
      .get('/nowhere')
      .set('x-request-id', 'abc-123')
      .expect(404)
      .expect('x-request-id', 'abc-123');
    expect(lines[0]).to.include({ request_id: 'abc-123' });
    const odd = await request(app).get('/livez').set('x-request-id', 'a b<script>').expect(200);
    expect(odd.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('logs 4xx at info and 5xx at error, and the client never sees the details', async () => {
    await request(app).get('/api/search?size=9999').expect(400);
    const down = await request(app).get('/api/search?q=kim').expect(503);
    expect(down.text).to.not.match(/127\.0\.0\.1:9|ECONNREFUSED|stack/i);
    expect(lines.map((l) => [(l.res as { status: number }).status, l.level])).to.deep.equal([
      [400, 30],
      [503, 50],
    ]);
  });
});
