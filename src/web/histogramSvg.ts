import type { HistogramBucket, HistogramInterval } from '../search/histogram.js';
import type { Links } from './links.js';

export interface HistogramBar {
  x: number;
  y: number;
  width: number;
  height: number;
  href: string;
  label: string;
  /** Axis text under the bar, or null where labels would crowd. */
  tick: string | null;
  count: number;
}

export interface HistogramChart {
  width: number;
  height: number;
  chartHeight: number;
  bars: HistogramBar[];
  max: number;
}

const WIDTH = 600;
const CHART_HEIGHT = 90;
const AXIS = 16;
const GAP = 2;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Geometry for the server-rendered SVG histogram: one linked bar per period, scaled to the
 * tallest, in a fixed viewBox the stylesheet stretches to the column.
 */
export function histogramChart(
  buckets: readonly HistogramBucket[],
  interval: HistogramInterval,
  links: Links,
): HistogramChart | null {
  if (buckets.length === 0) return null;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const slot = WIDTH / buckets.length;
  const barWidth = Math.max(1, slot - GAP);
  // Aim for at most ~12 labels whatever the number of bars.
  const every = Math.max(1, Math.ceil(buckets.length / 12));
  const bars = buckets.map((b, i) => {
    const height = b.count === 0 ? 0 : Math.max(2, Math.round((b.count / max) * CHART_HEIGHT));
    const name = interval === 'year' ? b.key : monthName(b.key);
    return {
      x: round(i * slot + GAP / 2),
      y: CHART_HEIGHT - height,
      width: round(barWidth),
      height,
      href: links.range(b.from, b.to),
      label: `${name}: ${b.count.toLocaleString('en-US')} article${b.count === 1 ? '' : 's'}`,
      tick: i % every === 0 ? (interval === 'year' ? b.key : shortMonth(b.key)) : null,
      count: b.count,
    };
  });
  return { width: WIDTH, height: CHART_HEIGHT + AXIS, chartHeight: CHART_HEIGHT, bars, max };
}

function monthName(key: string): string {
  const [y, m] = key.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

function shortMonth(key: string): string {
  const [y, m] = key.split('-');
  return m === '01' ? `${MONTHS[0]} ${y}` : (MONTHS[Number(m) - 1] ?? key);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
