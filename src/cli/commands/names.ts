import { findNames, spanPivots, type NameSpan } from '../../names/extract.js';
import { isRankingReading, isWidePivot, personPivots, pivotsReadings } from '../../names/pivot.js';
import { readFile, writeFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { applyNameAnalysis, printJson } from '../../names/analysis.js';
import { canonicalKey, displayName, engineToken, variantsOf } from '../../names/canonical.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface NamesArgs {
  name?: string;
  json: boolean;
  writeMapping?: string;
}

/**
 * `ireum names "<name>"`: the canonical key, display name, engine token and known spellings
 * (pure, no engine). `ireum names --write-mapping mappings/articles.json` regenerates the name
 * analyzers in the mapping from the tables in src/names/ (the committed generator).
 */
export const namesCommand: CommandModule<object, NamesArgs> = {
  command: 'names [name]',
  describe: 'Show how Ireum reads a Korean name (key, display form, spellings)',
  builder: (y) =>
    y
      .positional('name', { type: 'string', describe: 'A name, e.g. "Kim Jong Un" or 김정은' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
      .option('write-mapping', {
        type: 'string',
        describe: 'Regenerate the name analyzers inside this mapping file (developer tool)',
      })
      .check((argv) => {
        if (!argv.name && !argv.writeMapping) throw new Error('give a name or --write-mapping');
        return true;
      })
      .epilogue(EXIT_CODES_HELP)
      .example("$0 names 'Ri Yong Ho'", 'key, display form and spellings')
      .example("$0 names '김정은' --json", 'the same as JSON'),
  handler: (argv) =>
    runCommand(argv, async () => {
      if (argv.writeMapping) {
        const source = await readFile(argv.writeMapping, 'utf8');
        const mapping = JSON.parse(source) as Record<string, unknown>;
        await writeFile(argv.writeMapping, printJson(applyNameAnalysis(mapping), 100, source));
        console.log(`name analyzers written to ${argv.writeMapping}`);
      }
      if (!argv.name) return;
      const span = wholeName(argv.name);
      const key = span?.key ?? canonicalKey(argv.name);
      const pivots = span ? spanPivots(span) : personPivots(key, [argv.name]);
      const info = {
        name: argv.name,
        key,
        display: displayName(key),
        engine_token: engineToken(argv.name),
        variants: variantsOf(argv.name),
        pivots,
        // What a direct `terms` query on people_readings sends to find this person.
        readings: pivotsReadings(pivots.filter(isWidePivot)),
        // What ranks an article naming it above a twin's: its likely (`+`) and sure (`=`) readings.
        ranks_by: pivotsReadings(pivots).filter(isRankingReading),
      };
      if (argv.json) {
        console.log(JSON.stringify(info, null, 2));
        return;
      }
      console.log(`name:         ${info.name}`);
      console.log(`key:          ${info.key}`);
      console.log(`display:      ${info.display}`);
      console.log(`engine token: ${info.engine_token}`);
      console.log(`variants:     ${info.variants.join(' | ')}`);
      console.log(`pivots:       ${info.pivots.join(' | ')}`);
      console.log(`readings:     ${info.readings.join(' | ')}`);
      console.log(`ranks by:     ${info.ranks_by.join(' | ') || '(no likely or sure reading)'}`);
    }),
};

/** The name as the extractor reads it, when the whole input is one name. */
function wholeName(name: string): NameSpan | undefined {
  const [span] = findNames(name, { anyCase: true });
  return span && span.start === 0 && span.end >= name.trim().length ? span : undefined;
}
