import { expect } from 'chai';
import { parseSearchParams } from '../../../src/search/params.js';
import { histogramChart } from '../../../src/web/histogramSvg.js';
import { Links, chips, formatDate, formatTotal, pagination } from '../../../src/web/links.js';

describe('web/links', () => {
  const params = parseSearchParams({
    q: 'kim',
    agency: ['AP', 'AFP'],
    from: '2020-01-01',
    page: '3',
  });
  const links = new Links(params);

  it('toggles facet values and goes back to page 1', () => {
    expect(links.toggle('agency', 'AP')).to.equal('/search?q=kim&agency=AFP&from=2020-01-01');
    expect(links.toggle('person', 'Kim Jong-un')).to.equal(
      '/search?q=kim&agency=AP&agency=AFP&person=Kim+Jong-un&from=2020-01-01',
    );
    expect(links.page(4)).to.equal('/search?q=kim&agency=AP&agency=AFP&from=2020-01-01&page=4');
    expect(links.clearAll()).to.equal('/search?q=kim');
    expect(links.article('x-1')).to.equal(
      '/article/x-1?q=kim&agency=AP&agency=AFP&from=2020-01-01&page=3',
    );
  });

  it('draws a removable chip per selection and one for the dates', () => {
    expect(chips(params, links)).to.deep.equal([
      { label: 'Agency: AP', href: '/search?q=kim&agency=AFP&from=2020-01-01' },
      { label: 'Agency: AFP', href: '/search?q=kim&agency=AP&from=2020-01-01' },
      { label: 'Dates: From 2020-01-01', href: '/search?q=kim&agency=AP&agency=AFP' },
    ]);
  });

  it('pages within the 10,000 window', () => {
    const p = parseSearchParams({ page: '5' });
    const pg = pagination(p, 250_000, new Links(p));
    expect(pg.truncated).to.equal(true);
    expect(pg.pages.map((x) => x.page)).to.deep.equal([1, null, 3, 4, 5, 6, 7, null, 1000]);
    expect(pagination(p, 3, new Links(p)).pages).to.deep.equal([]);
  });

  it('formats totals and dates', () => {
    expect(formatTotal({ value: 10000, relation: 'gte' })).to.equal('10,000+');
    expect(formatTotal({ value: 12, relation: 'eq' })).to.equal('12');
    expect(formatDate('2021-03-05')).to.equal('5 Mar 2021');
  });

  it('scales histogram bars and links each to its period', () => {
    const chart = histogramChart(
      [
        { key: '2020', from: '2020-01-01', to: '2020-12-31', count: 5 },
        { key: '2021', from: '2021-01-01', to: '2021-12-31', count: 10 },
      ],
      'year',
      new Links(parseSearchParams({ q: 'x' })),
    )!;
    expect(chart.bars.map((b) => b.height)).to.deep.equal([45, 90]);
    expect(chart.bars[0]!.href).to.equal('/search?q=x&from=2020-01-01&to=2020-12-31');
    expect(chart.bars[1]!.label).to.equal('2021: 10 articles');
  });
});
