import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built CLI as a user meets it when something is wrong: one readable message, no stack, and
// an exit code a script can act on. Port 9 on the loopback refuses connections: no engine needed.

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const CLOSED = 'http://127.0.0.1:9';

function ireum(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const k of ['ES_URL', 'IREUM_FLAVOR', 'DEBUG', 'IREUM_ALIAS']) delete clean[k];
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STACK = /\n\s+at .+:\d+/;

describe('cli exit codes and messages', function () {
  this.timeout(60_000);

  it('a usage error is one line and a pointer to --help, exit 2', () => {
    const unknown = ireum(['search', 'kim', '--bogus'], { ES_URL: CLOSED });
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr.trim().split('\n')).to.have.length.at.most(2);
    expect(unknown.stderr).to.match(/Unknown argument: bogus\nrun `ireum search --help` for usage/);
    const bad = ireum(['reindex', '--source', '.', '--batch-size', '0']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(
      /^--batch-size must be a positive integer\nrun `ireum reindex --help`/,
    );
    const typo = ireum(['reindx']);
    expect(typo.code).to.equal(2);
    expect(typo.stderr).to.match(/Did you mean reindex\?/);
  });

  it('a bad setting is a usage error without a stack or a class-name prefix', () => {
    const r = ireum(['engine', 'status'], { IREUM_FLAVOR: 'foo' });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^unknown engine flavour 'foo'/);
    expect(r.stderr).to.not.match(STACK);
    expect(r.stderr).to.not.match(/ConfigError/);
  });

  it('an unreachable engine exits 3 with a hint, for every command that needs it', () => {
    for (const args of [
      ['analyze', 'x'],
      ['search', 'kim'],
      ['index', '--source', 'data/sample'],
    ]) {
      const r = ireum(args, { ES_URL: CLOSED });
      expect(r.code, args.join(' ')).to.equal(3);
      expect(r.stderr, args.join(' ')).to.not.match(STACK);
      expect(r.stderr, args.join(' ')).to.not.match(/^\w*Error: /m);
    }
    const analyze = ireum(['analyze', 'x'], { ES_URL: CLOSED });
    expect(analyze.stderr).to.match(
      /cannot reach the engine[\s\S]*ireum engine start`, or set ES_URL/,
    );
  });

  it('--verbose and DEBUG=ireum show the details', () => {
    expect(ireum(['analyze', 'x', '--verbose'], { ES_URL: CLOSED }).stderr).to.match(STACK);
    expect(ireum(['analyze', 'x'], { ES_URL: CLOSED, DEBUG: 'ireum' }).stderr).to.match(STACK);
  });

  it('help lists examples and the exit codes', () => {
    const help = ireum(['index', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/Examples:\n\s+ireum index --source/);
    expect(help.stdout).to.match(
      /Exit codes: 0 ok, 1 failure, 2 usage error, 3 engine unavailable,\s+130\s+interrupted/,
    );
  });

  it('names prints the readings a name ranks by, likely and sure', () => {
    const suk = ireum(['names', 'Hwang Suk-seung']);
    expect(suk.code).to.equal(0);
    expect(suk.stdout).to.match(/^ranks by: +\+ 황 숙 승$/m);
    expect(ireum(['names', 'Cha Dae-seok']).stdout).to.match(
      /^ranks by: +\+ 차 대 석 \| = 차 대 석$/m,
    );
    expect(ireum(['names', 'Lee Jung-ho']).stdout).to.match(/^ranks by: +\(no likely or sure/m);
  });
});
