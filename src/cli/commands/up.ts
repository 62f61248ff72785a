import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { formatTally } from '../../indexing/diff.js';
import { indexOnce } from '../../indexing/incremental.js';
import { LockHeldError } from '../../indexing/lock.js';
import { articlesMappingPath, loadMapping, peopleMappingPath } from '../../indexing/mappings.js';
import { withRegistry } from '../registry.js';
import { readConfig, resolveEngineUrl } from '../config.js';
import { formatRejected } from '../progress.js';
import { sourceFrom, writeClient } from '../writing.js';
import { listen } from './serve.js';
import { EXIT_CODES_HELP, messageOf, runCommand } from '../failure.js';

interface UpArgs {
  source: string | undefined;
  port: number | undefined;
  alias: string | undefined;
  host: string | undefined;
}

/**
 * The main job in one command: engine up (ES_URL or the embedded one), the sample corpus
 * (or --source) indexed behind the alias (incrementally: `ireum index`), and the web UI serving.
 */
export const upCommand: CommandModule<object, UpArgs> = {
  command: 'up',
  describe: 'Start the engine, index the sample corpus and serve the web UI',
  builder: (y) =>
    y
      .option('source', { type: 'string', describe: 'Folder to index (default: data/sample)' })
      .option('port', { type: 'number', describe: 'Port (default: PORT or 3000)' })
      .option('alias', { type: 'string', describe: 'Alias (default: IREUM_ALIAS or articles)' })
      .option('host', {
        type: 'string',
        describe: 'Interface to listen on (default: HOST or 127.0.0.1)',
      })
      .epilogue(EXIT_CODES_HELP)
      .example('$0 up', 'engine, sample index, web UI')
      .example('$0 up --source /archive --port 8080', 'your own folder'),
  handler: (argv) =>
    runCommand(argv, async () => {
      const config = readConfig();
      const alias = argv.alias ?? config.alias;
      const source = argv.source ?? join(config.root, 'data', 'sample');
      const url = await resolveEngineUrl(config);
      const client = await writeClient(config, url);
      try {
        // Incremental: a restart only sends what changed since the last one; the first run
        // builds the index through the reindex phases.
        const mapping = withRegistry(await loadMapping(articlesMappingPath(config.root)));
        const peopleMapping = await loadMapping(peopleMappingPath(config.root));
        try {
          const r = await indexOnce({
            client,
            source: await sourceFrom(source, undefined),
            alias,
            mapping,
            peopleMapping,
            log: (m) => console.error(m),
          });
          for (const line of formatRejected(r.rejectedFiles)) console.error(line);
          if (r.refusal) console.error(`not deleting: ${r.refusal}`);
          console.error(`${alias} from ${source}: ${formatTally(r)} in ${r.seconds.toFixed(1)}s`);
        } catch (err) {
          // Another run (an `ireum index --watch`, say) is writing the alias: serve what it keeps.
          if (!(err instanceof LockHeldError)) throw err;
          console.error(`${messageOf(err)}\nserving the index as it is`);
        }
      } finally {
        await client.close();
      }
      await listen({
        config,
        url,
        alias,
        port: argv.port ?? config.port,
        host: argv.host ?? config.host,
      });
    }),
};
