import { expect } from 'chai';
import {
  ParamError,
  defaultParams,
  effectiveSort,
  parseSearchParams,
  toQueryString,
} from '../../../src/search/params.js';

function paramError(raw: Record<string, unknown>): ParamError {
  try {
    parseSearchParams(raw);
  } catch (e) {
    if (e instanceof ParamError) return e;
    throw e;
  }
  throw new Error('expected a ParamError');
}

describe('search/params parseSearchParams', () => {
  it('gives defaults for an empty query string', () => {
    expect(parseSearchParams({})).to.deep.equal(defaultParams());
  });

  it('reads every parameter, trimming and de-duplicating facet values', () => {
    const p = parseSearchParams({
      q: '  Kim Jong-un  ',
      page: '3',
      size: '20',
      sort: 'oldest',
      from: '2020-01-01',
      to: '2021-12-31',
      agency: ['AP', ' AFP ', 'AP', ''],
      dateline: 'SEOUL',
      person: 'Kim Jong-un',
      year: ['2020', '2021'],
      more: 'person',
      person_q: ' kim ',
      dup: 'all',
    });
    expect(p).to.deep.equal({
      q: 'Kim Jong-un',
      page: 3,
      size: 20,
      sort: 'oldest',
      from: '2020-01-01',
      to: '2021-12-31',
      filters: {
        agency: ['AP', 'AFP'],
        dateline: ['SEOUL'],
        person: ['Kim Jong-un'],
        year: ['2020', '2021'],
      },
      more: 'person',
      personQ: 'kim',
      dup: 'all',
    });
  });

  it('defaults the sort to relevance with a query and newest without', () => {
    expect(effectiveSort(parseSearchParams({ q: 'x' }))).to.equal('relevance');
    expect(effectiveSort(parseSearchParams({}))).to.equal('newest');
  });

  const bad: [string, Record<string, unknown>][] = [
    ['page', { page: '0' }],
    ['page', { page: 'two' }],
    ['page', { page: '-1' }],
    ['page', { page: '1001' }],
    ['page', { page: '201', size: '50' }],
    ['size', { size: '101' }],
    ['size', { size: '0' }],
    ['size', { size: '1e3' }],
    ['sort', { sort: 'popular' }],
    ['dup', { dup: 'none' }],
    ['from', { from: '2021-02-30' }],
    ['from', { from: '21-01-01' }],
    ['to', { to: 'yesterday' }],
    ['to', { from: '2021-05-01', to: '2021-04-01' }],
    ['year', { year: '20x1' }],
    ['more', { more: 'credits' }],
    ['q', { q: 'x'.repeat(501) }],
    ['q', { q: ['a', 'b'] }],
    ['q', { q: { nested: 'object' } }],
    ['agency', { agency: Array.from({ length: 51 }, (_, i) => `A${i}`) }],
  ];
  for (const [param, raw] of bad) {
    it(`rejects ${JSON.stringify(raw).slice(0, 60)} naming ${param}`, () => {
      const e = paramError(raw);
      expect(e.param).to.equal(param);
      expect(e.message).to.be.a('string').and.not.equal('');
    });
  }

  it('accepts the last page inside the 10,000 window', () => {
    expect(parseSearchParams({ page: '200', size: '50' }).page).to.equal(200);
    expect(parseSearchParams({ page: '1000' }).page).to.equal(1000);
  });
});

describe('search/params toQueryString', () => {
  it('leaves defaults out and round-trips', () => {
    expect(toQueryString(defaultParams())).to.equal('');
    const raw = {
      q: 'a b',
      agency: ['AP', 'AFP'],
      year: '2021',
      from: '2021-01-01',
      sort: 'newest',
      dup: 'all',
      size: '20',
      page: '2',
    };
    const p = parseSearchParams(raw);
    const qs = toQueryString(p);
    expect(qs).to.equal(
      '?q=a+b&agency=AP&agency=AFP&year=2021&from=2021-01-01&sort=newest&dup=all&size=20&page=2',
    );
    const back: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(qs.slice(1))) (back[k] ??= []).push(v);
    expect(parseSearchParams(back)).to.deep.equal(p);
  });
});
