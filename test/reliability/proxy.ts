import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { pausableProxy, type PausableProxy } from '../support/proxy.js';

// Loopback proxies in front of the private engine. The TCP one keeps the engine's address stable
// across a restart (the launcher may pick another port); the HTTP one injects engine faults.

export type TcpProxy = Pick<PausableProxy, 'url' | 'setTarget' | 'close'>;

/** Pipes bytes to `target` (see test/support/proxy.ts). */
export function tcpProxy(target: string): Promise<TcpProxy> {
  return pausableProxy(target);
}

/** What the fault proxy does with one request. */
export type Verdict =
  | { kind: 'forward' }
  /** Answer this status with an engine-like error body, without forwarding. */
  | { kind: 'reject'; status: number; type: string }
  /** Forward a `_bulk`, but answer 429 for the listed item positions instead of sending them. */
  | { kind: 'bulk-reject'; items: number[] }
  /** Hold the request: it is never forwarded, the client waits until it gives up. */
  | { kind: 'hold' };

export interface FaultRequest {
  method: string;
  path: string;
  body: Buffer;
}

export interface FaultProxy {
  url: string;
  /** Counts by what was done. */
  stats: Record<string, number>;
  close(): Promise<void>;
}

const ERROR_REASONS: Record<string, string> = {
  es_rejected_execution_exception:
    'rejected execution of coordinating operation [queue capacity 1000]',
  circuit_breaking_exception:
    '[parent] Data too large, data for [<http_request>] would be larger than limit',
};

function errorBody(status: number, type: string): string {
  const reason = ERROR_REASONS[type] ?? type;
  return JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status });
}

/**
 * An HTTP proxy that asks `decide` about every request. Bounded: it only ever talks to
 * `target` on the loopback, and `hold` keeps a request no longer than `holdMs`.
 */
export async function faultProxy(
  target: string,
  decide: (req: FaultRequest) => Verdict,
  onRequest?: (req: FaultRequest, verdict: Verdict) => void,
  holdMs = 120_000,
): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const stats: Record<string, number> = {};
  const held = new Set<ServerResponse>();
  const count = (k: string, n = 1) => (stats[k] = (stats[k] ?? 0) + n);

  const forward = (
    req: FaultRequest,
    headers: IncomingMessage['headers'],
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const up = httpRequest(
        {
          host: hostname,
          port: Number(port),
          method: req.method,
          path: req.path,
          headers: {
            ...headers,
            host: `${hostname}:${port}`,
            'content-length': String(req.body.length),
          },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      up.on('timeout', () => up.destroy(new Error('upstream timeout')));
      up.on('error', reject);
      up.end(req.body);
    });

  const server = createHttpServer((inc, out) => {
    const chunks: Buffer[] = [];
    inc.on('data', (c: Buffer) => chunks.push(c));
    inc.on('end', () => {
      const req: FaultRequest = {
        method: inc.method ?? 'GET',
        path: inc.url ?? '/',
        body: Buffer.concat(chunks),
      };
      const verdict = decide(req);
      onRequest?.(req, verdict);
      const headers = { ...inc.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers['accept-encoding'];
      void handle(req, verdict, headers, out).catch(() => {
        if (!out.headersSent) out.writeHead(502).end();
        else out.destroy();
      });
    });
  });

  async function handle(
    req: FaultRequest,
    verdict: Verdict,
    headers: IncomingMessage['headers'],
    out: ServerResponse,
  ): Promise<void> {
    if (verdict.kind === 'reject') {
      count(`rejected ${verdict.status}`);
      out
        .writeHead(verdict.status, { 'content-type': 'application/json' })
        .end(errorBody(verdict.status, verdict.type));
      return;
    }
    if (verdict.kind === 'hold') {
      count('held');
      held.add(out);
      const t = setTimeout(() => out.destroy(), holdMs);
      out.on('close', () => {
        clearTimeout(t);
        held.delete(out);
      });
      return;
    }
    if (verdict.kind === 'bulk-reject' && verdict.items.length > 0) {
      const lines = req.body
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '');
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < lines.length; i += 2) pairs.push([lines[i]!, lines[i + 1]!]);
      const reject = new Set(verdict.items.filter((i) => i < pairs.length));
      const kept = pairs.filter((_, i) => !reject.has(i));
      let items: unknown[] = [];
      let took = 0;
      if (kept.length > 0) {
        const res = await forward(
          { ...req, body: Buffer.from(kept.map((p) => p.join('\n')).join('\n') + '\n') },
          headers,
        );
        if (res.status !== 200) {
          out.writeHead(res.status, { 'content-type': 'application/json' }).end(res.body);
          return;
        }
        const parsed = JSON.parse(res.body.toString('utf8')) as { items: unknown[]; took: number };
        items = parsed.items;
        took = parsed.took;
      }
      const merged: unknown[] = [];
      let k = 0;
      pairs.forEach(([action], i) => {
        if (reject.has(i)) {
          const a = JSON.parse(action) as { index: { _index?: string; _id?: string } };
          merged.push({
            index: {
              _index: a.index._index,
              _id: a.index._id,
              status: 429,
              error: {
                type: 'es_rejected_execution_exception',
                reason: ERROR_REASONS['es_rejected_execution_exception'],
              },
            },
          });
        } else merged.push(items[k++]);
      });
      count('bulk items rejected 429', reject.size);
      count('bulk items forwarded', kept.length);
      out
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ took, errors: true, items: merged }));
      return;
    }
    count('forwarded');
    const res = await forward(req, headers);
    const h = { ...res.headers };
    delete h['content-length'];
    delete h['transfer-encoding'];
    delete h['connection'];
    out.writeHead(res.status, h).end(res.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const own = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${own}`,
    stats,
    async close() {
      for (const out of held) out.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
