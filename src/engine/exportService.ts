import { guardEngine } from './unavailable.js';
import { type Client, type estypes, type TransportRequestOptions } from '@elastic/elasticsearch';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ArticleDocument } from '../articles/types.js';
import {
  DEFAULT_EXPORT_PAGE_SIZE,
  exportPageRequest,
  exportPreamble,
  exportQuery,
  exportRow,
  formatRows,
  type ExportCursor,
  type ExportFormat,
  type ExportRow,
  type ExportService,
} from '../search/export.js';
import type { SearchParams } from '../search/params.js';
import { SearchUnavailableError } from '../search/service.js';
import { hitsTotal } from '../search/transformResponse.js';

// The export over a real engine. When an export opens, the alias is resolved to the index it
// points to now, and every page reads that index: a reindex that moves the alias meanwhile
// cannot mix two indices into one file. (If the reindex then deletes the old index, the next
// page fails and the export ends early, as a failure, never as a mix.) Pages follow each other
// with `search_after` on the search's sort, which ends with the unique `path`; no point in
// time, whose API differs between OpenSearch and Elasticsearch.

export interface EngineExportOptions {
  client: Client;
  /** The alias (or index) exported. */
  alias: string;
  /** Hits per engine request; tests lower it to exercise paging over a few articles. */
  pageSize?: number;
  /** Bound on each engine request. */
  timeoutMs?: number;
  /**
   * Called when a page has arrived, before the next is asked for (1 for the first page). Tests
   * use it to move the alias, or delete the index, in the middle of an export.
   */
  onPage?: (page: number, index: string) => void | Promise<void>;
}

type HitDocument = Partial<ArticleDocument>;

export function createEngineExportService(opts: EngineExportOptions): ExportService {
  const { client, alias } = opts;
  const size = opts.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new Error('pageSize must be a positive integer');
  const requestOptions = (signal: AbortSignal): TransportRequestOptions => ({
    requestTimeout: opts.timeoutMs ?? 30_000,
    // As the search service: one retry at once, then it is the engine's failure.
    maxRetries: 1,
    retryBackoff: () => 0,
    signal,
  });

  return {
    async open(params: SearchParams, { signal } = {}): Promise<ExportCursor> {
      // Aborted when the caller's signal is (the client went away) or when paging stops early.
      const stop = new AbortController();
      const aborted = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
      const index = await guardEngine(() => concreteIndex(client, alias, requestOptions(aborted)));
      const query = exportQuery(params);
      // Every page from the same shard copies, so relevance scores cannot differ between pages.
      const preference = `ireum-export-${randomUUID()}`;
      const fetchPage = (after: estypes.SortResults | null) =>
        guardEngine(() =>
          client.search<HitDocument>(
            {
              index,
              preference,
              ...exportPageRequest(query, { size, after, countTotal: after === null }),
            },
            requestOptions(aborted),
          ),
        );
      const first = await fetchPage(null);
      const onPage = opts.onPage;

      async function* pages(): AsyncGenerator<ExportRow[]> {
        let response = first;
        let n = 1;
        try {
          for (;;) {
            const hits = response.hits.hits;
            if (hits.length === 0) return;
            await onPage?.(n, index);
            // Ask for the next page now, while the caller writes this one; a short page is the last.
            const last = hits[hits.length - 1]!.sort;
            let next: Promise<estypes.SearchResponse<HitDocument>> | null = null;
            if (hits.length === size && last !== undefined) {
              next = fetchPage(last);
              // Handled here so an abandoned request cannot become an unhandled rejection; the
              // await below still sees its failure.
              next.catch(() => {});
            }
            yield hits.map(exportRow);
            if (next === null) return;
            response = await next;
            n++;
          }
        } finally {
          stop.abort();
        }
      }

      return { index, total: hitsTotal(first).value, pages };
    },
  };
}

/**
 * The concrete index behind `alias` (or `alias` itself when it is an index): the keys of a
 * settings answer are index names whatever was asked. Several indices are joined with commas.
 */
async function concreteIndex(
  client: Client,
  alias: string,
  options: TransportRequestOptions,
): Promise<string> {
  const settings = await client.indices.getSettings(
    { index: alias, name: 'index.number_of_shards' },
    options,
  );
  const names = Object.keys(settings).sort();
  if (names.length === 0) throw new SearchUnavailableError(`no index behind ${alias}`);
  return names.join(',');
}

export interface WriteExportOptions {
  /** Stops between writes (and while waiting for 'drain'); the caller's own abort. */
  signal?: AbortSignal;
  /** Rows written so far, after each page. */
  onRows?: (rows: number) => void;
}

/**
 * Writes an open export to `out`: the preamble, then one write per page. When `out` is full
 * (write returns false) it waits for 'drain' before asking for more, so memory holds at most the
 * page being written and the one being fetched. Returns the rows written; does not end `out`.
 */
export async function writeExport(
  cursor: ExportCursor,
  out: Writable,
  format: ExportFormat,
  opts: WriteExportOptions = {},
): Promise<number> {
  const { signal } = opts;
  let rows = 0;
  await write(out, exportPreamble(format), signal);
  for await (const page of cursor.pages()) {
    signal?.throwIfAborted();
    await write(out, formatRows(format, page), signal);
    rows += page.length;
    opts.onRows?.(rows);
  }
  return rows;
}

async function write(out: Writable, chunk: string, signal: AbortSignal | undefined) {
  if (chunk === '') return;
  // 'error' while waiting rejects too (events.once listens for it).
  if (!out.write(chunk)) await once(out, 'drain', signal ? { signal } : {});
}
