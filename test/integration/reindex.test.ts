import type { Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { collectArticles, readArticles, type ReadResult } from '../../src/articles/walk.js';
import { createCompatClient } from '../../src/engine/client.js';
import type { IndexMapping } from '../../src/indexing/mappings.js';
import { aliasTargets } from '../../src/indexing/plan.js';
import { mergeLarge } from '../../src/indexing/merge.js';
import { reindex, ReindexError } from '../../src/indexing/reindex.js';
import {
  articlesMapping,
  deleteAliasIndices,
  SAMPLE_DIR,
  testClient,
  uniqueIndexName,
} from '../support/engine.js';

/** Every `<alias>-*` index that exists. */
async function indicesOf(alias: string): Promise<string[]> {
  const rows = (await testClient().cat.indices({
    index: `${alias}-*`,
    format: 'json',
    h: 'index',
  })) as { index: string }[];
  return rows.map((r) => r.index).sort();
}

/** The sample's real results, replayed with a twist. */
async function* replay(
  results: ReadResult[],
  twist?: (r: ReadResult, i: number) => ReadResult | ReadResult[] | undefined,
): AsyncGenerator<ReadResult> {
  for (const [i, r] of results.entries()) {
    const out = twist ? twist(r, i) : r;
    if (out === undefined) continue;
    if (Array.isArray(out)) yield* out;
    else yield out;
  }
}

describe('indexing/reindex (integration)', function () {
  this.timeout(120_000);
  let client: Client;
  let mapping: IndexMapping;
  let sample: ReadResult[];
  let parsedCount: number;
  const aliases: string[] = [];

  const newAlias = () => {
    const alias = uniqueIndexName('ireum-test-reindex');
    aliases.push(alias);
    return alias;
  };

  before(async () => {
    client = testClient();
    mapping = await articlesMapping();
    const { docs, rejected } = await collectArticles(SAMPLE_DIR);
    parsedCount = docs.length;
    expect(parsedCount, 'data/sample should hold articles').to.be.greaterThan(0);
    sample = [];
    for await (const r of readArticles(SAMPLE_DIR)) sample.push(r);
    expect(sample.length).to.equal(docs.length + rejected.length);
  });

  after(async () => {
    for (const alias of aliases) await deleteAliasIndices(alias);
  });

  it('indexes the sample: the engine count equals the articles parsed', async () => {
    const alias = newAlias();
    const r = await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    expect(r.parsed).to.equal(parsedCount);
    expect(r.indexed).to.equal(parsedCount);
    expect(r.dropped).to.deep.equal([]);
    expect(r.previous).to.deep.equal([]);
    const { count } = await client.count({ index: alias });
    expect(count).to.equal(parsedCount);
    expect(await aliasTargets(client, alias)).to.deep.equal([r.index]);
    // Settings are back to serving values after the load.
    const settings = await client.indices.getSettings({ index: r.index });
    const index = (settings[r.index]?.settings?.index ?? {}) as Record<string, unknown>;
    expect(index.refresh_interval).to.not.equal('-1');
    expect(String(index.number_of_replicas)).to.equal('0');
  });

  it('merges a large new index into few segments before the swap, and a small one not', async () => {
    // Searchable segments only: a segment merged away stays listed, not searchable, until the
    // commit that drops it (one CI run saw 2 for a merged index).
    const segmentsOf = async (index: string) => {
      const rows = (await client.cat.segments({ index, format: 'json' })) as unknown as {
        searchable?: string | boolean;
      }[];
      return rows.filter((r) => String(r.searchable) === 'true').length;
    };
    // Written in several bulk requests; how many segments that leaves is the engine's choice
    // (one indexing thread under load writes one), so the log says whether it was merged.
    const smallLines: string[] = [];
    const small = await reindex({
      client,
      source: SAMPLE_DIR,
      alias: newAlias(),
      mapping,
      batchSize: 5,
      log: (m) => smallLines.push(m),
    });
    const lines: string[] = [];
    const merged = await reindex({
      client,
      source: SAMPLE_DIR,
      alias: newAlias(),
      mapping,
      batchSize: 5,
      mergeMinDocs: 1,
      log: (m) => lines.push(m),
    });
    expect(smallLines.some((l) => /^merged /.test(l))).to.equal(false);
    expect(await segmentsOf(merged.index)).to.equal(1);
    expect(lines.some((l) => /^merged .* in [\d.]+s$/.test(l))).to.equal(true);
    const { count } = await client.count({ index: merged.index });
    expect(count).to.equal(parsedCount);
    // A merge that outlives its request (1 ms here) is waited for through the tasks API.
    const waited = await mergeLarge(client, small.index, parsedCount, () => {}, {
      minDocs: 1,
      requestTimeoutMs: 1,
    });
    expect(waited?.segments).to.equal(1);
    expect(await segmentsOf(small.index)).to.equal(1);
  });

  it('a second reindex moves the alias to the new index and deletes the old one', async () => {
    const alias = newAlias();
    let tick = Date.parse('2026-01-01T00:00:00Z');
    const now = () => new Date((tick += 1000));
    const first = await reindex({ client, source: SAMPLE_DIR, alias, mapping, now });
    const second = await reindex({ client, source: SAMPLE_DIR, alias, mapping, now });
    expect(second.index).to.not.equal(first.index);
    expect(second.previous).to.deep.equal([first.index]);
    expect(await aliasTargets(client, alias)).to.deep.equal([second.index]);
    expect(await client.indices.exists({ index: first.index })).to.equal(false);
    expect(await indicesOf(alias)).to.deep.equal([second.index]);
  });

  /** Indexes the sample once, then runs `attempt`, which must fail and leave all as it was. */
  async function expectUntouched(
    attempt: (alias: string) => Promise<unknown>,
    reason: RegExp,
  ): Promise<ReindexError> {
    const alias = newAlias();
    const good = await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    let error: unknown;
    try {
      await attempt(alias);
    } catch (err) {
      error = err;
    }
    expect(error, 'the reindex should have failed').to.be.instanceOf(ReindexError);
    expect((error as Error).message).to.match(/^ReindexError: /);
    expect((error as Error).message).to.match(reason);
    expect(await aliasTargets(client, alias)).to.deep.equal([good.index]);
    expect(await indicesOf(alias)).to.deep.equal([good.index]);
    expect((await client.count({ index: alias })).count).to.equal(parsedCount);
    return error as ReindexError;
  }

  it('documents the engine refuses fail the run; the alias keeps the old index', async () => {
    // `date` as an integer: every document's ISO date is refused by the engine.
    const broken: IndexMapping = JSON.parse(JSON.stringify(mapping));
    (broken.mappings.properties as Record<string, unknown>).date = { type: 'integer' };
    const err = await expectUntouched(
      (alias) => reindex({ client, source: SAMPLE_DIR, alias, mapping: broken, retries: 0 }),
      /refused by the engine/,
    );
    expect(err.run?.dropped.length).to.be.greaterThan(0);
    expect(err.run?.dropped[0]?.reason).to.match(/pars/i);
  });

  it('a count that does not match the parsed articles fails the run', async () => {
    // Two files mapping to one id: the engine holds one document fewer than were parsed.
    const firstOk = () => sample.find((r) => r.ok)!;
    await expectUntouched(
      (alias) =>
        reindex({
          client,
          source: SAMPLE_DIR,
          alias,
          mapping,
          read: () =>
            replay(sample, (r, i) => (i === 0 ? [r, { ...firstOk(), path: 'dup.txt' }] : r)),
        }),
      /holds \d+ document\(s\) but \d+ article\(s\) were parsed/,
    );
  });

  it('an interruption (SIGINT) mid-way fails the run and deletes the new index', async () => {
    const controller = new AbortController();
    await expectUntouched(
      (alias) =>
        reindex({
          client,
          source: SAMPLE_DIR,
          alias,
          mapping,
          signal: controller.signal,
          read: () =>
            replay(sample, (r, i) => {
              if (i === 5) controller.abort();
              return r;
            }),
        }),
      /interrupted/,
    );
  });

  it('an engine that goes away mid-way fails the run; the next run removes the leftover', async () => {
    const alias = newAlias();
    const good = await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    // A client of its own, closed under the bulk load: every later call fails like a dead engine.
    const doomed = createCompatClient({ url: process.env.ES_URL!, maxRetries: 0 });
    let error: unknown;
    try {
      await reindex({
        client: doomed,
        source: SAMPLE_DIR,
        alias,
        mapping,
        batchSize: 2,
        read: () =>
          replay(sample, (r, i) => {
            if (i === 8) void doomed.close();
            return r;
          }),
      });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ReindexError);
    expect(await aliasTargets(client, alias)).to.deep.equal([good.index]);
    // The half-built index may survive (its delete failed too); the next run reclaims it.
    const next = await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    expect(await indicesOf(alias)).to.deep.equal([next.index]);
  });

  it('deletes orphaned indices of the alias left by interrupted runs', async () => {
    const alias = newAlias();
    const orphan = `${alias}-20000101000000000`;
    await client.indices.create({ index: orphan });
    const r = await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    expect(r.orphansDeleted).to.deep.equal([orphan]);
    expect(await indicesOf(alias)).to.deep.equal([r.index]);
  });

  it('refuses to start when a concrete index is named like the alias', async () => {
    const alias = newAlias();
    await client.indices.create({ index: alias });
    let error: unknown;
    try {
      await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    } catch (err) {
      error = err;
    }
    expect((error as Error).message).to.match(/^ReindexError: a concrete index named/);
    expect(await indicesOf(alias)).to.deep.equal([]);
  });

  it('lists rejected files; --strict makes them fail the run', async () => {
    const withReject = () =>
      replay(sample, (r, i) =>
        i === 1 ? [r, { ok: false, path: 'bad/broken.txt', reason: 'no title', line: 1 }] : r,
      );
    const lenientAlias = newAlias();
    const lenient = await reindex({
      client,
      source: SAMPLE_DIR,
      alias: lenientAlias,
      mapping,
      read: withReject,
    });
    expect(lenient.rejected).to.deep.equal([
      { path: 'bad/broken.txt', reason: 'no title', line: 1 },
    ]);
    expect(lenient.parsed).to.equal(parsedCount);

    await expectUntouched(
      (alias) =>
        reindex({ client, source: SAMPLE_DIR, alias, mapping, strict: true, read: withReject }),
      /rejected and --strict/,
    );
  });

  it('the mapping analyzers work through _analyze', async () => {
    const alias = newAlias();
    const r = await reindex({ client, source: SAMPLE_DIR, alias, mapping });
    const analysis = (mapping.settings.analysis ?? {}) as { analyzer?: Record<string, unknown> };
    const analyzers = Object.keys(analysis.analyzer ?? {});
    expect(analyzers.length).to.be.greaterThan(0);
    for (const analyzer of analyzers) {
      const res = await client.indices.analyze({
        index: r.index,
        analyzer,
        text: 'Kim Jong-un’s visit to Pyongyang',
      });
      expect(res.tokens?.length ?? 0, analyzer).to.be.greaterThan(0);
    }
  });
});
