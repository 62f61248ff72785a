import type { CommandModule } from 'yargs';
import { connect, redactUrl } from '../../engine/client.js';
import { FLAVORS, flavorSpec, type Flavor } from '../../engine/flavors.js';
import {
  engineStatus,
  startEngine,
  stopEngine,
  type LauncherOptions,
} from '../../engine/launcher.js';
import { readConfig } from '../config.js';

interface EngineArgs {
  action: 'start' | 'stop' | 'status';
  flavor: Flavor | undefined;
}

const ACTIONS = ['start', 'stop', 'status'] as const;

export const engineCommand: CommandModule<object, EngineArgs> = {
  command: 'engine <action>',
  describe: 'Start, stop or inspect the embedded search engine (data in .ireum/engine/)',
  builder: (y) =>
    y
      .positional('action', { choices: ACTIONS, demandOption: true, describe: 'What to do' })
      .option('flavor', {
        choices: FLAVORS,
        describe: 'Which engine (default: IREUM_FLAVOR or opensearch)',
      }) as never,
  handler: async (argv) => {
    const config = readConfig();
    const flavor = argv.flavor ?? config.flavor;
    const label = flavorSpec(flavor).label;
    const opts: LauncherOptions = {
      root: config.root,
      flavor,
      heap: config.heap,
      javaHome: config.javaHome,
      log: (m) => console.error(m),
    };
    try {
      if (argv.action === 'stop') {
        await stopEngine(opts);
        return;
      }
      if (argv.action === 'start') {
        const engine = await startEngine(opts);
        await describeEngine(engine.url);
        console.log(engine.url);
        return;
      }
      const status = await engineStatus(opts);
      if (!status.running) {
        console.log(
          status.pid
            ? `${label}: pid ${status.pid} alive but ${status.url} is ${status.health}; log: ${status.logFile}`
            : `${label}: not running`,
        );
        process.exitCode = 3;
        return;
      }
      console.log(`${label}: running, pid ${status.pid}, ${status.url}, health ${status.health}`);
      await describeEngine(status.url!);
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
    }
  },
};

/** Says which engine answers at the URL, so a wrong port or flavour is obvious. */
async function describeEngine(url: string): Promise<void> {
  const { client, engine } = await connect({ url });
  await client.close();
  console.error(`found ${engine.product} ${engine.version} at ${redactUrl(url)}`);
}
