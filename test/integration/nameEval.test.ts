import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, testUrl } from '../support/engine.js';

// The name evaluations run in CI on the engine under test: the hand-written set (107 queries)
// and a fast subset of the generated one (60 people in no table, six conventions each, near
// twins). Each script prints its figures and exits 1 below a target; the output is kept so a
// failure shows which pair or twin missed.

function run(script: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'bench', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ES_URL: testUrl() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('name matching evaluations (integration)', function () {
  this.timeout(180_000);

  it('meets every target on the hand-written set', async () => {
    const { code, out } = await run('eval-names.js', []);
    expect(out).to.contain('all targets met');
    expect(code, out).to.equal(0);
  });

  it('meets every target on generated people in no table (CI subset)', async () => {
    const { code, out } = await run('eval-generated-names.js', ['--ci']);
    expect(out).to.match(/twins in top R\s+0\b/);
    expect(out).to.contain('all targets met');
    expect(code, out).to.equal(0);
  });
});
