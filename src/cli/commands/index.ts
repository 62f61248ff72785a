import type { CommandModule } from 'yargs';
import { analyzeCommand } from './analyze.js';
import { engineCommand } from './engine.js';
import { exportCommand } from './export.js';
import { generateCommand } from './generate.js';
import { indexCommand } from './indexCmd.js';
import { namesCommand } from './names.js';
import { peopleCommand } from './people.js';
import { reindexCommand } from './reindex.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { upCommand } from './up.js';

// Each command lives in its own module; this array is the CLI's table of contents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  analyzeCommand,
  engineCommand,
  exportCommand,
  generateCommand,
  indexCommand,
  namesCommand,
  peopleCommand,
  reindexCommand,
  searchCommand,
  serveCommand,
  upCommand,
];
