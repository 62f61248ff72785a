import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { createCompatClient } from '../../engine/client.js';
import { createEnginePeopleService } from '../../engine/peopleService.js';
import { readBatchLines, type PeopleRow } from '../../search/peopleBatch.js';
import { SearchUnavailableError } from '../../search/service.js';
import { connectOptions, readConfig, resolveEngineUrl } from '../config.js';
import { EXIT, EXIT_CODES_HELP, runCommand } from '../failure.js';
import { registryCommands } from './peopleRegistry.js';

interface PeopleArgs {
  batch: string | undefined;
  json?: boolean;
  csv?: boolean;
  alias: string | undefined;
}

/**
 * `ireum people --batch FILE`: for each name in FILE (one a line, `-` for stdin) its key, display
 * form and how many articles behind the alias name that person; as a table, JSON or CSV. The
 * same rows as `POST /api/people/batch`.
 */
export const peopleCommand: CommandModule<object, PeopleArgs> = {
  command: 'people',
  describe:
    'Look up many names at once (--batch), or edit the person registry (add, merge, ignore)',
  builder: (y) =>
    y
      .command(registryCommands)
      .option('batch', {
        type: 'string',
        // Takes the next word even when it is `-` (stdin), which yargs would read as a flag.
        nargs: 1,
        describe: 'File of names, one a line (any spelling or Hangul); - reads stdin',
      })
      // No defaults: yargs would count a default as given and refuse every run as a conflict.
      .option('json', { type: 'boolean', describe: 'Print a JSON array' })
      .option('csv', {
        type: 'boolean',
        describe: 'Print CSV (RFC 4180): input,key,display,articles',
      })
      .conflicts('json', 'csv')
      .option('alias', {
        type: 'string',
        describe: 'Alias to count in (default: IREUM_ALIAS or articles)',
      })
      .epilogue(
        'A line counts as a name when it reads as a known person or as a Korean surname and ' +
          'given name; other lines get an empty key and 0 articles.\n\n' +
          EXIT_CODES_HELP,
      )
      .example('$0 people --batch names.txt', 'an aligned table')
      .example(
        "printf 'Kim Jong Un\\n김정은\\n' | $0 people --batch - --csv",
        'CSV from stdin',
      ) as Argv<PeopleArgs>,
  handler: (argv) => runCommand(argv, () => run(argv)),
};

async function readNames(path: string): Promise<string[]> {
  try {
    const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
    return readBatchLines(text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(`cannot read --batch ${path}: ${why}`, { cause: err });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function run(argv: PeopleArgs): Promise<number> {
  if (argv.batch === undefined) {
    throw new Error('give --batch FILE, or one of add, merge, ignore');
  }
  const names = await readNames(argv.batch);
  const config = readConfig();
  const alias = argv.alias ?? config.alias;
  let rows: PeopleRow[];
  if (names.length === 0) {
    rows = [];
  } else {
    const client = createCompatClient({
      ...connectOptions(config, await resolveEngineUrl(config)),
      maxRetries: 0,
    });
    try {
      rows = await createEnginePeopleService({ client, alias }).countPeople(names);
    } catch (e) {
      if (e instanceof SearchUnavailableError) {
        console.error(`${e.message} (is the engine running and alias '${alias}' present?)`);
        return EXIT.engineUnavailable;
      }
      throw e;
    } finally {
      await client.close();
    }
  }
  if (argv.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else if (argv.csv) process.stdout.write(formatPeopleCsv(rows));
  else process.stdout.write(formatPeopleTable(rows));
  return EXIT.ok;
}

export const PEOPLE_COLUMNS = ['input', 'key', 'display', 'articles'] as const;

/** One CSV field (RFC 4180): quoted, inner quotes doubled, when it holds `,`, `"`, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV: the header, then one record per row; every line ends in CRLF. */
export function formatPeopleCsv(rows: readonly PeopleRow[]): string {
  const records = [
    PEOPLE_COLUMNS.join(','),
    ...rows.map((r) => [r.input, r.key, r.display, String(r.articles)].map(csvField).join(',')),
  ];
  return records.map((line) => line + '\r\n').join('');
}

/**
 * Columns a terminal gives a string: wide (2) for Hangul and other East Asian wide or fullwidth
 * characters, none for combining marks, one for the rest.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\p{M}/u.test(ch)) continue;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** A table cell: control characters (a tab would break the columns) shown as spaces. */
function cell(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}

/** The rows as an aligned text table with a header; counts right-aligned. */
export function formatPeopleTable(rows: readonly PeopleRow[]): string {
  const table = [
    [...PEOPLE_COLUMNS] as string[],
    ...rows.map((r) => [cell(r.input), r.key, r.display, String(r.articles)]),
  ];
  const widths = PEOPLE_COLUMNS.map((_, col) =>
    Math.max(...table.map((line) => displayWidth(line[col]!))),
  );
  const last = PEOPLE_COLUMNS.length - 1;
  return table
    .map((line) =>
      line
        .map((text, col) => {
          const pad = ' '.repeat(widths[col]! - displayWidth(text));
          return col === last ? pad + text : text + pad;
        })
        .join('  '),
    )
    .map((line) => line + '\n')
    .join('');
}
