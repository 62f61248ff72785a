import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './engine.js';

// The built CLI as a child process, for tests of what a user sees (output lines, exit codes).
// Every child is killed after a timeout so nothing outlives a test.

export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliChild {
  child: ChildProcess;
  done: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout+stderr match `pattern`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export function startIreum(args: string[], esUrl: string, timeoutMs = 120_000): CliChild {
  const env = { ...process.env, ES_URL: esUrl, LOG_LEVEL: 'silent' };
  delete (env as NodeJS.ProcessEnv).IREUM_ALIAS;
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.pattern.test(out + err)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => ((out += d), check()));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => ((err += d), check()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: out, stderr: err });
    }),
  );
  return {
    child,
    done,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, ms = 30_000) {
      if (pattern.test(out + err)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}\n${err}`)),
          ms,
        );
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        });
      });
    },
  };
}

export function runIreum(args: string[], esUrl: string, timeoutMs?: number): Promise<CliResult> {
  return startIreum(args, esUrl, timeoutMs).done;
}

/** The last non-empty line of an output. */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}
