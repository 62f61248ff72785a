import { expect } from 'chai';
import request from 'supertest';
import { createEngineSearchService } from '../../src/engine/searchService.js';
import { createApp } from '../../src/web/app.js';
import { testClient, uniqueIndexName } from '../support/engine.js';

// /healthz tells a healthy index from one that lost redundancy: on one node an index asking for
// a replica can never place it, which is exactly the state of a cluster that lost a node.
describe('/healthz reports the cluster state of the alias', () => {
  // The engine URL exists only once mocha's global setup has run, so the client is made late.
  const client = () => testClient();
  const healthy = uniqueIndexName('ireum-health-green');
  const degraded = uniqueIndexName('ireum-health-yellow');
  const broken = uniqueIndexName('ireum-health-red');

  before(async () => {
    await client().indices.create({
      index: healthy,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      aliases: { [`${healthy}-alias`]: {} },
    });
    await client().indices.create({
      index: degraded,
      settings: { number_of_shards: 1, number_of_replicas: 1 },
      aliases: { [`${degraded}-alias`]: {} },
    });
    // A primary that may only live on a node that does not exist stays unassigned: red.
    await client().indices.create({
      index: broken,
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        'index.routing.allocation.require._name': 'no-such-node',
      },
      aliases: { [`${broken}-alias`]: {} },
      wait_for_active_shards: 0,
    } as never);
    await client().cluster.health({ index: healthy, wait_for_status: 'green', timeout: '10s' });
  });

  after(async () => {
    await client().indices.delete({ index: [healthy, degraded, broken] }, { ignore: [404] });
  });

  const appFor = (alias: string) =>
    createApp({ search: createEngineSearchService({ client: client(), alias }), env: 'test' });

  it('says green and not degraded when every copy is assigned', async () => {
    const res = await request(appFor(`${healthy}-alias`))
      .get('/healthz')
      .expect(200);
    expect(res.body).to.include({ status: 'ok', cluster: 'green', degraded: false });
  });

  it('stays up (200) but reports yellow and degraded when a replica is unassigned', async () => {
    const res = await request(appFor(`${degraded}-alias`))
      .get('/healthz')
      .expect(200);
    expect(res.body).to.include({ status: 'ok', cluster: 'yellow', degraded: true });
  });

  it('answers 503 with Retry-After when a primary is unassigned (red); /livez stays 200', async () => {
    const app = appFor(`${broken}-alias`);
    const res = await request(app).get('/healthz').expect(503).expect('retry-after', /\d+/);
    expect(res.body).to.include({ status: 'unavailable', cluster: 'red' });
    await request(app).get('/livez').expect(200);
  });
});
