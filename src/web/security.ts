import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Longest URL (path and query string) accepted. The longest a form can produce is a 500-char
 * query plus a few dozen filters, which percent-encoded Hangul keeps under ~4 KB; anything
 * longer is a damaged link or a probe, and parsing it only costs CPU.
 */
export const MAX_URL_BYTES = 4096;

/** Nearly every route is a GET; a body bigger than this is refused before anything reads it. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Security headers. The CSP allows scripts and styles from this origin only, so markup that slips
 * past escaping still cannot run: no inline script, no event-handler attributes, no eval. The
 * pages use no inline script or style, and the histogram is inline SVG with no style attributes.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Not upgrade-insecure-requests: Ireum is often served over plain HTTP on a private
        // network, where upgrading /static requests to https would break the page.
      },
    },
    // Same reason: a header that pins HTTPS must come from whoever terminates TLS.
    strictTransportSecurity: false,
  });
}

/**
 * 414 for over-long URLs and 413 for request bodies, before routing: both are cheap to check
 * and neither can be a real search. Replies are plain, so nothing of the request is echoed.
 */
export function requestLimits(
  /** Larger body limits for the few routes that take a body, by `METHOD /path`. */
  bodyLimits: Readonly<Record<string, number>> = {},
): RequestHandler {
  return (req, res, next) => {
    if (Buffer.byteLength(req.originalUrl) > MAX_URL_BYTES) {
      res.status(414).type('text').send('URI too long\n');
      return;
    }
    const length = Number(req.headers['content-length'] ?? 0);
    // A chunked body has no declared length, so it cannot be shown to be small.
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const limit = bodyLimits[`${req.method} ${req.path}`] ?? MAX_BODY_BYTES;
    if (!(length <= limit) || chunked) {
      // Closing, because an unread body would otherwise be drained for the next request.
      res.set('Connection', 'close');
      res.status(413).type('text').send('Request body too large\n');
      return;
    }
    next();
  };
}
