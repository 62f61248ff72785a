import type { ReadResult } from '../articles/walk.js';

// The one record a reindex or index run keeps, passed from phase to phase. Phases add to it;
// a failure carries it out in the error, so the CLI can say what was done before it stopped.

export interface RejectedFile {
  path: string;
  reason: string;
  line?: number;
}

export interface DroppedDocument {
  id: string;
  status: number;
  reason: string;
}

export type Phase =
  | 'locking'
  | 'preparing'
  | 'reading'
  | 'indexing'
  | 'deleting'
  | 'verifying'
  | 'merging'
  | 'swapping';

export interface RunRecord {
  alias: string;
  /** ms since the epoch. */
  started: number;
  phase: Phase;
  /** Sources the walk listed (files), when known: the progress total. */
  total?: number;
  /** Sources read so far: files, or NDJSON lines. */
  files: number;
  /** Sources parsed into documents (sent, or about to be). */
  parsed: number;
  /** Sources whose hash matched the index (incremental runs). */
  unchanged: number;
  rejected: RejectedFile[];
  dropped: DroppedDocument[];
  droppedCount: number;
}

export interface Progress {
  phase: Phase;
  total?: number;
  files: number;
  parsed: number;
  rejected: number;
  /** Documents the engine has acknowledged. */
  indexed: number;
  elapsedMs: number;
}

// Dropped documents kept with reasons; the count is always complete.
const MAX_DROPPED_KEPT = 1_000;

export function newRun(alias: string, now = Date.now()): RunRecord {
  return {
    alias,
    started: now,
    phase: 'preparing',
    files: 0,
    parsed: 0,
    unchanged: 0,
    rejected: [],
    dropped: [],
    droppedCount: 0,
  };
}

export function recordRejected(run: RunRecord, r: Extract<ReadResult, { ok: false }>): void {
  run.rejected.push({
    path: r.path,
    reason: r.reason,
    ...(r.line !== undefined ? { line: r.line } : {}),
  });
}

export function recordDropped(run: RunRecord, drop: DroppedDocument): void {
  run.droppedCount++;
  if (run.dropped.length < MAX_DROPPED_KEPT) run.dropped.push(drop);
}

export function elapsedSeconds(run: RunRecord, now = Date.now()): number {
  return (now - run.started) / 1000;
}

/** A failed run: the message says why; `run` what had been done (counts, rejections, drops). */
export class IndexingError extends Error {
  override name = 'IndexingError';
  constructor(
    prefix: string,
    message: string,
    readonly run: RunRecord | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${prefix}: ${message}`, options);
  }
}

/** The cause of a run stopped on request (Ctrl-C): the CLI exits 130 for it. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super('interrupted');
  }
}

/** A reindex that failed: the alias still serves what it served before. */
export class ReindexError extends IndexingError {
  override name = 'ReindexError';
  constructor(message: string, run?: RunRecord, options?: { cause?: unknown }) {
    super('ReindexError', message, run, options);
  }
}

/** An incremental run that failed; what was applied before the failure stays applied. */
export class IndexError extends IndexingError {
  override name = 'IndexError';
  constructor(message: string, run?: RunRecord, options?: { cause?: unknown }) {
    super('IndexError', message, run, options);
  }
}

/** An engine error in words: the client's message plus the engine's reason when it gave one. */
export function describe(err: unknown): string {
  if (err instanceof Error) {
    const body = (err as { meta?: { body?: { error?: { reason?: string } } } }).meta?.body;
    return body?.error?.reason ? `${err.message} (${body.error.reason})` : err.message;
  }
  return String(err);
}

/** Runs one engine call, turning its failure into `wrap(what failed: why)`. */
export async function engineStep<T>(
  what: string,
  call: () => Promise<T>,
  wrap: (message: string, cause: unknown) => Error,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof IndexingError) throw err;
    throw wrap(`${what} failed: ${describe(err)}`, err);
  }
}
