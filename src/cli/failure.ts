import { errors } from '@elastic/elasticsearch';
import { EngineUnavailableError } from '../engine/client.js';
import { JavaNotFoundError } from '../engine/java.js';
import { EngineStartError } from '../engine/launcher.js';
import { IndexingError, InterruptedError } from '../indexing/run.js';
import { ConfigError } from './config.js';
import { formatRejected } from './progress.js';

// How a command ends when it fails: one readable message on stderr (no class-name prefixes, no
// stack unless asked for with --verbose or DEBUG=ireum) and an exit code a script can act on.

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  engineUnavailable: 3,
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP =
  'Exit codes: 0 ok, 1 failure, 2 usage error, 3 engine unavailable, 130 interrupted.';

/** The error and every cause under it. */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && out.length < 10;) {
    out.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function unreachable(e: unknown): boolean {
  return e instanceof EngineUnavailableError || e instanceof errors.ConnectionError;
}

export function exitCodeOf(err: unknown): number {
  const all = chain(err);
  if (all.some((e) => e instanceof InterruptedError)) return EXIT.interrupted;
  // A bad setting is a usage error, like a bad flag.
  if (all.some((e) => e instanceof ConfigError)) return EXIT.usage;
  if (
    all.some(
      (e) => unreachable(e) || e instanceof EngineStartError || e instanceof JavaNotFoundError,
    )
  ) {
    return EXIT.engineUnavailable;
  }
  return EXIT.failure;
}

/** The message for people: class-name prefixes dropped, a hint when the engine is away. */
export function messageOf(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(
    /^(?:[A-Z][A-Za-z]*Error: )+/,
    '',
  );
  if (chain(err).some(unreachable) && !/ireum engine start/.test(text)) {
    return `${text}\n(start the embedded engine with \`ireum engine start\`, or set ES_URL)`;
  }
  return text;
}

/** Whether details (stacks) are wanted: --verbose, or DEBUG naming ireum. */
export function verboseWanted(argv: object, debugEnv: string | undefined): boolean {
  return (argv as { verbose?: unknown }).verbose === true || /(^|,)\s*ireum\b/.test(debugEnv ?? '');
}

/** Runs a command's work; a failure is reported and becomes the exit code. */
export async function runCommand(argv: object, work: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await work()) ?? EXIT.ok;
  } catch (err) {
    reportRun(err);
    console.error(messageOf(err));
    if (verboseWanted(argv, process.env.DEBUG)) console.error(detail(err));
    process.exitCode = exitCodeOf(err);
  }
}

/** What a failed indexing run had done: its rejected files and refused documents. */
function reportRun(err: unknown): void {
  const run = err instanceof IndexingError ? err.run : undefined;
  if (!run) return;
  for (const line of formatRejected(run.rejected)) console.error(line);
  for (const d of run.dropped.slice(0, 20)) {
    console.error(`  dropped ${d.id} (${d.status}): ${d.reason}`);
  }
}

function detail(err: unknown): string {
  return chain(err)
    .map((e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)))
    .join('\ncaused by: ');
}
