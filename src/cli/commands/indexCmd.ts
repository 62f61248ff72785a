import type { CommandModule } from 'yargs';
import type { SourceFormat } from '../../articles/walk.js';
import { emptyTally, formatTally, type Tally } from '../../indexing/diff.js';
import { openSession, type PassResult } from '../../indexing/incremental.js';
import { articlesMappingPath, loadMapping, peopleMappingPath } from '../../indexing/mappings.js';
import { follow, watchChanges, type ChangeFeed } from '../../indexing/watch.js';
import { withRegistry } from '../registry.js';
import { readConfig } from '../config.js';
import { boundHeapGrowth } from '../heap.js';
import { formatRejected, progressDisplay } from '../progress.js';
import { interruptSignal, sourceFrom, writeClient, writeOptions } from '../writing.js';
import { EXIT_CODES_HELP, runCommand } from '../failure.js';

interface IndexArgs {
  source: string;
  alias: string | undefined;
  format: SourceFormat | undefined;
  watch: boolean;
  'keep-deleted': boolean;
  'allow-shrink': boolean;
}

export const indexCommand: CommandModule<object, IndexArgs> = {
  command: 'index',
  describe: 'Bring the index behind the alias up to date with a source: add, update, delete',
  builder: (y) =>
    writeOptions(y)
      .option('watch', {
        type: 'boolean',
        default: false,
        describe: 'After the first pass, follow the source and apply each change (Ctrl-C stops)',
      })
      .option('keep-deleted', {
        type: 'boolean',
        default: false,
        describe: 'Keep documents whose file is gone',
      })
      .epilogue(EXIT_CODES_HELP)
      .example('$0 index --source data/sample', 'add, update and delete what changed')
      .example('$0 index --source /archive --watch', 'then follow the folder until Ctrl-C')
      .example('$0 index --source export.ndjson', 'articles exported as NDJSON'),
  handler: (argv) => runCommand(argv, () => run(argv)),
};

async function run(argv: IndexArgs): Promise<number> {
  const config = readConfig();
  const alias = argv.alias ?? config.alias;
  const source = await sourceFrom(argv.source, argv.format);
  const client = await writeClient(config);
  const mapping = withRegistry(await loadMapping(articlesMappingPath(config.root)));
  const peopleMapping = await loadMapping(peopleMappingPath(config.root));
  const interrupt = interruptSignal(
    argv.watch
      ? 'stopping: finishing the batch in flight'
      : 'interrupted: what the engine acknowledged stays applied; run again to finish',
  );
  const progress = progressDisplay();
  const log = (m: string) => {
    progress.done();
    console.error(m);
  };
  boundHeapGrowth();
  // Watching starts before the first pass, so what is written during it is not missed.
  let feed: ChangeFeed | undefined = argv.watch
    ? watchChanges(source.root, source.file)
    : undefined;
  try {
    const session = await openSession(
      {
        client,
        source,
        alias,
        mapping,
        peopleMapping,
        keepDeleted: argv['keep-deleted'],
        allowShrink: argv['allow-shrink'],
        signal: interrupt.signal,
        onProgress: (p) => progress.update(p),
        log,
      },
      argv.watch ? 'index --watch' : 'index',
    );
    try {
      const first = await session.pass([''], { signal: interrupt.signal });
      progress.done();
      let status = report(first);
      if (!argv.watch) {
        console.log(summary(first, first.seconds));
        return status;
      }
      console.log(summary(first, first.seconds));
      const total: Tally = addTally(emptyTally(), first);
      const started = Date.now();
      console.error(`watching ${argv.source} (Ctrl-C stops)`);
      const changes = feed!;
      feed = undefined;
      await follow(changes, session, {
        signal: interrupt.signal,
        log,
        onBatch: (r) => {
          progress.done();
          if (report(r) !== 0) status = 1;
          addTally(total, r);
          const time = new Date().toISOString().slice(11, 19);
          console.log(`[${time}] ${formatTally(r)} in ${r.seconds.toFixed(2)}s`);
        },
      });
      console.log(`${formatTally(total)} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      return 0;
    } finally {
      await session.close();
    }
  } finally {
    feed?.close();
    progress.done();
    interrupt.dispose();
    await client.close();
  }
}

/** Rejections, refusals and refused deletions on stderr; 1 when the pass was not whole. */
function report(r: PassResult): number {
  for (const line of formatRejected(r.rejectedFiles)) console.error(line);
  for (const d of r.dropped.slice(0, 20))
    console.error(`  dropped ${d.id} (${d.status}): ${d.reason}`);
  if (r.droppedCount > 0) console.error(`${r.droppedCount} document(s) were refused by the engine`);
  if (r.refusal) console.error(`not deleting: ${r.refusal}`);
  if (r.created) console.error(`created ${r.created} behind the alias`);
  return r.droppedCount > 0 || r.refusal ? 1 : 0;
}

/** The contract's last line: `added A, updated U, deleted D, unchanged N, rejected R in 1.2s`. */
function summary(t: Tally, seconds: number): string {
  return `${formatTally(t)} in ${seconds.toFixed(1)}s`;
}

function addTally(into: Tally, t: Tally): Tally {
  into.added += t.added;
  into.updated += t.updated;
  into.deleted += t.deleted;
  into.unchanged += t.unchanged;
  into.rejected += t.rejected;
  return into;
}
