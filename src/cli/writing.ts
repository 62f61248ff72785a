import type { Client } from '@elastic/elasticsearch';
import type { Argv } from 'yargs';
import { resolveSource, type Source, type SourceFormat } from '../articles/walk.js';
import { connect, redactUrl } from '../engine/client.js';
import { connectOptions, resolveEngineUrl, type Config } from './config.js';

// What the commands that write the index (reindex, index, up) share: their options, finding
// the source and the engine, and turning Ctrl-C into an abort signal.

/** The options every command that writes the index takes. */
export function writeOptions<T>(y: Argv<T>) {
  return y
    .option('source', {
      type: 'string',
      demandOption: true,
      describe: 'Folder of articles, or one .ndjson file',
    })
    .option('alias', { type: 'string', describe: 'Alias (default: IREUM_ALIAS or articles)' })
    .option('format', {
      choices: ['text', 'ndjson'] as const,
      describe:
        'text: .txt article files; ndjson: one JSON article a line (default: from --source)',
    })
    .option('allow-shrink', {
      type: 'boolean',
      default: false,
      describe: 'Let the alias end up empty or under half of what it serves now',
    });
}

/** The source behind --source, or a one-line reason it cannot be read. */
export async function sourceFrom(path: string, format: SourceFormat | undefined): Promise<Source> {
  try {
    return await resolveSource(path, format);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `cannot read --source ${path}: no such file or folder`
        : `cannot read --source ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

export async function writeClient(config: Config, engineUrl?: string): Promise<Client> {
  const url = engineUrl ?? (await resolveEngineUrl(config));
  const { client, engine } = await connect(connectOptions(config, url));
  console.error(`engine: ${engine.product} ${engine.version} at ${redactUrl(url)}`);
  return client;
}

/**
 * An abort signal for SIGINT/SIGTERM: the first asks the run to stop cleanly (`message` says
 * what that means), a second exits at once.
 */
export function interruptSignal(message: string): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error(`\n${message}`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
