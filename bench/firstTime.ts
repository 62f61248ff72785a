// First-time searches: what a query costs the first time anyone asks it, which is how users
// mostly search. A mix of at least 100 distinct queries drawn from the index itself (words across
// the frequency range, two-word queries, phrases, names, facet filters, newest-first) is asked
// once each, after the engine's query and request caches are cleared, through Ireum's
// /api/search (the app in its own process, as `ireum serve` runs it) and, as the engine's floor
// for that text, the bare query: the same text as simple_query_string, size 10, no
// aggregations, no highlighting. Before it, queries sharing no word with the mix warm the server
// up and are not counted (a long-running server's state). Then the profile API on the slowest
// queries says where the time goes.
//
//   node dist/bench/firstTime.js --alias <alias>     an index that exists (bench-scale --keep)
//   node dist/bench/firstTime.js --n 200000          reindexes the generated corpus first
//   node dist/bench/firstTime.js --alias <alias> --seed 2   a mix drawn from another sample

import type { Client, estypes } from '@elastic/elasticsearch';
import { mulberry32 } from '../src/articles/generate.js';
import { PROJECT_ROOT } from '../src/cli/config.js';
import { articlesMappingPath, loadMapping } from '../src/indexing/mappings.js';
import { reindex } from '../src/indexing/reindex.js';
import { uncollapsedRequest } from '../src/search/copies.js';
import { MAX_WINDOW } from '../src/search/params.js';
import {
  EXACT_FACET_LIMIT,
  facetsRequest,
  hitsRequest,
  pastExactLimit,
  sampleRate,
} from '../src/search/sampling.js';
import {
  deleteIndices,
  ensureCorpus,
  flag,
  fmt,
  isMain,
  numberFlag,
  openEngine,
  percentile,
  runMain,
  type Engine,
  type Row,
} from './lib.js';
import { engineRequest, ms, startServer } from './search.js';

export const TARGETS = { p50: 60, p99: 150 };
const MIN_QUERIES = 100;

export interface MixQuery {
  kind: string;
  /** The /api/search query string. */
  query: string;
  /** The text alone, for the bare query. */
  text: string;
}

/** Builds the mix from a sample of the index's own articles. */
export async function buildMix(client: Client, alias: string, seed = 1): Promise<MixQuery[]> {
  const sample = await client.search<{ body?: string; people?: string[]; names?: string[] }>({
    index: alias,
    size: 400,
    _source: ['body', 'people', 'names'],
    query: {
      function_score: {
        query: { match_all: {} },
        functions: [{ random_score: { seed, field: '_seq_no' } }],
      },
    },
  });
  const counts = new Map<string, number>();
  const sentences: string[][] = [];
  const names = new Set<string>();
  for (const hit of sample.hits.hits) {
    const words = (hit._source?.body ?? '').toLowerCase().match(/[a-z]{3,}/g) ?? [];
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    sentences.push(words);
    for (const n of hit._source?.names ?? []) if (/^[A-Za-z -]+$/.test(n)) names.add(n);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // The project's PRNG: the same index gives the same mix.
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Ranks spread on a log scale, from the commonest words to those seen once.
  const byRank = (i: number, n: number) =>
    ranked[
      Math.min(ranked.length - 1, Math.floor(Math.exp((Math.log(ranked.length) * i) / n)))
    ]![0];
  const mix: MixQuery[] = [];
  const seen = new Set<string>();
  const add = (kind: string, text: string, extra: Record<string, string> = {}) => {
    const query = new URLSearchParams({ q: text, ...extra }).toString();
    if (seen.has(query)) return;
    seen.add(query);
    mix.push({ kind, query, text });
  };
  for (let i = 0; i < 40; i++) add('word', byRank(i, 40));
  for (let i = 0; i < 25; i++) add('two words', `${byRank(i % 8, 8)} ${byRank(i + 10, 35)}`);
  for (let i = 0; i < 15; i++) {
    const words = pick(sentences.filter((s) => s.length > 10));
    const at = Math.floor(rand() * (words.length - 2));
    add('phrase', `"${words[at]} ${words[at + 1]}"`);
  }
  for (const name of [...names].sort().slice(0, 15)) add('name', name);
  const aggs = await client.search({
    index: alias,
    size: 0,
    aggs: {
      agency: { terms: { field: 'agencies', size: 5 } },
      year: { terms: { field: 'year', size: 5 } },
    },
  });
  const buckets = (name: string) =>
    ((aggs.aggregations?.[name] as { buckets?: { key: string | number }[] })?.buckets ?? []).map(
      (b) => String(b.key),
    );
  const agencies = buckets('agency');
  const years = buckets('year');
  for (let i = 0; i < 10; i++) {
    add('facet filter', byRank(i + 3, 20), {
      ...(agencies.length > 0 ? { agency: agencies[i % agencies.length]! } : {}),
      ...(years.length > 0 && i % 2 === 0 ? { year: years[i % years.length]! } : {}),
    });
  }
  for (let i = 0; i < 10; i++) add('newest first', byRank(i + 20, 40), { sort: 'newest' });
  return mix;
}

/** The queries of `other` that share no word with any query of `mix`. */
export function warmUpMix(other: readonly MixQuery[], mix: readonly MixQuery[]): MixQuery[] {
  const words = (q: MixQuery) => q.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const used = new Set(mix.flatMap(words));
  return other.filter((q) => !words(q).some((w) => used.has(w)));
}

const CHECKED_FACETS = ['agency', 'dateline', 'year'] as const;

/**
 * Nothing lost to speed: for queries of the mix (those with facet filters first), each value the
 * page shows in a facet is counted apart, with `_count` over the engine query Ireum sends when
 * that value alone is selected in its facet (the other facets' selections kept). A facet's count
 * must equal it exactly.
 */
async function checkFacetCounts(
  client: Client,
  alias: string,
  base: string,
  mix: readonly MixQuery[],
): Promise<{ checked: number; wrong: string[]; estimated: number[] }> {
  const sample = [
    ...mix.filter((q) => q.kind === 'facet filter').slice(0, 6),
    ...mix.filter((q) => q.kind === 'word').slice(0, 6),
  ];
  let checked = 0;
  const wrong: string[] = [];
  // Relative errors of the values shown as estimates (≈): reported, not required to be 0.
  const estimated: number[] = [];
  for (const q of sample) {
    const res = await fetch(`${base}/api/search?${q.query}`);
    if (!res.ok) throw new Error(`facet check: HTTP ${res.status} for ${q.query}`);
    const page = (await res.json()) as {
      facets: Record<string, { value: string; count: number; approximate?: boolean }[]>;
    };
    for (const facet of CHECKED_FACETS) {
      for (const v of (page.facets[facet] ?? []).slice(0, 3)) {
        const params = new URLSearchParams(q.query);
        params.set(facet, v.value);
        const { body } = await engineRequest(params.toString(), alias);
        const sent = JSON.parse(body) as { query?: unknown; post_filter?: unknown };
        const filter = [sent.query, sent.post_filter].filter((c) => c !== undefined);
        const exact = await client.count({
          index: alias,
          query: { bool: { filter: filter as estypes.QueryDslQueryContainer[] } },
        });
        if (v.approximate === true) {
          estimated.push(Math.abs(v.count - exact.count) / Math.max(1, exact.count));
          continue;
        }
        checked++;
        if (exact.count !== v.count) {
          wrong.push(`${q.query} ${facet}=${v.value}: shown ${v.count}, counted ${exact.count}`);
        }
      }
    }
  }
  return { checked, wrong, estimated };
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t;
}

interface ProfileSummary {
  took: number;
  query: number;
  collectors: number;
  aggs: Record<string, number>;
}

/** Milliseconds per part of one search, summed over shards, from the profile API. */
export function summarizeProfile(response: {
  took: number;
  profile?: { shards?: unknown[] };
}): ProfileSummary {
  const out: ProfileSummary = { took: response.took, query: 0, collectors: 0, aggs: {} };
  type Timed = { time_in_nanos?: number; name?: string; type?: string; description?: string };
  for (const shard of (response.profile?.shards ?? []) as {
    searches?: { query?: Timed[]; collector?: Timed[] }[];
    aggregations?: Timed[];
  }[]) {
    for (const search of shard.searches ?? []) {
      for (const q of search.query ?? []) out.query += (q.time_in_nanos ?? 0) / 1e6;
      for (const c of search.collector ?? []) out.collectors += (c.time_in_nanos ?? 0) / 1e6;
    }
    for (const a of shard.aggregations ?? []) {
      const name = a.description ?? a.type ?? '?';
      out.aggs[name] = (out.aggs[name] ?? 0) + (a.time_in_nanos ?? 0) / 1e6;
    }
  }
  return out;
}

export async function benchFirstTime(opts: {
  /** Appended to every /api/search query string (e.g. `dup=all`), to compare. */
  extra?: string;
  alias?: string;
  n?: number;
  engine?: Engine;
  /**
   * Which sample of the index the mix is drawn from. Runs one after another with one seed ask
   * the same queries, whose postings the page cache then holds; another seed asks new ones.
   */
  seed?: number;
}): Promise<Row[]> {
  const engine = opts.engine ?? (await openEngine());
  const { client } = engine;
  let alias = opts.alias;
  let built: string | null = null;
  if (alias === undefined) {
    const n = opts.n ?? 200_000;
    alias = `bench-first-${process.pid}-0`;
    built = alias;
    const mapping = await loadMapping(articlesMappingPath(PROJECT_ROOT));
    console.error(`reindexing ${fmt(n)} articles`);
    await reindex({ client, source: ensureCorpus(n), alias, mapping });
  }
  const docs = (await client.count({ index: alias })).count;
  const { base, child } = await startServer(engine.url, alias);
  try {
    const mix = await buildMix(client, alias, opts.seed);
    if (mix.length < MIN_QUERIES) throw new Error(`only ${mix.length} distinct queries`);
    console.error(`${mix.length} distinct queries over ${fmt(docs)} articles`);
    // A server that has been answering is warm (its code compiled, its term dictionaries, doc
    // values and norms in the page cache); one just started, or whose files another index has
    // pushed out of the cache, is not, and its first queries alone cost up to several times a
    // warm one's (211 against 103 ms at p99, four minutes apart). Queries from another sample of
    // the index, sharing no word with the mix, are asked first and not counted: the mix's own
    // postings stay as cold as a new query's.
    const warm = warmUpMix(await buildMix(client, alias, (opts.seed ?? 1) + 1000), mix);
    const warmTimes: number[] = [];
    for (const q of warm) warmTimes.push(await timed(() => fetch(`${base}/api/search?${q.query}`)));
    console.error(
      `warm-up: ${warm.length} other queries, p50 ${ms(percentile(warmTimes, 50))} p99 ${ms(percentile(warmTimes, 99))} (not counted)`,
    );
    // The caches that remember queries and their answers, not fielddata: that would drop the
    // facets' global ordinals, which a served index builds once at refresh (eager), and the
    // first query of the run alone paid 120-140 ms to rebuild them.
    await client.indices.clearCache({ index: alias, query: true, request: true });
    const rawUrl = `${engine.url}/${encodeURIComponent(alias)}/_search?request_cache=false`;
    const api: number[] = [];
    const raw: number[] = [];
    const slow: { ms: number; q: MixQuery }[] = [];
    for (const [i, q] of mix.entries()) {
      const bare = JSON.stringify({
        size: 10,
        query: {
          simple_query_string: {
            query: q.text,
            fields: ['title', 'body'],
            default_operator: 'and',
          },
        },
      });
      const extra = opts.extra ? `&${opts.extra}` : '';
      const askApi = () => timed(() => fetch(`${base}/api/search?${q.query}${extra}`));
      const askRaw = () =>
        timed(() =>
          fetch(rawUrl, {
            method: 'POST',
            body: bare,
            headers: { 'content-type': 'application/json' },
          }),
        );
      // Alternate which side meets the cold postings first.
      let a: number;
      let r: number;
      if (i % 2 === 0) {
        a = await askApi();
        r = await askRaw();
      } else {
        r = await askRaw();
        a = await askApi();
      }
      api.push(a);
      raw.push(r);
      slow.push({ ms: a, q });
    }
    const rows: Row[] = [];
    const label = `${fmt(docs)} docs, ${mix.length} first-time queries`;
    const p50 = percentile(api, 50);
    const p99 = percentile(api, 99);
    rows.push(
      {
        figure: `${label}: /api/search p50`,
        value: `api ${ms(p50)}`,
        baseline: `bare query ${ms(percentile(raw, 50))}`,
        ratio: '-',
        target: `<= ${TARGETS.p50} ms`,
        pass: p50 <= TARGETS.p50,
        engine: engine.label,
      },
      {
        figure: `${label}: /api/search p99`,
        value: `api ${ms(p99)}`,
        baseline: `bare query ${ms(percentile(raw, 99))}`,
        ratio: '-',
        target: `<= ${TARGETS.p99} ms`,
        pass: p99 <= TARGETS.p99,
        engine: engine.label,
      },
    );
    const kinds = [...new Set(mix.map((q) => q.kind))];
    for (const kind of kinds) {
      const times = slow.filter((s) => s.q.kind === kind).map((s) => s.ms);
      console.error(
        `  ${kind.padEnd(13)} n=${times.length} p50 ${ms(percentile(times, 50))} max ${ms(Math.max(...times))}`,
      );
    }
    // Where the time goes in the slowest five: each request the app sends for it, profiled. On
    // a large index those are the parts search/sampling.ts splits the one request into.
    slow.sort((x, y) => y.ms - x.ms);
    const { count: sampleable } = await client.count({
      index: alias,
      query: { exists: { field: 'sample' } },
    });
    const rate = sampleRate(sampleable);
    for (const { ms: t, q } of slow.slice(0, 5)) {
      const { body } = await engineRequest(q.query + (opts.extra ? `&${opts.extra}` : ''), alias);
      const search = JSON.parse(body) as estypes.SearchRequest;
      const hits = hitsRequest(search);
      const parts: [string, estypes.SearchRequest][] =
        rate === 1
          ? [['one request', search]]
          : [
              [
                'hits',
                hits.collapse === undefined
                  ? hits
                  : uncollapsedRequest(hits, (hits.from ?? 0) + (hits.size ?? 10), MAX_WINDOW),
              ],
              [`facets sample 1/${rate}`, facetsRequest(search, { sample: rate })],
              [
                `facets exact (<= ${EXACT_FACET_LIMIT})`,
                facetsRequest(search, { terminateAfter: EXACT_FACET_LIMIT }),
              ],
            ];
      const said: string[] = [];
      // The app asks the exact count only when the sample does not put it out of reach.
      let sampled = 0;
      for (const [name, { request_cache: _cache, ...part }] of parts) {
        if (
          part.terminate_after !== undefined &&
          pastExactLimit(sampled, rate, EXACT_FACET_LIMIT)
        ) {
          said.push(`facets exact: not asked (the sample's ${sampled} matches are past the limit)`);
          continue;
        }
        const res = (await client.transport.request({
          method: 'POST',
          path: `/${encodeURIComponent(alias)}/_search`,
          querystring: { request_cache: 'false' },
          body: { ...part, profile: true },
        })) as { took: number; profile?: { shards?: unknown[] }; hits?: { total?: unknown } };
        if (part.query !== undefined && name.startsWith('facets sample')) {
          const total = res.hits?.total;
          sampled = typeof total === 'number' ? total : ((total as { value?: number })?.value ?? 0);
        }
        const p = summarizeProfile(res);
        const aggs = Object.entries(p.aggs)
          .sort((x, y) => y[1] - x[1])
          .map(([agg, v]) => `${agg} ${v.toFixed(1)}`)
          .join(', ');
        said.push(
          `${name} took ${p.took} ms = query ${p.query.toFixed(1)} + collectors ${p.collectors.toFixed(1)}${aggs === '' ? '' : ` + aggs [${aggs}]`}`,
        );
      }
      console.error(`profile ${q.kind} ${q.query}: first ${ms(t)}; ${said.join('; ')}`);
    }
    const facets = await checkFacetCounts(client, alias, base, mix);
    rows.push({
      figure: `${label}: facet counts vs exact counts`,
      value: `${facets.checked - facets.wrong.length} of ${facets.checked} equal`,
      baseline: '_count of query + filters + value',
      ratio: '-',
      target: 'all equal',
      pass: facets.checked > 0 && facets.wrong.length === 0,
      engine: engine.label,
    });
    for (const w of facets.wrong.slice(0, 10)) console.error(`  facet count differs: ${w}`);
    if (facets.estimated.length > 0) {
      const errors = [...facets.estimated].sort((x, y) => x - y);
      rows.push({
        figure: `${label}: facet values shown as estimates (≈), error vs exact`,
        value: `median ${(percentile(errors, 50) * 100).toFixed(1)}%, max ${(errors.at(-1)! * 100).toFixed(1)}% over ${errors.length}`,
        baseline: '_count of query + filters + value',
        ratio: '-',
        target: 'shown as ≈ (no target)',
        pass: true,
        engine: engine.label,
      });
    }
    return rows;
  } finally {
    child.kill();
    if (built !== null) await deleteIndices(client, `${built}-*`);
    if (opts.engine === undefined) await client.close();
  }
}

if (isMain(import.meta.url)) {
  await runMain('First-time searches', () =>
    benchFirstTime({
      ...(flag('alias') !== undefined ? { alias: flag('alias')! } : {}),
      n: numberFlag('n', 200_000),
      seed: numberFlag('seed', 1),
      ...(flag('extra') !== undefined ? { extra: flag('extra')! } : {}),
    }),
  );
}
