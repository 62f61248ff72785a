import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ParamError } from '../search/params.js';
import { SearchUnavailableError } from '../search/service.js';
import { renderPage } from './render.js';

export type AppEnv = 'development' | 'production' | 'test';

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || req.path === '/livez';
}

export const notFound: RequestHandler = (req, res) => {
  if (wantsJson(req)) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  renderPage(res, 404, 'error', {
    title: 'Page not found',
    heading: 'Page not found',
    message: 'There is nothing at this address. Try a search instead.',
    detail: null,
  });
};

/**
 * Turns every failure into a status a user can act on: bad input 400 naming the parameter,
 * engine trouble 503 with Retry-After, anything else 500 with details only in development.
 */
export function errorHandler(env: AppEnv): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof ParamError) {
      if (wantsJson(req)) res.status(400).json({ error: err.message, param: err.param });
      else
        renderPage(res, 400, 'error', {
          title: 'Check the search',
          heading: 'That search could not be run',
          message: `There is a problem with “${err.param}”: ${err.message}`,
          detail: null,
        });
      return;
    }
    if (err instanceof SearchUnavailableError) {
      res.set('Retry-After', String(err.retryAfterSeconds));
      if (wantsJson(req)) res.status(503).json({ error: 'search is temporarily unavailable' });
      else
        renderPage(res, 503, 'error', {
          title: 'Search unavailable',
          heading: 'Search is temporarily unavailable',
          message: 'The search engine cannot be reached right now. Please try again in a moment.',
          detail: null,
        });
      return;
    }
    // Express marks its own client errors (e.g. a malformed %-escape in the path) with a status.
    const status = (err as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (wantsJson(req)) res.status(status).json({ error: 'bad request' });
      else
        renderPage(res, status, 'error', {
          title: 'Bad request',
          heading: 'That address could not be read',
          message: 'The link seems to be damaged. Try starting a new search.',
          detail: null,
        });
      return;
    }
    // Logged with its request id when there is a request log; the client never sees it.
    const log = (req as { log?: { error(obj: unknown, msg: string): void } }).log;
    if (log) log.error({ err }, 'unhandled error');
    else if (env !== 'test') console.error(err);
    const detail =
      env === 'development' && err instanceof Error ? (err.stack ?? err.message) : null;
    if (wantsJson(req)) {
      res.status(500).json({ error: 'internal error', ...(detail ? { detail } : {}) });
      return;
    }
    renderPage(res, 500, 'error', {
      title: 'Something went wrong',
      heading: 'Something went wrong',
      message: 'The page could not be shown. The problem has been logged.',
      detail,
    });
  };
}
