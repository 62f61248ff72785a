import type { Argv, CommandModule } from 'yargs';
import {
  addPerson,
  applyRegistry,
  ignoreName,
  mergeSpellings,
  type Registry,
} from '../../names/registry.js';
import { readConfig } from '../config.js';
import { runCommand } from '../failure.js';
import { readRegistryFile, writeRegistryFile } from '../registry.js';

// `ireum people add|merge|ignore`: edits of the person registry (data/people.json, or
// IREUM_PEOPLE). They change the file only; `ireum index` then tags again the documents whose
// names the edit touches, and `ireum reindex` applies it to everything.

async function edit(change: (r: Registry) => Registry, summary: string): Promise<number> {
  const file = readConfig().peopleFile;
  const next = change(await readRegistryFile(file));
  applyRegistry(next);
  await writeRegistryFile(file, next);
  console.log(`${summary} (${file}); run \`ireum index\` to apply it to the index`);
  return 0;
}

interface AddArgs {
  display: string;
  hangul?: string[];
  spelling?: string[];
}

const add: CommandModule<object, AddArgs> = {
  command: 'add <display>',
  describe: 'Add a person (or fix one): the display form, its Hangul and other spellings',
  builder: (y) =>
    y
      .positional('display', { type: 'string', demandOption: true, describe: 'Display form' })
      .option('hangul', { type: 'string', array: true, describe: 'Hangul form(s)' })
      .option('spelling', { type: 'string', array: true, describe: 'Other spelling(s)' })
      .example('$0 people add "Ban Ki-moon" --hangul 반기문 --spelling "Pan Gi-mun"', '')
      .example('$0 people add "Cha Duck-chul"', 'fix the display form') as Argv<AddArgs>,
  handler: (argv) =>
    runCommand(argv, () =>
      edit(
        (r) =>
          addPerson(r, argv.display, {
            ...(argv.hangul ? { hangul: argv.hangul.map(String) } : {}),
            ...(argv.spelling ? { spellings: argv.spelling.map(String) } : {}),
          }),
        `added ${argv.display}`,
      ),
    ),
};

interface MergeArgs {
  display: string;
  spellings: string[];
}

const merge: CommandModule<object, MergeArgs> = {
  command: 'merge <display> <spellings..>',
  describe: 'Make other spellings (or Hangul) one person with the first, shown as the first',
  builder: (y) =>
    y
      .positional('display', { type: 'string', demandOption: true })
      .positional('spellings', { type: 'string', array: true, demandOption: true })
      .example('$0 people merge "Syngman Rhee" "Rhee Syng-man" 이승만', '') as Argv<MergeArgs>,
  handler: (argv) =>
    runCommand(argv, () =>
      edit(
        (r) => mergeSpellings(r, argv.display, argv.spellings.map(String)),
        `merged ${argv.spellings.join(', ')} into ${argv.display}`,
      ),
    ),
};

interface IgnoreArgs {
  text: string;
}

const ignore: CommandModule<object, IgnoreArgs> = {
  command: 'ignore <text>',
  describe: 'Mark a string that is not a person (Han Solo, Park Avenue)',
  builder: (y) =>
    y
      .positional('text', { type: 'string', demandOption: true })
      .example('$0 people ignore "Park Avenue"', '') as Argv<IgnoreArgs>,
  handler: (argv) =>
    runCommand(argv, () => edit((r) => ignoreName(r, argv.text), `ignoring "${argv.text}"`)),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const registryCommands: CommandModule<object, any>[] = [add, merge, ignore];
