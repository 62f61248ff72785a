import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAVORS, flavorSpec, parseFlavor } from '../../../src/engine/flavors.js';
import { findJava, parseJavaMajor } from '../../../src/engine/java.js';
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

describe('engine/java findJava', () => {
  it('tries java on the PATH before the fixed folders, for both flavours', () => {
    for (const flavor of FLAVORS) expect(flavorSpec(flavor).javaFallbacks[0], flavor).to.equal('');
  });

  it('takes `java` from the PATH when it is new enough', async function () {
    this.timeout(30_000);
    // This machine's PATH java (17 here, 21+ elsewhere) is new enough for a floor of 11.
    const found = await findJava({
      javaHome: undefined,
      fallbacks: [''],
      min: 11,
      max: 999,
      label: 'test',
    });
    expect(found.bin).to.equal('java');
    expect(found.major).to.be.at.least(11);
  });

  it('says what it tried when nothing is new enough', async function () {
    this.timeout(30_000);
    let error: unknown;
    try {
      await findJava({ javaHome: undefined, fallbacks: [''], min: 999, max: 1000, label: 'test' });
    } catch (err) {
      error = err;
    }
    expect((error as Error).message).to.match(/needs Java 999\.\.1000.*tried java \(\d+\)/);
  });
});
