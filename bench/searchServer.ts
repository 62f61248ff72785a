// Child of bench/search.ts: the web app exactly as `ireum serve` builds it (production env, one
// client for the process), listening on an ephemeral loopback port that it sends to the parent.
// A separate process so the load generator does not share the app's event loop.

import { destination, pino } from 'pino';
import { createCompatClient } from '../src/engine/client.js';
import { createEngineSearchService } from '../src/engine/searchService.js';
import { createApp } from '../src/web/app.js';
import { flag } from './lib.js';

const url = flag('url');
const alias = flag('alias');
if (!url || !alias) throw new Error('--url and --alias are required');

const client = createCompatClient({ url });
const app = createApp({
  search: createEngineSearchService({ client, alias }),
  alias,
  env: 'production',
  // The request log as `ireum serve` writes it, into /dev/null: its cost counts, not a pipe's.
  logger: pino({ level: 'info' }, destination({ dest: '/dev/null', sync: false })),
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.send?.({ port });
});
process.on('disconnect', () => {
  server.close();
  void client.close();
});
