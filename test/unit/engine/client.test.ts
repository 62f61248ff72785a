import { expect } from 'chai';
import { detectEngine, redactUrl } from '../../../src/engine/client.js';

describe('engine/client detectEngine', () => {
  it('uses the stock client for Elasticsearch 8/9 (product header present)', () => {
    const info = detectEngine(
      { 'x-elastic-product': 'Elasticsearch' },
      { version: { number: '9.1.0' } },
    );
    expect(info).to.deep.equal({ product: 'elasticsearch', version: '9.1.0', compat: false });
  });

  it('needs the compat transport for OpenSearch', () => {
    const info = detectEngine({}, { version: { number: '3.8.0', distribution: 'opensearch' } });
    expect(info).to.deep.equal({ product: 'opensearch', version: '3.8.0', compat: true });
  });

  it('needs the compat transport for Elasticsearch 7.10 (no product header)', () => {
    const info = detectEngine({}, { version: { number: '7.10.2' } });
    expect(info).to.deep.equal({ product: 'elasticsearch', version: '7.10.2', compat: true });
  });

  it('copes with an unexpected body', () => {
    expect(detectEngine({}, null).version).to.equal('unknown');
  });
});

describe('engine/client redactUrl', () => {
  it('removes credentials', () => {
    expect(redactUrl('http://elastic:secret@127.0.0.1:9200/')).to.equal('http://127.0.0.1:9200');
  });
});
