import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

// Follows a folder tree and reports the relative paths where something happened. On macOS and
// Windows that is fs.watch's native recursive mode. On Linux, Node 20's recursive mode is
// emulated with one watcher per file and folder (over 190,000 inotify watches for an archive of
// that many articles, past the usual kernel limit) and swallows files created while it starts;
// there, one non-recursive fs.watch per folder does the job: inotify on a folder already reports
// its files, and a folder that appears gets its own watcher as soon as its parent reports it.

export interface TreeWatcher {
  close(): void;
}

export interface TreeWatchOptions {
  /** A path (relative, `/`-separated; '' for "re-read everything") where something happened. */
  onPath: (path: string) => void;
  /** The root itself cannot be watched any more. */
  onError: (err: Error) => void;
  /** Entries skipped: dot folders are never articles. */
  skip?: (name: string) => boolean;
}

export function watchTree(root: string, opts: TreeWatchOptions): TreeWatcher {
  const skip = opts.skip ?? ((name: string) => name.startsWith('.'));
  if (process.platform === 'darwin' || process.platform === 'win32') {
    const w = watch(root, { recursive: true }, (_event, name) =>
      opts.onPath(name === null ? '' : String(name).replace(/\\/g, '/')),
    );
    w.on('error', opts.onError);
    return { close: () => w.close() };
  }

  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const unwatch = (rel: string) => {
    for (const [dir, w] of watchers) {
      if (dir === rel || rel === '' || dir.startsWith(`${rel}/`)) {
        w.close();
        watchers.delete(dir);
      }
    }
  };

  const isDir = (rel: string): boolean => {
    try {
      return statSync(join(root, rel)).isDirectory();
    } catch {
      return false;
    }
  };

  /** Watches `rel` and every folder under it; false when `rel` could not be watched. */
  const add = (rel: string): boolean => {
    if (closed || watchers.has(rel)) return true;
    let w: FSWatcher;
    try {
      w = watch(join(root, rel), { persistent: true }, (_event, name) => {
        if (name === null) {
          opts.onPath(rel);
          return;
        }
        const child = rel === '' ? String(name) : `${rel}/${String(name)}`;
        if (String(name).split('/').some(skip)) return;
        // A folder that appeared (or was moved in) is watched before its files are read, so
        // nothing written into it afterwards goes unseen; what it held already is read by the
        // batch this path starts.
        if (isDir(child)) add(child);
        else if (watchers.has(child)) unwatch(child);
        opts.onPath(child);
      });
    } catch (err) {
      if (rel === '') throw err;
      return false;
    }
    w.on('error', (err) => {
      if (rel === '') {
        opts.onError(err);
        return;
      }
      // A sub-folder that went away: its parent reports the path.
      unwatch(rel);
    });
    watchers.set(rel, w);
    let entries: { name: string; dir: boolean }[] = [];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true }).map((d) => ({
        name: d.name,
        dir: d.isDirectory(),
      }));
    } catch {
      // Gone already: the parent's event covers it.
    }
    for (const e of entries) {
      if (e.dir && !skip(e.name)) add(rel === '' ? e.name : `${rel}/${e.name}`);
    }
    return true;
  };

  add('');
  return {
    close() {
      closed = true;
      unwatch('');
    },
  };
}
