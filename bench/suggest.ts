// Name autocomplete and the people index on an alias already built (`ireum reindex`): how long
// rebuilding the people index takes, and the server time of /api/suggest's engine work over a
// mix of Latin and Hangul prefixes, p50 and p95 (target p50 <= 10 ms at 200,000 articles). The
// scale benchmark runs the same on its million-article index.
//
//   ES_URL=... node dist/bench/suggest.js [--alias articles] [--rounds 20]

import type { Client } from '@elastic/elasticsearch';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/cli/config.js';
import { connect } from '../src/engine/client.js';
import { createEnginePeopleService } from '../src/engine/peopleService.js';
import { loadMapping, peopleMappingPath } from '../src/indexing/mappings.js';
import { buildPeople } from '../src/indexing/people.js';
import { aliasTargets } from '../src/indexing/plan.js';
import { flag, fmt, isMain, numberFlag, percentile, runMain, type Row } from './lib.js';

const TARGET_P50_MS = 10;

const PREFIXES = [
  'kim jo',
  'Mun Jae',
  'moon j',
  'park',
  'lee j',
  'choi',
  '김정',
  '김ㅈ',
  '문재',
  'yoon s',
];

/** The people index rebuilt for `alias`, then suggest timed over the prefixes, `rounds` times. */
export async function suggestRows(
  client: Client,
  alias: string,
  opts: { rounds?: number; label?: string; engine?: string } = {},
): Promise<Row[]> {
  const rounds = opts.rounds ?? 20;
  const label = opts.label ?? '';
  const [index] = await aliasTargets(client, alias);
  if (index === undefined) throw new Error(`no index behind ${alias}`);
  const count = (await client.count({ index })).count;
  const mapping = await loadMapping(peopleMappingPath(PROJECT_ROOT));
  const started = performance.now();
  const people = await buildPeople(client, index, alias, mapping, (m) => new Error(m));
  const buildMs = performance.now() - started;
  const service = createEnginePeopleService({ client, alias });
  for (const q of PREFIXES) await service.suggest!(q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of PREFIXES) {
      const t = performance.now();
      await service.suggest!(q);
      times.push(performance.now() - t);
    }
  }
  const p50 = percentile(times, 50);
  console.error(
    `${fmt(count)} articles, ${fmt(people)} people; people index rebuilt in ` +
      `${(buildMs / 1000).toFixed(2)} s; suggest p50 ${p50.toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
  );
  const engine = opts.engine !== undefined ? { engine: opts.engine } : {};
  return [
    {
      figure: `${label}people index rebuild (${fmt(people)} people)`,
      value: `${(buildMs / 1000).toFixed(1)} s`,
      baseline: '-',
      ratio: '-',
      target: '-',
      pass: null,
      ...engine,
    },
    {
      figure: `${label}suggest p50 / p95 (${times.length} requests, ${PREFIXES.length} prefixes)`,
      value: `${p50.toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`,
      baseline: '-',
      ratio: '-',
      target: `p50 <= ${TARGET_P50_MS} ms`,
      pass: p50 <= TARGET_P50_MS,
      ...engine,
    },
  ];
}

if (isMain(import.meta.url)) {
  await runMain('Suggest', async () => {
    const url = process.env.ES_URL;
    if (!url) throw new Error('set ES_URL to an engine holding the alias');
    const { client } = await connect({ url });
    try {
      return await suggestRows(client, flag('alias') ?? 'articles', {
        rounds: numberFlag('rounds', 20),
      });
    } finally {
      await client.close();
    }
  });
}
