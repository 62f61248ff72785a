import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { generateArticle, mulberry32 } from '../../articles/generate.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface GenerateArgs {
  out: string;
  count: number;
  seed: number;
}

// Enough writes in flight to keep the disk busy without opening thousands of files at once.
const WRITE_CONCURRENCY = 64;

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Write N synthetic articles in the seed layout (for load tests and benchmarks)',
  builder: (y) =>
    y
      .option('out', { type: 'string', demandOption: true, describe: 'Folder to write into' })
      .option('count', { type: 'number', default: 1000, describe: 'How many articles' })
      .option('seed', { type: 'number', default: 1, describe: 'PRNG seed; same seed, same files' })
      .check((argv) => {
        if (!Number.isInteger(argv.count) || argv.count < 0) {
          throw new Error('--count must be a non-negative integer');
        }
        if (!Number.isInteger(argv.seed)) throw new Error('--seed must be an integer');
        return true;
      })
      .epilogue(EXIT_CODES_HELP)
      .example('$0 generate --out /tmp/corpus --count 20000', 'a synthetic corpus for benchmarks'),
  handler: (argv) =>
    runCommand(argv, async () => {
      const started = Date.now();
      const rng = mulberry32(argv.seed);
      const folders = new Set<string>();
      const inFlight = new Set<Promise<void>>();
      let bytes = 0;
      for (let i = 0; i < argv.count; i++) {
        // Generated in index order (the PRNG is sequential); only the writes overlap.
        const { path, text } = generateArticle(rng, i);
        const file = join(argv.out, path);
        const folder = dirname(file);
        if (!folders.has(folder)) {
          await mkdir(folder, { recursive: true });
          folders.add(folder);
        }
        bytes += Buffer.byteLength(text);
        const write: Promise<void> = writeFile(file, text).then(() => {
          inFlight.delete(write);
        });
        inFlight.add(write);
        if (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `wrote ${argv.count} articles (${(bytes / 1048576).toFixed(1)} MiB) to ${argv.out} in ${seconds.toFixed(1)}s`,
      );
    }),
};
