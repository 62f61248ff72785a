import type { Response } from 'express';

/**
 * Renders `view` and wraps it in the layout partial (EJS has no layouts of its own).
 * Locals reach both, so a page can set the title the layout shows. Every page also gets
 * `status`, `requestQ` (the request's `q`, so an error page can keep the search box filled)
 * and `retryHref` (the request's own address, for a "try again" link), unless it sets them.
 */
export function renderPage(
  res: Response,
  status: number,
  view: string,
  locals: Record<string, unknown>,
): void {
  const all = { ...res.locals, ...requestLocals(res, status), ...locals };
  res.app.render(view, all, (err: Error | null, body?: string) => {
    if (err) {
      renderFailed(res, err);
      return;
    }
    res.app.render('partials/layout', { ...all, body }, (err2: Error | null, html?: string) => {
      if (err2) {
        renderFailed(res, err2);
        return;
      }
      res.status(status).type('html').send(html);
    });
  });
}

function requestLocals(res: Response, status: number): Record<string, unknown> {
  const req = res.req;
  let q: unknown;
  try {
    q = req.query['q'];
  } catch {
    // A query string Express cannot parse leaves the box empty.
  }
  const url = req.originalUrl;
  return {
    status,
    requestQ: typeof q === 'string' ? q : '',
    // Only a same-site path: `//host/...` would be a link to another site.
    retryHref: req.method === 'GET' && /^\/(?![/\\])/.test(url) ? url : null,
  };
}

// A broken template must not recurse through the error handler (which renders templates too).
function renderFailed(res: Response, err: Error): void {
  console.error(err);
  if (!res.headersSent) res.status(500).type('text').send('Internal error');
}
