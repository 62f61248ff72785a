import type { Client } from '@elastic/elasticsearch';
import { Clusterer, dayNumber, WINDOW_DAYS } from '../articles/clusters.js';
import { bodyText } from '../articles/document.js';
import { fingerprint, scanBody, type Fingerprint } from '../articles/fingerprint.js';
import type { ArticleDocument } from '../articles/types.js';
import { engineStep } from './run.js';

// Each document gets its wire-copy cluster on its way to the engine. A reindex sees every
// article go past, so the clusterer alone decides. An incremental pass sees only what changed:
// before it places an article, the articles the index already holds within the window of its
// date are read (their bodies fingerprinted again, their clusters kept), so a new AFP copy
// joins the cluster an AP story started last week.

const PAGE = 1_000;

export interface CopyFinder {
  /** Sets `doc.cluster`. */
  place(id: string, doc: ArticleDocument): Promise<void>;
}

/** For a new index: the articles are all in the stream. */
export function streamCopyFinder(clusterer = new Clusterer()): CopyFinder & {
  /** `place` for a chunk in order, synchronously: every fingerprint, then every assignment. */
  placeAll(docs: readonly { id: string; doc: ArticleDocument }[]): void;
} {
  const placeAll = (docs: readonly { id: string; doc: ArticleDocument }[]) => {
    const prints = docs.map(({ doc }) => documentFingerprint(doc));
    docs.forEach(({ id, doc }, i) => {
      doc.cluster = clusterer.assign({ id, date: doc.date, fingerprint: prints[i]! }).cluster;
    });
  };
  return {
    place(id, doc) {
      placeAll([{ id, doc }]);
      return Promise.resolve();
    },
    placeAll,
  };
}

/**
 * A document's fingerprint. For a built one, from its paragraphs, noting what JSON must escape
 * in them: the scan reads every character anyway, and the bulk writer reads the note.
 */
export function documentFingerprint(doc: ArticleDocument): Fingerprint | null {
  const text = bodyText(doc);
  if (text === undefined) return fingerprint(doc.body);
  const scan = scanBody(text.paragraphs);
  text.json = scan.json;
  return scan.fingerprint;
}

/** For an index that holds articles already: their neighbours are read from it first. */
export function indexCopyFinder(
  client: Client,
  index: string,
  wrap: (message: string, cause?: unknown) => Error,
  clusterer = new Clusterer(),
): CopyFinder {
  const loaded = new Set<number>();
  const stream = streamCopyFinder(clusterer);
  return {
    async place(id, doc) {
      const day = dayNumber(doc.date);
      const missing: number[] = [];
      for (let d = day - WINDOW_DAYS; d <= day + WINDOW_DAYS; d++)
        if (!loaded.has(d)) missing.push(d);
      if (missing.length > 0) {
        for (const d of missing) loaded.add(d);
        await seedDays(client, index, clusterer, missing, wrap);
      }
      await stream.place(id, doc);
    },
  };
}

interface ClusterSource {
  date?: string;
  body?: string;
  cluster?: string;
}

async function seedDays(
  client: Client,
  index: string,
  clusterer: Clusterer,
  days: number[],
  wrap: (message: string, cause?: unknown) => Error,
): Promise<void> {
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const query = {
    range: { date: { gte: iso(Math.min(...days)), lte: iso(Math.max(...days)) } },
  };
  let after: (string | number)[] | undefined;
  for (;;) {
    const res = await engineStep(
      'reading the articles near a new one, to find its copies',
      () =>
        client.search<ClusterSource>({
          index,
          size: PAGE,
          query,
          _source: ['date', 'body', 'cluster'],
          sort: [{ path: 'asc' }],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        }),
      wrap,
    );
    const hits = res.hits.hits;
    for (const hit of hits) {
      const src = hit._source;
      if (!src?.date || hit._id === undefined) continue;
      // Days already seeded are inside the range too; they are remembered once.
      if (!days.includes(dayNumber(src.date))) continue;
      clusterer.seed({
        id: hit._id,
        date: src.date,
        fingerprint: fingerprint(src.body ?? ''),
        cluster: src.cluster ?? hit._id,
      });
    }
    if (hits.length < PAGE) return;
    after = hits[hits.length - 1]!.sort as (string | number)[];
  }
}
