// The raw `_bulk` baseline: documents already serialized as NDJSON, posted over a keep-alive
// socket pool with nothing else in the way. What the engine can ingest when the client is free.

import { Agent, request } from 'node:http';
import type { ReadResult } from '../src/articles/walk.js';

/** NDJSON bodies of `batchSize` documents each, for `POST /<index>/_bulk`. */
export function buildBulkBodies(
  results: readonly ReadResult[],
  batchSize: number,
): { bodies: Buffer[]; docs: number; bytes: number } {
  const bodies: Buffer[] = [];
  let lines: string[] = [];
  let inBatch = 0;
  let docs = 0;
  let bytes = 0;
  const flush = () => {
    if (inBatch === 0) return;
    const body = Buffer.from(lines.join(''));
    bytes += body.length;
    bodies.push(body);
    lines = [];
    inBatch = 0;
  };
  for (const r of results) {
    if (!r.ok) continue;
    lines.push(`{"index":{"_id":${JSON.stringify(r.id)}}}\n`, JSON.stringify(r.doc), '\n');
    docs++;
    if (++inBatch === batchSize) flush();
  }
  flush();
  return { bodies, docs, bytes };
}

/** Posts every body to `<url>/<index>/_bulk`, `concurrency` at a time; throws on any item error. */
export async function postBulks(
  url: string,
  index: string,
  bodies: readonly Buffer[],
  concurrency: number,
  headers: Record<string, string> = {},
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(`/${encodeURIComponent(index)}/_bulk`, url);
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const text = await post(target, body, agent, headers);
      // `errors` is the first field of a bulk response; no need to parse 1,000 items to see it.
      if (!text.slice(0, 40).includes('"errors":false')) {
        throw new Error(`bulk refused some documents: ${text.slice(0, 300)}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
}

function post(
  target: URL,
  body: Buffer,
  agent: Agent,
  headers: Record<string, string>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/x-ndjson',
          'content-length': body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300)
            reject(new Error(`bulk: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(text);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
