import { expect } from 'chai';
import { staleReason, type LockInfo } from '../../../src/indexing/lock.js';

const lock = (over: Partial<LockInfo>): LockInfo => ({
  alias: 'articles',
  command: 'reindex',
  host: 'h1',
  pid: 100,
  token: 't',
  started: '2026-12-01T10:00:00.000Z',
  heartbeat: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('indexing/lock staleReason', () => {
  const self = {
    host: 'h1',
    pid: 200,
    held: new Set<string>(),
    now: new Date('2026-12-01T10:00:20.000Z'),
    staleMs: 60_000,
    isAlive: (pid: number) => pid === 100,
  };

  it('keeps a live holder: same host and alive, or elsewhere with a fresh heartbeat', () => {
    expect(staleReason(lock({}), self)).to.equal(null);
    expect(staleReason(lock({ host: 'h2', pid: 5 }), self)).to.equal(null);
  });

  it('takes over from a dead process on this host at once', () => {
    expect(staleReason(lock({ pid: 101 }), self)).to.match(/process 101 on h1 is gone/);
  });

  it('takes over a lock this process left behind, not one it holds', () => {
    expect(
      staleReason(lock({ pid: 200, token: 'old' }), { ...self, isAlive: () => true }),
    ).to.match(/earlier run of this process/);
    expect(
      staleReason(lock({ pid: 200, token: 'mine' }), {
        ...self,
        held: new Set(['mine']),
        isAlive: () => true,
      }),
    ).to.equal(null);
  });

  it('takes over from another host only when the heartbeat is stale', () => {
    const old = lock({ host: 'h2', heartbeat: '2026-12-01T09:58:00.000Z' });
    expect(staleReason(old, self)).to.match(/heartbeat is 140s old \(stale after 60s\)/);
    expect(staleReason(lock({ host: 'h2', heartbeat: 'garbage' }), self)).to.match(/unreadable/);
  });
});
