import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArticle, mulberry32 } from '../../src/articles/generate.js';
import { parseFlavor, type Flavor } from '../../src/engine/flavors.js';
import { createCompatClient } from '../../src/engine/client.js';
import { startEngine, stopEngine, type LauncherOptions } from '../../src/engine/launcher.js';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';

// Shared pieces of the reliability scripts: a private engine (never the shared dev one), the
// built CLI as a child process, a generated corpus, and small bounded helpers.

/** Project root (from dist/test/reliability). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface Options {
  ci: boolean;
  /** Load run length, seconds. */
  duration: number;
  connections: number;
  /** Generated corpus size for the load run. */
  docs: number;
  /** Fuzzed requests. */
  fuzz: number;
  /** Kill points tried on `ireum reindex`. */
  kills: number;
  seed: number;
  heap: string;
  keep: boolean;
}

/** What a promise prints and returns: what it tried, what it saw, the verdict. */
export interface Outcome {
  pass: boolean;
  tried: string;
  saw: string[];
  failures: string[];
}

export interface Context {
  opts: Options;
  engine: PrivateEngine;
  /** A fresh folder under the run's scratch dir. */
  scratch(name: string): Promise<string>;
  log(message: string): void;
}

export interface ReliabilityPromise {
  id: number;
  name: string;
  run(ctx: Context): Promise<Outcome>;
}

/**
 * An engine of our own: the project's launcher over a private root in /tmp, whose engine/ and
 * jar cache are links to the project's, so data, pid and port files are ours alone and nothing
 * here can stop an engine somebody else started.
 */
export class PrivateEngine {
  url = '';
  private constructor(
    readonly root: string,
    private readonly launcher: LauncherOptions,
  ) {}

  static async create(
    scratch: string,
    heap: string,
    log: (m: string) => void,
  ): Promise<PrivateEngine> {
    const root = join(scratch, 'engine-root');
    await mkdir(join(root, '.ireum'), { recursive: true });
    await mkdir(join(ROOT, '.ireum', 'cache'), { recursive: true });
    await symlink(join(ROOT, 'engine'), join(root, 'engine'));
    await symlink(join(ROOT, '.ireum', 'cache'), join(root, '.ireum', 'cache'));
    const flavor: Flavor = parseFlavor(process.env.IREUM_FLAVOR);
    return new PrivateEngine(root, {
      root,
      flavor,
      heap,
      javaHome: process.env.JAVA_HOME,
      log: (m) => log(`[engine] ${m}`),
      stopGraceMs: 20_000,
    });
  }

  async start(): Promise<string> {
    const running = await startEngine(this.launcher);
    this.url = running.url;
    return this.url;
  }

  async stop(): Promise<void> {
    await stopEngine(this.launcher);
  }

  get flavor(): Flavor {
    return this.launcher.flavor!;
  }
}

export async function makeScratch(): Promise<string> {
  return mkdtemp('/tmp/ireum-reliability-');
}

export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes `count` generated articles (the `ireum generate` corpus) into `dir`. */
export async function writeCorpus(dir: string, count: number, seed: number): Promise<void> {
  const rng = mulberry32(seed);
  const made = new Set<string>();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const { path, text } = generateArticle(rng, i);
    const file = join(dir, path);
    const folder = dirname(file);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    pending.push(writeFile(file, text));
    if (pending.length >= 64) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<CliRun>;
  output(): { stdout: string; stderr: string };
}

/** Starts the built CLI with ES_URL set; killed after `timeoutMs` so nothing outlives a run. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): CliProcess {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    // Request logs would be thousands of lines under load: only warnings and errors.
    env: { ...cleanEnv(), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

export function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs?: number,
): Promise<CliRun> {
  return startCli(args, env, timeoutMs).done;
}

/** The environment without anything that would point the CLI at someone else's engine. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['ES_URL', 'ES_API_KEY', 'ES_USERNAME', 'ES_PASSWORD', 'IREUM_ALIAS', 'PORT']) {
    delete env[k];
  }
  return env;
}

export interface Served {
  url: string;
  cli: CliProcess;
  stop(): Promise<CliRun>;
}

/** `ireum serve` on a free loopback port, as production runs it. */
export async function serve(esUrl: string, alias: string): Promise<Served> {
  const cli = startCli(
    ['serve', '--port', '0', '--host', '127.0.0.1', '--alias', alias],
    { ES_URL: esUrl, NODE_ENV: 'production' },
    30 * 60_000,
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /Ireum is serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(cli.output().stdout);
    if (m) {
      return {
        url: m[1]!,
        cli,
        stop: async () => {
          cli.child.kill('SIGTERM');
          const t = setTimeout(() => cli.child.kill('SIGKILL'), 10_000);
          const r = await cli.done;
          clearTimeout(t);
          return r;
        },
      };
    }
    if (cli.child.exitCode !== null || Date.now() > deadline) {
      cli.child.kill('SIGKILL');
      const r = await cli.done;
      throw new Error(`ireum serve did not start: ${r.stderr.slice(-2000)}`);
    }
    await sleep(100);
  }
}

export interface InProcessApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Stops listening and closes the engine client. */
  close(): Promise<void>;
}

/** The web app (production mode) over `esUrl`, in this process on a free loopback port. */
export async function serveInProcess(esUrl: string, alias: string): Promise<InProcessApp> {
  const client = createCompatClient({ url: esUrl });
  const app = createApp({
    search: createEngineSearchService({ client, alias }),
    alias,
    env: 'production',
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const rng = mulberry32;

/** A GET with a deadline; never throws, errors come back as status 0 with the reason. */
export async function get(
  url: string,
  timeoutMs = 15_000,
): Promise<{ status: number; headers: Headers | null; text: string; ms: number; error?: string }> {
  const started = Date.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, ms: Date.now() - started };
  } catch (e) {
    return {
      status: 0,
      headers: null,
      text: '',
      ms: Date.now() - started,
      error: (e as Error).name + ': ' + (e as Error).message,
    };
  }
}

/**
 * The alias's own indices (`alias-<timestamp>`), with their document counts; the people index
 * beside it (`alias-people-…`, rebuilt after every reindex) is not one of them.
 */
export async function aliasState(
  esUrl: string,
  alias: string,
): Promise<{ targets: string[]; indices: Record<string, number> }> {
  const targets: string[] = [];
  const a = await fetch(`${esUrl}/_alias/${alias}`, { signal: AbortSignal.timeout(10_000) });
  if (a.ok) targets.push(...Object.keys((await a.json()) as object).sort());
  const c = await fetch(
    `${esUrl}/_cat/indices/${alias}-*?format=json&h=index,docs.count&expand_wildcards=all`,
    { signal: AbortSignal.timeout(10_000) },
  );
  const indices: Record<string, number> = {};
  if (c.ok) {
    for (const row of (await c.json()) as { index: string; 'docs.count': string }[]) {
      if (/^\d+$/.test(row.index.slice(alias.length + 1))) {
        indices[row.index] = Number(row['docs.count']);
      }
    }
  }
  return { targets, indices };
}

export async function countOf(esUrl: string, index: string): Promise<number> {
  const res = await fetch(`${esUrl}/${index}/_count`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) return -1;
  return ((await res.json()) as { count: number }).count;
}

/** Deletes an alias's `<alias>-<digits>` indices on our private engine. */
export async function dropAlias(esUrl: string, alias: string): Promise<void> {
  const { indices } = await aliasState(esUrl, alias);
  for (const index of Object.keys(indices)) {
    if (/^\d+$/.test(index.slice(alias.length + 1))) {
      await fetch(`${esUrl}/${index}`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
    }
  }
}

/**
 * Markup that would run or inject if it reached a page unescaped: script tags other than the
 * layout's own, event-handler attributes, javascript: URLs, iframes, objects, style blocks.
 * Attributes are tokenized, so escaped text inside a value (`value="x onerror=y"`) is not
 * mistaken for an attribute. Returns what it found.
 */
export function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const tag = m[1]!.toLowerCase();
    const whole = m[0].slice(0, 100);
    if (tag === 'script' && m[0] !== '<script src="/static/app.js" defer>') found.push(whole);
    if (['iframe', 'object', 'embed', 'style', 'base', 'meta-refresh'].includes(tag)) {
      found.push(whole);
    }
    for (const a of m[2]!.matchAll(/\s([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)) {
      const name = a[1]!.toLowerCase();
      const value = (a[2] ?? '')
        .replace(/^["']|["']$/g, '')
        .trim()
        .toLowerCase();
      if (name.startsWith('on')) found.push(whole);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
        if (value.startsWith('javascript:') || value.startsWith('data:text/html'))
          found.push(whole);
      }
    }
  }
  return found;
}

/** JSON must carry no raw `<` at all: the app escapes it as \u003c. */
export function rawMarkupInJson(text: string): boolean {
  return /<[a-z!/?]/i.test(text);
}

/** p-th percentile (0-100) of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function tally(values: (string | number)[]): string {
  const m = new Map<string, number>();
  for (const v of values) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k}×${n}`)
    .join(', ');
}
