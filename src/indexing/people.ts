import type { Client, estypes } from '@elastic/elasticsearch';
import { variantsOf } from '../names/canonical.js';
import {
  parseSpellingValue,
  personEntry,
  type PersonEntry,
  type SpellingCount,
} from '../names/usage.js';
import { jamo } from '../search/suggestPeople.js';
import { peopleAliasOf } from '../engine/peopleDirectory.js';
import { newIndexName } from './aliases.js';
import type { IndexMapping } from './mappings.js';
import { engineStep } from './run.js';

// The people index: one document per person the articles behind an alias name (key, display
// form from usage, Hangul, spellings with article counts), behind its own alias
// `<alias>-people`. Rebuilt from the articles index's aggregations after every reindex and
// every `ireum index` pass that changed something, and swapped in atomically like the articles.

const PAGE = 5_000;

export { peopleAliasOf };

type Wrap = (message: string, cause?: unknown) => Error;

/** Every bucket of a composite terms aggregation on `field`, page by page. */
async function* compositeBuckets(
  client: Client,
  index: string,
  field: string,
  wrap: Wrap,
): AsyncGenerator<{ value: string; count: number }> {
  let after: Record<string, estypes.FieldValue> | undefined;
  for (;;) {
    const res = await engineStep(
      'counting people',
      () =>
        client.search({
          index,
          size: 0,
          track_total_hits: false,
          aggs: {
            all: {
              composite: {
                size: PAGE,
                sources: [{ v: { terms: { field } } }],
                ...(after ? { after } : {}),
              },
            },
          },
        }),
      wrap,
    );
    const agg = res.aggregations?.all as estypes.AggregationsCompositeAggregate | undefined;
    const buckets = (agg?.buckets ?? []) as estypes.AggregationsCompositeBucket[];
    for (const b of buckets) yield { value: String(b.key.v), count: b.doc_count };
    if (buckets.length < PAGE || agg?.after_key === undefined) return;
    after = agg.after_key;
  }
}

/**
 * `buildPeople`, where a failure costs only the people index (the articles are served): it is
 * logged, and the next run builds it again.
 */
export async function refreshPeople(
  client: Client,
  articlesIndex: string,
  alias: string,
  mapping: IndexMapping | undefined,
  log: (message: string) => void,
): Promise<void> {
  if (mapping === undefined) return;
  const wrap = (message: string, cause?: unknown) =>
    new Error(message, cause === undefined ? undefined : { cause });
  try {
    const n = await buildPeople(client, articlesIndex, alias, mapping, wrap);
    log(`people: ${n} behind ${peopleAliasOf(alias)}`);
  } catch (err) {
    log(`warning: the people index was not rebuilt: ${(err as Error).message}`);
  }
}

/**
 * Builds the people index of `articlesIndex` and points `<alias>-people` at it, deleting the
 * one it replaces. Returns how many people it holds.
 */
export async function buildPeople(
  client: Client,
  articlesIndex: string,
  alias: string,
  mapping: IndexMapping,
  wrap: Wrap,
): Promise<number> {
  const spellings = new Map<string, SpellingCount[]>();
  for await (const b of compositeBuckets(client, articlesIndex, 'people_spellings', wrap)) {
    const parsed = parseSpellingValue(b.value);
    if (parsed === null) continue;
    let list = spellings.get(parsed.key);
    if (!list) spellings.set(parsed.key, (list = []));
    list.push({ text: parsed.spelling, count: b.count });
  }
  const peopleAlias = peopleAliasOf(alias);
  const index = newIndexName(peopleAlias, new Date());
  await engineStep(
    'creating the people index',
    () =>
      client.indices.create({
        index,
        settings: mapping.settings,
        mappings: mapping.mappings as estypes.MappingTypeMapping,
      }),
    wrap,
  );
  let count = 0;
  try {
    let operations: unknown[] = [];
    const flush = async () => {
      if (operations.length === 0) return;
      const body = operations;
      operations = [];
      const res = await engineStep(
        'loading the people index',
        () => client.bulk({ operations: body }),
        wrap,
      );
      if (res.errors) {
        const failed = res.items.find((i) => i.index?.error)?.index?.error;
        throw wrap(`the people index refused a document: ${JSON.stringify(failed)}`);
      }
    };
    for await (const b of compositeBuckets(client, articlesIndex, 'people_keys', wrap)) {
      const entry = personEntry(b.value, spellings.get(b.value) ?? [], b.count);
      const names = suggestNames(entry);
      const hangul = entry.hangul.map(jamo);
      operations.push(
        { index: { _index: index, _id: entry.key } },
        { ...entry, names, jamo: hangul },
      );
      count++;
      if (operations.length >= 2 * 1000) await flush();
    }
    await flush();
    await engineStep('refreshing the people index', () => client.indices.refresh({ index }), wrap);
    const old = await engineStep(
      'reading the people alias',
      () => client.indices.getAlias({ name: peopleAlias }).catch(() => ({})),
      wrap,
    );
    const previous = Object.keys(old);
    await engineStep(
      'swapping the people alias',
      () =>
        client.indices.updateAliases({
          actions: [
            ...previous.map((i) => ({ remove: { index: i, alias: peopleAlias } })),
            { add: { index, alias: peopleAlias } },
          ],
        }),
      wrap,
    );
    for (const i of previous) {
      await client.indices.delete({ index: i }, { ignore: [404] }).catch(() => undefined);
    }
  } catch (err) {
    await client.indices.delete({ index }, { ignore: [404] }).catch(() => undefined);
    throw err;
  }
  return count;
}

/**
 * What a name prefix is matched against: the display, every spelling the articles use, and the
 * layouts and known spellings of the display (`Mun Jae-in` for Moon Jae-in), Hangul left out
 * (it is matched by its letters).
 */
function suggestNames(entry: PersonEntry): string[] {
  const all = [entry.display, ...entry.spellings.map((s) => s.text), ...variantsOf(entry.display)];
  return [...new Set(all.filter((n) => !/[가-힣]/.test(n)))];
}
