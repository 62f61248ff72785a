import { expect } from 'chai';
import {
  isIndexOf,
  newIndexName,
  orphanedIndices,
  swapAliasActions,
} from '../../../src/indexing/aliases.js';

describe('indexing/aliases', () => {
  it('names a new index after the alias and the time, to the millisecond', () => {
    const name = newIndexName('articles', new Date('2026-11-27T23:10:04.123Z'));
    expect(name).to.equal('articles-20261127231004123');
    expect(isIndexOf('articles', name)).to.equal(true);
  });

  it('recognises only its own index names', () => {
    expect(isIndexOf('articles', 'articles')).to.equal(false);
    expect(isIndexOf('articles', 'articles-old')).to.equal(false);
    expect(isIndexOf('articles', 'articles-v2-20261127231004123')).to.equal(false);
    expect(isIndexOf('art', 'articles-20261127231004123')).to.equal(false);
  });

  it('adds the alias when it points nowhere yet', () => {
    expect(swapAliasActions('articles', 'articles-2', [])).to.deep.equal([
      { add: { index: 'articles-2', alias: 'articles' } },
    ]);
  });

  it('moves the alias from every current index to the new one in one body', () => {
    expect(swapAliasActions('articles', 'articles-3', ['articles-1', 'articles-2'])).to.deep.equal([
      { remove: { index: 'articles-1', alias: 'articles' } },
      { remove: { index: 'articles-2', alias: 'articles' } },
      { add: { index: 'articles-3', alias: 'articles' } },
    ]);
  });

  it('never removes the alias from the index it is adding', () => {
    expect(swapAliasActions('a', 'a-1', ['a-1'])).to.deep.equal([
      { add: { index: 'a-1', alias: 'a' } },
    ]);
  });

  it('finds orphans: our names, not served by the alias', () => {
    const existing = [
      'articles-20260101000000000',
      'articles-20260102000000000',
      'articles-20260103000000000',
      'articles-backup',
      'other-20260101000000000',
    ];
    expect(orphanedIndices('articles', existing, ['articles-20260102000000000'])).to.deep.equal([
      'articles-20260101000000000',
      'articles-20260103000000000',
    ]);
  });
});
