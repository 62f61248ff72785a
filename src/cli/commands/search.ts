import type { CommandModule } from 'yargs';
import { createCompatClient } from '../../engine/client.js';
import { createEngineSearchService } from '../../engine/searchService.js';
import { unescapeHtml } from '../../search/escape.js';
import { FACET_NAMES, ParamError, parseSearchParams, type RawQuery } from '../../search/params.js';
import { SearchUnavailableError } from '../../search/service.js';
import { toApiJson, type SearchResults } from '../../search/transformResponse.js';
import { connectOptions, readConfig, resolveEngineUrl } from '../config.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface SearchArgs {
  query: string | undefined;
  agency: string[] | undefined;
  dateline: string[] | undefined;
  person: string[] | undefined;
  year: string[] | undefined;
  from: string | undefined;
  to: string | undefined;
  sort: string | undefined;
  size: number | undefined;
  page: number | undefined;
  alias: string | undefined;
  json: boolean;
}

export const searchCommand: CommandModule<object, SearchArgs> = {
  command: 'search [query]',
  describe: 'Search the articles from the terminal (same query as the web page)',
  builder: (y) =>
    y
      .positional('query', { type: 'string', describe: 'Query; quotes, -word, OR and word* work' })
      .option('agency', { type: 'string', array: true, describe: 'Agency filter (repeatable)' })
      .option('dateline', { type: 'string', array: true, describe: 'Dateline filter (repeatable)' })
      .option('person', { type: 'string', array: true, describe: 'Person filter (repeatable)' })
      .option('year', { type: 'string', array: true, describe: 'Year filter (repeatable)' })
      .option('from', { type: 'string', describe: 'From date, YYYY-MM-DD' })
      .option('to', { type: 'string', describe: 'To date, YYYY-MM-DD' })
      .option('sort', { type: 'string', choices: ['relevance', 'newest', 'oldest'] })
      .option('size', { type: 'number', describe: 'Hits per page (1-100, default 10)' })
      .option('page', { type: 'number', describe: 'Page number' })
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
      .example('$0 search summit --from 2018-01-01 --sort newest --json', "as the API's JSON"),
  handler: (argv) => runCommand(argv, () => run(argv)),
};

/** The CLI flags as the query string the web page would get, so one parser validates both. */
export function argsToQuery(argv: SearchArgs): RawQuery {
  const raw: RawQuery = {};
  if (argv.query !== undefined) raw['q'] = argv.query;
  for (const facet of FACET_NAMES)
    if (argv[facet] !== undefined) raw[facet] = argv[facet]!.map(String);
  for (const name of ['from', 'to', 'sort'] as const)
    if (argv[name] !== undefined) raw[name] = argv[name];
  if (argv.size !== undefined) raw['size'] = String(argv.size);
  if (argv.page !== undefined) raw['page'] = String(argv.page);
  return raw;
}

async function run(argv: SearchArgs): Promise<number> {
  let params;
  try {
    params = parseSearchParams(argsToQuery(argv));
  } catch (e) {
    if (e instanceof ParamError) {
      console.error(`--${e.param}: ${e.message}`);
      return 2;
    }
    throw e;
  }
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
  lines.push(`${total} articles (${results.took_ms} ms)`);
  if (results.suggestion) lines.push(`Did you mean: ${results.suggestion}`);
  lines.push('');
  results.hits.forEach((hit, i) => {
    const n = (results.page - 1) * results.size + i + 1;
    lines.push(`${n}. ${terminalText(hit.title_html, tty)}`);
    const meta = [hit.date, hit.agencies.join(', '), hit.dateline ?? ''].filter((s) => s !== '');
    lines.push(`   ${meta.join(' · ')}   [${hit.id}]`);
    for (const s of hit.snippets) lines.push(`   ${terminalText(s, tty)}`);
    lines.push('');
  });
  for (const facet of FACET_NAMES) {
    const top = results.facets[facet].values.slice(0, 5);
    if (top.length > 0)
      lines.push(`${facet}: ${top.map((v) => `${v.value} (${v.count})`).join(', ')}`);
  }
  return lines.join('\n');
}
