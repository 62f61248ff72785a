// The search parameters as one table. Each row says what a parameter is called, what it holds,
// its default, its limits and its help text; everything else is generated from the rows:
// parsing and serializing (params.ts), the links and chips (web/links.ts), the OpenAPI
// document (web/openapi.ts) and the flags of `ireum search` (cli/commands/search.ts).
// Adding a parameter is one row here plus its field in SearchParams.
//
// This module holds data only and imports nothing, so params.ts can build on it without an
// import cycle; the parsed shape, SearchParams, lives here beside the rows that fill it.

export const FACET_NAMES = ['agency', 'dateline', 'person', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export const SORT_ORDERS = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** `all`: every wire copy as its own hit; by default copies of one story are one hit. */
export const DUP_MODES = ['all'] as const;
export type DupMode = (typeof DUP_MODES)[number];

/** The parsed search: what every face (page, API, CLI) turns a query string into. */
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
  /** null: copies of one story collapse into one hit; `all`: every copy is a hit. */
  dup: DupMode | null;
}

/** Page sizes the form offers; any size from 1 to MAX_SIZE is accepted. */
export const PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_SIZE = 10;
export const MAX_SIZE = 100;
/** The engine's `max_result_window`: hits past it cannot be paged to. */
export const MAX_WINDOW = 10_000;
export const MAX_QUERY_CHARS = 500;
export const MAX_VALUE_CHARS = 200;
export const MAX_VALUES_PER_FACET = 50;
export const MAX_PERSON_Q_CHARS = 100;
/** Longest text accepted for an integer, a date or an enum value (they are all much shorter). */
export const MAX_TOKEN_CHARS = 20;

/**
 * What a parameter is for, which decides how links treat it: changing anything but `view` and
 * `page` goes back to page 1; "clear all" resets `filter` and `facet`; `filter`s get chips.
 */
export type ParamRole =
  /** What is searched for. */
  | 'query'
  /** Narrows the hits; shown as a removable chip. */
  | 'filter'
  /** State of the facet sidebar (which facet is expanded, the people search box). */
  | 'facet'
  /** How the hits are shown. */
  | 'view'
  /** Where in the hits. */
  | 'page';

interface ParamBase {
  /** The query-string name; also the CLI flag, with `_` written `-`. */
  readonly name: string;
  readonly role: ParamRole;
  /** One or two sentences for the API document and `ireum search --help`. */
  readonly help: string;
  /**
   * How `ireum search` takes it: a flag (the default), the positional argument of that name,
   * or not at all.
   */
  readonly cli?: { readonly positional: string } | false;
  /**
   * A rule that involves other parameters, checked once all are read; returns the message of
   * the 400 (naming this parameter), or null. `rule` says the same for the documentation.
   */
  readonly check?: (params: SearchParams) => string | null;
  readonly rule?: string;
}

/** Free text, trimmed; at most `maxChars` before trimming. */
export interface TextParam extends ParamBase {
  readonly type: 'string';
  readonly field: 'q' | 'personQ';
  readonly default: '';
  readonly maxChars: number;
}

/** Digits only (no sign, no exponent), between `min` and `max`. */
export interface IntegerParam extends ParamBase {
  readonly type: 'integer';
  readonly field: 'page' | 'size';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** A real calendar date written `YYYY-MM-DD`. */
export interface DateParam extends ParamBase {
  readonly type: 'date';
  readonly field: 'from' | 'to';
  readonly default: null;
}

/** One of `values`; empty means the default. */
export interface EnumParam extends ParamBase {
  readonly type: 'enum';
  readonly field: 'sort' | 'more' | 'dup';
  readonly default: null;
  readonly values: readonly string[];
}

/** A facet selection: repeat the parameter for more values; trimmed, blanks dropped, de-duplicated. */
export interface ListParam extends ParamBase {
  readonly type: 'strings';
  readonly field: 'filters';
  readonly facet: FacetName;
  readonly default: readonly [];
  /** Display name, used for chips and facet headings. */
  readonly label: string;
  readonly maxValues: number;
  readonly maxChars: number;
  /** Each value must match; `message` is the 400. */
  readonly pattern?: { readonly regex: RegExp; readonly message: string };
}

export type ParamSpec = TextParam | IntegerParam | DateParam | EnumParam | ListParam;
export type ParamType = ParamSpec['type'];

const facet = <F extends FacetName>(name: F, label: string, help: string) =>
  ({
    name,
    type: 'strings',
    field: 'filters',
    facet: name,
    role: 'filter',
    default: [],
    label,
    maxValues: MAX_VALUES_PER_FACET,
    maxChars: MAX_VALUE_CHARS,
    help,
  }) as const;

// The order of the rows is the order of the parameters in every link, in the API document and
// in `ireum search --help`; checks that involve two parameters run in this order too.
const ROWS = [
  {
    name: 'q',
    type: 'string',
    field: 'q',
    role: 'query',
    default: '',
    maxChars: MAX_QUERY_CHARS,
    cli: { positional: 'query' },
    help: 'The query: all words are required; "quotes" for a phrase, -word to exclude, a OR b, prefix*. Empty finds every article.',
  },
  facet('agency', 'Agency', 'Only articles from this agency.'),
  facet('dateline', 'Dateline', 'Only articles with this dateline.'),
  facet('person', 'Person', 'Only articles that name this person (canonical name).'),
  {
    ...facet('year', 'Year', 'Only articles from this year.'),
    pattern: { regex: /^\d{4}$/, message: 'year must be a four-digit year.' },
  },
  {
    name: 'from',
    type: 'date',
    field: 'from',
    role: 'filter',
    default: null,
    help: 'Only articles dated on or after this day.',
  },
  {
    name: 'to',
    type: 'date',
    field: 'to',
    role: 'filter',
    default: null,
    help: 'Only articles dated on or before this day.',
    rule: 'Not before `from`.',
    check: (p: SearchParams) =>
      p.from !== null && p.to !== null && p.from > p.to
        ? 'The end date (to) is before the start date (from).'
        : null,
  },
  {
    name: 'sort',
    type: 'enum',
    field: 'sort',
    role: 'view',
    default: null,
    values: SORT_ORDERS,
    help: 'Order of the hits. Default: relevance with a query, newest without.',
  },
  {
    name: 'dup',
    type: 'enum',
    field: 'dup',
    role: 'view',
    default: null,
    values: DUP_MODES,
    help: 'all: show every wire copy of a story as its own hit. Default: copies of one story are one hit (its best match), the others listed under it as `copies`.',
  },
  {
    name: 'size',
    type: 'integer',
    field: 'size',
    role: 'view',
    default: DEFAULT_SIZE,
    min: 1,
    max: MAX_SIZE,
    help: 'Hits per page.',
  },
  {
    name: 'more',
    type: 'enum',
    field: 'more',
    role: 'facet',
    default: null,
    values: FACET_NAMES,
    help: 'The facet to expand: it lists more values than the others.',
  },
  {
    name: 'person_q',
    type: 'string',
    field: 'personQ',
    role: 'facet',
    default: '',
    maxChars: MAX_PERSON_Q_CHARS,
    help: 'Narrows the person facet to names containing this text (ignoring case).',
  },
  {
    name: 'page',
    type: 'integer',
    field: 'page',
    role: 'page',
    default: 1,
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    help: 'Page of hits, from 1.',
    rule: `Only the first ${MAX_WINDOW.toLocaleString('en-US')} hits can be paged to: (page − 1) × size must be below ${MAX_WINDOW.toLocaleString('en-US')}.`,
    check: (p: SearchParams) =>
      (p.page - 1) * p.size >= MAX_WINDOW
        ? `Only the first ${MAX_WINDOW.toLocaleString('en-US')} results can be paged through; narrow the search with filters or a date range.`
        : null,
  },
] as const satisfies readonly ParamSpec[];

/** Every search parameter, in canonical order. */
export const PARAM_TABLE: readonly ParamSpec[] = ROWS;

type Row = (typeof ROWS)[number];
type MissingField = Exclude<keyof SearchParams, Row['field']>;
type MissingFacet = Exclude<FacetName, Extract<Row, { facet: FacetName }>['facet']>;
/**
 * Fails to compile when a SearchParams field or a facet has no row; the error names it
 * (`Type 'true' is not assignable to type '{ withoutRow: "…" }'`).
 */
export const TABLE_COVERS_SEARCH_PARAMS: [MissingField | MissingFacet] extends [never]
  ? true
  : { withoutRow: MissingField | MissingFacet } = true;

/** The row for a query-string name. */
export function paramSpec(name: string): ParamSpec | undefined {
  return PARAM_TABLE.find((spec) => spec.name === name);
}

/** The row of a facet's selection. */
export function facetSpec(facet: FacetName): ListParam {
  return PARAM_TABLE.find(
    (spec): spec is ListParam => spec.type === 'strings' && spec.facet === facet,
  )!;
}

/** The flag `ireum search` takes the parameter as (`query` for the positional), or null. */
export function cliFlag(spec: ParamSpec): string | null {
  if (spec.cli === false) return null;
  return spec.cli?.positional ?? spec.name.replace(/_/g, '-');
}
