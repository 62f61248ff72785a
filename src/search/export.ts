// Full export of a search: every matching article, not one page of it, as CSV or NDJSON. This
// module is the pure part: which parameters shape an export, the engine request of each page,
// one row per hit and the bytes of each format. Paging the engine lives in
// engine/exportService.ts; the routes in web/export.ts; `ireum export` in cli/commands/export.ts.
//
// Order: the search's own order (sortClauses: relevance, newest or oldest, as the results page
// sorts them), which always ends with `path`, unique per article. Pages follow each other with
// `search_after` on those sort values, so there is no 10,000-hit window and a page is never
// shown twice or skipped.

import type { estypes } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import type { DetectedName } from './nameQuery.js';
import { buildSearchRequest } from './buildRequest.js';
import {
  PARAM_TABLE,
  defaultParams,
  paramValue,
  setParamValue,
  toQueryString,
  type ParamSpec,
  type SearchParams,
} from './params.js';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The columns of the CSV, in order; the keys of each NDJSON object, in the same order. */
export const EXPORT_COLUMNS = [
  'id',
  'date',
  'title',
  'agencies',
  'dateline',
  'people',
  'path',
] as const;

/** One exported article. `id` is the engine's document id, as in a hit of the search. */
export interface ExportRow {
  id: string;
  date: string;
  title: string;
  agencies: string[];
  dateline: string | null;
  people: string[];
  path: string;
}

/** What each page asks the engine for: the row's fields and nothing else. */
export const EXPORT_SOURCE = ['path', 'date', 'title', 'agencies', 'dateline', 'people'];

/** Hits per engine request. Big enough that a request's overhead is small, small enough to hold. */
export const DEFAULT_EXPORT_PAGE_SIZE = 1_000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson',
};

export function exportFilename(format: ExportFormat): string {
  return `ireum-export.${format}`;
}

/**
 * Excel reads a CSV without a byte order mark as the local code page, which garbles Hangul; with
 * it, as UTF-8. Other readers (Python's csv with `utf-8-sig`, LibreOffice, pandas) skip it.
 */
export const UTF8_BOM = '\uFEFF';

// ---------------------------------------------------------------------------------------------
// Which parameters shape an export

/**
 * Whether a parameter changes what an export holds: the query, the filters and the order do;
 * page size, page, and the facet sidebar's state (`more`, `person_q`) do not.
 */
export function shapesExport(spec: ParamSpec): boolean {
  return spec.role === 'query' || spec.role === 'filter' || spec.name === 'sort';
}

/** The parameters with everything that does not change the export back at its default. */
export function exportParams(params: SearchParams): SearchParams {
  const out = defaultParams();
  for (const spec of PARAM_TABLE) {
    if (shapesExport(spec)) setParamValue(out, spec, paramValue(params, spec));
  }
  return out;
}

/** `?q=...&agency=...`: the canonical query string of the export of a search ('' for none). */
export function exportQueryString(params: SearchParams): string {
  return toQueryString(exportParams(params));
}

// ---------------------------------------------------------------------------------------------
// The engine request of each page

/** What every page of one export shares: the search's own query, post_filter and sort. */
export interface ExportQuery {
  query: estypes.QueryDslQueryContainer;
  post_filter?: estypes.QueryDslQueryContainer;
  sort: estypes.Sort;
}

/**
 * Taken from buildSearchRequest itself, so an export holds exactly the search's hits: the same
 * query (text, names, date range) and the same post_filter (the facet selections).
 */
export function exportQuery(
  params: SearchParams,
  opts: { names?: readonly DetectedName[] } = {},
): ExportQuery {
  const search = buildSearchRequest(params, opts);
  return {
    query: search.query!,
    ...(search.post_filter !== undefined ? { post_filter: search.post_filter } : {}),
    sort: search.sort!,
  };
}

export interface ExportPage {
  /** Hits per page (DEFAULT_EXPORT_PAGE_SIZE when not given). */
  size?: number;
  /** The sort values of the last hit of the previous page; absent for the first page. */
  after?: estypes.SortResults | null;
  /** Count every match exactly (the first page does, for the total); later pages skip it. */
  countTotal?: boolean;
}

/** One page of an export, from its shared query. No highlight, no aggregations, no `from`. */
export function exportPageRequest(q: ExportQuery, page: ExportPage = {}): estypes.SearchRequest {
  return {
    query: q.query,
    ...(q.post_filter !== undefined ? { post_filter: q.post_filter } : {}),
    sort: q.sort,
    size: page.size ?? DEFAULT_EXPORT_PAGE_SIZE,
    _source: EXPORT_SOURCE,
    track_total_hits: page.countTotal === true,
    ...(page.after ? { search_after: page.after } : {}),
  };
}

/** One page of the export of `params`. */
export function buildExportRequest(
  params: SearchParams,
  page: ExportPage = {},
): estypes.SearchRequest {
  return exportPageRequest(exportQuery(params), page);
}

// ---------------------------------------------------------------------------------------------
// Rows and bytes

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null ? [] : [String(value)];
}

/** The row of one hit of an export page. */
export function exportRow(hit: estypes.SearchHit<Partial<ArticleDocument>>): ExportRow {
  const doc = hit._source ?? {};
  return {
    id: hit._id ?? '',
    date: doc.date ?? '',
    title: doc.title ?? '',
    agencies: strings(doc.agencies),
    dateline: doc.dateline ?? null,
    people: strings(doc.people),
    path: doc.path ?? '',
  };
}

/** How a multi-valued field is written in one CSV cell. */
export const CSV_LIST_SEPARATOR = '; ';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): `=`, `+`,
 * `-` and `@`, and tab and carriage return, which some spreadsheets skip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field: a leading `'` when the text would start a formula (the spreadsheet then shows
 * it as text), then RFC 4180 quoting when it holds a comma, a quote, CR or LF, inner quotes
 * doubled.
 */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

export const CSV_HEADER = csvRecord(EXPORT_COLUMNS);

export function csvLine(row: ExportRow): string {
  return csvRecord([
    row.id,
    row.date,
    row.title,
    row.agencies.join(CSV_LIST_SEPARATOR),
    row.dateline ?? '',
    row.people.join(CSV_LIST_SEPARATOR),
    row.path,
  ]);
}

// As Express's `json escape`: the text stays inert even if something renders it as HTML or
// embeds it in a script. JSON readers decode these back to the same characters.
const JSON_UNSAFE = /[<>&\u2028\u2029]/g;
const JSON_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** One NDJSON line: the row's fields in column order, arrays as arrays, dateline null if none. */
export function ndjsonLine(row: ExportRow): string {
  const json = JSON.stringify({
    id: row.id,
    date: row.date,
    title: row.title,
    agencies: row.agencies,
    dateline: row.dateline,
    people: row.people,
    path: row.path,
  });
  return json.replace(JSON_UNSAFE, (c) => JSON_ESCAPES[c]!) + '\n';
}

/** What comes before the first row: the BOM and header row for CSV, nothing for NDJSON. */
export function exportPreamble(format: ExportFormat): string {
  return format === 'csv' ? UTF8_BOM + CSV_HEADER : '';
}

/** The bytes of a page of rows, as one string (one write per page). */
export function formatRows(format: ExportFormat, rows: readonly ExportRow[]): string {
  const line = format === 'csv' ? csvLine : ndjsonLine;
  let out = '';
  for (const row of rows) out += line(row);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The backend

/**
 * An export in progress. The index it reads was fixed when it was opened, and its first page has
 * already been fetched, so opening is where an unreachable engine shows (a 503 before any byte).
 */
export interface ExportCursor {
  /** The concrete index (or indices) the alias pointed to when the export was opened. */
  readonly index: string;
  /** Articles matching when the export was opened. */
  readonly total: number;
  /**
   * The rows, a page at a time, in the search's order. Breaking out of the loop (or an abort
   * signal given to `open`) stops the paging, including a request in flight.
   */
  pages(): AsyncIterable<ExportRow[]>;
}

/** What the faces (web, CLI) need to export a search; the engine one lives in src/engine/. */
export interface ExportService {
  /**
   * Pins the alias's index and fetches the first page. Throws SearchUnavailableError when the
   * engine cannot be reached or the alias is missing.
   */
  open(params: SearchParams, opts?: { signal?: AbortSignal }): Promise<ExportCursor>;
}
