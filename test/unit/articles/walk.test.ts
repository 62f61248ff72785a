import { expect } from 'chai';
import { join } from 'node:path';
import { collectArticles, readArticles } from '../../../src/articles/walk.js';
import { fixturesDir, sampleDir } from './paths.js';

describe('readArticles', () => {
  it('reads good fixtures in sorted order, skipping dotfiles and non-.txt files', async () => {
    const { docs, rejected } = await collectArticles(join(fixturesDir, 'good'));
    expect(rejected).to.deep.equal([]);
    expect(docs.map((d) => d.path)).to.deep.equal([
      '2019/summit.txt',
      'crlf-bom.txt',
      'markup.txt',
      'no-byline.txt',
    ]);
  });

  it('yields ids, and parses CRLF + BOM, markup and a missing byline', async () => {
    const results = [];
    for await (const r of readArticles(join(fixturesDir, 'good'))) results.push(r);
    const byPath = new Map(results.map((r) => [r.path, r]));
    const crlf = byPath.get('crlf-bom.txt');
    expect(crlf?.ok && crlf.doc).to.include({
      title: 'Moon and Kim visit Paektu',
      dateline: 'PYONGYANG',
    });
    expect(crlf?.ok && crlf.doc.credits).to.deep.equal(['Yonhap']);
    const markup = byPath.get('markup.txt');
    expect(markup?.ok && markup.doc.body).to.contain('<script>alert(1)</script>');
    expect(markup?.ok && markup.doc.body).to.contain('<img src=x onerror=alert(1)>');
    const summit = byPath.get('2019/summit.txt');
    expect(summit?.ok && summit.id).to.match(/^2019-summit-[0-9a-f]{12}$/);
    expect(summit?.ok && summit.doc.agencies).to.deep.equal(['AP', 'AFP']);
    const noByline = byPath.get('no-byline.txt');
    expect(noByline?.ok && noByline.doc.agencies).to.deep.equal([]);
  });

  it('rejects every bad fixture with its path and a reason', async () => {
    const { docs, rejected } = await collectArticles(join(fixturesDir, 'bad'));
    expect(docs).to.deep.equal([]);
    const reasons = Object.fromEntries(rejected.map((r) => [r.path, r.reason]));
    expect(Object.keys(reasons)).to.have.length(10);
    expect(reasons['binary.txt']).to.match(/^binary file: NUL byte/);
    expect(reasons['control-chars.txt']).to.match(/^binary file: \d+ control bytes/);
    expect(reasons['invalid-utf8.txt']).to.match(/^not valid UTF-8/);
    expect(reasons['empty.txt']).to.match(/^empty file/);
    expect(reasons['no-date.txt']).to.match(/expected " date YYYY-MM-DD <title>"/);
    expect(reasons['impossible-date.txt']).to.match(/invalid date 2021-02-30/);
    expect(reasons['month-13.txt']).to.match(/invalid date 2021-13-01/);
    expect(reasons['only-title.txt']).to.match(/^empty body/);
    expect(reasons['only-byline.txt']).to.match(/^empty body/);
    expect(reasons['empty-title.txt']).to.match(/^empty title/);
    expect(rejected.find((r) => r.path === 'impossible-date.txt')?.line).to.equal(1);
  });

  it('walks the whole fixtures folder: good and bad counts', async () => {
    const { docs, rejected } = await collectArticles(fixturesDir);
    expect(docs).to.have.length(4);
    expect(rejected).to.have.length(10);
    expect(rejected.every((r) => r.path.startsWith('bad/'))).to.equal(true);
  });

  it('rejects files over maxBytes without parsing them', async () => {
    const { rejected } = await collectArticles(join(fixturesDir, 'good'), { maxBytes: 100 });
    const summit = rejected.find((r) => r.path === '2019/summit.txt');
    expect(summit?.reason).to.match(/^file is \d+ bytes, over the 100-byte limit$/);
  });

  it('reports a missing folder instead of throwing', async () => {
    const { docs, rejected } = await collectArticles(join(fixturesDir, 'no-such-folder'));
    expect(docs).to.deep.equal([]);
    expect(rejected).to.have.length(1);
    expect(rejected[0]!.reason).to.match(/^cannot read folder/);
  });
});

describe('data/sample', () => {
  it('parses every article, at least 30, across many years', async () => {
    const { docs, rejected } = await collectArticles(sampleDir);
    expect(rejected).to.deep.equal([]);
    expect(docs.length).to.be.at.least(30);
    expect(new Set(docs.map((d) => d.year)).size).to.be.at.least(15);
    expect(docs.filter((d) => d.credits.length > 0).length).to.be.at.least(5);
    expect(docs.filter((d) => d.dateline === null).length).to.be.at.least(2);
  });
});
