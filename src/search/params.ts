// Search parameters: the one shape the web page, the JSON API and `ireum search` share.
// Parsing is strict on purpose: a bad parameter is named back to the user (400), never
// passed on to the engine where it would become a 500.

export const FACET_NAMES = ['agency', 'dateline', 'person', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const SORT_ORDERS = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Page sizes the form offers; any size from 1 to MAX_SIZE is accepted. */
export const PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_SIZE = 10;
export const MAX_SIZE = 100;
/** The engine's `max_result_window`: hits past it cannot be paged to. */
export const MAX_WINDOW = 10_000;
export const MAX_QUERY_CHARS = 500;
const MAX_VALUE_CHARS = 200;
const MAX_VALUES_PER_FACET = 50;
const MAX_PERSON_Q_CHARS = 100;

export interface SearchParams {
  /** Free text in simple_query_string syntax; '' means "everything". */
  q: string;
  page: number;
  size: number;
  /** As given; null means the default for the query (see effectiveSort). */
  sort: SortOrder | null;
  /** Inclusive date range, `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
  /** Selected facet values: OR within a facet, AND across facets. */
  filters: Record<FacetName, string[]>;
  /** The facet expanded with "show more", if any. */
  more: FacetName | null;
  /** Narrows the people facet's values (case-insensitive substring). */
  personQ: string;
}

export class ParamError extends Error {
  override name = 'ParamError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** A query-string value as Express (or any querystring parser) hands it over. */
export type RawQuery = Record<string, unknown>;

export function defaultParams(): SearchParams {
  return {
    q: '',
    page: 1,
    size: DEFAULT_SIZE,
    sort: null,
    from: null,
    to: null,
    filters: { agency: [], dateline: [], person: [], year: [] },
    more: null,
    personQ: '',
  };
}

/** Relevance only means something when there is a query; otherwise newest first. */
export function effectiveSort(params: SearchParams): SortOrder {
  return params.sort ?? (params.q === '' ? 'newest' : 'relevance');
}

/** Parses and validates query-string parameters; throws ParamError naming the bad one. */
export function parseSearchParams(raw: RawQuery): SearchParams {
  const params = defaultParams();
  params.q = single(raw, 'q', MAX_QUERY_CHARS).trim();
  params.size = integer(raw, 'size', DEFAULT_SIZE, 1, MAX_SIZE);
  params.page = integer(raw, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
  if ((params.page - 1) * params.size >= MAX_WINDOW) {
    throw new ParamError(
      'page',
      `Only the first ${MAX_WINDOW.toLocaleString('en-US')} results can be paged through; narrow the search with filters or a date range.`,
    );
  }
  const sort = single(raw, 'sort', 20);
  if (sort !== '') {
    if (!(SORT_ORDERS as readonly string[]).includes(sort)) {
      throw new ParamError('sort', `sort must be one of ${SORT_ORDERS.join(', ')}.`);
    }
    params.sort = sort as SortOrder;
  }
  params.from = date(raw, 'from');
  params.to = date(raw, 'to');
  if (params.from !== null && params.to !== null && params.from > params.to) {
    throw new ParamError('to', 'The end date (to) is before the start date (from).');
  }
  for (const facet of FACET_NAMES) params.filters[facet] = list(raw, facet);
  for (const year of params.filters.year) {
    if (!/^\d{4}$/.test(year)) throw new ParamError('year', `year must be a four-digit year.`);
  }
  const more = single(raw, 'more', 20);
  if (more !== '') {
    if (!(FACET_NAMES as readonly string[]).includes(more)) {
      throw new ParamError('more', `more must be one of ${FACET_NAMES.join(', ')}.`);
    }
    params.more = more as FacetName;
  }
  params.personQ = single(raw, 'person_q', MAX_PERSON_Q_CHARS).trim();
  return params;
}

/**
 * The parameters as query-string pairs, defaults left out, in a stable order, so every link the
 * page draws (chips, facet values, pages, histogram bars) is canonical and shareable.
 */
export function serializeParams(params: SearchParams): [string, string][] {
  const pairs: [string, string][] = [];
  if (params.q !== '') pairs.push(['q', params.q]);
  for (const facet of FACET_NAMES) {
    for (const value of params.filters[facet]) pairs.push([facet, value]);
  }
  if (params.from !== null) pairs.push(['from', params.from]);
  if (params.to !== null) pairs.push(['to', params.to]);
  if (params.sort !== null) pairs.push(['sort', params.sort]);
  if (params.size !== DEFAULT_SIZE) pairs.push(['size', String(params.size)]);
  if (params.more !== null) pairs.push(['more', params.more]);
  if (params.personQ !== '') pairs.push(['person_q', params.personQ]);
  if (params.page !== 1) pairs.push(['page', String(params.page)]);
  return pairs;
}

export function toQueryString(params: SearchParams): string {
  const pairs = serializeParams(params);
  return pairs.length === 0 ? '' : '?' + new URLSearchParams(pairs).toString();
}

function values(raw: RawQuery, name: string): string[] {
  const v = raw[name];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  return items.map((item) => {
    // Nested objects come from `a[b]=c` style keys; they are never a valid value here.
    if (typeof item !== 'string') throw new ParamError(name, `${name} must be plain text.`);
    return item;
  });
}

function single(raw: RawQuery, name: string, maxChars: number): string {
  const all = values(raw, name);
  if (all.length > 1) throw new ParamError(name, `${name} may be given only once.`);
  const value = all[0] ?? '';
  if (value.length > maxChars) {
    throw new ParamError(name, `${name} is too long (at most ${maxChars} characters).`);
  }
  return value;
}

function integer(raw: RawQuery, name: string, fallback: number, min: number, max: number): number {
  const text = single(raw, name, 20).trim();
  if (text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new ParamError(name, `${name} must be a whole number.`);
  const n = Number(text);
  if (n < min || n > max) {
    throw new ParamError(name, `${name} must be between ${min} and ${max}.`);
  }
  return n;
}

function date(raw: RawQuery, name: string): string | null {
  const text = single(raw, name, 20).trim();
  if (text === '') return null;
  if (!isIsoDate(text)) {
    throw new ParamError(name, `${name} must be a date written YYYY-MM-DD (e.g. 2021-03-31).`);
  }
  return text;
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2021-02-30). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function list(raw: RawQuery, name: string): string[] {
  const all = values(raw, name)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (all.length > MAX_VALUES_PER_FACET) {
    throw new ParamError(name, `At most ${MAX_VALUES_PER_FACET} ${name} values may be selected.`);
  }
  for (const v of all) {
    if (v.length > MAX_VALUE_CHARS) {
      throw new ParamError(name, `${name} is too long (at most ${MAX_VALUE_CHARS} characters).`);
    }
  }
  return [...new Set(all)];
}
