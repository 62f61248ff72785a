import { expect } from 'chai';
import {
  histogramInterval,
  lastDayOfMonth,
  parseHistogram,
} from '../../../src/search/histogram.js';
import { parseSearchParams } from '../../../src/search/params.js';

describe('search/histogram', () => {
  it('uses years by default and months for two years or less', () => {
    expect(histogramInterval(parseSearchParams({}))).to.equal('year');
    expect(histogramInterval(parseSearchParams({ from: '2020-01-01' }))).to.equal('year');
    expect(histogramInterval(parseSearchParams({ from: '2020-01-01', to: '2021-12-31' }))).to.equal(
      'month',
    );
    expect(histogramInterval(parseSearchParams({ from: '2019-01-01', to: '2021-12-31' }))).to.equal(
      'year',
    );
    expect(histogramInterval(parseSearchParams({ year: '2020' }))).to.equal('month');
    expect(histogramInterval(parseSearchParams({ year: ['2010', '2020'] }))).to.equal('year');
  });

  it('turns buckets into linked periods clipped to the searched range', () => {
    const params = parseSearchParams({ from: '2020-02-15', to: '2020-04-10' });
    const agg = {
      doc_count: 9,
      dates: {
        buckets: [
          { key_as_string: '2020-02-01', key: 0, doc_count: 2 },
          { key_as_string: '2020-03-01', key: 0, doc_count: 0 },
          { key_as_string: '2020-04-01', key: 0, doc_count: 7 },
        ],
      },
    };
    expect(parseHistogram(params, agg)).to.deep.equal([
      { key: '2020-02', from: '2020-02-15', to: '2020-02-29', count: 2 },
      { key: '2020-03', from: '2020-03-01', to: '2020-03-31', count: 0 },
      { key: '2020-04', from: '2020-04-01', to: '2020-04-10', count: 7 },
    ]);
    expect(parseHistogram(params, undefined)).to.deep.equal([]);
  });

  it('knows month lengths', () => {
    expect(lastDayOfMonth('2023-02')).to.equal('2023-02-28');
    expect(lastDayOfMonth('2024-12')).to.equal('2024-12-31');
  });
});
