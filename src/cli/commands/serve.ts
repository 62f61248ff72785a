import type { Server } from 'node:http';
import { pino } from 'pino';
import type { CommandModule } from 'yargs';
import { createCompatClient, redactUrl } from '../../engine/client.js';
import { createEngineExportService } from '../../engine/exportService.js';
import { createEnginePeopleService } from '../../engine/peopleService.js';
import { createEngineSearchService } from '../../engine/searchService.js';
import { createApp } from '../../web/app.js';
import { connectOptions, readConfig, resolveEngineUrl, type Config } from '../config.js';
import { boundHeapGrowth } from '../heap.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface ServeArgs {
  port: number | undefined;
  alias: string | undefined;
  host: string | undefined;
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Serve the search page and JSON API (http://127.0.0.1:3000 by default)',
  builder: (y) =>
    y
      .option('port', { type: 'number', describe: 'Port (default: PORT or 3000)' })
      .option('alias', {
        type: 'string',
        describe: 'Alias to search (default: IREUM_ALIAS or articles)',
      })
      .option('host', {
        type: 'string',
        describe: 'Interface to listen on (default: HOST or 127.0.0.1)',
      })
      .check((argv) => {
        if (
          argv.port !== undefined &&
          (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535)
        ) {
          throw new Error('--port must be a port number');
        }
        return true;
      })
      .epilogue(EXIT_CODES_HELP)
      .example('$0 serve --port 8080', 'the web UI and JSON API on :8080')
      .example('HOST=0.0.0.0 $0 serve', 'listen on every interface'),
  handler: (argv) => runCommand(argv, () => run(argv)),
};

async function run(argv: ServeArgs): Promise<void> {
  const config = readConfig();
  const url = await resolveEngineUrl(config);
  await listen({
    config,
    url,
    alias: argv.alias ?? config.alias,
    port: argv.port ?? config.port,
    host: argv.host ?? config.host,
  });
}

export interface ListenOptions {
  config: Config;
  /** Resolved engine URL. */
  url: string;
  alias: string;
  port: number;
  host: string;
}

/** Serves the app until SIGINT/SIGTERM; shared by `serve` and `up`. */
export async function listen(opts: ListenOptions): Promise<Server> {
  const { config, url, alias, port } = opts;
  // No probe: the page starts even while the engine is down and answers 503 until it is back.
  const client = createCompatClient(connectOptions(config, url));
  const env = process.env.NODE_ENV === 'development' ? 'development' : 'production';
  const logger = pino({ level: config.logLevel });
  // An export streams 200,000 rows through pages of 1,000: without a bound, V8 let the old
  // generation grow to 183 MiB peak RSS for what the 20,000-row export did in 129 (1.42x); with
  // it, 144 vs 130 MiB (bench/export.ts). The retained heap is 17 MiB either way.
  boundHeapGrowth();
  const app = createApp({
    search: createEngineSearchService({ client, alias }),
    exporter: createEngineExportService({ client, alias }),
    people: createEnginePeopleService({ client, alias }),
    alias,
    env,
    logger,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, opts.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  console.log(
    `Ireum is serving http://${opts.host}:${actualPort}/ (alias ${alias} on ${redactUrl(url)})`,
  );

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.error(`${signal}: closing`);
    // Finish requests in flight; drop idle keep-alive sockets so close() does not wait on them.
    server.close(() => {
      void client.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return server;
}
