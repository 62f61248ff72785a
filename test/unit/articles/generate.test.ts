import { expect } from 'chai';
import { FILES_PER_FOLDER, generateArticle, mulberry32 } from '../../../src/articles/generate.js';
import { parseArticle } from '../../../src/articles/parse.js';

function corpus(seed: number, count: number) {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => generateArticle(rng, i));
}

describe('generateArticle', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    expect(corpus(42, 20)).to.deep.equal(corpus(42, 20));
    expect(corpus(42, 5)).not.to.deep.equal(corpus(43, 5));
  });

  it('writes articles that parse, ~4 KB on average, spread over years and folders', () => {
    const articles = corpus(7, 2000);
    let bytes = 0;
    const years = new Set<string>();
    const perFolder = new Map<string, number>();
    let captions = 0;
    for (const { path, text } of articles) {
      const result = parseArticle(text, path);
      if (!result.ok) throw new Error(`${path}: ${result.error.reason}`);
      const a = result.article;
      expect(a.paragraphs.length).to.be.within(6, 12);
      captions += a.captions.length;
      years.add(a.date.slice(0, 4));
      const folder = path.split('/')[0]!;
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
      bytes += Buffer.byteLength(text);
    }
    expect(bytes / articles.length).to.be.within(3000, 5500);
    expect(years.size).to.equal(26);
    expect(captions).to.be.greaterThan(0);
    expect(Math.max(...perFolder.values())).to.be.at.most(FILES_PER_FOLDER);
    expect(new Set(articles.map((a) => a.path)).size).to.equal(articles.length);
  });
});
