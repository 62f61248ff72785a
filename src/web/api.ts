import { Router } from 'express';
import { MAX_QUERY_CHARS, parseSearchParams } from '../search/params.js';
import type { SearchService } from '../search/service.js';
import { toApiJson } from '../search/transformResponse.js';
import { openApiDocument } from './openapi.js';

/** The JSON face: same parameters, same builder as the page. */
export function apiRoutes(search: SearchService): Router {
  const router = Router();

  router.get('/api/search', async (req, res) => {
    const params = parseSearchParams(req.query);
    res.json(toApiJson(await search.search(params)));
  });

  router.get('/api/articles/:id', async (req, res) => {
    const q = typeof req.query['q'] === 'string' ? req.query['q'].slice(0, MAX_QUERY_CHARS) : '';
    const article = await search.getArticle(String(req.params['id']), q);
    if (article === null) {
      res.status(404).json({ error: 'no article with this id' });
      return;
    }
    res.json(article);
  });

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  // Liveness: the process answers. Readiness (engine, alias, cluster colour) is /healthz.
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/healthz', async (_req, res) => {
    const report = await search.health();
    if (!report.ok) res.set('Retry-After', '10');
    res.status(report.ok ? 200 : 503).json({ status: report.ok ? 'ok' : 'unavailable', ...report });
  });

  return router;
}
