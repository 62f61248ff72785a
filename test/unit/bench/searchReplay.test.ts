import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callShape, httpCaller, measureRuns } from '../../../bench/search.js';

describe('search benchmark replay', () => {
  let server: Server;
  let origin = '';
  // What the server saw: `start path` and `end path`, in order.
  const seen: string[] = [];
  let auth: string | undefined;

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        auth = req.headers.authorization;
        seen.push(`start ${req.url}${body ? ` ${body}` : ''}`);
        // Far apart, so that a busy host cannot swap the order the test expects.
        const wait = req.url?.includes('slow') ? 150 : 5;
        setTimeout(() => {
          seen.push(`end ${req.url}`);
          res.statusCode = req.url?.includes('missing') ? 404 : 200;
          res.end('{}');
        }, wait);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  it('sends each call once the calls it came after have answered', async () => {
    const caller = httpCaller(origin);
    try {
      await caller.run([
        { method: 'POST', path: '/a/_search?x=1', body: '{"q":1}' },
        { method: 'GET', path: '/slow' },
        // After the first only: it does not wait for the slow one.
        { method: 'POST', path: '/b/_search', body: '{"q":2}', after: [0] },
        { method: 'GET', path: '/c', after: [1, 2] },
      ]);
    } finally {
      caller.close();
    }
    expect(seen).to.deep.equal([
      'start /a/_search?x=1 {"q":1}',
      'start /slow',
      'end /a/_search?x=1',
      'start /b/_search {"q":2}',
      'end /b/_search',
      'end /slow',
      'start /c',
      'end /c',
    ]);
    expect(
      callShape([
        { method: 'GET', path: '/a' },
        { method: 'GET', path: '/b' },
        { method: 'GET', path: '/c', after: [0] },
        { method: 'GET', path: '/d', after: [0, 2] },
      ]),
    ).to.deep.equal({ calls: 4, chain: 3 });
  });

  it('expects the status the app got, and sends the credentials it is given', async () => {
    const caller = httpCaller(origin, { apiKey: 'k' });
    try {
      await caller.run([{ method: 'GET', path: '/missing', status: 404 }]);
    } finally {
      caller.close();
    }
    expect(seen).to.deep.equal(['start /missing', 'end /missing']);
    expect(auth).to.equal('ApiKey k');
  });

  it('fails on any status but 200', async () => {
    const caller = httpCaller(origin);
    let error: unknown;
    try {
      await caller.run([{ method: 'GET', path: '/missing' }]);
    } catch (err) {
      error = err;
    } finally {
      caller.close();
    }
    expect(error).to.be.instanceOf(Error).with.property('message', 'GET /missing: HTTP 404');
  });

  it('runs at the rate asked, one at a time, and times each run', async () => {
    let running = 0;
    let overlapped = false;
    const latency = await measureRuns({
      rate: 50,
      durationS: 0.2,
      run: async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      },
    });
    // 50 a second for 0.2 s: ten turns at most (missed turns are dropped, never sent in a burst),
    // fewer only if the host stalls the loop.
    expect(latency.count).to.be.within(4, 10);
    expect(overlapped).to.equal(false);
    expect(latency.p50).to.be.at.least(4);
  });
});
