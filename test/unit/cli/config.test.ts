import { expect } from 'chai';
import { connectOptions, readConfig } from '../../../src/cli/config.js';
import { formatProgress } from '../../../src/cli/progress.js';

describe('cli/config readConfig', () => {
  it('has defaults for everything', () => {
    const c = readConfig({});
    expect(c).to.include({
      esUrl: undefined,
      alias: 'articles',
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      flavor: 'opensearch',
      heap: '1g',
    });
  });

  it('reads the variables and treats blanks as unset', () => {
    const c = readConfig({
      ES_URL: 'http://127.0.0.1:9200',
      ES_API_KEY: ' ',
      IREUM_ALIAS: 'news',
      PORT: '8080',
      IREUM_FLAVOR: 'elasticsearch7',
      IREUM_HEAP: '512m',
    });
    expect(c).to.include({
      esUrl: 'http://127.0.0.1:9200',
      apiKey: undefined,
      alias: 'news',
      port: 8080,
      flavor: 'elasticsearch7',
      heap: '512m',
    });
  });

  it('refuses bad values with a prefixed message', () => {
    expect(() => readConfig({ PORT: 'eighty' })).to.throw(/^ConfigError: PORT/);
    expect(() => readConfig({ IREUM_FLAVOR: 'solr' })).to.throw(
      /ConfigError: unknown engine flavour/,
    );
    expect(() => readConfig({ IREUM_ALIAS: 'Articles' })).to.throw(/^ConfigError: IREUM_ALIAS/);
    expect(() => readConfig({ IREUM_HEAP: 'lots' })).to.throw(/^ConfigError: IREUM_HEAP/);
  });

  it('prefers an API key over basic auth', () => {
    const c = readConfig({ ES_API_KEY: 'k', ES_USERNAME: 'u', ES_PASSWORD: 'p' });
    expect(connectOptions(c, 'http://x')).to.deep.equal({ url: 'http://x', apiKey: 'k' });
    const b = readConfig({ ES_USERNAME: 'u', ES_PASSWORD: 'p' });
    expect(connectOptions(b, 'http://x')).to.deep.equal({
      url: 'http://x',
      username: 'u',
      password: 'p',
    });
  });
});

describe('cli/config HOST', () => {
  it('reads the interface to listen on', () => {
    expect(readConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
  });
});

describe('cli/progress formatProgress', () => {
  it('shows files, rate and an ETA when the total is known', () => {
    const line = formatProgress({
      phase: 'indexing',
      total: 1500,
      files: 500,
      parsed: 500,
      rejected: 0,
      indexed: 400,
      elapsedMs: 1000,
    });
    expect(line).to.equal('indexing 500/1500 files, 400 indexed, 0 rejected, 500 docs/s, ETA 2s');
  });
});
