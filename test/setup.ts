import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlavor } from '../src/engine/flavors.js';
import { ensureEngine, type EngineHandle } from '../src/engine/launcher.js';

// Mocha global fixtures. With ES_URL unset, the suite runs against the embedded engine
// (IREUM_FLAVOR, default opensearch): a running one is reused and left alone; one started here
// is stopped at the end. IREUM_TEST_NO_ENGINE=1 (the unit-only script) skips all of it.

// dist/test/setup.js -> project root.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

let engine: EngineHandle | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  if (process.env.ES_URL || process.env.IREUM_TEST_NO_ENGINE === '1') return;
  engine = await ensureEngine({
    root: ROOT,
    flavor: parseFlavor(process.env.IREUM_FLAVOR),
    heap: process.env.IREUM_HEAP || '1g',
    javaHome: process.env.JAVA_HOME,
    log: (m) => console.error(`[engine] ${m}`),
  });
  process.env.ES_URL = engine.url;
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (engine?.startedHere) {
    console.error('[engine] stopping the engine the tests started');
    await engine.stop();
  }
}
