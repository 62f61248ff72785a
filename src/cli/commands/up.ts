import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { connect, redactUrl } from '../../engine/client.js';
import { articlesMappingPath, loadMapping } from '../../engine/mappings.js';
import { reindex } from '../../engine/reindex.js';
import { connectOptions, readConfig, resolveEngineUrl } from '../config.js';
import { formatRejected } from '../progress.js';
import { listen } from './serve.js';

interface UpArgs {
  source: string | undefined;
  port: number | undefined;
  alias: string | undefined;
}

/**
 * The main job in one command: engine up (ES_URL or the embedded one), the sample corpus
 * (or --source) indexed behind the alias, and the web UI serving.
 */
export const upCommand: CommandModule<object, UpArgs> = {
  command: 'up',
  describe: 'Start the engine, index the sample corpus and serve the web UI',
  builder: (y) =>
    y
      .option('source', { type: 'string', describe: 'Folder to index (default: data/sample)' })
      .option('port', { type: 'number', describe: 'Port (default: PORT or 3000)' })
      .option('alias', { type: 'string', describe: 'Alias (default: IREUM_ALIAS or articles)' }),
  handler: async (argv) => {
    try {
      const config = readConfig();
      const alias = argv.alias ?? config.alias;
      const source = argv.source ?? join(config.root, 'data', 'sample');
      const url = await resolveEngineUrl(config);
      const { client, engine } = await connect(connectOptions(config, url));
      console.error(`engine: ${engine.product} ${engine.version} at ${redactUrl(url)}`);
      try {
        const mapping = await loadMapping(articlesMappingPath(config.root));
        const r = await reindex({ client, source, alias, mapping });
        for (const line of formatRejected(r.rejected)) console.error(line);
        console.error(
          `indexed ${r.indexed} articles from ${source} in ${r.seconds.toFixed(1)}s; ${alias} -> ${r.index}`,
        );
      } finally {
        await client.close();
      }
      await listen({ config, url, alias, port: argv.port ?? config.port, host: '127.0.0.1' });
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
    }
  },
};
