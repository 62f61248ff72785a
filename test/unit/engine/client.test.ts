import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bulkRetryDelays,
  createCompatClient,
  detectEngine,
  IreumTransport,
  redactUrl,
} from '../../../src/engine/client.js';

describe('engine/client detectEngine', () => {
  it('uses the stock client for Elasticsearch 8/9 (product header present)', () => {
    const info = detectEngine(
      { 'x-elastic-product': 'Elasticsearch' },
      { version: { number: '9.1.0' } },
    );
    expect(info).to.deep.equal({
      product: 'elasticsearch',
      version: '9.1.0',
      compat: false,
      compatibleWith: 9,
    });
    const eight = detectEngine(
      { 'x-elastic-product': 'Elasticsearch' },
      { version: { number: '8.17.2' } },
    );
    expect(eight.compatibleWith).to.equal(8);
  });

  it('needs the compat transport for OpenSearch', () => {
    const info = detectEngine({}, { version: { number: '3.8.0', distribution: 'opensearch' } });
    expect(info).to.deep.equal({ product: 'opensearch', version: '3.8.0', compat: true });
  });

  it('needs the compat transport for Elasticsearch 7.10 (no product header)', () => {
    const info = detectEngine({}, { version: { number: '7.10.2' } });
    expect(info).to.deep.equal({ product: 'elasticsearch', version: '7.10.2', compat: true });
  });

  it('copes with an unexpected body', () => {
    expect(detectEngine({}, null).version).to.equal('unknown');
  });
});

describe('engine/client redactUrl', () => {
  it('removes credentials', () => {
    expect(redactUrl('http://elastic:secret@127.0.0.1:9200/')).to.equal('http://127.0.0.1:9200');
  });
});

describe('engine/client bulkRetryDelays', () => {
  it('doubles from 500 ms, jittered by at most 20%', () => {
    expect(bulkRetryDelays(() => 0.5)).to.deep.equal([500, 1000, 2000, 4000, 8000]);
    const low = bulkRetryDelays(() => 0);
    const high = bulkRetryDelays(() => 0.999);
    expect(low[0]).to.equal(400);
    expect(high[4]).to.be.within(9_590, 9_600);
  });
});

// A loopback HTTP server stands in for the engine's answers here: this checks the transport's own
// retry rule, not the engine (promise 3 of the reliability suite checks it against a real one).
describe('engine/client IreumTransport', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  let refuse = 0;

  before(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (refuse > 0) {
          refuse--;
          res.statusCode = 429;
          res.end(JSON.stringify({ error: { type: 'circuit_breaking_exception' }, status: 429 }));
        } else if (req.url?.startsWith('/_bulk')) {
          res.end(JSON.stringify({ took: 1, errors: false, items: [] }));
        } else {
          res.end(JSON.stringify({ took: 1, hits: { hits: [] } }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    refuse = 0;
  });

  it('sends a whole _bulk refused with 429 again after a backoff', async () => {
    const client = createCompatClient({ url });
    refuse = 2;
    const started = Date.now();
    const res = await client.bulk({ operations: [{ index: { _index: 'x', _id: '1' } }, { a: 1 }] });
    expect(res.errors).to.equal(false);
    expect(seen).to.deep.equal(['POST /_bulk', 'POST /_bulk', 'POST /_bulk']);
    expect(Date.now() - started).to.be.at.least(400 + 800);
    await client.close();
  });

  it('gives up after five retries', async () => {
    const client = createCompatClient({ url });
    refuse = 100;
    // The real schedule waits about 15 s in all; the same rule with 1 ms waits.
    const real = IreumTransport.bulkDelays;
    IreumTransport.bulkDelays = () => real().map(() => 1);
    try {
      const err = await client
        .bulk({ operations: [{ index: { _index: 'x', _id: '1' } }, { a: 1 }] })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((err as { statusCode?: number }).statusCode).to.equal(429);
      // The first attempt and five retries, then the 429 reaches the caller.
      expect(seen).to.deep.equal(Array(6).fill('POST /_bulk'));
      expect(real()).to.have.length(5);
    } finally {
      IreumTransport.bulkDelays = real;
      await client.close();
    }
  });

  it('does not retry a search refused with 429 (the web answers 503 at once)', async () => {
    const client = createCompatClient({ url, maxRetries: 0 });
    refuse = 1;
    const err = await client.search({ index: 'x' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as { statusCode?: number }).statusCode).to.equal(429);
    expect(seen).to.deep.equal(['GET /x/_search']);
    await client.close();
  });
});
