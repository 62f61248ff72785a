#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { readConfig } from './config.js';
import { EXIT, EXIT_CODES_HELP } from './failure.js';
import { loadRegistry } from './registry.js';

await yargs(hideBin(process.argv))
  .scriptName('ireum')
  .command(commands)
  .demandCommand(1, 'name a command')
  .strict()
  .recommendCommands()
  .option('verbose', {
    type: 'boolean',
    default: false,
    global: true,
    describe: 'Show the details (stacks) of a failure; DEBUG=ireum does the same',
  })
  // Every command reads names the way the person registry says (a missing file is empty).
  .middleware(async () => {
    let file: string;
    try {
      file = readConfig().peopleFile;
    } catch {
      return; // the command reports a bad configuration itself
    }
    try {
      await loadRegistry(file);
    } catch (err) {
      console.error((err as Error).message);
      process.exit(EXIT.failure);
    }
  })
  .epilogue(EXIT_CODES_HELP)
  .help()
  // A usage error is one line and a pointer to the help, not the whole help screen.
  .fail((message, err) => {
    const text = message ?? err?.message ?? 'invalid command line';
    const named = process.argv[2] ?? '';
    const known = commands.some((c) => String(c.command).split(' ')[0] === named);
    const cmd = known ? ` ${named}` : '';
    console.error(`${text}\nrun \`ireum${cmd} --help\` for usage`);
    process.exit(EXIT.usage);
  })
  .parseAsync();
