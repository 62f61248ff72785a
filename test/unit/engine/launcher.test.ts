import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlavor } from '../../../src/engine/flavors.js';
import { parseJavaMajor } from '../../../src/engine/java.js';
import { engineStatus, pickBasePort, stopEngine } from '../../../src/engine/launcher.js';

describe('engine/java parseJavaMajor', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).to.equal(17);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16')).to.equal(25);
    expect(parseJavaMajor('java version "1.8.0_372"')).to.equal(8);
    expect(parseJavaMajor('no version here')).to.equal(undefined);
  });
});

describe('engine/flavors parseFlavor', () => {
  it('defaults to opensearch and refuses unknown flavours', () => {
    expect(parseFlavor(undefined)).to.equal('opensearch');
    expect(parseFlavor('elasticsearch7')).to.equal('elasticsearch7');
    expect(() => parseFlavor('solr')).to.throw(/unknown engine flavour 'solr'/);
  });
});

describe('engine/launcher', () => {
  it('skips a base port whose HTTP port (base+1) is taken', async () => {
    const first = await pickBasePort(9200, 9298);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(first + 1, '127.0.0.1', resolve));
    try {
      const next = await pickBasePort(first, 9298);
      expect(next).to.be.greaterThan(first);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a never-started engine as not running, and stopping it is a no-op', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ireum-launcher-'));
    try {
      const status = await engineStatus({ root, flavor: 'elasticsearch7' });
      expect(status.running).to.equal(false);
      expect(status.pid).to.equal(undefined);
      expect(await stopEngine({ root, flavor: 'elasticsearch7' })).to.deep.equal({
        stopped: false,
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
