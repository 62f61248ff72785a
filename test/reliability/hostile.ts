import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Rng } from '../../src/articles/generate.js';

// Article files built to hurt: valid ones carrying markup, and malformed ones of every kind the
// parser must refuse with a reason.

/** Markup an article may carry; none of it may reach a page unescaped. */
export const PAYLOADS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(2)>',
  '<a href="javascript:alert(3)">click</a>',
  '<iframe src="//evil.example"></iframe>',
  "<body onload='alert(4)'>",
  '</title><script src=//evil.example/x.js></script>',
  '<mark>fake highlight</mark><b onmouseover=alert(5)>bold</b>',
  '&lt;script&gt;already-escaped&lt;/script&gt;',
  '<!-- comment --><style>body{display:none}</style>',
];

/** A good article whose title, byline, body and caption are full of markup. */
export function markupArticle(rng: Rng, i: number): string {
  const p = (k: number) => PAYLOADS[(i + k) % PAYLOADS.length]!;
  const day = 1 + (i % 28);
  const lines = [
    ` date 2015-03-${String(day).padStart(2, '0')} Zanzibarite ${p(0)} summit ${i}`,
    '',
    // Every fourth has no byline: valid (the byline is optional), so it must be indexed.
    ...(i % 4 === 1 ? [] : [`Reuters, SEOUL ${i % 3 === 0 ? p(1) : ''}`.trim(), '']),
    `Zanzibarite delegates met Kim Jong-un ${p(2)} in Seoul; ${p(3)} followed.`,
    '',
    `A second paragraph ${p(4)} with ${Math.floor(rng() * 1000)} zanzibarite mentions ${p(5)}.`,
    '',
    `Kim Jong-un ${p(6)} waves to the crowd. Photo: AP ${p(7)}`,
    '',
  ];
  return lines.join('\n');
}

export type BadKind =
  | 'binary'
  | 'empty'
  | 'whitespace-only'
  | 'huge'
  | 'invalid-utf8'
  | 'no-date-line'
  | 'impossible-date'
  | 'month-13'
  | 'garbage-date'
  | 'only-title'
  | 'empty-title'
  | 'only-byline'
  | 'control-chars';

export const BAD_KINDS: BadKind[] = [
  'binary',
  'empty',
  'whitespace-only',
  'huge',
  'invalid-utf8',
  'no-date-line',
  'impossible-date',
  'month-13',
  'garbage-date',
  'only-title',
  'empty-title',
  'only-byline',
  'control-chars',
];

/** The bytes of a malformed article of `kind`. */
export function badArticle(kind: BadKind, rng: Rng, i: number): Buffer {
  const body = `Some paragraph <script>alert(${i})</script> about Kim Jong-un.\n`;
  switch (kind) {
    case 'binary': {
      const b = Buffer.alloc(512 + Math.floor(rng() * 2048));
      for (let k = 0; k < b.length; k++) b[k] = Math.floor(rng() * 256);
      b[7] = 0;
      return b;
    }
    case 'empty':
      return Buffer.alloc(0);
    case 'whitespace-only':
      return Buffer.from(' \n\t\n\r\n   \n');
    case 'huge':
      // Valid text, but over the 1 MiB limit: a dump, not an article.
      return Buffer.from(` date 2020-01-01 Huge ${i}\n\n` + 'x'.repeat(1024 * 1024 + 10) + '\n');
    case 'invalid-utf8':
      return Buffer.concat([
        Buffer.from(` date 2020-01-02 Bad bytes ${i}\n\n`),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]),
        Buffer.from(`\n\n${body}`),
      ]);
    case 'no-date-line':
      return Buffer.from(`Headline without a date ${i}\n\nReuters, SEOUL\n\n${body}`);
    case 'impossible-date':
      return Buffer.from(` date 2021-02-30 Impossible ${i}\n\nAP, SEOUL\n\n${body}`);
    case 'month-13':
      return Buffer.from(` date 2021-13-01 Thirteenth month ${i}\n\nAP, SEOUL\n\n${body}`);
    case 'garbage-date':
      return Buffer.from(` date <script>${i}</script> Garbage date\n\n${body}`);
    case 'only-title':
      return Buffer.from(` date 2019-05-05 Only a title <b>${i}</b>\n`);
    case 'empty-title':
      return Buffer.from(` date 2019-05-05\n\nAP, SEOUL\n\n${body}`);
    case 'only-byline':
      return Buffer.from(` date 2019-05-06 Byline and nothing else ${i}\n\nAP, SEOUL\n`);
    case 'control-chars': {
      const junk = Array.from({ length: 300 }, (_, k) => String.fromCharCode(1 + (k % 7))).join('');
      return Buffer.from(` date 2019-05-07 Controls ${i}\n\n${junk}\n`);
    }
  }
}

export interface HostileFolder {
  good: string[];
  bad: { path: string; kind: BadKind }[];
}

/**
 * `bad` malformed files (kinds in rotation) and `good` markup-laden valid ones, interleaved in
 * nested folders so the walk meets them in mixed order.
 */
export async function writeHostileFolder(
  dir: string,
  rng: Rng,
  bad: number,
  good: number,
): Promise<HostileFolder> {
  const out: HostileFolder = { good: [], bad: [] };
  const total = bad + good;
  let b = 0;
  let g = 0;
  for (let i = 0; i < total; i++) {
    const folder = `f${String(i % 17).padStart(2, '0')}`;
    await mkdir(join(dir, folder), { recursive: true });
    const takeBad = g >= good || (b < bad && rng() < bad / total);
    if (takeBad) {
      const kind = BAD_KINDS[b % BAD_KINDS.length]!;
      const path = `${folder}/bad-${String(b).padStart(5, '0')}-${kind}.txt`;
      await writeFile(join(dir, path), badArticle(kind, rng, b));
      out.bad.push({ path, kind });
      b++;
    } else {
      const path = `${folder}/good-${String(g).padStart(5, '0')}.txt`;
      await writeFile(join(dir, path), markupArticle(rng, g));
      out.good.push(path);
      g++;
    }
  }
  return out;
}
