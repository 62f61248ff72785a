import { expect } from 'chai';
import yargs from 'yargs';
import { argsToQuery, flagName, searchCommand } from '../../../src/cli/commands/search.js';
import {
  FACET_NAMES,
  MAX_WINDOW,
  PARAM_TABLE,
  ParamError,
  defaultParams,
  paramValue,
  parseSearchParams,
  readParam,
  serializeParams,
  toQueryString,
  type ParamSpec,
  type RawQuery,
  type SearchParams,
} from '../../../src/search/params.js';
import { cliFlag, facetSpec, paramSpec } from '../../../src/search/paramTable.js';
import { FACET_LABELS, Links } from '../../../src/web/links.js';

// The parameter table and what is generated from it: the parser and serializer must be each
// other's inverse, every limit of every row must give a 400 naming the row, and the links and
// the `ireum search` flags must follow the rows.

function paramError(read: () => unknown): ParamError {
  try {
    read();
  } catch (e) {
    if (e instanceof ParamError) return e;
    throw e;
  }
  throw new Error('expected a ParamError');
}

/** A query string as Express hands it over: a string, or an array when repeated. */
function rawFrom(qs: string): RawQuery {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(qs.replace(/^\?/, ''))) {
    const seen = raw[k];
    raw[k] = seen === undefined ? v : ([] as string[]).concat(seen, v);
  }
  return raw;
}

function roundTrip(p: SearchParams): SearchParams {
  return parseSearchParams(rawFrom(toQueryString(p)));
}

describe('search/paramTable rows', () => {
  it('names each parameter once, covers every facet and knows each row by name', () => {
    const names = PARAM_TABLE.map((spec) => spec.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const facet of FACET_NAMES) {
      expect(facetSpec(facet).facet).to.equal(facet);
      expect(FACET_LABELS[facet]).to.equal(facetSpec(facet).label);
    }
    for (const spec of PARAM_TABLE) expect(paramSpec(spec.name)).to.equal(spec);
    expect(paramSpec('nope')).to.equal(undefined);
  });

  it('gives every row its default in defaultParams(), and nothing serializes by default', () => {
    const p = defaultParams();
    for (const spec of PARAM_TABLE)
      expect(paramValue(p, spec), spec.name).to.deep.equal(spec.default);
    expect(serializeParams(p)).to.deep.equal([]);
    expect(Object.keys(p.filters)).to.deep.equal([...FACET_NAMES]);
  });

  it('has a non-empty help text for every row', () => {
    for (const spec of PARAM_TABLE) expect(spec.help, spec.name).to.match(/\S.*\.$/);
  });
});

describe('search/params round trip', () => {
  const sets: RawQuery[] = [
    {},
    { q: 'Kim Jong-un' },
    { q: '김정은 "summit" -missile OR talks*', sort: 'relevance' },
    {
      q: 'a b',
      agency: ['AP', 'AFP'],
      dateline: 'SEOUL',
      person: ['Kim Jong-un', 'Moon Jae-in'],
      year: ['2021', '2018'],
      from: '2018-01-01',
      to: '2021-12-31',
      sort: 'oldest',
      dup: 'all',
      size: '20',
      more: 'person',
      person_q: 'jong',
      page: '7',
    },
    // Characters a query string must escape.
    { agency: ['A&B=C', 'x+y', '100%', '#1 / ?'], q: 'a&b' },
    { size: '1', page: String(MAX_WINDOW) },
    { size: '100', page: String(MAX_WINDOW / 100) },
    { more: 'year', person_q: 'Ri Sol' },
  ];
  for (const raw of sets) {
    it(`parse(serialize(p)) is p for ${JSON.stringify(raw).slice(0, 70)}`, () => {
      const p = parseSearchParams(raw);
      expect(roundTrip(p)).to.deep.equal(p);
      expect(serializeParams(roundTrip(p))).to.deep.equal(serializeParams(p));
    });
  }

  it('round-trips params built in code, not parsed', () => {
    const p = defaultParams();
    p.q = 'summit';
    p.filters.person = ['Kim Jong-un'];
    p.filters.year = ['2019'];
    p.to = '2019-06-30';
    p.more = 'agency';
    p.sort = 'newest';
    expect(roundTrip(p)).to.deep.equal(p);
  });

  it('writes the parameters in table order, each value of a facet in turn', () => {
    const p = parseSearchParams(sets[3]!);
    const order = serializeParams(p).map(([name]) => name);
    const tableOrder = PARAM_TABLE.map((spec) => spec.name);
    const firstSeen = [...new Set(order)];
    expect(firstSeen).to.deep.equal(tableOrder);
    expect(order.filter((n) => n === 'person')).to.have.length(2);
  });

  it('normalizes: trims, drops blank and repeated facet values, leaves defaults out', () => {
    const p = parseSearchParams({
      q: '  kim ',
      agency: [' AP', 'AP', ''],
      size: '10',
      page: '1',
      sort: '',
    });
    expect(toQueryString(p)).to.equal('?q=kim&agency=AP');
  });
});

/** Values a row must reject (each gives a 400 naming the row), and values it must take. */
function limitCases(spec: ParamSpec): { bad: unknown[]; good: unknown[] } {
  const common = [{ nested: 'object' }];
  switch (spec.type) {
    case 'string':
      return {
        bad: [...common, 'x'.repeat(spec.maxChars + 1), ['a', 'b']],
        good: ['x'.repeat(spec.maxChars), ' spaced ', ''],
      };
    case 'integer':
      return {
        bad: [
          ...common,
          String(spec.min - 1),
          ...(spec.max < Number.MAX_SAFE_INTEGER ? [String(spec.max + 1)] : []),
          String(Number.MAX_SAFE_INTEGER + 2),
          'two',
          '-1',
          '1.5',
          '1e3',
          '0x10',
          '9'.repeat(21),
          ['2', '3'],
        ],
        good: [String(spec.min), String(Math.min(spec.max, MAX_WINDOW)), ` ${spec.min} `, ''],
      };
    case 'date':
      return {
        bad: [
          ...common,
          '2021-02-29',
          '2021-13-01',
          '21-01-01',
          '2021-1-1',
          'yesterday',
          ['2020-01-01', '2020-01-02'],
        ],
        good: ['2020-02-29', '1999-12-31', ''],
      };
    case 'enum':
      return {
        bad: [
          ...common,
          'bogus',
          spec.values[0]!.toUpperCase(),
          'x'.repeat(21),
          [spec.values[0]!, spec.values[0]!],
        ],
        good: [...spec.values, ''],
      };
    case 'strings': {
      const ok = spec.pattern ? (i: number) => String(1900 + i) : (i: number) => `v${i}`;
      const many = (n: number) => Array.from({ length: n }, (_, i) => ok(i));
      return {
        bad: [
          ...common,
          many(spec.maxValues + 1),
          'x'.repeat(spec.maxChars + 1),
          ...(spec.pattern ? ['20x1', '21', '2021 '.repeat(2)] : []),
        ],
        // The count is of the values given (blanks aside), before repeats are dropped.
        good: [many(spec.maxValues), [...many(spec.maxValues - 1), ok(0), ' ', ''], ok(0)],
      };
    }
  }
}

describe('search/params limits, row by row', () => {
  for (const spec of PARAM_TABLE) {
    const { bad, good } = limitCases(spec);
    for (const value of bad) {
      it(`${spec.name}: rejects ${JSON.stringify(value).slice(0, 50)}, naming ${spec.name}`, () => {
        const raw = { [spec.name]: value };
        for (const e of [
          paramError(() => readParam(raw, spec)),
          paramError(() => parseSearchParams(raw)),
        ]) {
          expect(e.param).to.equal(spec.name);
          expect(e.message).to.include(spec.name);
        }
      });
    }
    it(`${spec.name}: takes ${good.length} valid values`, () => {
      for (const value of good) {
        expect(() => readParam({ [spec.name]: value }, spec), JSON.stringify(value)).to.not.throw();
      }
    });
  }

  it('keeps the messages of the hand-written parser', () => {
    const message = (raw: RawQuery) => paramError(() => parseSearchParams(raw)).message;
    expect(message({ size: '101' })).to.equal('size must be between 1 and 100.');
    expect(message({ page: 'two' })).to.equal('page must be a whole number.');
    expect(message({ sort: 'popular' })).to.equal('sort must be one of relevance, newest, oldest.');
    expect(message({ more: 'credits' })).to.equal(
      'more must be one of agency, dateline, person, year.',
    );
    expect(message({ from: '2021-02-30' })).to.equal(
      'from must be a date written YYYY-MM-DD (e.g. 2021-03-31).',
    );
    expect(message({ year: '20x1' })).to.equal('year must be a four-digit year.');
    expect(message({ q: 'x'.repeat(501) })).to.equal('q is too long (at most 500 characters).');
    expect(message({ q: ['a', 'b'] })).to.equal('q may be given only once.');
    expect(message({ q: { a: 'b' } })).to.equal('q must be plain text.');
    expect(message({ person_q: 'x'.repeat(101) })).to.equal(
      'person_q is too long (at most 100 characters).',
    );
    expect(message({ agency: Array.from({ length: 51 }, (_, i) => `A${i}`) })).to.equal(
      'At most 50 agency values may be selected.',
    );
    expect(message({ from: '2021-05-01', to: '2021-04-01' })).to.equal(
      'The end date (to) is before the start date (from).',
    );
    expect(message({ page: '1001' })).to.equal(
      'Only the first 10,000 results can be paged through; narrow the search with filters or a date range.',
    );
  });

  it('checks the rules between two parameters after reading both', () => {
    const e = paramError(() => parseSearchParams({ page: '201', size: '50' }));
    expect(e.param).to.equal('page');
    expect(parseSearchParams({ page: '200', size: '50' }).page).to.equal(200);
    expect(
      paramError(() => parseSearchParams({ from: '2021-05-02', to: '2021-05-01' })).param,
    ).to.equal('to');
    expect(parseSearchParams({ from: '2021-05-01', to: '2021-05-01' }).to).to.equal('2021-05-01');
  });
});

describe('search/params consumers follow the table', () => {
  it('links: "clear all" resets filters and facet state, keeps the query and the view', () => {
    const p = parseSearchParams({
      q: 'kim',
      agency: 'AP',
      from: '2020-01-01',
      sort: 'oldest',
      size: '20',
      more: 'person',
      person_q: 'jo',
      page: '3',
    });
    expect(new Links(p).clearAll()).to.equal('/search?q=kim&sort=oldest&size=20');
    expect(new Links(p).current()).to.equal('/search' + toQueryString(p));
  });

  /** `ireum search` parsed by yargs with the command's real builder, without running it. */
  async function cli(args: string[]): Promise<Record<string, unknown>> {
    let seen: Record<string, unknown> | undefined;
    await yargs(['search', ...args])
      .command({ ...searchCommand, handler: (argv) => void (seen = argv) })
      .strict()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new Error(msg);
      })
      .parseAsync();
    return seen!;
  }

  /** A valid value other than the default, from the row alone. */
  function sample(spec: ParamSpec): string {
    switch (spec.type) {
      case 'string':
        return 'Kim Jong-un';
      case 'integer':
        return String(spec.min + 1);
      case 'date':
        return '2018-01-01';
      case 'enum':
        return spec.values[0]!;
      case 'strings':
        return spec.pattern ? '2018' : 'Moon Jae-in';
    }
  }

  it('cli: one flag per row (the query positional), read back into the same raw query', async () => {
    const args: string[] = [];
    const expected: RawQuery = {};
    for (const spec of PARAM_TABLE) {
      const flag = cliFlag(spec);
      if (flag === null) continue;
      args.push(...(spec.cli ? [] : [`--${flag}`]), sample(spec));
      expected[spec.name] = spec.type === 'strings' ? [sample(spec)] : sample(spec);
    }
    const raw = argsToQuery(await cli([...args, '--json', '--agency', 'AFP']));
    expect(raw).to.deep.equal({ ...expected, agency: [sample(facetSpec('agency')), 'AFP'] });
    expect(serializeParams(parseSearchParams(raw)).map(([name]) => name)).to.include.members(
      PARAM_TABLE.filter((spec) => cliFlag(spec) !== null).map((spec) => spec.name),
    );
    expect(argsToQuery(await cli([]))).to.deep.equal({});
  });

  it('cli: keeps the flag names, and names the flag when the parser refuses', async () => {
    const flags = PARAM_TABLE.map(cliFlag);
    expect(flags).to.include.members([
      'query',
      'agency',
      'dateline',
      'person',
      'year',
      'from',
      'to',
      'sort',
      'size',
      'page',
    ]);
    expect(flagName('q')).to.equal('query');
    expect(flagName('size')).to.equal('--size');
    expect(flagName('person_q')).to.equal('--person-q');
    // yargs refuses a value outside an enum row's choices itself.
    let refused: unknown;
    await cli(['--sort', 'best']).catch((e: unknown) => (refused = e));
    expect(String(refused)).to.match(/sort/);
    // A bad number reaches the shared parser, which names it.
    const e = paramError(() => parseSearchParams(argsToQuery({ size: Number('x') })));
    expect(e.param).to.equal('size');
  });
});
