import { parse as parseQueryString } from 'node:querystring';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Rng } from '../../src/articles/generate.js';
import { parseSearchParams } from '../../src/search/params.js';
import { MAX_URL_BYTES } from '../../src/web/security.js';
import { markupArticle } from './hostile.js';
import {
  dropAlias,
  percentile,
  rawMarkupInJson,
  rng as makeRng,
  runCli,
  tally,
  unsafeMarkup,
  writeCorpus,
  type Context,
  type Outcome,
  type ReliabilityPromise,
  serveInProcess,
} from './support.js';

// Promise 6: seeded fuzzing of every route over a real engine; no 5xx, 400 for invalid input,
// nothing executable reflected into HTML.

const ALIAS = 'ireum-rel-fuzz';

type Expect = 'ok' | 'invalid' | 'oracle' | 'notfound-or-ok' | 'too-long';

interface Case {
  kind: string;
  path: string;
  expect: Expect;
}

const SYNTAX = [
  '"',
  '(',
  ')',
  '*',
  '~',
  '|',
  '+',
  '-',
  '\\',
  '/',
  ':',
  '[',
  ']',
  '{',
  '}',
  '^',
  '!',
  '?',
  '&',
  '=',
  '<',
  '>',
  '%',
  '#',
  ';',
  ',',
  "'",
  '`',
];
const WORDS = [
  'kim',
  'Jong-un',
  '김정은',
  'AND',
  'OR',
  'NOT',
  'summit',
  'zanzibarite',
  'seoul',
  'script',
  'onerror',
  'Moon Jae-in',
];
const INJECTIONS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '{"query":{"match_all":{}}}',
  '{"script":{"source":"Thread.sleep(10000)"}}',
  "'; DROP TABLE articles; --",
  '${7*7}{{7*7}}<%= 7*7 %>#{7*7}',
  '../../../../etc/passwd',
  '\r\nSet-Cookie: x=1',
  '*:*',
  '_id:*',
  'title:(a OR b)^1000000',
  '/.*/',
  '~'.repeat(50),
  '((((((((((((((((((((a))))))))))))))))))))',
  '"'.repeat(99),
  'a'.repeat(499) + '*',
];
const BAD_DATES = [
  '2021-02-30',
  '2021-13-01',
  '2021-1-1',
  '99999-01-01',
  'yesterday',
  '0000-00-00',
  '2021-02-29',
  '<script>',
  '2021-01-01T00:00:00Z',
  '-1',
  ' '.repeat(30),
];
const BAD_NUMBERS = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '１',
  '2 ',
  ' ',
  '+3',
  '10001',
  String(Number.MAX_SAFE_INTEGER),
];

function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** A random string of code points from ranges that break naive code. */
function randomUnicode(r: Rng, length: number): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x00, 0x1f],
    [0xac00, 0xd7a3], // Hangul syllables
    [0x0300, 0x036f], // combining marks
    [0x0590, 0x06ff], // RTL
    [0x200b, 0x202e], // zero-width and bidi controls
    [0x1f300, 0x1f6ff], // emoji (astral)
    [0xfff0, 0xffff],
  ];
  let s = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = pick(r, ranges);
    s += String.fromCodePoint(lo + Math.floor(r() * (hi - lo + 1)));
  }
  return s;
}

/** Raw percent-encoded bytes, valid UTF-8 or not, and sometimes a broken escape. */
function rawBytes(r: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const roll = r();
    if (roll < 0.05) s += '%';
    else if (roll < 0.1) s += '%' + pick(r, ['zz', 'G0', '0', 'c3', 'ff', 'ed%a0%80']);
    else
      s +=
        '%' +
        Math.floor(r() * 256)
          .toString(16)
          .padStart(2, '0');
  }
  return s;
}

const enc = encodeURIComponent;

function endpoint(r: Rng): string {
  return pick(r, ['/search', '/api/search', '/', '/search', '/api/search']);
}

function makeCase(r: Rng): Case {
  const roll = Math.floor(r() * 12);
  switch (roll) {
    case 0:
      return {
        kind: 'unicode',
        path: `${endpoint(r)}?q=${enc(randomUnicode(r, Math.floor(r() * 120)))}`,
        expect: 'oracle',
      };
    case 1:
      return {
        kind: 'raw-bytes',
        path: `${endpoint(r)}?q=${rawBytes(r, 1 + Math.floor(r() * 60))}`,
        expect: 'oracle',
      };
    case 2: {
      const n = 1 + Math.floor(r() * 12);
      let q = '';
      for (let i = 0; i < n; i++) q += r() < 0.5 ? pick(r, SYNTAX) : pick(r, WORDS) + ' ';
      return { kind: 'syntax', path: `${endpoint(r)}?q=${enc(q)}`, expect: 'ok' };
    }
    case 3: {
      const len = 501 + Math.floor(r() * 1400);
      return { kind: 'long-q', path: `${endpoint(r)}?q=${'k'.repeat(len)}`, expect: 'invalid' };
    }
    case 4: {
      const name = pick(r, ['page', 'size']);
      return {
        kind: 'bad-number',
        path: `${endpoint(r)}?q=kim&${name}=${enc(pick(r, BAD_NUMBERS))}`,
        expect: 'oracle',
      };
    }
    case 5: {
      const name = pick(r, ['q', 'page', 'size', 'sort', 'from', 'to', 'more', 'person_q']);
      const v =
        name === 'page' || name === 'size'
          ? '2'
          : name === 'from' || name === 'to'
            ? '2020-01-01'
            : name === 'more'
              ? 'person'
              : name === 'sort'
                ? 'newest'
                : 'kim';
      return {
        kind: 'repeated',
        path: `${endpoint(r)}?${name}=${v}&${name}=${v}`,
        expect: 'invalid',
      };
    }
    case 6: {
      const extra = pick(r, [
        'foo=bar',
        '__proto__=x',
        'constructor[prototype][x]=1',
        'q[]=kim',
        'q[a]=b',
        'agency[$ne]=x',
        'toString=1',
        'hasOwnProperty=1',
        '=',
        '&&&',
        'q',
        '%00=%00',
      ]);
      return { kind: 'odd-params', path: `${endpoint(r)}?${extra}`, expect: 'oracle' };
    }
    case 7: {
      const name = pick(r, ['from', 'to']);
      return {
        kind: 'bad-date',
        path: `${endpoint(r)}?${name}=${enc(pick(r, BAD_DATES))}`,
        expect: 'invalid',
      };
    }
    case 8:
      return {
        kind: 'injection',
        path: `${endpoint(r)}?q=${enc(pick(r, INJECTIONS))}&person=${enc(pick(r, INJECTIONS).slice(0, 150))}`,
        expect: 'ok',
      };
    case 9: {
      const facet = pick(r, ['agency', 'dateline', 'person', 'year', 'more', 'sort']);
      const v = pick(r, [
        ...INJECTIONS.slice(0, 4),
        'x'.repeat(201),
        '2021',
        'abcd',
        'person',
        'newest',
        randomUnicode(r, 20),
      ]);
      return { kind: 'facets', path: `${endpoint(r)}?${facet}=${enc(v)}`, expect: 'oracle' };
    }
    case 10: {
      const id = pick(r, [
        randomUnicode(r, 30),
        INJECTIONS[0]!,
        'a'.repeat(300),
        '..%2f..%2fetc',
        '%',
        'zanzibarite-1',
        '-',
        '',
      ]);
      const base = pick(r, ['/article/', '/api/articles/', '/static/', '/search/', '/api/']);
      const path =
        base +
        (id === '%' || id.includes('%') ? id : enc(id)) +
        (r() < 0.5 ? `?q=${enc(pick(r, INJECTIONS))}` : '');
      return { kind: 'paths', path, expect: 'notfound-or-ok' };
    }
    default:
      return {
        kind: 'huge-url',
        path: `${endpoint(r)}?q=kim&agency=${'a'.repeat(MAX_URL_BYTES)}`,
        expect: 'too-long',
      };
  }
}

/** What parseSearchParams says about the query string the server will see. */
function oracle(url: string): 'ok' | 'invalid' {
  const search = new URL(url).search.slice(1);
  try {
    parseSearchParams(parseQueryString(search));
    return 'ok';
  } catch {
    return 'invalid';
  }
}

async function buildIndex(ctx: Context): Promise<void> {
  const dir = await ctx.scratch('fuzz-corpus');
  await writeCorpus(dir, 300, ctx.opts.seed);
  const hostile = join(dir, 'hostile');
  await mkdir(hostile, { recursive: true });
  const r = makeRng(ctx.opts.seed + 6);
  for (let i = 0; i < 40; i++) await writeFile(join(hostile, `h${i}.txt`), markupArticle(r, i));
  await dropAlias(ctx.engine.url, ALIAS);
  const run = await runCli(['reindex', '--source', dir, '--alias', ALIAS], {
    ES_URL: ctx.engine.url,
  });
  if (run.code !== 0) throw new Error(`reindex failed: ${run.stderr.slice(-1500)}`);
}

export const hostileQueries: ReliabilityPromise = {
  id: 6,
  name: 'Hostile queries',
  async run(ctx): Promise<Outcome> {
    const total = ctx.opts.fuzz;
    // The checker must see what it is looking for, or a PASS would mean nothing.
    for (const bad of [
      '<img src=x onerror=alert(1)>',
      '<script>x</script>',
      '<a href="javascript:x">',
    ]) {
      if (unsafeMarkup(bad).length === 0) throw new Error(`the markup checker misses ${bad}`);
    }
    if (unsafeMarkup('<input value="&lt;img src=x onerror=alert(1)&gt;">').length > 0) {
      throw new Error('the markup checker flags escaped text');
    }
    await buildIndex(ctx);
    const served = await serveInProcess(ctx.engine.url, ALIAS);
    const errors: string[] = [];
    const origError = console.error;
    // The app logs 500s with console.error; collect them instead of flooding the report.
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' ').slice(0, 300));
    const base = served.base;
    const r = makeRng(ctx.opts.seed);
    const statuses: number[] = [];
    const latencies: number[] = [];
    const failures: string[] = [];
    const fail = (m: string) => {
      if (failures.length < 15) failures.push(m);
    };
    let fivexx = 0;
    let transport = 0;
    let unsafe = 0;
    let wrongStatus = 0;
    let next = 0;
    const cases: Case[] = Array.from({ length: total }, () => makeCase(r));
    const deadline = Date.now() + 10 * 60_000;
    const started = Date.now();
    const worker = async () => {
      while (next < cases.length && Date.now() < deadline) {
        const c = cases[next++]!;
        const url = base + c.path;
        const t0 = Date.now();
        let status: number;
        let body: string;
        let type: string;
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(20_000), redirect: 'manual' });
          status = res.status;
          type = res.headers.get('content-type') ?? '';
          body = await res.text();
        } catch (e) {
          transport++;
          fail(`${c.kind} ${c.path.slice(0, 100)}: ${(e as Error).message}`);
          continue;
        }
        latencies.push(Date.now() - t0);
        statuses.push(status);
        if (status >= 500) {
          fivexx++;
          fail(`${status} for ${c.kind} ${c.path.slice(0, 120)}`);
        }
        const expect = c.expect === 'oracle' ? oracle(url) : c.expect;
        const okStatus =
          expect === 'ok'
            ? status === 200
            : expect === 'invalid'
              ? status === 400 || status === 414
              : expect === 'too-long'
                ? status === 414 || status === 431
                : status === 200 || status === 404 || status === 400 || status === 301;
        if (!okStatus && status < 500) {
          wrongStatus++;
          fail(`expected ${expect}, got ${status} for ${c.kind} ${c.path.slice(0, 120)}`);
        }
        if (type.includes('html')) {
          const found = unsafeMarkup(body);
          if (found.length > 0) {
            unsafe++;
            fail(`unescaped markup for ${c.kind} ${c.path.slice(0, 80)}: ${found[0]}`);
          }
        } else if (rawMarkupInJson(body)) {
          unsafe++;
          fail(
            `raw markup in a ${type || 'untyped'} response for ${c.kind} ${c.path.slice(0, 80)}`,
          );
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 8 }, worker));
    } finally {
      console.error = origError;
      await served.close();
      if (!ctx.opts.keep) await dropAlias(ctx.engine.url, ALIAS);
    }
    const seconds = (Date.now() - started) / 1000;
    const done = statuses.length + transport;
    if (done < total) failures.push(`only ${done}/${total} requests ran before the time limit`);
    if (fivexx > 0) failures.push(`${fivexx} responses were 5xx`);
    if (transport > 0) failures.push(`${transport} requests failed at the transport level`);
    if (wrongStatus > 0) failures.push(`${wrongStatus} responses had an unexpected status`);
    if (unsafe > 0) failures.push(`${unsafe} responses carried unescaped markup`);
    if (errors.length > 0)
      failures.push(`the app logged ${errors.length} errors, e.g. ${errors[0]}`);
    return {
      pass: failures.length === 0,
      tried: `${total} seeded (seed ${ctx.opts.seed}) fuzzed GETs, 8 at a time, against createApp on loopback over a real index with 40 markup-laden articles: random Unicode and raw bytes, query syntax, over-long q, bad page/size, repeated and odd parameters, invalid dates, injection strings, odd paths, URLs over ${MAX_URL_BYTES} bytes`,
      saw: [
        `${done} requests in ${seconds.toFixed(1)}s; statuses ${tally(statuses)}`,
        `kinds ${tally(cases.slice(0, done).map((c) => c.kind))}`,
        `5xx ${fivexx}, transport errors ${transport}, unexpected status ${wrongStatus}, unescaped markup ${unsafe}, app errors logged ${errors.length}`,
        `latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
      ],
      failures,
    };
  },
};
