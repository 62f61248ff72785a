import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from '../../../src/engine/client.js';

// Elasticsearch 8 and 9 check the version in vendored media types: 8.x accepts
// `compatible-with=7|8` and refuses 9 ("Accept version must be either version 8 or 7"), 9.x
// accepts 8 or 9. A loopback stub that enforces the same rule stands in for each, so the media
// types `connect()` picks are checked without those engines.

interface Stub {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

async function elasticStub(version: string, accepted: number[]): Promise<Stub> {
  const seen: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-elastic-product': 'Elasticsearch',
      });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/') {
      send(200, { version: { number: version }, tagline: 'You Know, for Search' });
      return;
    }
    const headers = [req.headers.accept ?? '', req.headers['content-type'] ?? ''].join(' | ');
    seen.push(headers);
    for (const m of headers.matchAll(/compatible-with=(\d+)/g)) {
      if (!accepted.includes(Number(m[1]))) {
        send(400, {
          error: {
            type: 'media_type_header_exception',
            reason: `Accept version must be either version ${accepted.join(' or ')}, but found ${m[1]}`,
          },
          status: 400,
        });
        return;
      }
    }
    send(200, { count: 7, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('engine/client media types by server version', () => {
  for (const [version, accepted, expected] of [
    ['8.17.2', [8, 7], 8],
    ['9.1.0', [9, 8], 9],
  ] as const) {
    it(`talks to Elasticsearch ${version} with compatible-with=${expected}`, async () => {
      const stub = await elasticStub(version, [...accepted]);
      const { client, engine } = await connect({ url: stub.url, maxRetries: 0 });
      try {
        expect(engine.compatibleWith).to.equal(expected);
        const res = await client.count({ index: 'articles', query: { match_all: {} } });
        expect(res.count).to.equal(7);
        expect(stub.seen.length).to.be.greaterThan(0);
        for (const h of stub.seen) expect(h).to.contain(`compatible-with=${expected}`);
      } finally {
        await client.close();
        await stub.close();
      }
    });
  }

  it('the stub refuses what the shipped client alone would send to 8.x', async () => {
    const stub = await elasticStub('8.17.2', [8, 7]);
    try {
      const res = await fetch(`${stub.url}/articles/_count`, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.elasticsearch+json; compatible-with=9',
          'content-type': 'application/vnd.elasticsearch+json; compatible-with=9',
        },
        body: '{}',
      });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.match(/either version 8 or 7/);
    } finally {
      await stub.close();
    }
  });
});
