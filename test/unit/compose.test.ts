import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// No Docker engine runs here, so the container files are checked for what can be known without
// one: the compose file parses, names only files that exist, waits for engine health, binds the
// loopback only; the Dockerfile copies only what exists and is not excluded, runs unprivileged
// and checks /livez.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Service {
  build?: string | { context?: string; dockerfile?: string };
  image?: string;
  profiles?: string[];
  ports?: string[];
  volumes?: string[];
  environment?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown };
}

describe('docker-compose.yml and Dockerfile', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, Service>;
    volumes?: Record<string, unknown>;
  };
  const services = compose.services;
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('has the engines, Ireum beside each, and the opensearch and kibana profiles', () => {
    expect(Object.keys(services)).to.include.members([
      'elasticsearch',
      'ireum',
      'opensearch',
      'ireum-opensearch',
      'kibana',
    ]);
    expect(services.opensearch!.profiles).to.deep.equal(['opensearch']);
    expect(services['ireum-opensearch']!.profiles).to.deep.equal(['opensearch']);
    expect(services.kibana!.profiles).to.deep.equal(['kibana']);
  });

  it('builds Ireum from files that exist and waits for its engine to be healthy', () => {
    for (const [name, engine] of [
      ['ireum', 'elasticsearch'],
      ['ireum-opensearch', 'opensearch'],
    ] as const) {
      const s = services[name]!;
      const context = typeof s.build === 'string' ? s.build : (s.build?.context ?? '.');
      const file =
        typeof s.build === 'object' ? (s.build.dockerfile ?? 'Dockerfile') : 'Dockerfile';
      expect(existsSync(join(ROOT, context, file)), `${name} build`).to.equal(true);
      expect(s.depends_on?.[engine]?.condition, name).to.equal('service_healthy');
      expect(services[engine]!.healthcheck?.test, engine).to.be.an('array');
      expect(s.environment).to.include(`ES_URL=http://${engine}:9200`);
      expect(s.environment).to.include('HOST=0.0.0.0');
    }
  });

  it('binds every port to the loopback and declares every named volume', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const p of s.ports ?? []) expect(p, name).to.match(/^127\.0\.0\.1:\d+:\d+$/);
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0]!;
        if (source.startsWith('.') || source.startsWith('/')) {
          expect(existsSync(join(ROOT, source)), `${name} volume ${source}`).to.equal(true);
        } else {
          expect(compose.volumes ?? {}, `${name} volume ${source}`).to.have.property(source);
        }
      }
    }
  });

  it('copies into the image only what exists and is not excluded, and runs unprivileged', () => {
    const copies = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].map((m) =>
      m[1]!.trim().split(/\s+/).slice(0, -1),
    );
    expect(copies.length).to.be.greaterThan(3);
    for (const sources of copies) {
      for (const src of sources) {
        expect(existsSync(join(ROOT, src)), `COPY ${src}`).to.equal(true);
        expect(ignored, `COPY ${src} is in .dockerignore`).to.not.include(src);
      }
    }
    expect(dockerfile).to.match(/^FROM .+ AS build$/m);
    expect(dockerfile).to.match(/^FROM .+ AS runtime$/m);
    expect(dockerfile).to.match(/npm ci --omit=dev/);
    expect(dockerfile).to.match(/^USER node$/m);
    expect(dockerfile).to.match(/^HEALTHCHECK [\s\S]*\/livez/m);
    expect(dockerfile).to.match(/^CMD \["up"\]$/m);
    // The build stage compiles with the same tsconfig the project uses.
    expect(existsSync(join(ROOT, 'tsconfig.json'))).to.equal(true);
  });
});
