#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';

await yargs(hideBin(process.argv))
  .scriptName('ireum')
  .command(commands)
  .demandCommand(1)
  .strict()
  .help()
  .parseAsync();
