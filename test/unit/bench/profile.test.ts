import { expect } from 'chai';
import type { Profiler } from 'node:inspector';
import { cpuProfile, profileLines, summarizeProfile } from '../../../bench/profile.js';

/** A call-frame node of a hand-made profile. */
const node = (
  id: number,
  functionName: string,
  url: string,
  lineNumber = 0,
): Profiler.ProfileNode => ({
  id,
  callFrame: { functionName, url, lineNumber, columnNumber: 0, scriptId: String(id) },
});

describe('bench profile summary', () => {
  const profile: Profiler.Profile = {
    nodes: [
      node(1, '(root)', ''),
      node(2, '(idle)', ''),
      node(3, 'scanNames', 'file:///work/x/dist/src/names/extract.js', 231),
      node(4, 'namesAt', 'file:///work/x/dist/src/names/extract.js', 264),
      node(5, 'open', ''),
      node(6, 'request', 'file:///work/x/node_modules/undici/lib/core.js', 9),
      node(7, 'slice', 'node:buffer', 634),
    ],
    startTime: 0,
    endTime: 1000,
    // Each delta is charged to the sample it ends.
    samples: [2, 3, 3, 4, 5, 6, 7, 2],
    timeDeltas: [500, 100, 100, 50, 100, 50, 100, 500],
  };

  it('charges each sample its time and sums busy time by module and by function', () => {
    const s = summarizeProfile(profile);
    expect(s.idleMs).to.equal(1);
    expect(s.busyMs).to.equal(0.5);
    expect(s.byModule.map((m) => [m.name, m.ms])).to.deep.equal([
      ['src/names/extract.js', 0.25],
      ['open', 0.1],
      ['node:buffer', 0.1],
      ['undici', 0.05],
    ]);
    expect(s.byFunction[0]).to.deep.equal({
      name: 'scanNames src/names/extract.js:232',
      ms: 0.2,
      share: 0.4,
    });
    expect(s.byModule.reduce((sum, m) => sum + m.share, 0)).to.be.closeTo(1, 1e-9);
  });

  it('keeps the top entries only, and prints costs per document when asked', () => {
    const s = summarizeProfile(profile, 2);
    expect(s.byModule).to.have.length(2);
    const lines = profileLines('test', s, 10);
    expect(lines[0]).to.match(/^test: busy 50\.0 us\/doc, waiting 100\.0 us\/doc /);
    expect(lines).to.include('     50.0%   25.0 us/doc  src/names/extract.js');
    expect(lines).to.include('     20.0%   10.0 us/doc  open');
  });

  it('profiles work in this process and passes its result through', async () => {
    const { result, profile: p } = await cpuProfile(async () => {
      let x = 0;
      for (let i = 0; i < 2e6; i++) x = (x + i * i) % 1000003;
      return x;
    }, 100);
    expect(result).to.be.a('number');
    expect(p.samples?.length ?? 0).to.be.greaterThan(0);
    expect(summarizeProfile(p).busyMs).to.be.greaterThan(0);
  });

  it('stops the profiler and rethrows when the work fails', async () => {
    let error: unknown;
    try {
      await cpuProfile(() => Promise.reject(new Error('boom')));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error).with.property('message', 'boom');
    // A second profile can start: the first was stopped.
    const { result } = await cpuProfile(() => Promise.resolve(7));
    expect(result).to.equal(7);
  });
});
