import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_FLAVOR, flavorSpec, type Flavor, type FlavorSpec } from './flavors.js';
import { findJava } from './java.js';

// Runs an embedded engine as a detached JVM that outlives the CLI invocation which started it.
// Everything it owns lives under `<root>/.ireum/`: the resolved jars in cache/<flavour>/lib and
// the node's data, logs, pid and port files in engine/<flavour>/.

const execFileP = promisify(execFile);

export interface LauncherOptions {
  /** Project root (holds `engine/<flavour>/pom.xml` and `.ireum/`). */
  root: string;
  flavor?: Flavor;
  /** JVM heap, both -Xms and -Xmx, e.g. `1g` or `512m`. */
  heap?: string;
  /** JAVA_HOME as read by the caller; tried before the flavour's known JDKs. */
  javaHome?: string | undefined;
  log?: (message: string) => void;
  /** How long to wait for cluster health yellow/green after starting. */
  healthTimeoutMs?: number;
  /** How long SIGTERM gets before SIGKILL. */
  stopGraceMs?: number;
  /** Maven binary used for the one-time resolve. */
  mvn?: string;
}

export interface RunningEngine {
  flavor: Flavor;
  url: string;
  pid: number;
  port: number;
  /** False when an engine that was already running was reused. */
  startedHere: boolean;
}

export interface EngineHandle {
  url: string;
  startedHere: boolean;
  /** Stops the engine if this call started it; a reused engine is left running. */
  stop(): Promise<void>;
}

export interface EngineStatus {
  flavor: Flavor;
  running: boolean;
  pid?: number;
  port?: number;
  url?: string;
  health?: string;
  /** Where the engine's console output goes. */
  logFile: string;
}

export class EngineStartError extends Error {
  override name = 'EngineStartError';
}

const DEFAULT_HEAP = '1g';
const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;
const DEFAULT_STOP_GRACE_MS = 30_000;
// The runner serves HTTP on base+1 and refuses HTTP ports above 9299.
const BASE_PORT_MIN = 9200;
const BASE_PORT_MAX = 9298;

export interface EnginePaths {
  cacheDir: string;
  libDir: string;
  marker: string;
  engineDir: string;
  basePath: string;
  pidFile: string;
  portFile: string;
  logFile: string;
  lockFile: string;
}

export function enginePaths(root: string, flavor: Flavor): EnginePaths {
  const cacheDir = join(root, '.ireum', 'cache', flavor);
  const engineDir = join(root, '.ireum', 'engine', flavor);
  return {
    cacheDir,
    libDir: join(cacheDir, 'lib'),
    marker: join(cacheDir, 'complete.json'),
    engineDir,
    basePath: join(engineDir, 'cluster'),
    pidFile: join(engineDir, 'engine.pid'),
    portFile: join(engineDir, 'engine.port'),
    logFile: join(engineDir, 'engine.log'),
    lockFile: join(engineDir, 'launcher.lock'),
  };
}

/** Starts the engine unless one is already running, and returns a handle whose stop() is safe. */
export async function ensureEngine(opts: LauncherOptions): Promise<EngineHandle> {
  const engine = await startEngine(opts);
  return {
    url: engine.url,
    startedHere: engine.startedHere,
    stop: async () => {
      if (engine.startedHere) await stopEngine(opts);
    },
  };
}

export async function startEngine(opts: LauncherOptions): Promise<RunningEngine> {
  const flavor = opts.flavor ?? DEFAULT_FLAVOR;
  const spec = flavorSpec(flavor);
  const paths = enginePaths(opts.root, flavor);
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  await mkdir(paths.engineDir, { recursive: true });

  return withLock(paths.lockFile, timeoutMs + 120_000, async () => {
    const existing = readState(paths, spec);
    if (existing) {
      const url = urlFor(existing.port);
      if (await healthy(url)) {
        log(`reusing ${spec.label} at ${url} (pid ${existing.pid})`);
        return { flavor, url, pid: existing.pid, port: existing.port, startedHere: false };
      }
      // Alive but not answering yet: most likely still starting up.
      log(`waiting for ${spec.label} (pid ${existing.pid}) at ${url}`);
      await waitForHealth(url, existing.pid, paths, timeoutMs);
      return { flavor, url, pid: existing.pid, port: existing.port, startedHere: false };
    }
    await clearState(paths);

    const libDir = await resolveEngine(opts);
    const java = await findJava({
      javaHome: opts.javaHome,
      fallbacks: spec.javaFallbacks,
      min: spec.java.min,
      max: spec.java.max,
      label: spec.label,
    });
    const heap = opts.heap ?? DEFAULT_HEAP;
    if (!/^\d+[kmg]$/i.test(heap)) {
      throw new EngineStartError(`EngineStartError: heap '${heap}' is not like 512m or 1g`);
    }
    await writeNodeConfig(paths, spec);
    const basePort = await pickBasePort();
    const port = basePort + 1;
    const url = urlFor(port);
    const started = Date.now();
    log(`starting ${spec.label} on ${url} (Java ${java.major}, heap ${heap})`);

    const out = openSync(paths.logFile, 'w');
    const child = spawn(
      java.bin,
      [
        `-Xms${heap}`,
        `-Xmx${heap}`,
        '-cp',
        `${libDir}/*`,
        spec.mainClass,
        '-basePath',
        paths.basePath,
        '-numOfNode',
        '1',
        '-baseHttpPort',
        String(basePort),
        '-clusterName',
        `ireum-${flavor}`,
      ],
      { cwd: paths.engineDir, detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    const pid = child.pid;
    if (pid === undefined) {
      throw new EngineStartError(`EngineStartError: could not spawn ${java.bin}`);
    }
    // Reaped by Node while we live; the flag covers the window before the pid disappears.
    let exited = false;
    child.on('exit', () => (exited = true));
    child.on('error', () => (exited = true));
    child.unref();
    await writeFile(paths.pidFile, `${pid}\n`);
    await writeFile(paths.portFile, `${port}\n`);

    try {
      await waitForHealth(url, pid, paths, timeoutMs, () => exited);
    } catch (err) {
      await killAndWait(pid, 5_000, () => exited);
      await clearState(paths);
      throw err;
    }
    log(`${spec.label} is up at ${url} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return { flavor, url, pid, port, startedHere: true };
  });
}

/** Stops the engine recorded in the pid file: SIGTERM, then SIGKILL after the grace period. */
export async function stopEngine(
  opts: LauncherOptions,
): Promise<{ stopped: boolean; pid?: number }> {
  const flavor = opts.flavor ?? DEFAULT_FLAVOR;
  const spec = flavorSpec(flavor);
  const paths = enginePaths(opts.root, flavor);
  const log = opts.log ?? (() => {});
  const state = readState(paths, spec);
  if (!state) {
    await clearState(paths);
    log(`${spec.label} is not running`);
    return { stopped: false };
  }
  log(`stopping ${spec.label} (pid ${state.pid})`);
  const forced = await killAndWait(state.pid, opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
  await clearState(paths);
  log(forced ? `killed ${spec.label} after the grace period` : `stopped ${spec.label}`);
  return { stopped: true, pid: state.pid };
}

export async function engineStatus(opts: LauncherOptions): Promise<EngineStatus> {
  const flavor = opts.flavor ?? DEFAULT_FLAVOR;
  const paths = enginePaths(opts.root, flavor);
  const state = readState(paths, flavorSpec(flavor));
  if (!state) return { flavor, running: false, logFile: paths.logFile };
  const url = urlFor(state.port);
  const health = await clusterHealth(url);
  return {
    flavor,
    running: health === 'green' || health === 'yellow',
    pid: state.pid,
    port: state.port,
    url,
    health: health ?? 'unreachable',
    logFile: paths.logFile,
  };
}

/**
 * Copies the flavour's jars into the cache once. A marker written after a complete copy (holding
 * the pom's hash) makes later calls skip Maven; a half-finished copy never becomes `lib/`.
 */
export async function resolveEngine(opts: LauncherOptions): Promise<string> {
  const flavor = opts.flavor ?? DEFAULT_FLAVOR;
  const spec = flavorSpec(flavor);
  const paths = enginePaths(opts.root, flavor);
  const log = opts.log ?? (() => {});
  const pom = join(opts.root, spec.pom);
  const pomHash = createHash('sha256').update(readFileSync(pom)).digest('hex');
  if (await cacheComplete(paths, pomHash)) return paths.libDir;

  await mkdir(paths.cacheDir, { recursive: true });
  const tmp = join(paths.cacheDir, `lib.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  const started = Date.now();
  log(`resolving ${spec.label} into ${paths.libDir} (once)`);
  try {
    await execFileP(
      opts.mvn ?? 'mvn',
      ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`],
      { timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    const e = err as { code?: unknown; stdout?: string; stderr?: string; message?: string };
    if (e.code === 'ENOENT') {
      throw new EngineStartError(
        'EngineStartError: Maven (mvn) is needed once to resolve the embedded engine; install it or set ES_URL',
      );
    }
    const detail = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new EngineStartError(
      `EngineStartError: resolving ${spec.label} failed:\n${detail || e.message}`,
    );
  }
  const jars = (await readdir(tmp)).filter((f) => f.endsWith('.jar')).length;
  if (jars === 0)
    throw new EngineStartError(`EngineStartError: Maven copied no jars for ${spec.label}`);
  await rm(paths.libDir, { recursive: true, force: true });
  await rename(tmp, paths.libDir);
  await writeFile(paths.marker, JSON.stringify({ pomHash, jars }) + '\n');
  log(`resolved ${jars} jars in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return paths.libDir;
}

async function cacheComplete(paths: EnginePaths, pomHash: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(paths.marker, 'utf8')) as {
      pomHash?: string;
      jars?: number;
    };
    if (marker.pomHash !== pomHash) return false;
    const jars = (await readdir(paths.libDir)).filter((f) => f.endsWith('.jar')).length;
    return jars === marker.jars;
  } catch {
    return false;
  }
}

/** The runner copies its default config only when absent, so ours wins: loopback only. */
async function writeNodeConfig(paths: EnginePaths, spec: FlavorSpec): Promise<void> {
  const dir = join(paths.basePath, 'node_1', 'config');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, spec.configFile),
    [
      '# Written by the Ireum launcher on every start.',
      'network.host: 127.0.0.1',
      // A nearly full dev disk would otherwise leave new shards unassigned (health red).
      'cluster.routing.allocation.disk.threshold_enabled: false',
      '',
    ].join('\n'),
  );
}

function urlFor(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The recorded engine, if its pid is alive and really is that engine's JVM. */
function readState(
  paths: EnginePaths,
  spec: FlavorSpec,
): { pid: number; port: number } | undefined {
  let pid: number;
  let port: number;
  try {
    pid = Number.parseInt(readFileSync(paths.pidFile, 'utf8'), 10);
    port = Number.parseInt(readFileSync(paths.portFile, 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined;
  if (!pidAlive(pid)) return undefined;
  // After a reboot the pid may belong to something else entirely.
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync('/proc/self') && existsSync(cmdline)) {
    try {
      if (!readFileSync(cmdline, 'utf8').includes(spec.mainClass)) return undefined;
    } catch {
      return undefined;
    }
  }
  return { pid, port };
}

async function clearState(paths: EnginePaths): Promise<void> {
  await rm(paths.pidFile, { force: true });
  await rm(paths.portFile, { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function clusterHealth(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/_cluster/health`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { status?: unknown };
    return typeof body.status === 'string' ? body.status : undefined;
  } catch {
    return undefined;
  }
}

async function healthy(url: string): Promise<boolean> {
  const status = await clusterHealth(url);
  return status === 'green' || status === 'yellow';
}

async function waitForHealth(
  url: string,
  pid: number,
  paths: EnginePaths,
  timeoutMs: number,
  exited: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await healthy(url)) return;
    if (exited() || !pidAlive(pid)) {
      throw new EngineStartError(
        `EngineStartError: the engine (pid ${pid}) exited before becoming healthy; last lines of ${paths.logFile}:\n${logTail(paths.logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new EngineStartError(
        `EngineStartError: the engine at ${url} was not healthy after ${Math.round(timeoutMs / 1000)}s; last lines of ${paths.logFile}:\n${logTail(paths.logFile)}`,
      );
    }
    await sleep(500);
  }
}

/** The last lines of a log file, for error messages; '(no log)' when it cannot be read. */
export function logTail(file: string, lines = 30): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.slice(-16_384).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM, wait, then SIGKILL. Returns true when it had to kill. */
async function killAndWait(
  pid: number,
  graceMs: number,
  exited: () => boolean = () => false,
): Promise<boolean> {
  const gone = () => exited() || !pidAlive(pid);
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (gone()) return false;
    await sleep(200);
  }
  signal(pid, 'SIGKILL');
  for (let i = 0; i < 50 && !gone(); i++) await sleep(100);
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** First base port whose HTTP port (base+1) is free on the loopback. */
export async function pickBasePort(min = BASE_PORT_MIN, max = BASE_PORT_MAX): Promise<number> {
  for (let base = min; base <= max; base++) {
    if (await portFree(base + 1)) return base;
  }
  throw new EngineStartError(`EngineStartError: no free HTTP port in ${min + 1}..${max + 1}`);
}

/** Whether a TCP port on the loopback can be bound right now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** One launcher at a time per flavour (two `ireum` commands must not start two engines). */
async function withLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && !pidAlive(holder)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new EngineStartError(
          `EngineStartError: another launcher (pid ${holder}) holds ${file}; remove it if that process is gone`,
        );
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
