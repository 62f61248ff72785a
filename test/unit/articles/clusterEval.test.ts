import { expect } from 'chai';
import { evaluateSet, TARGETS } from '../../../bench/eval-clusters.js';

// The labelled wire-copy sets (test/fixtures/clusters) through the indexing pipeline's copy
// finder, in walk order and five shuffled orders: the figures `npm run eval:clusters` prints.
// `dev` is the set the threshold was chosen on; `test` was written apart and only measured.

describe('wire-copy clustering on the labelled sets', function () {
  this.timeout(60_000);
  for (const set of ['dev', 'test']) {
    it(`${set}: pair precision >= ${TARGETS.precision} and recall >= ${TARGETS.recall}, no near miss merged`, async () => {
      const r = await evaluateSet(set, 5);
      expect(r.walkOrder.truePairs).to.be.above(20);
      expect(r.worst.precision, r.walkOrder.wrong.join('; ')).to.be.at.least(TARGETS.precision);
      expect(r.worst.recall, r.walkOrder.missed.join('; ')).to.be.at.least(TARGETS.recall);
      expect(r.worst.nearMissesMerged).to.equal(0);
    });
  }
});
