// Child of bench/memory.ts: one reindex of --source in a fresh process, then its peak memory as
// JSON on stdout. A fresh process per corpus size, so neither run inherits the other's heap.
//
//   node dist/bench/memoryChild.js --source DIR [--alias A --keep] [--v8-default]

import { PROJECT_ROOT } from '../src/cli/config.js';
import { boundHeapGrowth } from '../src/cli/heap.js';
import { articlesMappingPath, loadMapping } from '../src/indexing/mappings.js';
import { reindex } from '../src/indexing/reindex.js';
import { deleteIndices, flag, openEngine } from './lib.js';

const source = flag('source');
if (!source) throw new Error('--source is required');
// As `ireum reindex` does; --v8-default measures V8's own heap growth instead.
if (!process.argv.includes('--v8-default')) boundHeapGrowth();

// maxRSS is the kernel's high-water mark; sampling also gives the peak JS heap alongside it.
let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const timer = setInterval(sample, 25);

const engine = await openEngine(() => {});
// --alias A --keep: the index stays behind A for the caller to search (bench/scale.ts).
const alias = flag('alias') ?? `bench-mem-${process.pid}-0`;
const keep = process.argv.includes('--keep');
try {
  const mapping = await loadMapping(articlesMappingPath(PROJECT_ROOT));
  const t0 = performance.now();
  const r = await reindex({ client: engine.client, source, alias, mapping });
  sample();
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    JSON.stringify({
      docs: r.indexed,
      index: r.index,
      docsPerSecond: r.docsPerSecond,
      seconds,
      maxRss: process.resourceUsage().maxRSS * 1024,
      sampledRss: peakRss,
      peakHeap,
      engine: engine.label,
    }) + '\n',
  );
} finally {
  clearInterval(timer);
  if (!keep) await deleteIndices(engine.client, `${alias}-*`);
  await engine.client.close();
}
