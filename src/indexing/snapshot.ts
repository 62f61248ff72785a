import type { Client } from '@elastic/elasticsearch';
import type { Snapshot } from './diff.js';
import { engineStep } from './run.js';

// The index is its own record of what it holds: every document's id, path and content hash,
// read page by page with search_after on `path` (unique, since ids derive from it). Doc values
// only, no _source: about 60 bytes a document in memory.

const PAGE = 10_000;

export async function readSnapshot(
  client: Client,
  index: string,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  let after: (string | number)[] | undefined;
  for (;;) {
    const res = await engineStep(
      'reading what the index holds',
      () =>
        client.search<unknown>({
          index,
          size: PAGE,
          _source: false,
          docvalue_fields: ['hash'],
          sort: [{ path: 'asc' }],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        }),
      wrap,
    );
    const hits = res.hits.hits;
    for (const hit of hits) {
      const path = String(hit.sort?.[0] ?? '');
      const hash = (hit.fields as { hash?: unknown[] } | undefined)?.hash?.[0];
      snapshot.set(hit._id!, { path, hash: typeof hash === 'string' ? hash : undefined });
    }
    if (hits.length < PAGE) return snapshot;
    after = hits[hits.length - 1]!.sort as (string | number)[];
  }
}
