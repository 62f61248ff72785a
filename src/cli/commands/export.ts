import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Argv, CommandModule } from 'yargs';
import { createCompatClient } from '../../engine/client.js';
import { createEngineExportService, writeExport } from '../../engine/exportService.js';
import {
  EXPORT_FORMATS,
  shapesExport,
  type ExportCursor,
  type ExportFormat,
} from '../../search/export.js';
import { PARAM_TABLE } from '../../search/params.js';
import { cliFlag } from '../../search/paramTable.js';
import { SearchUnavailableError } from '../../search/service.js';
import { connectOptions, readConfig, resolveEngineUrl } from '../config.js';
import { EXIT, EXIT_CODES_HELP, runCommand } from '../failure.js';
import { interruptSignal } from '../writing.js';
import { paramsFromFlags, searchFlags } from './search.js';

/** The search's flags (one per row of PARAM_TABLE) and the export's own. */
type ExportArgs = {
  alias: string | undefined;
  format: ExportFormat;
  out: string | undefined;
} & Record<string, unknown>;

const positionals = PARAM_TABLE.flatMap((spec) => (spec.cli ? [spec.cli.positional] : []));

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: ['export', ...positionals.map((name) => `[${name}]`)].join(' '),
  describe: 'Write every article a search finds as CSV or NDJSON (same flags as search)',
  builder: (y) =>
    hideUnused(searchFlags(y))
      .option('format', {
        choices: EXPORT_FORMATS,
        default: 'csv' as ExportFormat,
        describe:
          'csv: id,date,title,agencies,dateline,people,path (UTF-8 with BOM, CRLF, lists joined with "; "); ndjson: one JSON object a line',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'File to write (default: stdout); written whole or not at all',
      })
      .option('alias', {
        type: 'string',
        describe: 'Alias to export from (default: IREUM_ALIAS or articles)',
      })
      .epilogue(
        'Every matching article, in the order the search shows them (--sort); --size, --page, ' +
          '--more and --person-q are accepted and change nothing. Progress goes to stderr.\n\n' +
          EXIT_CODES_HELP,
      )
      .example("$0 export 'Kim Jong Un' --out kim.csv", 'every article naming him, as CSV')
      .example(
        '$0 export --agency AP --year 2019 --format ndjson > ap-2019.ndjson',
        'a filtered export on stdout',
      ) as Argv<ExportArgs>,
  handler: (argv) => runCommand(argv, () => run(argv)),
};

/**
 * The search flags that change nothing in an export (--size, --page, --more, --person-q) are
 * still accepted, so a search's command line works as it is, but left out of --help.
 */
function hideUnused(y: Argv): Argv {
  let out = y;
  for (const spec of PARAM_TABLE) {
    const flag = cliFlag(spec);
    if (flag !== null && !spec.cli && !shapesExport(spec)) out = out.hide(flag);
  }
  return out;
}

async function run(argv: ExportArgs): Promise<number> {
  const params = paramsFromFlags(argv);
  if (params === undefined) return EXIT.usage;
  const config = readConfig();
  const alias = argv.alias ?? config.alias;
  // Opened before the engine is asked anything: a path that cannot be written fails at once.
  const output = argv.out === undefined ? stdoutOutput() : await fileOutput(argv.out);
  const client = createCompatClient({
    ...connectOptions(config, await resolveEngineUrl(config)),
    maxRetries: 0,
  });
  const interrupt = interruptSignal('stopping the export (Ctrl-C again to quit at once)');
  const signal = AbortSignal.any([interrupt.signal, output.failed]);
  const progress = progressLine(process.stderr);
  try {
    let cursor: ExportCursor;
    try {
      cursor = await createEngineExportService({ client, alias }).open(params, { signal });
    } catch (e) {
      if (e instanceof SearchUnavailableError) {
        console.error(`${e.message} (is the engine running and alias '${alias}' present?)`);
        await output.discard();
        return EXIT.engineUnavailable;
      }
      throw e;
    }
    const rows = await writeExport(cursor, output.stream, argv.format, {
      signal,
      onRows: (n) => progress.update(n, cursor.total),
    });
    await output.finish();
    progress.done(`exported ${rows.toLocaleString('en-US')} rows to ${output.name}`);
    return EXIT.ok;
  } catch (e) {
    progress.done();
    await output.discard();
    if (output.pipeClosed()) return EXIT.ok;
    if (interrupt.signal.aborted) return EXIT.interrupted;
    throw output.error() ?? e;
  } finally {
    interrupt.dispose();
    await client.close();
  }
}

interface Output {
  stream: Writable;
  /** For messages: the file, or stdout. */
  name: string;
  /** Aborted when writing fails, so a wait for 'drain' cannot hang on a broken stream. */
  failed: AbortSignal;
  error(): Error | undefined;
  /** The reader of stdout went away (`| head`): not a failure. */
  pipeClosed(): boolean;
  finish(): Promise<void>;
  discard(): Promise<void>;
}

function watched(stream: Writable): {
  failed: AbortController;
  error: () => Error | undefined;
} {
  const failed = new AbortController();
  let error: Error | undefined;
  stream.on('error', (e: Error) => {
    error ??= e;
    failed.abort(e);
  });
  return { failed, error: () => error };
}

function stdoutOutput(): Output {
  const stream = process.stdout;
  const w = watched(stream);
  return {
    stream,
    name: 'stdout',
    failed: w.failed.signal,
    error: w.error,
    pipeClosed: () => (w.error() as NodeJS.ErrnoException | undefined)?.code === 'EPIPE',
    finish: async () => {},
    discard: async () => {},
  };
}

/**
 * A file written beside its final name and renamed into place once complete, so a failed or
 * interrupted export never leaves a short file that looks whole.
 */
async function fileOutput(path: string): Promise<Output> {
  const partial = `${path}.partial-${process.pid}`;
  const stream = createWriteStream(partial);
  try {
    await once(stream, 'open');
  } catch (e) {
    throw new Error(`cannot write --out ${path}: ${(e as Error).message}`, { cause: e });
  }
  const w = watched(stream);
  return {
    stream,
    name: path,
    failed: w.failed.signal,
    error: () => {
      const e = w.error();
      return e && new Error(`cannot write --out ${path}: ${e.message}`, { cause: e });
    },
    pipeClosed: () => false,
    finish: async () => {
      stream.end();
      await once(stream, 'finish');
      await rename(partial, path);
    },
    discard: async () => {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}

/** `exporting 12,000 of 200,000 rows`: updating on a terminal, every few seconds in logs. */
function progressLine(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY === true;
  const every = tty ? 200 : 5_000;
  const start = Date.now();
  let last = start;
  let shown = false;
  return {
    update(rows: number, total: number) {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      const line = `exporting ${rows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`;
      if (tty) {
        stream.write(`\r\x1b[K${line}`);
        shown = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    /** Clears the updating line, then writes `summary` (with the rate) if given. */
    done(summary?: string) {
      if (tty && shown) stream.write('\r\x1b[K');
      shown = false;
      if (summary === undefined) return;
      const seconds = (Date.now() - start) / 1000;
      stream.write(`${summary} in ${seconds.toFixed(1)} s\n`);
    },
  };
}
