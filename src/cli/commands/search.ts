import type { Argv, CommandModule, Options, PositionalOptions } from 'yargs';
import { createCompatClient } from '../../engine/client.js';
import { createEngineSearchService } from '../../engine/searchService.js';
import { unescapeHtml } from '../../search/escape.js';
import {
  FACET_NAMES,
  PARAM_TABLE,
  ParamError,
  parseSearchParams,
  type SearchParams,
  type ParamSpec,
  type RawQuery,
} from '../../search/params.js';
import { cliFlag, paramSpec } from '../../search/paramTable.js';
import { SearchUnavailableError } from '../../search/service.js';
import { toApiJson, type SearchResults } from '../../search/transformResponse.js';
import { connectOptions, readConfig, resolveEngineUrl } from '../config.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';
import { alsoFrom } from '../../search/copies.js';

/** The search parameters' flags (one per row of PARAM_TABLE) and the CLI's own two. */
type SearchArgs = {
  alias: string | undefined;
  json: boolean;
} & Record<string, unknown>;

/** `--help` text for a row: its help, its limits as a flag sees them, and its rule. */
export function flagHelp(spec: ParamSpec): string {
  const parts = [spec.help];
  if (spec.type === 'string') parts.push(`At most ${spec.maxChars} characters.`);
  if (spec.type === 'integer') {
    const bounded = spec.max < Number.MAX_SAFE_INTEGER;
    parts.push(
      bounded ? `${spec.min}-${spec.max}, default ${spec.default}.` : `Default ${spec.default}.`,
    );
  }
  if (spec.type === 'date') parts.push('YYYY-MM-DD.');
  if (spec.type === 'strings') parts.push('Repeatable.');
  if (spec.rule) parts.push(spec.rule.replace(/`/g, ''));
  return parts.join(' ');
}

/** The yargs option for a row; integers are numbers as before, and the parser checks them. */
function flagOption(spec: ParamSpec): Options & PositionalOptions {
  const describe = flagHelp(spec);
  switch (spec.type) {
    case 'integer':
      return { type: 'number', describe };
    case 'enum':
      return { type: 'string', choices: [...spec.values], describe };
    case 'strings':
      return { type: 'string', array: true, describe };
    case 'string':
    case 'date':
      return { type: 'string', describe };
  }
}

/** The flags generated from PARAM_TABLE, in its order. */
export function searchFlags(y: Argv): Argv {
  let out = y;
  for (const spec of PARAM_TABLE) {
    const flag = cliFlag(spec);
    if (flag === null) continue;
    out = spec.cli ? out.positional(flag, flagOption(spec)) : out.option(flag, flagOption(spec));
  }
  return out;
}

const positionals = PARAM_TABLE.flatMap((spec) => (spec.cli ? [spec.cli.positional] : []));

export const searchCommand: CommandModule<object, SearchArgs> = {
  command: ['search', ...positionals.map((name) => `[${name}]`)].join(' '),
  describe: 'Search the articles from the terminal (same query as the web page)',
  builder: (y) =>
    searchFlags(y)
      .option('alias', {
        type: 'string',
        describe: 'Alias to search (default: IREUM_ALIAS or articles)',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print the API JSON' })
      .epilogue(EXIT_CODES_HELP)
      .example(
        "$0 search 'Kim Jong Un' --person 'Moon Jae-in'",
        'a name search with a person filter',
      )
      .example(
        '$0 search summit --from 2018-01-01 --sort newest --json',
        "as the API's JSON",
      ) as Argv<SearchArgs>,
  handler: (argv) => runCommand(argv, () => run(argv)),
};

/** The CLI flags as the query string the web page would get, so one parser validates both. */
export function argsToQuery(argv: Record<string, unknown>): RawQuery {
  const raw: RawQuery = {};
  for (const spec of PARAM_TABLE) {
    const flag = cliFlag(spec);
    const value = flag === null ? undefined : argv[flag];
    if (value === undefined) continue;
    raw[spec.name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return raw;
}

/** How a parameter is named on the command line: `--size`, or `query` for the positional. */
export function flagName(param: string): string {
  const spec = paramSpec(param);
  const flag = spec ? cliFlag(spec) : null;
  if (spec === undefined || flag === null) return `--${param}`;
  return spec.cli ? flag : `--${flag}`;
}

/** The flags as SearchParams, or undefined once the wrong flag is named (a usage error). */
export function paramsFromFlags(argv: Parameters<typeof argsToQuery>[0]): SearchParams | undefined {
  try {
    return parseSearchParams(argsToQuery(argv));
  } catch (e) {
    if (e instanceof ParamError) {
      console.error(`${flagName(e.param)}: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}

async function run(argv: SearchArgs): Promise<number> {
  const params = paramsFromFlags(argv);
  if (params === undefined) return 2;
  const config = readConfig();
  const alias = argv.alias ?? config.alias;
  const client = createCompatClient({
    ...connectOptions(config, await resolveEngineUrl(config)),
    maxRetries: 0,
  });
  try {
    const results = await createEngineSearchService({ client, alias }).search(params);
    if (argv.json) console.log(JSON.stringify(toApiJson(results), null, 2));
    else console.log(formatResults(results, Boolean(process.stdout.isTTY)));
    return 0;
  } catch (e) {
    if (e instanceof SearchUnavailableError) {
      console.error(`${e.message} (is the engine running and alias '${alias}' present?)`);
      return 3;
    }
    throw e;
  } finally {
    await client.close();
  }
}

/** Highlight HTML as terminal text: marks in bold on a TTY, plain when piped. */
export function terminalText(html: string, tty: boolean): string {
  const marked = tty
    ? html.replace(/<mark>/g, '\x1b[1m').replace(/<\/mark>/g, '\x1b[22m')
    : html.replace(/<\/?mark>/g, '');
  return unescapeHtml(marked);
}

export function formatResults(results: SearchResults, tty: boolean): string {
  const lines: string[] = [];
  const total =
    results.total.value.toLocaleString('en-US') + (results.total.relation === 'gte' ? '+' : '');
  const stories =
    results.stories !== null && results.stories < results.total.value
      ? ` in ${results.stories.toLocaleString('en-US')} ${results.stories === 1 ? 'story' : 'stories'}`
      : '';
  lines.push(`${total} articles${stories} (${results.took_ms} ms)`);
  if (results.suggestion) lines.push(`Did you mean: ${results.suggestion}`);
  lines.push('');
  results.hits.forEach((hit, i) => {
    const n = (results.page - 1) * results.size + i + 1;
    lines.push(`${n}. ${terminalText(hit.title_html, tty)}`);
    const meta = [hit.date, hit.agencies.join(', '), hit.dateline ?? ''].filter((s) => s !== '');
    lines.push(`   ${meta.join(' · ')}   [${hit.id}]`);
    for (const s of hit.snippets) lines.push(`   ${terminalText(s, tty)}`);
    if (hit.copies.length > 0) {
      const also = alsoFrom(hit.agencies, hit.copies);
      const from = also.length > 0 ? 'also from ' + also.join(', ') + ', ' : '';
      const count = hit.copies.length;
      lines.push(`   ${from}${count} other ${count === 1 ? 'copy' : 'copies'} (--dup all)`);
    }
    lines.push('');
  });
  for (const facet of FACET_NAMES) {
    const top = results.facets[facet].values.slice(0, 5);
    if (top.length > 0)
      lines.push(`${facet}: ${top.map((v) => `${v.value} (${v.count})`).join(', ')}`);
  }
  return lines.join('\n');
}
