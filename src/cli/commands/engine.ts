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
import { EXIT, EXIT_CODES_HELP, runCommand } from '../failure.js';

interface EngineArgs {
  action: 'start' | 'stop' | 'status';
  flavor: Flavor | undefined;
  json: boolean;
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
      })
      .option('json', { type: 'boolean', default: false, describe: 'status as JSON' })
      .epilogue(EXIT_CODES_HELP)
      .example('$0 engine start', 'start the embedded OpenSearch and print its URL')
      .example('$0 engine status --json', 'running or not, pid, URL, health') as never,
  handler: (argv) => runCommand(argv, () => run(argv)),
};

async function run(argv: EngineArgs): Promise<number> {
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
  if (argv.action === 'stop') {
    await stopEngine(opts);
    return EXIT.ok;
  }
  if (argv.action === 'start') {
    const engine = await startEngine(opts);
    await describeEngine(engine.url);
    console.log(engine.url);
    return EXIT.ok;
  }
  const status = await engineStatus(opts);
  if (argv.json) {
    console.log(JSON.stringify(status, null, 2));
    return status.running ? EXIT.ok : EXIT.engineUnavailable;
  }
  if (!status.running) {
    console.log(
      status.pid
        ? `${label}: pid ${status.pid} alive but ${status.url} is ${status.health}; log: ${status.logFile}`
        : `${label}: not running`,
    );
    return EXIT.engineUnavailable;
  }
  console.log(`${label}: running, pid ${status.pid}, ${status.url}, health ${status.health}`);
  await describeEngine(status.url!);
  return EXIT.ok;
}

/** Says which engine answers at the URL, so a wrong port or flavour is obvious. */
async function describeEngine(url: string): Promise<void> {
  const { client, engine } = await connect({ url });
  await client.close();
  console.error(`found ${engine.product} ${engine.version} at ${redactUrl(url)}`);
}
