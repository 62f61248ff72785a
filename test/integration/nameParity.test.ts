import type { Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import { collectArticles } from '../../src/articles/walk.js';
import type { ArticleDocument } from '../../src/articles/types.js';
import { KEY_ANALYZER } from '../../src/names/analysis.js';
import { engineToken, variantsOf } from '../../src/names/canonical.js';
import { extractPeople } from '../../src/names/extract.js';
import { KNOWN_PEOPLE } from '../../src/names/tables/known.js';
import { SURNAMES } from '../../src/names/tables/surnames.js';
import {
  SAMPLE_DIR,
  articlesMapping,
  indexSample,
  testClient,
  uniqueIndexName,
  type SampleIndex,
} from '../support/engine.js';

// The engine's name analyzers are generated from the same tables as the TypeScript keys. This
// holds the two together on a few hundred spellings, on whichever engine the suite runs, and
// runs the README's direct queries (match on `names`, match_phrase on `title.names`).

const GIVEN = ['Min-jun', 'Seo Yeon', 'Jiwoo', 'Hyun-woo', 'Eun Ji', 'Sung-ho', 'Young Soo'];
const HANGUL_GIVEN = ['민준', '서연', '지우', '현우'];

function spellings(): string[] {
  const out = new Set<string>();
  for (const p of KNOWN_PEOPLE) for (const v of variantsOf(p.display)) out.add(v);
  for (const s of SURNAMES) {
    for (const latin of s.latin) for (const g of GIVEN) out.add(`${latin} ${g}`);
    for (const h of s.hangul) for (const g of HANGUL_GIVEN) out.add(`${h}${g}`);
  }
  out.add("Kim Jong-un's");
  out.add('KIM JONG UN');
  out.add('Gim Jeong-eun');
  return [...out];
}

describe('name analyzers: engine and TypeScript agree (integration)', function () {
  this.timeout(180_000);
  let client: Client;
  let index: string;
  let sample: SampleIndex;
  let docs: ArticleDocument[];

  before(async () => {
    client = testClient();
    index = uniqueIndexName('ireum-test-parity');
    const mapping = await articlesMapping();
    await client.indices.create({ index, settings: mapping.settings, mappings: mapping.mappings });
    sample = await indexSample('ireum-test-direct');
    ({ docs } = await collectArticles(SAMPLE_DIR));
  });
  after(async () => {
    await client.indices.delete({ index }, { ignore: [404] });
    await sample?.cleanup();
  });

  it(`${KEY_ANALYZER} makes the TypeScript key of every spelling`, async () => {
    const names = spellings();
    expect(names.length).to.be.greaterThan(300);
    const mismatches: string[] = [];
    // Eight at a time: an engine's analyze queue holds 16.
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(
        names.slice(i, i + 8).map(async (name) => {
          const res = await client.indices.analyze({ index, analyzer: KEY_ANALYZER, text: name });
          const tokens = (res.tokens ?? []).map((t) => t.token);
          const expected = engineToken(name);
          if (tokens.length !== 1 || tokens[0] !== expected) {
            mismatches.push(
              `${name}: engine ${JSON.stringify(tokens)} vs TypeScript "${expected}"`,
            );
          }
        }),
      );
    }
    expect(mismatches, mismatches.slice(0, 10).join('\n')).to.deep.equal([]);
  });

  it('a direct match on `names` finds every spelling of a person and nobody else', async () => {
    const expected = docs
      .filter((d) => d.people.includes('Kim Jong-un'))
      .map((d) => d.path)
      .sort();
    expect(expected.length).to.be.greaterThan(0);
    for (const q of ['Gim Jeong-eun', 'KIM JONG UN', 'Kim Jongun', '김정은']) {
      const res = await client.search<{ path: string }>({
        index: sample.alias,
        size: 100,
        query: { match: { names: q } },
        _source: ['path'],
      });
      expect(res.hits.hits.map((h) => h._source!.path).sort(), q).to.deep.equal(expected);
    }
    const il = await client.search<{ path: string }>({
      index: sample.alias,
      size: 100,
      query: { match: { names: 'Kim Jong Il' } },
      _source: ['path'],
    });
    const ilExpected = docs.filter((d) => d.people.includes('Kim Jong-il')).map((d) => d.path);
    expect(il.hits.hits.map((h) => h._source!.path)).to.have.members(ilExpected);
  });

  it('a direct match_phrase on `title.names` finds the name in titles, any spelling', async () => {
    // `title.names` has one token per word, so a joined given name (`Kim Jongun`) in a title is
    // one token and a syllable-by-syllable query cannot meet it (the README says so; `names`,
    // filled by extraction, finds those).
    const expected = docs
      .filter((d) => extractPeople([d.title]).some((p) => p.name === 'Kim Jong-un'))
      .filter((d) => !/jongun/i.test(d.title))
      .map((d) => d.path)
      .sort();
    expect(expected.length).to.be.greaterThan(0);
    for (const q of ['Gim Jeong Eun', 'Kim Jong-un', 'KIM JONG UN']) {
      const res = await client.search<{ path: string }>({
        index: sample.alias,
        size: 100,
        query: { match_phrase: { 'title.names': q } },
        _source: ['path'],
      });
      expect(res.hits.hits.map((h) => h._source!.path).sort(), q).to.deep.equal(expected);
    }
  });
});
