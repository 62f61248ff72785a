import type { CommandModule } from 'yargs';
import type { SourceFormat } from '../../articles/walk.js';
import { articlesMappingPath, loadMapping, peopleMappingPath } from '../../indexing/mappings.js';
import { dryRun, reindex } from '../../indexing/reindex.js';
import { withRegistry } from '../registry.js';
import { readConfig } from '../config.js';
import { boundHeapGrowth } from '../heap.js';
import { formatRejected, progressDisplay } from '../progress.js';
import { interruptSignal, sourceFrom, writeClient, writeOptions } from '../writing.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface ReindexArgs {
  source: string;
  alias: string | undefined;
  format: SourceFormat | undefined;
  strict: boolean;
  'allow-shrink': boolean;
  'dry-run': boolean;
  'batch-size': number;
  concurrency: number;
  json: boolean;
}

export const reindexCommand: CommandModule<object, ReindexArgs> = {
  command: 'reindex',
  describe: 'Index a source into a fresh index, then swap the alias onto it',
  builder: (y) =>
    writeOptions(y)
      .option('strict', {
        type: 'boolean',
        default: false,
        describe: 'Any rejected file fails the run (the alias is left alone)',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'Parse and report without touching the engine',
      })
      .option('batch-size', {
        type: 'number',
        default: 1000,
        describe: 'Documents per bulk request',
      })
      .option('concurrency', { type: 'number', default: 2, describe: 'Bulk requests in flight' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' })
      .check((argv) => {
        for (const name of ['batch-size', 'concurrency'] as const) {
          const v = argv[name];
          if (!Number.isInteger(v) || v < 1)
            throw new Error(`--${name} must be a positive integer`);
        }
        return true;
      })
      .epilogue(EXIT_CODES_HELP)
      .example('$0 reindex --source data/sample', 'rebuild behind the alias, then swap')
      .example('$0 reindex --source /archive --dry-run', 'parse and report only')
      .example('$0 reindex --source export.ndjson --json', 'the result as JSON'),
  handler: (argv) => runCommand(argv, () => run(argv)),
};

async function run(argv: ReindexArgs): Promise<number> {
  const config = readConfig();
  const alias = argv.alias ?? config.alias;
  const source = await sourceFrom(argv.source, argv.format);

  if (argv['dry-run']) {
    const r = await dryRun(source);
    for (const line of formatRejected(r.rejected)) console.log(line);
    if (r.parsed === 0) {
      console.error(
        `warning: no article parsed from ${argv.source}; a reindex would refuse to swap ` +
          `the alias onto an empty index (unless --allow-shrink)`,
      );
    }
    console.log(
      `dry run: ${r.files} files, ${r.parsed} parsed, ${r.rejected.length} rejected in ${r.seconds.toFixed(1)}s (engine untouched)`,
    );
    return argv.strict && r.rejected.length > 0 ? 1 : 0;
  }

  const client = await writeClient(config);
  const mapping = withRegistry(await loadMapping(articlesMappingPath(config.root)));
  const peopleMapping = await loadMapping(peopleMappingPath(config.root));
  const interrupt = interruptSignal(
    'interrupted: stopping, the alias keeps serving the previous index',
  );
  const progress = progressDisplay();
  boundHeapGrowth();
  try {
    const r = await reindex({
      client,
      source,
      alias,
      mapping,
      peopleMapping,
      strict: argv.strict,
      allowShrink: argv['allow-shrink'],
      batchSize: argv['batch-size'],
      concurrency: argv.concurrency,
      signal: interrupt.signal,
      onProgress: (p) => progress.update(p),
      log: (m) => {
        progress.done();
        console.error(m);
      },
    });
    progress.done();
    if (argv.json) {
      console.log(JSON.stringify(r, null, 2));
      return argv.strict && r.rejected.length > 0 ? 1 : 0;
    }
    for (const line of formatRejected(r.rejected)) console.log(line);
    console.log(
      `indexed ${r.indexed}, rejected ${r.rejected.length}, dropped ${r.dropped.length} ` +
        `in ${r.seconds.toFixed(1)}s (${Math.round(r.docsPerSecond)} docs/s); ${alias} -> ${r.index}`,
    );
    return argv.strict && r.rejected.length > 0 ? 1 : 0;
  } finally {
    progress.done();
    interrupt.dispose();
    await client.close();
  }
}
