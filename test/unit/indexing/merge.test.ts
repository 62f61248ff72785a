import { expect } from 'chai';
import { MAX_SEGMENT_BYTES, segmentsFor } from '../../../src/indexing/merge.js';

describe('indexing/merge segmentsFor', () => {
  it('keeps every merged segment under the merge policy ceiling', () => {
    expect(segmentsFor(0)).to.equal(1);
    expect(segmentsFor(100 * 1024 ** 2)).to.equal(1);
    expect(segmentsFor(MAX_SEGMENT_BYTES)).to.equal(1);
    expect(segmentsFor(MAX_SEGMENT_BYTES + 1)).to.equal(2);
    // The million-article index before merging: 10,680 MiB.
    expect(segmentsFor(10_680 * 1024 ** 2)).to.equal(3);
  });
});
