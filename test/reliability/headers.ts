import { request } from 'node:http';
import { MAX_URL_BYTES } from '../../src/web/security.js';
import { get, serve, type Outcome, type ReliabilityPromise } from './support.js';

// Promise 7 against the real `ireum serve` (production): headers, limits, and what an error may
// reveal. test/integration/security.test.ts checks the same in the regular suite.

function post(url: string, bytes: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'content-length': bytes },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end(Buffer.alloc(bytes, 120));
  });
}

export const headers: ReliabilityPromise = {
  id: 7,
  name: 'Headers and limits',
  async run(ctx): Promise<Outcome> {
    const failures: string[] = [];
    const saw: string[] = [];
    // An alias that does not exist: every search is a 503, the page must still reveal nothing.
    const served = await serve(ctx.engine.url, 'ireum-rel-no-such-alias');
    // And one whose engine is a closed port.
    const dead = await serve('http://127.0.0.1:9', 'articles');
    try {
      const page = await get(`${served.url}/search?q=kim`);
      const csp = page.headers?.get('content-security-policy') ?? '';
      saw.push(`/search: ${page.status}; CSP "${csp}"`);
      saw.push(
        `x-content-type-options ${page.headers?.get('x-content-type-options')}, x-frame-options ${page.headers?.get('x-frame-options')}, referrer-policy ${page.headers?.get('referrer-policy')}, x-powered-by ${page.headers?.get('x-powered-by') ?? '(none)'}`,
      );
      if (!/script-src 'self'(;|$)/.test(csp) || /unsafe-inline/.test(csp))
        failures.push('CSP does not forbid inline script');
      if (page.headers?.get('x-content-type-options') !== 'nosniff') failures.push('no nosniff');
      const long = await get(`${served.url}/search?q=${'a'.repeat(MAX_URL_BYTES)}`);
      const huge = await get(`${served.url}/api/search?q=${'a'.repeat(20_000)}`);
      const body = await post(`${served.url}/search`, 64 * 1024);
      saw.push(
        `URL of ${MAX_URL_BYTES + 10} bytes -> ${long.status}; URL of 20 KB -> ${huge.status}; 64 KB body -> ${body}`,
      );
      if (long.status !== 414) failures.push(`over-long URL answered ${long.status}`);
      if (huge.status !== 414 && huge.status !== 431)
        failures.push(`20 KB URL answered ${huge.status}`);
      if (body !== 413) failures.push(`64 KB body answered ${body}`);
      const leaks: string[] = [];
      for (const base of [served.url, dead.url]) {
        for (const path of [
          '/search?q=kim',
          '/api/search?q=kim',
          '/healthz',
          '/article/x-1',
          '/api/articles/x-1',
          '/%E0%A4%A',
        ]) {
          const res = await get(base + path);
          if (res.status >= 500 && res.status !== 503) leaks.push(`${path} -> ${res.status}`);
          if (/127\.0\.0\.1:\d+|localhost:\d+|\bat .*\.js:\d+|node_modules/.test(res.text))
            leaks.push(`${path} body reveals internals`);
          if (res.status === 503 && !res.headers?.get('retry-after'))
            leaks.push(`${path} 503 without Retry-After`);
        }
      }
      saw.push(
        `12 error responses (missing alias, engine on a closed port, a malformed escape): ${leaks.length === 0 ? 'no stack traces, engine URLs or 500s' : leaks.join('; ')}`,
      );
      failures.push(...leaks);
    } finally {
      await served.stop();
      await dead.stop();
    }
    return {
      pass: failures.length === 0,
      tried:
        'two `ireum serve` processes (production): one over a missing alias, one over a closed engine port; headers, an over-long URL, a 64 KB body, and every route while the engine cannot answer',
      saw,
      failures,
    };
  },
};
