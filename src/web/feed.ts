import { Router, type RequestHandler } from 'express';
import { buildAtomFeed, feedPath, feedRequestParams } from '../search/atom.js';
import { ParamError, parseSearchParams, type SearchParams } from '../search/params.js';
import { SearchUnavailableError, type SearchService } from '../search/service.js';

/** A host name, IPv4 or bracketed IPv6 address, with an optional port: safe in a feed's links. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Gives every page rendered after this router a `feedHref(params)` helper, so the layout and the
 * results page can link the feed of the search they show without knowing its canonical form.
 */
const feedLocals: RequestHandler = (_req, res, next) => {
  res.locals['feedHref'] = (params: SearchParams) => feedPath(params);
  next();
};

/**
 * `GET /feed.atom?<search parameters>`: the newest matches of a search as an Atom 1.0 feed.
 * Mounted before the page routes (its helper reaches their templates). Errors answer in JSON as
 * /api/search does: 400 naming the parameter, 503 with Retry-After.
 */
export function feedRoutes(search: SearchService): Router {
  const router = Router();
  router.use(feedLocals);

  router.get('/feed.atom', async (req, res) => {
    let params: SearchParams;
    try {
      params = parseSearchParams(req.query);
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      res.status(400).json({ error: e.message, param: e.param });
      return;
    }
    const host = req.get('host') ?? '';
    if (!PLAIN_HOST.test(host)) {
      res.status(400).type('text').send('Bad Host header\n');
      return;
    }
    let results;
    try {
      results = await search.search(feedRequestParams(params));
    } catch (e) {
      if (!(e instanceof SearchUnavailableError)) throw e;
      res.set('Retry-After', String(e.retryAfterSeconds));
      res.status(503).json({ error: 'search is temporarily unavailable' });
      return;
    }
    const xml = buildAtomFeed({
      params,
      hits: results.hits,
      base: `${req.protocol}://${host}`,
      now: new Date(),
    });
    res.type('application/atom+xml; charset=utf-8').send(xml);
  });

  return router;
}
