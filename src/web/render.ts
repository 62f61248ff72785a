import type { Response } from 'express';

/**
 * Renders `view` and wraps it in the layout partial (EJS has no layouts of its own).
 * Locals reach both, so a page can set the title the layout shows.
 */
export function renderPage(
  res: Response,
  status: number,
  view: string,
  locals: Record<string, unknown>,
): void {
  res.app.render(view, { ...res.locals, ...locals }, (err: Error | null, body?: string) => {
    if (err) {
      renderFailed(res, err);
      return;
    }
    res.app.render(
      'partials/layout',
      { ...res.locals, ...locals, body },
      (err2: Error | null, html?: string) => {
        if (err2) {
          renderFailed(res, err2);
          return;
        }
        res.status(status).type('html').send(html);
      },
    );
  });
}

// A broken template must not recurse through the error handler (which renders templates too).
function renderFailed(res: Response, err: Error): void {
  console.error(err);
  if (!res.headersSent) res.status(500).type('text').send('Internal error');
}
