import {
  FACET_NAMES,
  MAX_WINDOW,
  PARAM_TABLE,
  paramValue,
  resetParam,
  setParamValue,
  toQueryString,
  type FacetName,
  type SearchParams,
} from '../search/params.js';
import { facetSpec, type DupMode, type ParamRole } from '../search/paramTable.js';

/** Display names of the facets, also used in chips (the `label` of each facet's row). */
export const FACET_LABELS = Object.fromEntries(
  FACET_NAMES.map((facet) => [facet, facetSpec(facet).label]),
) as Record<FacetName, string>;

function clone(params: SearchParams): SearchParams {
  const copy = { ...params, filters: { ...params.filters } };
  for (const spec of PARAM_TABLE) setParamValue(copy, spec, paramValue(params, spec));
  return copy;
}

/** Puts every parameter with one of `roles` back to its default. */
function reset(params: SearchParams, roles: readonly ParamRole[]): void {
  for (const spec of PARAM_TABLE) if (roles.includes(spec.role)) resetParam(params, spec);
}

/**
 * Every link a results page draws, as a change to the current parameters. Changing what is
 * searched goes back to page 1; the rest of the state is kept, so each link is the page the
 * user would get by changing that one control.
 */
export class Links {
  constructor(private readonly params: SearchParams) {}

  private href(change: (p: SearchParams) => void, resetPage = true): string {
    const p = clone(this.params);
    change(p);
    if (resetPage) reset(p, ['page']);
    return '/search' + toQueryString(p);
  }

  current(): string {
    return this.href(() => {}, false);
  }

  toggle(facet: FacetName, value: string): string {
    return this.href((p) => {
      const list = p.filters[facet];
      p.filters[facet] = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
    });
  }

  remove(facet: FacetName, value: string): string {
    return this.href((p) => {
      p.filters[facet] = p.filters[facet].filter((v) => v !== value);
    });
  }

  withoutDates(): string {
    return this.href((p) => {
      p.from = null;
      p.to = null;
    });
  }

  clearAll(): string {
    return this.href((p) => reset(p, ['filter', 'facet']));
  }

  range(from: string, to: string): string {
    return this.href((p) => {
      p.from = from;
      p.to = to;
    });
  }

  more(facet: FacetName | null): string {
    return this.href((p) => {
      p.more = facet;
    }, false);
  }

  query(q: string): string {
    return this.href((p) => {
      p.q = q;
    });
  }

  /** The same search with every wire copy shown (`all`) or copies grouped (null). */
  dup(mode: DupMode | null): string {
    return this.href((p) => {
      p.dup = mode;
    });
  }

  page(n: number): string {
    return this.href((p) => {
      p.page = n;
    }, false);
  }

  /** An article link that carries the search, so the article page can highlight and link back. */
  article(id: string): string {
    return `/article/${encodeURIComponent(id)}` + toQueryString(this.params);
  }
}

export interface Chip {
  label: string;
  href: string;
}

/** One removable chip per selected filter and one for the date range. */
export function chips(params: SearchParams, links: Links): Chip[] {
  const out: Chip[] = [];
  for (const spec of PARAM_TABLE) {
    if (spec.role !== 'filter' || spec.type !== 'strings') continue;
    for (const value of params.filters[spec.facet]) {
      out.push({ label: `${spec.label}: ${value}`, href: links.remove(spec.facet, value) });
    }
  }
  if (params.from !== null || params.to !== null) {
    const label =
      params.from !== null && params.to !== null
        ? `${params.from} – ${params.to}`
        : params.from !== null
          ? `From ${params.from}`
          : `Until ${params.to}`;
    out.push({ label: `Dates: ${label}`, href: links.withoutDates() });
  }
  return out;
}

export interface PageLink {
  page: number | null;
  href: string | null;
  current: boolean;
}

export interface Pagination {
  prev: string | null;
  next: string | null;
  pages: PageLink[];
  /** More hits exist than can be paged through (max_result_window). */
  truncated: boolean;
}

/** Page links around the current page, never past the engine's result window. */
export function pagination(params: SearchParams, total: number, links: Links): Pagination {
  const reachable = Math.min(total, MAX_WINDOW);
  const last = Math.max(1, Math.ceil(reachable / params.size));
  const cur = params.page;
  const wanted = new Set([1, last, cur - 2, cur - 1, cur, cur + 1, cur + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  const pages: PageLink[] = [];
  let prevNumber = 0;
  for (const n of numbers) {
    if (n - prevNumber > 1) pages.push({ page: null, href: null, current: false });
    pages.push({ page: n, href: links.page(n), current: n === cur });
    prevNumber = n;
  }
  return {
    prev: cur > 1 && cur - 1 <= last ? links.page(cur - 1) : null,
    next: cur < last ? links.page(cur + 1) : null,
    pages: last > 1 ? pages : [],
    truncated: total > MAX_WINDOW,
  };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "10,000+" when the engine stopped counting. */
export function formatTotal(total: { value: number; relation: 'eq' | 'gte' }): string {
  return formatCount(total.value) + (total.relation === 'gte' ? '+' : '');
}

/** `2022-03-06` -> `6 Mar 2022`, the same on every server whatever its time zone. */
// Built once: toLocaleDateString builds a formatter on every call (57-111 µs each, ten or more a
// page); formatting with a kept one costs about a microsecond.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatDate(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) return iso;
  return DATE_FORMAT.format(t);
}
