// Shared plumbing for the benchmarks: flags, the generated corpus, the engine, statistics and the
// result rows every script prints. Benchmarks only ever create indices named `bench-*`.

import { ensureEngine } from '../src/engine/launcher.js';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client } from '@elastic/elasticsearch';
import { PROJECT_ROOT, connectOptions, readConfig, resolveEngineUrl } from '../src/cli/config.js';
import { connect, redactUrl, type ConnectOptions, type EngineInfo } from '../src/engine/client.js';

/** One line of the final table. `ratio` is value / baseline, or as the row explains. */
export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean | null;
  /** Engine, version and heap, for figures that involve the engine. */
  engine?: string;
}

/** True when the module at `url` is the script node was started with. */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
}

/** `--name value` and `--flag` from argv; numbers accept `_` and `k` (20k). */
export function flag(name: string, argv = process.argv): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const next = argv[i + 1];
  return next === undefined || next.startsWith('--') ? 'true' : next;
}

export function numberFlag(name: string, fallback: number, argv = process.argv): number {
  const raw = flag(name, argv);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, '').replace(/k$/i, '000'));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

export function boolFlag(name: string, argv = process.argv): boolean {
  return flag(name, argv) !== undefined;
}

export const SEED = 1;

/**
 * A folder of `count` generated articles, written by `ireum generate` once and reused: the
 * generator is deterministic, so a folder with a matching marker holds exactly these files.
 */
export function ensureCorpus(count: number, log = console.error): string {
  const dir = join(tmpdir(), 'ireum-bench', `articles-${count}-seed${SEED}`);
  const marker = join(dir, '.complete.json');
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { count?: number; seed?: number };
    if (m.count === count && m.seed === SEED) return dir;
  }
  log(`generating ${count} articles into ${dir} (once)`);
  const cli = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
  const r = spawnSync(
    process.execPath,
    [cli, 'generate', '--out', dir, '--count', String(count), '--seed', String(SEED)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`ireum generate failed with status ${r.status}`);
  writeFileSync(marker, JSON.stringify({ count, seed: SEED }) + '\n');
  return dir;
}

export interface Engine {
  client: Client;
  url: string;
  info: EngineInfo;
  /** `opensearch 3.8.0, heap 1.0 GiB` */
  label: string;
  /** What the client authenticates with, for benchmarks that speak HTTP to the engine. */
  credentials?: Credentials;
}

/** Credentials for the engine, as the project's config gives them (ES_API_KEY, ...). */
export type Credentials = Pick<ConnectOptions, 'apiKey' | 'username' | 'password'>;

/**
 * Reads the embedded engine's data files once, so that the searches timed next meet the index in
 * the page cache, as a serving index is: the sections before them write gigabytes, and the host
 * may drop a cache it has not been asked for in a while. "First-time" means a query the engine
 * has not answered before, not an index read from disk. Nothing for an engine at ES_URL, whose
 * files are not ours to read. Returns the bytes read.
 */
export function warmEmbeddedEngine(log = console.error): number {
  if (readConfig().esUrl !== undefined) return 0;
  const root = join(PROJECT_ROOT, '.ireum', 'engine');
  if (!existsSync(root)) return 0;
  const t0 = performance.now();
  const chunk = Buffer.allocUnsafe(8 * 1024 * 1024);
  let bytes = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) {
        let fd: number;
        try {
          fd = openSync(path, 'r');
        } catch {
          continue; // a segment merged away while the walk went past
        }
        try {
          for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) bytes += n;
        } finally {
          closeSync(fd);
        }
      }
    }
  };
  visit(root);
  log(
    `read ${gib(bytes)} of engine files into the page cache in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return bytes;
}

/** ES_URL, or the project's embedded engine (started through the launcher unless running). */
export async function openEngine(log = console.error): Promise<Engine> {
  const config = readConfig();
  const url = await resolveEngineUrl(config, log);
  const options = connectOptions(config, url);
  const { client, engine } = await connect({ ...options, requestTimeoutMs: 120_000 });
  const { apiKey, username, password } = options;
  const credentials = Object.fromEntries(
    Object.entries({ apiKey, username, password }).filter(([, v]) => v !== undefined),
  ) as Credentials;
  const heap = await heapBytes(client);
  const label = `${engine.product} ${engine.version}, heap ${heap === undefined ? '?' : gib(heap)}`;
  log(`engine: ${label} at ${redactUrl(url)}`);
  return { client, url, info: engine, label, credentials };
}

async function heapBytes(client: Client): Promise<number | undefined> {
  try {
    const stats = (await client.nodes.stats({ metric: 'jvm' })) as unknown as {
      nodes: Record<string, { jvm?: { mem?: { heap_max_in_bytes?: number } } }>;
    };
    let total = 0;
    for (const node of Object.values(stats.nodes)) total += node.jvm?.mem?.heap_max_in_bytes ?? 0;
    return total || undefined;
  } catch {
    return undefined;
  }
}

/** Every .txt under dir, relative, in the walk's order; listing is not part of any timed figure. */
export function listArticleFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (name.startsWith('.')) continue;
      const path = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(dir, path)).isDirectory()) visit(path);
      else if (name.endsWith('.txt')) out.push(path);
    }
  };
  visit('');
  return out;
}

export function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

/**
 * Deletes bench indices by name or pattern (`bench-*-<pid>-*`). Names are listed first, so it
 * works where the engine refuses wildcard deletes (`action.destructive_requires_name`).
 */
export async function deleteIndices(client: Client, pattern: string): Promise<void> {
  if (!pattern.startsWith('bench-')) throw new Error(`refusing to delete ${pattern}`);
  const rows = (await client.cat.indices(
    { index: pattern, format: 'json', h: 'index' },
    {
      ignore: [404],
    },
  )) as unknown as { index?: string }[];
  const names = (Array.isArray(rows) ? rows : []).map((r) => r.index ?? '').filter(Boolean);
  for (const index of names) await client.indices.delete({ index }, { ignore: [404] });
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function printRows(title: string, rows: readonly Row[]): void {
  const header: Row = {
    figure: 'figure',
    value: 'value',
    baseline: 'baseline',
    ratio: 'ratio',
    target: 'target',
    pass: null,
  };
  const cells = (r: Row): string[] => [
    r.figure,
    r.value,
    r.baseline,
    r.ratio,
    r.target,
    r === header ? 'result' : r.pass === null ? '-' : r.pass ? 'PASS' : 'FAIL',
  ];
  const all = [header, ...rows].map(cells);
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  console.log(`\n${title}`);
  for (const [i, row] of all.entries()) {
    console.log(
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const engines = [...new Set(rows.map((r) => r.engine).filter((e): e is string => !!e))];
  for (const e of engines) console.log(`engine: ${e}`);
}

/** A benchmark's rows, and the profile a failing target carries (bench/profile.ts). */
export interface Measured {
  rows: Row[];
  profile?: string[];
}

/** The rows and profile of what a benchmark returned. */
export function measured(result: Row[] | Measured): Measured {
  return Array.isArray(result) ? { rows: result } : result;
}

/** Profile lines after a benchmark's table, when there are any. */
export function printProfile(lines: readonly string[] | undefined): void {
  if (lines !== undefined) console.log(`\n${lines.join('\n')}`);
}

/** Scripts run alone print their rows (and profile); `all.ts` collects them instead. */
export async function runMain(title: string, run: () => Promise<Row[] | Measured>): Promise<void> {
  try {
    const { rows, profile } = measured(await run());
    printRows(title, rows);
    printProfile(profile);
    if (rows.some((r) => r.pass === false)) process.exitCode = 1;
  } catch (err) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 2;
  }
}

/**
 * The engine an evaluation runs on: ES_URL, else the embedded one, started or reused; `stop`
 * stops it only where this process started it (the launcher's handle knows).
 */
export async function evalEngine(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fromEnv = process.env.ES_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined };
  const handle = await ensureEngine({ root: process.cwd(), log: (m) => console.error(m) });
  return { url: handle.url, stop: () => handle.stop() };
}
