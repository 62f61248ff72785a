import type { CommandModule } from 'yargs';
import { generateCommand } from './generate.js';

// Each command lives in its own module; this array is the CLI's table of contents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [generateCommand];
