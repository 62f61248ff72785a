import type { Rng } from '../../src/articles/generate.js';
import { percentile } from './support.js';

// A realistic mix of what readers send: names in every spelling, phrases, filters, date ranges,
// sorting, later pages, and the same through the JSON API.

const NAMES = [
  'Kim Jong-un',
  'Kim Jong Un',
  '김정은',
  'kim jongun',
  'Moon Jae-in',
  '문재인',
  'Park Geun-hye',
  'Yoon Suk-yeol',
  '윤석열',
  'Kim Yo-jong',
  'Lee Jae-myung',
  'Ban Ki-moon',
  'Donald Trump',
  'Choe Son-hui',
];
const WORDS = [
  'summit',
  'sanctions',
  'missile',
  'talks',
  'election',
  'Pyongyang',
  'Seoul',
  'nuclear',
  'reunification',
  'economy',
];
const AGENCIES = ['AP', 'AFP', 'Reuters', 'Yonhap'];
const PERSONS = ['Kim Jong-un', 'Moon Jae-in', 'Park Geun-hye', 'Donald Trump'];

function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

export function searchPath(r: Rng): string {
  const p = new URLSearchParams();
  const roll = r();
  if (roll < 0.45) p.set('q', pick(r, NAMES));
  else if (roll < 0.6) p.set('q', `${pick(r, NAMES)} ${pick(r, WORDS)}`);
  else if (roll < 0.7) p.set('q', `"${pick(r, WORDS)} ${pick(r, WORDS)}"`);
  else if (roll < 0.8) p.set('q', `${pick(r, WORDS)} -${pick(r, WORDS)}`);
  else if (roll < 0.85) p.set('q', `${pick(r, WORDS).slice(0, 4)}*`);
  // The rest: no query, browsing by filters.
  if (r() < 0.25) p.append('agency', pick(r, AGENCIES));
  if (r() < 0.15) p.append('person', pick(r, PERSONS));
  if (r() < 0.15) {
    const y = 2000 + Math.floor(r() * 24);
    p.set('from', `${y}-01-01`);
    p.set('to', `${y + 1 + Math.floor(r() * 3)}-12-31`);
  }
  if (r() < 0.1) p.set('sort', pick(r, ['newest', 'oldest']));
  if (r() < 0.2) p.set('page', String(2 + Math.floor(r() * 4)));
  if (r() < 0.1) p.set('size', pick(r, ['20', '50']));
  const qs = p.toString();
  return `${r() < 0.5 ? '/search' : '/api/search'}${qs ? '?' + qs : ''}`;
}

export interface Sample {
  at: number;
  status: number;
  ms: number;
  retryAfter: string | null;
  error?: string;
  path: string;
}

/**
 * `concurrency` clients sending `path()` for `durationMs`, each request bounded by `timeoutMs`.
 * `during` runs alongside (e.g. stopping the engine); the loop ends when both are done.
 */
export async function loadLoop(opts: {
  base: string;
  path: () => string;
  concurrency: number;
  durationMs: number;
  timeoutMs: number;
  during?: (stopAt: (ms: number) => void) => Promise<void>;
}): Promise<Sample[]> {
  const samples: Sample[] = [];
  const started = Date.now();
  let until = started + opts.durationMs;
  const hardStop = started + opts.durationMs + 10 * 60_000;
  let duringDone = opts.during === undefined;
  const worker = async () => {
    while ((Date.now() < until || !duringDone) && Date.now() < hardStop) {
      const path = opts.path();
      const t0 = Date.now();
      try {
        const res = await fetch(opts.base + path, { signal: AbortSignal.timeout(opts.timeoutMs) });
        await res.arrayBuffer();
        samples.push({
          at: t0 - started,
          status: res.status,
          ms: Date.now() - t0,
          retryAfter: res.headers.get('retry-after'),
          path,
        });
      } catch (e) {
        samples.push({
          at: t0 - started,
          status: 0,
          ms: Date.now() - t0,
          retryAfter: null,
          error: `${(e as Error).name}: ${(e as Error).message}`,
          path,
        });
        // A refused connection fails in microseconds; do not spin.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const during = opts.during
    ? opts
        .during((ms) => (until = Math.max(until, Date.now() + ms)))
        .finally(() => (duringDone = true))
    : Promise.resolve();
  await Promise.all([during, ...Array.from({ length: opts.concurrency }, worker)]);
  return samples;
}

export function latencySummary(samples: Sample[]): string {
  const ms = samples.map((s) => s.ms);
  return `p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms, max ${Math.max(0, ...ms)} ms`;
}
