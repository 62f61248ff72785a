import type { estypes } from '@elastic/elasticsearch';
import { allOf, otherFacetFilters } from './filters.js';
import type { SearchParams } from './params.js';

export type HistogramInterval = 'year' | 'month';

export interface HistogramBucket {
  /** `2021` for a year, `2021-03` for a month. */
  key: string;
  /** The bucket's period, clipped to the searched date range, `YYYY-MM-DD`. */
  from: string;
  to: string;
  count: number;
}

/** Two years and a leap day: narrower searches get monthly bars. */
const MONTHLY_MAX_DAYS = 731;

/** The period the search is confined to, from the date range or the selected years. */
export function searchedPeriod(params: SearchParams): { from: string | null; to: string | null } {
  const years = params.filters.year.map(Number).sort((a, b) => a - b);
  let from = params.from;
  let to = params.to;
  if (years.length > 0) {
    const yFrom = `${years[0]}-01-01`;
    const yTo = `${years[years.length - 1]}-12-31`;
    from = from === null || yFrom > from ? yFrom : from;
    to = to === null || yTo < to ? yTo : to;
  }
  return { from, to };
}

export function histogramInterval(params: SearchParams): HistogramInterval {
  const { from, to } = searchedPeriod(params);
  if (from === null || to === null) return 'year';
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days <= MONTHLY_MAX_DAYS ? 'month' : 'year';
}

/**
 * A date histogram of the current result set: every facet selection applies (aggregations
 * ignore post_filter, so they are repeated here), as does the date range in the query.
 */
export function histogramAgg(params: SearchParams): estypes.AggregationsAggregationContainer {
  const interval = histogramInterval(params);
  const { from, to } = searchedPeriod(params);
  const histogram: estypes.AggregationsDateHistogramAggregation = {
    field: 'date',
    calendar_interval: interval,
    format: 'yyyy-MM-dd',
    min_doc_count: 0,
  };
  if (interval === 'month' && from !== null && to !== null) {
    histogram.extended_bounds = { min: from, max: to };
  }
  return {
    filter: allOf(otherFacetFilters(params, null)),
    aggs: { dates: { date_histogram: histogram } },
  };
}

export function parseHistogram(params: SearchParams, agg: unknown): HistogramBucket[] {
  const raw = (agg as { dates?: { buckets?: unknown } } | undefined)?.dates?.buckets;
  if (!Array.isArray(raw)) return [];
  const interval = histogramInterval(params);
  const { from: lo, to: hi } = searchedPeriod(params);
  return (raw as { key_as_string?: string; doc_count: number }[])
    .filter((b) => typeof b.key_as_string === 'string')
    .map((b) => {
      const start = b.key_as_string!;
      const key = interval === 'year' ? start.slice(0, 4) : start.slice(0, 7);
      let from = start;
      let to = interval === 'year' ? `${key}-12-31` : lastDayOfMonth(key);
      if (lo !== null && lo > from) from = lo;
      if (hi !== null && hi < to) to = hi;
      return { key, from, to, count: b.doc_count };
    });
}

/** `2024-02` -> `2024-02-29`. */
export function lastDayOfMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${yearMonth}-${String(day).padStart(2, '0')}`;
}
