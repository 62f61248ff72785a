import { expect } from 'chai';
import {
  bulkLoadMapping,
  servingSettings,
  type IndexMapping,
} from '../../../src/indexing/mappings.js';

describe('indexing/mappings', () => {
  const mapping: IndexMapping = {
    settings: { index: { number_of_shards: 1, number_of_replicas: 1, refresh_interval: '5s' } },
    mappings: { properties: { title: { type: 'text' } } },
  };

  it('loads with refresh off and no replicas, leaving the input alone', () => {
    const load = bulkLoadMapping(mapping);
    expect(load.settings.index).to.deep.equal({
      number_of_shards: 1,
      number_of_replicas: 0,
      refresh_interval: '-1',
    });
    expect(load.mappings).to.equal(mapping.mappings);
    expect((mapping.settings.index as Record<string, unknown>).refresh_interval).to.equal('5s');
  });

  it('drops flat spellings that would contradict the bulk-load settings', () => {
    const load = bulkLoadMapping({
      settings: { 'index.refresh_interval': '1s', number_of_replicas: 2 },
      mappings: {},
    });
    expect(load.settings).to.deep.equal({
      index: { number_of_replicas: 0, refresh_interval: '-1' },
    });
  });

  it('reads the serving settings from either spelling', () => {
    expect(servingSettings(mapping)).to.deep.equal({ replicas: 1, refreshInterval: '5s' });
    expect(
      servingSettings({ settings: { 'index.number_of_replicas': '2' }, mappings: {} }),
    ).to.deep.equal({
      replicas: 2,
      refreshInterval: null,
    });
    expect(servingSettings({ settings: {}, mappings: {} })).to.deep.equal({
      replicas: 0,
      refreshInterval: null,
    });
  });
});
