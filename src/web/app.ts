import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { PeopleService } from '../search/peopleBatch.js';
import type { SearchService } from '../search/service.js';
import { apiRoutes } from './api.js';
import { errorHandler, notFound, type AppEnv } from './errors.js';
import { exportRoutes, type ExportService } from './export.js';
import { feedRoutes } from './feed.js';
import { formatCount, formatDate } from './links.js';
import { pageRoutes } from './pages.js';
import { MAX_BATCH_BODY_BYTES, peopleRoutes } from './people.js';
import { requestLog } from './requestLog.js';
import { requestLimits, securityHeaders } from './security.js';

export interface AppDeps {
  search: SearchService;
  /** Counts for POST /api/people/batch; without it that route answers 503. */
  people?: PeopleService;
  /** Pages through whole searches for /export.csv and .ndjson; without it they answer 501. */
  exporter?: ExportService;
  /** Shown in the page footer; the service already knows which alias it searches. */
  alias?: string;
  env: AppEnv;
  /** Request and error log; none in tests unless they pass one. */
  logger?: Logger;
}

// Compiled to dist/src/web/; views/ and public/ sit at the repository root.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The Express app, not listening: tests drive it with supertest, `ireum serve` listens. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.logger) app.use(requestLog(deps.logger));
  app.use(requestLimits({ 'POST /api/people/batch': MAX_BATCH_BODY_BYTES }));
  app.use(securityHeaders());
  // JSON carries article text; \u003c for < keeps it inert even if something renders it as HTML.
  app.set('json escape', true);
  app.set('views', ROOT + 'views');
  app.set('view engine', 'ejs');
  app.set('view cache', deps.env === 'production');
  app.locals['alias'] = deps.alias ?? null;
  app.locals['formatDate'] = formatDate;
  app.locals['formatCount'] = formatCount;

  const maxAge = deps.env === 'production' ? '1h' : 0;
  app.use('/static', express.static(ROOT + 'public', { maxAge }));
  // Browsers ask for /favicon.ico whatever the page links; the SVG icon answers, not a 404 page.
  app.get('/favicon.ico', (_req, res) => {
    res.sendFile(ROOT + 'public/favicon.svg', { maxAge });
  });
  app.use(apiRoutes(deps.search));
  app.use(exportRoutes(deps));
  app.use(feedRoutes(deps.search), peopleRoutes(deps.people, deps.search));
  app.use(pageRoutes(deps.search));
  app.use(notFound);
  app.use(errorHandler(deps.env));
  return app;
}
