// Where a benchmark's Node time goes: V8's sampling profiler (through the inspector, in this
// process) while a workload runs, summed by module and by function. A target that fails prints
// it under its table, and the raw profile is kept for Chrome DevTools or speedscope: the part
// tables (nodeShare.ts) time each step alone, this shows the steps as they run together, glue,
// garbage collection and system calls included.

import { mkdirSync, writeFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/cli/config.js';

/** One line of a summary: a module or a function and the time its samples account for. */
export interface Share {
  name: string;
  ms: number;
  /** Of the busy time (idle left out). */
  share: number;
}

export interface ProfileSummary {
  /** Sampled time with the thread at work, and waiting (for the engine, the disk). */
  busyMs: number;
  idleMs: number;
  byModule: Share[];
  byFunction: Share[];
  /** Where the raw profile was written, when it was. */
  file?: string;
}

/** Runs `work` under the sampling profiler; `intervalUs` between samples. */
export async function cpuProfile<T>(
  work: () => Promise<T>,
  intervalUs = 500,
): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    // Stopped whether or not the work succeeds; a failure is thrown after.
    const outcome = await work().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const { profile } = await session.post('Profiler.stop');
    if (!outcome.ok) throw outcome.error;
    return { result: outcome.value, profile };
  } finally {
    session.disconnect();
  }
}

/**
 * Self time by module (the compiled file under dist/, a `node:` module, or for native frames the
 * frame's own name: `open`, `(garbage collector)`, `RegExp: …`) and by function, largest first.
 */
export function summarizeProfile(profile: Profiler.Profile, top = 12): ProfileSummary {
  const selfUs = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  // A sample's delta is the time since the one before: it is charged to the sample it ends.
  for (let i = 0; i < samples.length; i++) {
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, timeDeltas[i] ?? 0));
  }
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const module = moduleOf(url, functionName);
    modules.set(module, (modules.get(module) ?? 0) + us);
    const fn =
      url === '' ? module : `${functionName || '(anonymous)'} ${fileOf(url)}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const shares = (m: Map<string, number>): Share[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    byModule: shares(modules),
    byFunction: shares(functions),
  };
}

/** A frame's file: under dist/, under node_modules/ (package and path), or as given. */
function fileOf(url: string): string {
  const dist = url.lastIndexOf('/dist/');
  if (dist !== -1) return url.slice(dist + '/dist/'.length);
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) return url.slice(modules + '/node_modules/'.length);
  return url.replace(/^file:\/\//, '');
}

/** A frame's module: its file, but a whole package for node_modules, and a native's own name. */
function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.length > 48 ? `${functionName.slice(0, 47)}…` : functionName;
  const file = fileOf(url);
  return url.includes('/node_modules/') ? file.split('/')[0]! : file;
}

/** Profiles `work`, writes the raw profile under test-artifacts/, and summarizes it. */
export async function profileOf<T>(
  name: string,
  work: () => Promise<T>,
  intervalUs?: number,
): Promise<{ result: T; summary: ProfileSummary }> {
  const { result, profile } = await cpuProfile(work, intervalUs);
  const summary = summarizeProfile(profile);
  const dir = join(PROJECT_ROOT, 'test-artifacts', 'bench-profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return { result, summary: { ...summary, file } };
}

/**
 * The lines of a profile of `work` (profileOf, then profileLines): what a failing target
 * carries. A profile that cannot be taken is one line saying why, not the loss of the figures
 * already measured.
 */
export async function profileReport(
  name: string,
  title: string,
  work: () => Promise<unknown>,
  per?: number,
  intervalUs?: number,
): Promise<string[]> {
  try {
    const { summary } = await profileOf(name, work, intervalUs);
    return profileLines(title, summary, per);
  } catch (err) {
    return [`${title}: no profile (${err instanceof Error ? err.message : String(err)})`];
  }
}

/** The summary as lines under a table: per-document figures when `per` (documents) is given. */
export function profileLines(title: string, s: ProfileSummary, per?: number): string[] {
  const cost = (ms: number) =>
    per === undefined ? `${ms.toFixed(0)} ms` : `${((ms * 1000) / per).toFixed(1)} us/doc`;
  const lines = [
    `${title}: busy ${cost(s.busyMs)}, waiting ${cost(s.idleMs)} (sampling profiler; it slows` +
      ' the code it samples, so read the shares, not the times)',
    '  by module:',
    ...s.byModule.map((m) => `    ${pct(m.share)}  ${cost(m.ms).padStart(12)}  ${m.name}`),
    '  by function:',
    ...s.byFunction.map((f) => `    ${pct(f.share)}  ${cost(f.ms).padStart(12)}  ${f.name}`),
  ];
  if (s.file !== undefined) lines.push(`  raw profile: ${s.file}`);
  return lines;
}

function pct(share: number): string {
  return `${(100 * share).toFixed(1).padStart(5)}%`;
}
