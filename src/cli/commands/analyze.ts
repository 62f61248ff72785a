import { readFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { connect, redactUrl } from '../../engine/client.js';
import { KEY_ANALYZER, TOKEN_ANALYZER } from '../../names/analysis.js';
import { connectOptions, readConfig, resolveEngineUrl } from '../config.js';
import { articlesMappingPath } from '../../indexing/mappings.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface AnalyzeArgs {
  text: string;
  analyzer?: string;
  index?: string;
  mapping: string | undefined;
}

interface AnalyzeResponse {
  tokens?: { token: string; position: number }[];
}

/**
 * `ireum analyze "<text>" [--analyzer NAME]`: the tokens each name analyzer makes of the text,
 * via `_analyze` on the live index (`--index`) or on a temporary index created from the mapping
 * file and deleted afterwards.
 */
export const analyzeCommand: CommandModule<object, AnalyzeArgs> = {
  command: 'analyze <text>',
  describe: 'Show the tokens the name analyzers make of a text (needs the engine)',
  builder: (y) =>
    y
      .positional('text', { type: 'string', demandOption: true })
      .option('analyzer', {
        type: 'string',
        describe: `One analyzer (default: ${KEY_ANALYZER} and ${TOKEN_ANALYZER})`,
      })
      .option('index', { type: 'string', describe: 'Analyze with this live index' })
      .option('mapping', {
        type: 'string',
        describe:
          "Mapping for the temporary index when --index is not given (default: the project's mappings/articles.json)",
      })
      .epilogue(EXIT_CODES_HELP)
      .example("$0 analyze 'Moon Jae-in (문재인)'", 'tokens of both name analyzers')
      .example("$0 analyze 'Kim Jongun' --analyzer ireum_name_key", 'one analyzer'),
  handler: (argv) => runCommand(argv, () => run(argv)),
};

async function run(argv: AnalyzeArgs): Promise<void> {
  const config = readConfig();
  const url = await resolveEngineUrl(config);
  const { client } = await connect(connectOptions(config, url));
  const analyzers = argv.analyzer ? [argv.analyzer] : [KEY_ANALYZER, TOKEN_ANALYZER];
  let index = argv.index;
  let temp: string | undefined;
  try {
    if (!index) {
      const mapping = JSON.parse(
        await readFile(argv.mapping ?? articlesMappingPath(config.root), 'utf8'),
      ) as {
        settings?: unknown;
      };
      temp = `ireum-analyze-${process.pid}-${Date.now()}`;
      await client.indices.create({ index: temp, settings: mapping.settings as never });
      index = temp;
    }
    for (const analyzer of analyzers) {
      const res = (await client.indices.analyze({
        index,
        analyzer,
        text: argv.text,
      })) as AnalyzeResponse;
      const tokens = (res.tokens ?? []).map((t) => `[${t.token}]`).join(' ');
      console.log(`${analyzer.padEnd(16)} ${tokens}`);
    }
  } catch (err) {
    throw new Error(`analyze failed against ${redactUrl(url)}: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    if (temp) await client.indices.delete({ index: temp }).catch(() => undefined);
    await client.close();
  }
}
