// Search parameters: the one shape the web page, the JSON API and `ireum search` share.
// Which parameters there are, their defaults and their limits are rows of PARAM_TABLE
// (paramTable.ts); this module reads and writes them. Parsing is strict on purpose: a bad
// parameter is named back to the user (400), never passed on to the engine where it would
// become a 500.

import {
  PARAM_TABLE,
  MAX_TOKEN_CHARS,
  type DateParam,
  type EnumParam,
  type IntegerParam,
  type ListParam,
  type ParamSpec,
  type SearchParams,
  type SortOrder,
  type TextParam,
} from './paramTable.js';

export {
  DEFAULT_SIZE,
  FACET_NAMES,
  MAX_QUERY_CHARS,
  MAX_SIZE,
  MAX_WINDOW,
  PAGE_SIZES,
  PARAM_TABLE,
  SORT_ORDERS,
  type FacetName,
  type ParamSpec,
  type SearchParams,
  type SortOrder,
} from './paramTable.js';

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

/** What a row's parameter holds in SearchParams. */
export type ParamValue = string | number | null | readonly string[];

/** The value of one parameter in `params`. */
export function paramValue(params: SearchParams, spec: ParamSpec): ParamValue {
  return spec.type === 'strings' ? params.filters[spec.facet] : params[spec.field];
}

/** Sets one parameter; the value must be what the row's parser produces. */
export function setParamValue(params: SearchParams, spec: ParamSpec, value: ParamValue): void {
  if (spec.type === 'strings') params.filters[spec.facet] = [...(value as readonly string[])];
  else (params as unknown as Record<string, ParamValue>)[spec.field] = value;
}

/** Puts one parameter back to its default. */
export function resetParam(params: SearchParams, spec: ParamSpec): void {
  setParamValue(params, spec, spec.default);
}

export function isDefault(params: SearchParams, spec: ParamSpec): boolean {
  const value = paramValue(params, spec);
  return Array.isArray(value) ? value.length === 0 : value === spec.default;
}

export function defaultParams(): SearchParams {
  const params = { filters: {} } as SearchParams;
  for (const spec of PARAM_TABLE) resetParam(params, spec);
  return params;
}

/** Relevance only means something when there is a query; otherwise newest first. */
export function effectiveSort(params: SearchParams): SortOrder {
  return params.sort ?? (params.q === '' ? 'newest' : 'relevance');
}

/**
 * Parses and validates query-string parameters; throws ParamError naming the bad one. Each row
 * is read in table order, then the rules that involve two parameters are checked.
 */
export function parseSearchParams(raw: RawQuery): SearchParams {
  const params = defaultParams();
  for (const spec of PARAM_TABLE) setParamValue(params, spec, readParam(raw, spec));
  for (const spec of PARAM_TABLE) {
    const problem = spec.check?.(params) ?? null;
    if (problem !== null) throw new ParamError(spec.name, problem);
  }
  return params;
}

/** One parameter from the query string, validated by its row. */
export function readParam(raw: RawQuery, spec: ParamSpec): ParamValue {
  switch (spec.type) {
    case 'string':
      return text(raw, spec);
    case 'integer':
      return integer(raw, spec);
    case 'date':
      return date(raw, spec);
    case 'enum':
      return choice(raw, spec);
    case 'strings':
      return list(raw, spec);
  }
}

/**
 * The parameters as query-string pairs, defaults left out, in table order, so every link the
 * page draws (chips, facet values, pages, histogram bars) is canonical and shareable.
 */
export function serializeParams(params: SearchParams): [string, string][] {
  const pairs: [string, string][] = [];
  for (const spec of PARAM_TABLE) {
    if (isDefault(params, spec)) continue;
    const value = paramValue(params, spec);
    if (Array.isArray(value)) for (const v of value) pairs.push([spec.name, v]);
    else pairs.push([spec.name, String(value)]);
  }
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

function text(raw: RawQuery, spec: TextParam): string {
  return single(raw, spec.name, spec.maxChars).trim();
}

function integer(raw: RawQuery, spec: IntegerParam): number {
  const { name, min, max } = spec;
  const digits = single(raw, name, MAX_TOKEN_CHARS).trim();
  if (digits === '') return spec.default;
  if (!/^\d+$/.test(digits)) throw new ParamError(name, `${name} must be a whole number.`);
  const n = Number(digits);
  if (n < min || n > max) {
    throw new ParamError(name, `${name} must be between ${min} and ${max}.`);
  }
  return n;
}

function date(raw: RawQuery, spec: DateParam): string | null {
  const name = spec.name;
  const value = single(raw, name, MAX_TOKEN_CHARS).trim();
  if (value === '') return spec.default;
  if (!isIsoDate(value)) {
    throw new ParamError(name, `${name} must be a date written YYYY-MM-DD (e.g. 2021-03-31).`);
  }
  return value;
}

function choice(raw: RawQuery, spec: EnumParam): string | null {
  const name = spec.name;
  const value = single(raw, name, MAX_TOKEN_CHARS);
  if (value === '') return spec.default;
  if (!spec.values.includes(value)) {
    throw new ParamError(name, `${name} must be one of ${spec.values.join(', ')}.`);
  }
  return value;
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2021-02-30). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function list(raw: RawQuery, spec: ListParam): string[] {
  const { name, maxValues, maxChars, pattern } = spec;
  const all = values(raw, name)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (all.length > maxValues) {
    throw new ParamError(name, `At most ${maxValues} ${name} values may be selected.`);
  }
  for (const v of all) {
    if (v.length > maxChars) {
      throw new ParamError(name, `${name} is too long (at most ${maxChars} characters).`);
    }
  }
  const distinct = [...new Set(all)];
  if (pattern) {
    for (const v of distinct)
      if (!pattern.regex.test(v)) throw new ParamError(name, pattern.message);
  }
  return distinct;
}
