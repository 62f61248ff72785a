// Re-records test/fixtures/search/*.json: each fixture's params go through the current request
// builders to a real engine holding data/sample, and the engine's answers are written back. Run
// after changing a request builder, so unit tests map what the engine really sends today.
//
//   npm run build && ES_URL=http://127.0.0.1:9201 node dist/test/support/recordFixtures.js

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  buildArticleRequest,
  buildSearchRequest,
  buildSuggestRequest,
} from '../../src/search/buildRequest.js';
import type { estypes } from '@elastic/elasticsearch';
import { collapses, copiesRequest } from '../../src/search/copies.js';
import { parseSearchParams, type RawQuery } from '../../src/search/params.js';
import { hitClusters, type HitDocument } from '../../src/search/transformResponse.js';
import { indexSample, testClient } from './engine.js';

const DIR = fileURLToPath(new URL('../../../test/fixtures/search/', import.meta.url));

interface Fixture {
  params?: RawQuery;
  copies?: unknown;
  id?: string;
  q?: string;
  response: unknown;
  suggest?: unknown;
}

const sample = await indexSample('fixtures');
const client = testClient();
try {
  for (const file of (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort()) {
    const fixture = JSON.parse(await readFile(DIR + file, 'utf8')) as Fixture;
    const index = sample.alias;
    if (fixture.params !== undefined) {
      const params = parseSearchParams(fixture.params);
      fixture.response = await client.search({ index, ...buildSearchRequest(params) });
      // The page's copies, asked as the search service asks them.
      const clusters = hitClusters(fixture.response as estypes.SearchResponse<HitDocument>);
      if (collapses(params) && clusters.length > 0) {
        fixture.copies = await client.search({ index, ...copiesRequest(clusters) });
      } else delete fixture.copies;
      const suggest = buildSuggestRequest(params);
      const total = (fixture.response as { hits: { total: { value: number } } }).hits.total.value;
      if (suggest !== null && total < 5) {
        fixture.suggest = (await client.search({ index, ...suggest })).suggest;
      } else delete fixture.suggest;
    } else if (fixture.id !== undefined) {
      fixture.response = await client.search({
        index,
        ...buildArticleRequest(fixture.id, fixture.q ?? ''),
      });
    }
    await writeFile(DIR + file, JSON.stringify(fixture, null, 2) + '\n');
    console.log(`recorded ${file}`);
  }
} finally {
  await sample.cleanup();
  await client.close();
}
