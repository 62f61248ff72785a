import type { CommandModule } from 'yargs';
import { connect, redactUrl } from '../../engine/client.js';
import { articlesMappingPath, loadMapping } from '../../engine/mappings.js';
import { dryRun, reindex, ReindexError } from '../../engine/reindex.js';
import { readConfig, resolveEngineUrl, connectOptions } from '../config.js';
import { countArticleFiles, formatRejected, progressDisplay } from '../progress.js';
import { boundHeapGrowth } from '../heap.js';

interface ReindexArgs {
  source: string;
  alias: string | undefined;
  strict: boolean;
  'dry-run': boolean;
  'batch-size': number;
  concurrency: number;
}

export const reindexCommand: CommandModule<object, ReindexArgs> = {
  command: 'reindex',
  describe: 'Index a folder of articles into a fresh index, then swap the alias onto it',
  builder: (y) =>
    y
      .option('source', { type: 'string', demandOption: true, describe: 'Folder of article files' })
      .option('alias', {
        type: 'string',
        describe: 'Alias to swap (default: IREUM_ALIAS or articles)',
      })
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
      .check((argv) => {
        for (const name of ['batch-size', 'concurrency'] as const) {
          const v = argv[name];
          if (!Number.isInteger(v) || v < 1)
            throw new Error(`--${name} must be a positive integer`);
        }
        return true;
      }),
  handler: async (argv) => {
    try {
      process.exitCode = await run(argv);
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
    }
  },
};

async function run(argv: ReindexArgs): Promise<number> {
  const config = readConfig();
  const alias = argv.alias ?? config.alias;
  const total = await countArticleFiles(argv.source);
  if (total === undefined) {
    console.error(`ReindexError: cannot read the source folder ${argv.source}`);
    return 1;
  }

  if (argv['dry-run']) {
    const r = await dryRun(argv.source);
    for (const line of formatRejected(r.rejected)) console.log(line);
    console.log(
      `dry run: ${r.files} files, ${r.parsed} parsed, ${r.rejected.length} rejected in ${r.seconds.toFixed(1)}s (engine untouched)`,
    );
    return argv.strict && r.rejected.length > 0 ? 1 : 0;
  }

  const url = await resolveEngineUrl(config);
  const { client, engine } = await connect(connectOptions(config, url));
  console.error(`engine: ${engine.product} ${engine.version} at ${redactUrl(url)}`);
  const mapping = await loadMapping(articlesMappingPath(config.root));
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error('\ninterrupted: stopping, the alias keeps serving the previous index');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = progressDisplay(total);
  boundHeapGrowth();
  try {
    const r = await reindex({
      client,
      source: argv.source,
      alias,
      mapping,
      strict: argv.strict,
      batchSize: argv['batch-size'],
      concurrency: argv.concurrency,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      log: (m) => {
        progress.done();
        console.error(m);
      },
    });
    progress.done();
    for (const line of formatRejected(r.rejected)) console.log(line);
    console.log(
      `indexed ${r.indexed}, rejected ${r.rejected.length}, dropped ${r.dropped.length} ` +
        `in ${r.seconds.toFixed(1)}s (${Math.round(r.docsPerSecond)} docs/s); ${alias} -> ${r.index}`,
    );
    return argv.strict && r.rejected.length > 0 ? 1 : 0;
  } catch (err) {
    progress.done();
    if (err instanceof ReindexError) {
      for (const line of formatRejected(err.result.rejected ?? [])) console.error(line);
      for (const d of (err.result.dropped ?? []).slice(0, 20)) {
        console.error(`  dropped ${d.id} (${d.status}): ${d.reason}`);
      }
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await client.close();
  }
}
