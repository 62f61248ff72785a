import type { CommandModule } from 'yargs';
import { engineCommand } from './engine.js';
import { generateCommand } from './generate.js';
import { reindexCommand } from './reindex.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';

// Each command lives in its own module; this array is the CLI's table of contents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  engineCommand,
  generateCommand,
  reindexCommand,
  searchCommand,
  serveCommand,
];
