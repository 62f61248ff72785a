import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

// One JSON line per request on the logger (stdout in `ireum serve`), written when the response
// has gone out: time, request id, method, path with query, status, duration and bytes. pino
// serializes asynchronously in a few microseconds a line, inside the web tier's budget.

/** An incoming id is reused only when it is a plain token (it is echoed into a header and logs). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestId(req.headers['x-request-id']);
      res.setHeader('x-request-id', id);
      return id;
    },
    // The per-request child logger does not repeat the whole request on every line it writes.
    quietReqLogger: true,
    customAttributeKeys: { responseTime: 'ms', reqId: 'request_id' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    serializers: {
      // The id is already on the line as request_id.
      req: (req: { method: string; url: string }) => ({
        method: req.method,
        path: req.url,
      }),
      res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({
        status: res.statusCode,
        bytes: Number(res.headers?.['content-length'] ?? 0),
      }),
    },
  }) as unknown as RequestHandler;
}
