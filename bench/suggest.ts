import { performance } from 'node:perf_hooks';
import { connect } from '../src/engine/client.js';
import { createEnginePeopleService } from '../src/engine/peopleService.js';
import { buildPeople } from '../src/indexing/people.js';
import { aliasTargets } from '../src/indexing/plan.js';
import { loadMapping, peopleMappingPath } from '../src/indexing/mappings.js';

// Name autocomplete and the people index on an alias already built (`ireum reindex`): how long
// rebuilding the people index takes, and the server time of /api/suggest's engine work over a
// mix of Latin and Hangul prefixes, p50 and p95 (target p50 <= 10 ms at 200,000 articles).
//
//   ES_URL=... node dist/bench/suggest.js [--alias articles] [--rounds 20]

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

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

async function main(): Promise<number> {
  const url = process.env.ES_URL;
  if (!url) throw new Error('set ES_URL to an engine holding the alias');
  const alias = flag('alias', 'articles');
  const rounds = Number(flag('rounds', '20'));
  const { client } = await connect({ url });
  const [index] = await aliasTargets(client, alias);
  if (index === undefined) throw new Error(`no index behind ${alias}`);
  const count = (await client.count({ index })).count;
  const mapping = await loadMapping(peopleMappingPath(process.cwd()));
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
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const p50 = at(0.5);
  console.log(`articles ${count.toLocaleString('en')}, people ${people.toLocaleString('en')}`);
  console.log(`people index rebuild: ${(buildMs / 1000).toFixed(2)} s`);
  console.log(
    `suggest over ${times.length} requests: p50 ${p50.toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms ` +
      `(target p50 <= 10 ms) ${p50 <= 10 ? 'PASS' : 'FAIL'}`,
  );
  await client.close();
  return p50 <= 10 ? 0 : 1;
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(err);
  return 2;
});
