import { expect } from 'chai';
import { Clusterer, WINDOW_DAYS } from '../../../src/articles/clusters.js';
import {
  fingerprint,
  scanBody,
  similarity,
  type Fingerprint,
} from '../../../src/articles/fingerprint.js';

// Fingerprints and the streaming clusterer on made-up texts. The labelled set
// (test/fixtures/clusters, bench/eval-clusters.ts) measures them on whole articles.

const WORDS = (
  'officials ministry river harbour ferry grain price council vote court ruling budget ' +
  'festival coach striker rain typhoon bridge railway satellite launch market index bank ' +
  'rate export chip factory union strike hospital vaccine school exam police village ' +
  'mayor election border guard fishing boat island drill talks envoy statement'
).split(' ');

/** A deterministic text of `n` sentences, different for each seed. */
function story(seed: number, n = 8): string[] {
  let x = seed * 7919 + 17;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x;
  };
  return Array.from({ length: n }, () => {
    const len = 12 + (next() % 10);
    const words = Array.from({ length: len }, () => WORDS[next() % WORDS.length]!);
    return words.join(' ') + '.';
  });
}

function fp(sentences: string[]): Fingerprint {
  const f = fingerprint(sentences.join(' '));
  if (f === null) throw new Error('too short');
  return f;
}

describe('articles/fingerprint', () => {
  it('is 1 for the same words whatever the case, quotes and dashes', () => {
    const a = fingerprint(
      'Kim Jong-un said “the talks” went well, officials in Seoul added on Monday.',
    );
    const b = fingerprint(
      'KIM JONG UN said "the talks" went well - officials in Seoul added on Monday',
    );
    expect(similarity(a!.sketch, b!.sketch)).to.equal(1);
  });

  it('stays high with a sentence added, cut or rewritten, and is low for another story', () => {
    const base = story(1);
    const added = [...base.slice(0, 4), ...story(99, 1), ...base.slice(4)];
    const cut = [...base.slice(0, 3), ...base.slice(4)];
    const lead = [...story(98, 1), ...base.slice(1)];
    for (const variant of [added, cut, lead]) {
      expect(similarity(fp(base).sketch, fp(variant).sketch)).to.be.above(0.6);
    }
    expect(similarity(fp(base).sketch, fp(story(2)).sketch)).to.be.below(0.15);
  });

  it('reads paragraphs as the body they join into, and says what JSON must escape', () => {
    const parts = story(3).map((s, i) => (i === 2 ? `“${s}” — 김정은` : s));
    const scan = scanBody(parts);
    expect(scan.fingerprint!.sketch).to.deep.equal(fingerprint(parts.join('\n\n'))!.sketch);
    expect(scan.json).to.equal('plain');
    expect(scanBody([...parts, 'He said "no".']).json).to.equal('quoted');
    expect(scanBody([...parts, 'a \\ b']).json).to.equal('quoted');
    for (const odd of ['a\tb', 'a\nb', 'a\u0001b', '\ud83d\ude00', 'lone \udc00']) {
      expect(scanBody([...parts, `He said "no". ${odd}`]).json, odd).to.equal('special');
    }
    expect(scanBody(['short']).fingerprint).to.equal(null);
    expect(scanBody(['short']).json).to.equal('plain');
  });

  it('gives nothing for a body too short to compare', () => {
    expect(fingerprint('Talks resume.')).to.equal(null);
    expect(fingerprint('')).to.equal(null);
  });

  it('reads Hangul as words', () => {
    const a = fingerprint(
      '김정은 국무위원장은 오늘 평양에서 열린 회의에서 경제 계획을 발표했다고 조선중앙통신이 보도했다',
    );
    const b = fingerprint(
      '김정은 위원장이 오늘 평양에서 열린 회의에서 경제 계획을 발표했다고 조선중앙통신이 보도했다',
    );
    expect(a).to.not.equal(null);
    const s = similarity(a!.sketch, b!.sketch);
    expect(s).to.be.above(0.3).and.below(1);
  });
});

describe('articles/clusters Clusterer', () => {
  it('puts copies of one story in the first copy’s cluster and leaves others alone', () => {
    const c = new Clusterer();
    const base = story(1);
    expect(c.assign({ id: 'ap', date: '2021-03-04', fingerprint: fp(base) }).cluster).to.equal(
      'ap',
    );
    expect(
      c.assign({ id: 'other', date: '2021-03-04', fingerprint: fp(story(2)) }).cluster,
    ).to.equal('other');
    const afp = c.assign({
      id: 'afp',
      date: '2021-03-05',
      fingerprint: fp([...base, ...story(3, 1)]),
    });
    expect(afp.cluster).to.equal('ap');
    expect(afp.match?.id).to.equal('ap');
    const yonhap = c.assign({ id: 'yonhap', date: '2021-03-04', fingerprint: fp(base.slice(1)) });
    expect(yonhap.cluster).to.equal('ap');
  });

  it(`does not match copies more than ${WINDOW_DAYS} days apart`, () => {
    const c = new Clusterer();
    c.assign({ id: 'a', date: '2021-03-01', fingerprint: fp(story(1)) });
    const late = c.assign({ id: 'b', date: '2021-03-05', fingerprint: fp(story(1)) });
    expect(late.cluster).to.equal('b');
    const inside = c.assign({ id: 'c', date: '2021-03-04', fingerprint: fp(story(1)) });
    expect(inside.cluster).to.be.oneOf(['a', 'b']);
  });

  it('leaves an article without a fingerprint in its own cluster', () => {
    const c = new Clusterer();
    expect(c.assign({ id: 'x', date: '2021-03-01', fingerprint: null })).to.deep.equal({
      cluster: 'x',
      match: null,
    });
  });

  it('joins a seeded cluster, never itself', () => {
    const c = new Clusterer();
    c.seed({ id: 'old', date: '2021-03-01', fingerprint: fp(story(5)), cluster: 'lead-1' });
    expect(c.assign({ id: 'new', date: '2021-03-02', fingerprint: fp(story(5)) }).cluster).to.equal(
      'lead-1',
    );
    // The index's own version of an article being indexed again is not its copy.
    const again = new Clusterer();
    again.seed({ id: 'same', date: '2021-03-01', fingerprint: fp(story(6)), cluster: 'same' });
    expect(
      again.assign({ id: 'same', date: '2021-03-01', fingerprint: fp(story(6)) }).match,
    ).to.equal(null);
  });

  it('remembers the last `capacity` articles, through table rebuilds', () => {
    const c = new Clusterer(50);
    for (let i = 0; i < 400; i++) {
      const id = `s${i}`;
      c.assign({ id, date: '2021-03-01', fingerprint: fp(story(1000 + i)) });
      if (i >= 10) {
        // A copy of a story read 10 articles ago is found; one read 60 ago is forgotten.
        const copy = c.assign({
          id: `${id}-copy`,
          date: '2021-03-01',
          fingerprint: fp(story(1000 + i - 10)),
        });
        expect(copy.cluster, `copy of s${i - 10}`).to.equal(`s${i - 10}`);
      }
    }
    const forgotten = c.assign({ id: 'late', date: '2021-03-01', fingerprint: fp(story(1000)) });
    expect(forgotten.cluster).to.equal('late');
  });
});
