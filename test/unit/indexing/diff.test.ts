import { expect } from 'chai';
import {
  classify,
  coalesceScopes,
  deletions,
  formatTally,
  inScope,
  type Snapshot,
} from '../../../src/indexing/diff.js';
import { shrinkRefusal } from '../../../src/indexing/guards.js';

const snapshot = (): Snapshot =>
  new Map([
    ['a', { path: 'a.txt', hash: 'h1' }],
    ['b', { path: 'dir/b.txt', hash: 'h2' }],
    ['c', { path: 'dir/sub/c.txt', hash: undefined }],
    ['d', { path: 'export.ndjson#n1', hash: 'h4' }],
    ['e', { path: 'export.ndjson#n2', hash: 'h5' }],
    ['f', { path: 'dir2/x.txt', hash: 'h6' }],
  ]);

describe('indexing/diff', () => {
  it('classifies a source against what the index holds', () => {
    const s = snapshot();
    expect(classify(s, 'a', 'h1')).to.equal('unchanged');
    expect(classify(s, 'a', 'other')).to.equal('updated');
    expect(classify(s, 'zz', 'h1')).to.equal('added');
    // Indexed before hashes were stored: always re-sent.
    expect(classify(s, 'c', 'anything')).to.equal('updated');
  });

  it('puts paths in scopes of files, folders and NDJSON files, not in look-alikes', () => {
    expect(inScope('dir/b.txt', '')).to.equal(true);
    expect(inScope('dir/b.txt', 'dir')).to.equal(true);
    expect(inScope('dir/b.txt', 'dir/b.txt')).to.equal(true);
    expect(inScope('dir2/x.txt', 'dir')).to.equal(false);
    expect(inScope('dir/b.txt.bak', 'dir/b.txt')).to.equal(false);
    expect(inScope('export.ndjson#n1', 'export.ndjson')).to.equal(true);
    expect(inScope('export.ndjson2#n1', 'export.ndjson')).to.equal(false);
  });

  it('deletes what a scanned scope no longer holds, nothing outside it, nothing kept', () => {
    const s = snapshot();
    expect(deletions(s, [''], new Set(['a', 'b', 'f']), [])).to.deep.equal(['c', 'd', 'e']);
    expect(deletions(s, ['dir'], new Set(), [])).to.deep.equal(['b', 'c']);
    expect(deletions(s, ['dir/b.txt'], new Set(), [])).to.deep.equal(['b']);
    expect(deletions(s, ['export.ndjson'], new Set(['d']), [])).to.deep.equal(['e']);
    // An NDJSON file with a line of unknown identity, an unreadable folder: their documents stay.
    expect(deletions(s, [''], new Set(), ['export.ndjson#', 'dir/'])).to.deep.equal(['a', 'f']);
    expect(deletions(s, [''], new Set(), [''])).to.deep.equal([]);
  });

  it('coalesces changed paths into the fewest scopes', () => {
    expect(coalesceScopes(['dir/b.txt', 'dir', 'a.txt', 'dir/sub/c.txt', 'a.txt'])).to.deep.equal([
      'a.txt',
      'dir',
    ]);
    expect(coalesceScopes(['x', ''])).to.deep.equal(['']);
    expect(coalesceScopes(['dir2/x.txt', 'dir'])).to.deep.equal(['dir', 'dir2/x.txt']);
  });

  it('prints the summary line of the contract', () => {
    expect(formatTally({ added: 1, updated: 2, deleted: 3, unchanged: 4, rejected: 5 })).to.equal(
      'added 1, updated 2, deleted 3, unchanged 4, rejected 5',
    );
  });
});

describe('indexing/guards shrinkRefusal', () => {
  it('refuses an empty result and a shrink under half, with both counts', () => {
    expect(shrinkRefusal({ before: 34, after: 0, allowShrink: false })).to.match(
      /from 34 documents to 0/,
    );
    expect(shrinkRefusal({ before: 0, after: 0, allowShrink: false })).to.match(/0 documents/);
    expect(shrinkRefusal({ before: 100, after: 49, allowShrink: false })).to.match(
      /from 100 documents to 49, fewer than half/,
    );
  });

  it('lets half or more through, and anything with --allow-shrink', () => {
    expect(shrinkRefusal({ before: 100, after: 50, allowShrink: false })).to.equal(null);
    expect(shrinkRefusal({ before: 0, after: 3, allowShrink: false })).to.equal(null);
    expect(shrinkRefusal({ before: 100, after: 0, allowShrink: true })).to.equal(null);
  });
});
