import type { Progress, RejectedFile } from '../indexing/run.js';

// Progress for long commands: one updating line on a terminal, plain periodic lines in logs/CI.

export interface ProgressDisplay {
  update(p: Progress): void;
  /** Clears the updating line so the summary starts on a clean one. */
  done(): void;
}

export function progressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  const tty = stream.isTTY === true;
  const every = tty ? 200 : 5_000;
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      const line = formatProgress(p);
      if (tty) {
        stream.write(`\r\x1b[K${line}`);
        shown = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[K');
    },
  };
}

/** `indexing 1200/20000 files, 1150 indexed, 2 rejected, 2400 docs/s, ETA 8s`. Pure. */
export function formatProgress(p: Progress): string {
  const total = p.total;
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.parsed / seconds : 0;
  const files = total !== undefined ? `${p.files}/${total}` : `${p.files}`;
  let line = `${p.phase} ${files} files, ${p.indexed} indexed, ${p.rejected} rejected, ${Math.round(rate)} docs/s`;
  if (total !== undefined && rate > 0 && p.phase === 'indexing' && p.files < total) {
    line += `, ETA ${Math.ceil((total - p.files) / (p.files / seconds))}s`;
  }
  return line;
}

export function formatRejected(rejected: RejectedFile[], limit = 50): string[] {
  const lines = rejected
    .slice(0, limit)
    .map((r) => `  rejected ${r.path}${r.line !== undefined ? `:${r.line}` : ''}: ${r.reason}`);
  if (rejected.length > limit) lines.push(`  ... and ${rejected.length - limit} more`);
  return lines;
}
