import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class JavaNotFoundError extends Error {
  override name = 'JavaNotFoundError';
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `"1.8.0_372"` on stderr. Pure. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

async function majorOf(javaBin: string): Promise<number | undefined> {
  try {
    const { stdout, stderr } = await run(javaBin, ['-version'], { timeout: 20_000 });
    return parseJavaMajor(`${stderr}\n${stdout}`);
  } catch {
    return undefined;
  }
}

/**
 * Picks the first JDK within [min, max] among JAVA_HOME (passed in by the caller, who read the
 * environment) and the given fallbacks; an empty fallback means `java` on the PATH.
 */
export async function findJava(opts: {
  javaHome?: string | undefined;
  fallbacks: string[];
  min: number;
  max: number;
  label: string;
}): Promise<{ bin: string; major: number }> {
  const homes = [opts.javaHome, ...opts.fallbacks].filter((h): h is string => h !== undefined);
  const tried: string[] = [];
  for (const home of homes) {
    const bin = home === '' ? 'java' : join(home, 'bin', 'java');
    if (home !== '' && !existsSync(bin)) continue;
    const major = await majorOf(bin);
    tried.push(`${bin} (${major ?? 'unknown version'})`);
    if (major !== undefined && major >= opts.min && major <= opts.max) return { bin, major };
  }
  const range = opts.max >= Number.MAX_SAFE_INTEGER ? `${opts.min}+` : `${opts.min}..${opts.max}`;
  throw new JavaNotFoundError(
    `JavaNotFoundError: ${opts.label} needs Java ${range}; set JAVA_HOME to such a JDK` +
      (tried.length ? ` (tried ${tried.join(', ')})` : ''),
  );
}
