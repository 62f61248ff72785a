import { errors, type Client } from '@elastic/elasticsearch';
import { expect } from 'chai';
import request from 'supertest';
import {
  csvField,
  displayWidth,
  formatPeopleCsv,
  formatPeopleTable,
} from '../../../src/cli/commands/people.js';
import { createEnginePeopleService } from '../../../src/engine/peopleService.js';
import {
  BatchInputError,
  MAX_BATCH_NAMES,
  MAX_BATCH_NAME_CHARS,
  buildPeopleCountRequest,
  distinctKeys,
  isKoreanNameKey,
  parsePeopleCounts,
  peopleRows,
  readBatchBody,
  readBatchLines,
  resolveName,
  type PeopleRow,
  type PeopleService,
} from '../../../src/search/peopleBatch.js';
import { SearchUnavailableError, type SearchService } from '../../../src/search/service.js';
import { createApp } from '../../../src/web/app.js';

// Batch name look-up without an engine: which inputs are names, one key per person, the one
// counting request, the request body's rules, the CLI's formats, and the engine service and the
// route over stubs. test/integration/peopleBatch.test.ts counts over the sample.

function batchError(body: unknown): string {
  try {
    readBatchBody(body);
  } catch (e) {
    if (e instanceof BatchInputError) return e.message;
    throw e;
  }
  throw new Error('expected a BatchInputError');
}

/** A client whose search answers from `answer`, recording each request. */
function stubClient(answer: (body: Record<string, unknown>) => unknown): {
  client: Client;
  requests: Record<string, unknown>[];
} {
  const requests: Record<string, unknown>[] = [];
  const client = {
    async search(body: Record<string, unknown>) {
      requests.push(body);
      return answer(body);
    },
  } as unknown as Client;
  return { client, requests };
}

/** Buckets for every included key, counting its length (a stand-in for an index). */
function countByLength(body: Record<string, unknown>) {
  const terms = (body['aggs'] as { people: { terms: { include: string[] } } }).people.terms;
  return {
    aggregations: {
      people: { buckets: terms.include.map((key) => ({ key, doc_count: key.length })) },
    },
  };
}

describe('search/peopleBatch resolving names', () => {
  it('gives every spelling of one person the same key and display form', () => {
    const spellings = ['Kim Jong-un', 'KIM JONG UN', '김정은', 'Kim Jongun', 'Gim Jeong-eun'];
    for (const input of spellings) {
      expect(resolveName(input), input).to.deep.equal({
        input,
        key: 'kim chong on',
        display: 'Kim Jong-un',
      });
    }
    expect(resolveName('문재인')).to.include({ display: 'Moon Jae-in' });
    expect(resolveName('Moon Jae In').key).to.equal(resolveName('문재인').key);
  });

  it('resolves known people, Korean or not, and names shaped surname + given syllables', () => {
    expect(resolveName('Joe Biden')).to.include({ key: 'joe biden', display: 'Joe Biden' });
    expect(resolveName('Syngman Rhee')).to.include({ display: 'Syngman Rhee' });
    expect(resolveName('Park Ji-sung')).to.include({ key: 'pak chi song' });
    expect(isKoreanNameKey('pak chi song')).to.equal(true);
  });

  it('leaves key and display empty for what is not a person', () => {
    for (const input of [
      '',
      '   ',
      'Seoul',
      'Kim',
      'Trump',
      'nuclear talks',
      'Park Avenue',
      '!!',
    ]) {
      expect(resolveName(input), JSON.stringify(input)).to.deep.equal({
        input,
        key: '',
        display: '',
      });
    }
    expect(isKoreanNameKey('kim')).to.equal(false);
    expect(isKoreanNameKey('north korea')).to.equal(false);
    expect(isKoreanNameKey('kim xyz')).to.equal(false);
    expect(isKoreanNameKey('')).to.equal(false);
  });

  it('keeps the input as given', () => {
    expect(resolveName('  kim jong un ').input).to.equal('  kim jong un ');
  });

  it('lists each key once, in first-seen order, without the unresolved', () => {
    const resolved = ['김정은', 'Seoul', 'Moon Jae-in', 'KIM JONG UN', 'Kim Jong-un', '문재인'].map(
      resolveName,
    );
    expect(distinctKeys(resolved)).to.deep.equal(['kim chong on', resolveName('문재인').key]);
  });
});

describe('search/peopleBatch the counting request', () => {
  it('is one terms aggregation on people_keys over exactly the keys', () => {
    expect(buildPeopleCountRequest(['kim chong on', 'joe biden'])).to.deep.equal({
      size: 0,
      track_total_hits: false,
      request_cache: true,
      aggs: {
        people: {
          terms: { field: 'people_keys', include: ['kim chong on', 'joe biden'], size: 2 },
        },
      },
    });
  });

  it('reads counts per key, and counts 0 for keys without a bucket and for non-names', () => {
    const counts = parsePeopleCounts({
      aggregations: { people: { buckets: [{ key: 'kim chong on', doc_count: 7 }] } },
    });
    expect([...counts]).to.deep.equal([['kim chong on', 7]]);
    expect(parsePeopleCounts({}).size).to.equal(0);
    expect(parsePeopleCounts({ aggregations: { people: {} } }).size).to.equal(0);
    const rows = peopleRows(['김정은', 'Ban Ki-moon', 'Seoul'].map(resolveName), counts);
    expect(rows.map((r) => r.articles)).to.deep.equal([7, 0, 0]);
    expect(rows[0]).to.deep.equal({
      input: '김정은',
      key: 'kim chong on',
      display: 'Kim Jong-un',
      articles: 7,
    });
  });
});

describe('search/peopleBatch request bodies and batch files', () => {
  it('takes {"names": [...]} of up to 1,000 strings of up to 200 characters', () => {
    expect(readBatchBody({ names: [] })).to.deep.equal([]);
    expect(readBatchBody({ names: ['a', '김정은', ''] })).to.deep.equal(['a', '김정은', '']);
    const full = Array.from({ length: MAX_BATCH_NAMES }, () => 'x'.repeat(MAX_BATCH_NAME_CHARS));
    expect(readBatchBody({ names: full })).to.have.length(1_000);
  });

  it('names what is wrong with any other body', () => {
    expect(batchError(null)).to.match(/JSON object/);
    expect(batchError(['Kim'])).to.match(/JSON object/);
    expect(batchError('Kim')).to.match(/JSON object/);
    expect(batchError({})).to.equal('names is missing: give a list of names.');
    expect(batchError({ names: 'Kim' })).to.equal('names must be a list of strings.');
    expect(batchError({ names: Array(MAX_BATCH_NAMES + 1).fill('a') })).to.equal(
      'names has 1001 entries; at most 1000 may be looked up at once.',
    );
    expect(batchError({ names: ['a', 3] })).to.equal('names[1] must be a string.');
    expect(batchError({ names: ['a', null] })).to.equal('names[1] must be a string.');
    expect(batchError({ names: ['x'.repeat(201)] })).to.equal(
      'names[0] is too long (at most 200 characters).',
    );
  });

  it('reads one name a line, trimmed, blank lines skipped, any line ending', () => {
    expect(readBatchLines('\ufeffKim Jong-un\r\n\r\n  김정은  \nSeoul\rx\n   \n')).to.deep.equal([
      'Kim Jong-un',
      '김정은',
      'Seoul',
      'x',
    ]);
    expect(readBatchLines('')).to.deep.equal([]);
  });
});

describe('cli people formats', () => {
  const rows: PeopleRow[] = [
    { input: '김정은', key: 'kim chong on', display: 'Kim Jong-un', articles: 12 },
    { input: 'Seoul, "city"', key: '', display: '', articles: 0 },
  ];

  it('writes RFC 4180 CSV with a header and CRLF line ends', () => {
    expect(formatPeopleCsv(rows)).to.equal(
      'input,key,display,articles\r\n' +
        '김정은,kim chong on,Kim Jong-un,12\r\n' +
        '"Seoul, ""city""",,,0\r\n',
    );
    expect(csvField('a\nb')).to.equal('"a\nb"');
    expect(csvField('plain')).to.equal('plain');
    expect(formatPeopleCsv([])).to.equal('input,key,display,articles\r\n');
  });

  it('aligns the table by terminal columns (Hangul is two wide)', () => {
    expect(displayWidth('김정은')).to.equal(6);
    expect(displayWidth('Kim')).to.equal(3);
    expect(displayWidth('e\u0301')).to.equal(1);
    const lines = formatPeopleTable(rows).split('\n');
    expect(lines).to.deep.equal([
      'input          key           display      articles',
      '김정은         kim chong on  Kim Jong-un        12',
      'Seoul, "city"                                    0',
      '',
    ]);
  });
});

describe('engine/peopleService over a stub client', () => {
  it('counts a whole batch in one request, each key once, rows in input order', async () => {
    const { client, requests } = stubClient(countByLength);
    const service = createEnginePeopleService({ client, alias: 'people-alias' });
    const rows = await service.countPeople(['Kim Jong-un', 'Seoul', '김정은', 'Joe Biden']);
    expect(requests).to.have.length(1);
    expect(requests[0]).to.include({ index: 'people-alias', size: 0 });
    expect(rows.map((r) => [r.input, r.key, r.articles])).to.deep.equal([
      ['Kim Jong-un', 'kim chong on', 12],
      ['Seoul', '', 0],
      ['김정은', 'kim chong on', 12],
      ['Joe Biden', 'joe biden', 9],
    ]);
  });

  it('asks nothing when no input is a name, and splits very long lists', async () => {
    const { client, requests } = stubClient(countByLength);
    const rows = await createEnginePeopleService({ client, alias: 'a' }).countPeople(['x', '']);
    expect(requests).to.have.length(0);
    expect(rows.map((r) => r.articles)).to.deep.equal([0, 0]);
    const split = createEnginePeopleService({ client, alias: 'a', keysPerRequest: 2 });
    const many = await split.countPeople(['김정은', '문재인', '박근혜', 'Kim Jong Un', '이명박']);
    expect(requests).to.have.length(2);
    expect(many.every((r) => r.articles === r.key.length)).to.equal(true);
  });

  it('turns an engine that cannot answer into SearchUnavailableError', async () => {
    const down = stubClient(() => {
      throw new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9');
    });
    const service = createEnginePeopleService({ client: down.client, alias: 'a' });
    let caught: unknown;
    await service.countPeople(['김정은']).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(SearchUnavailableError);
    expect((caught as Error).message).to.not.include('127.0.0.1');
  });
});

describe('web POST /api/people/batch over a stub service', () => {
  const search = {} as SearchService;
  const people: PeopleService = {
    async countPeople(names) {
      return peopleRows(names.map(resolveName), new Map([['kim chong on', 3]]));
    },
  };
  const app = createApp({ search, people, env: 'test' });

  it('answers rows in input order', async () => {
    const res = await request(app)
      .post('/api/people/batch')
      .send({ names: ['KIM JONG UN', 'Seoul'] })
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body).to.deep.equal({
      results: [
        { input: 'KIM JONG UN', key: 'kim chong on', display: 'Kim Jong-un', articles: 3 },
        { input: 'Seoul', key: '', display: '', articles: 0 },
      ],
    });
  });

  it('answers 400 naming the problem', async () => {
    const post = () => request(app).post('/api/people/batch');
    const notJson = await post()
      .set('content-type', 'application/json')
      .send('{"names": [')
      .expect(400);
    expect(notJson.body.error).to.match(/not JSON/);
    await post()
      .type('text')
      .send('Kim Jong-un')
      .expect(400, /not JSON/);
    await post().expect(400, /not JSON/);
    await post()
      .send({ names: 'Kim' })
      .expect(400, /list of strings/);
    await post()
      .send({ names: ['a', 1] })
      .expect(400, /names\[1\] must be a string/);
  });

  it('answers 503 with Retry-After without a people service', async () => {
    const bare = createApp({ search, env: 'test' });
    await request(bare)
      .post('/api/people/batch')
      .send({ names: ['Kim'] })
      .expect(503)
      .expect('retry-after', /^\d+$/);
  });
});
