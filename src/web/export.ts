import { Router, type Request } from 'express';
import type { Logger } from 'pino';
import { writeExport } from '../engine/exportService.js';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  exportFilename,
  exportQueryString,
  type ExportFormat,
  type ExportService,
} from '../search/export.js';
import { ParamError, parseSearchParams, type SearchParams } from '../search/params.js';
import { SearchUnavailableError } from '../search/service.js';
import type { AppEnv } from './errors.js';

export type { ExportService } from '../search/export.js';

export interface ExportDeps {
  /** The engine side of exports; without one the routes answer 501. */
  exporter?: ExportService;
  env: AppEnv;
  logger?: Logger;
}

/** `/export.csv?q=...`: the export of the search `params` (page, size and sidebar state dropped). */
export function exportHref(params: SearchParams, format: ExportFormat): string {
  return `/export.${format}` + exportQueryString(params);
}

/**
 * `GET /export.csv` and `GET /export.ndjson`: every article of a search, streamed page by page.
 * Errors before the first byte get a status (400 for a bad parameter as /api/search, 503 with
 * Retry-After when the engine is away); a failure once rows are flowing can no longer change the
 * status, so it is logged and the connection is cut without the chunked terminator, which every
 * HTTP client reports as an incomplete download rather than a short file.
 */
export function exportRoutes(deps: ExportDeps): Router {
  const router = Router();

  // The results page draws its download links with this (views/partials/results.ejs); without
  // an exporter there is nothing to link to.
  if (deps.exporter !== undefined) {
    router.use((_req, res, next) => {
      res.locals['exportHref'] = exportHref;
      next();
    });
  }

  for (const format of EXPORT_FORMATS) {
    router.get(`/export.${format}`, async (req, res) => {
      let params: SearchParams;
      try {
        params = parseSearchParams(req.query);
      } catch (e) {
        if (!(e instanceof ParamError)) throw e;
        res.status(400).json({ error: e.message, param: e.param });
        return;
      }
      if (deps.exporter === undefined) {
        res.status(501).json({ error: 'export is not available on this server' });
        return;
      }

      // 'close' before the response finished: the client went away. Stop paging at once.
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });

      let cursor;
      try {
        cursor = await deps.exporter.open(params, { signal: gone.signal });
      } catch (e) {
        if (gone.signal.aborted) return;
        if (!(e instanceof SearchUnavailableError)) throw e;
        res.set('Retry-After', String(e.retryAfterSeconds));
        res.status(503).json({ error: 'search is temporarily unavailable' });
        return;
      }
      if (gone.signal.aborted) return;

      // Raw headers: Express would add a charset to the NDJSON type.
      res.statusCode = 200;
      res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[format]);
      res.setHeader('Content-Disposition', `attachment; filename="${exportFilename(format)}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Total-Count', String(cursor.total));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }

      let rows = 0;
      try {
        await writeExport(cursor, res, format, {
          signal: gone.signal,
          onRows: (n) => (rows = n),
        });
        res.end();
      } catch (err) {
        if (gone.signal.aborted) return;
        logFailure(req, deps, err, { rows, total: cursor.total, index: cursor.index });
        res.destroy();
      }
    });
  }

  return router;
}

function logFailure(req: Request, deps: ExportDeps, err: unknown, detail: object): void {
  const message = 'export failed after the first byte; response cut short';
  const log = (req as Request & { log?: Logger }).log ?? deps.logger;
  if (log) log.error({ err, ...detail }, message);
  else if (deps.env !== 'test') console.error(message, detail, err);
}
