import type { ArticleError } from './parse.js';
import { checkDate, splitCaption } from './parse.js';
import type { Article, Caption } from './types.js';

// Articles exported from another system, one JSON object a line:
//   {"id"?, "date", "title", "agencies"?, "dateline"?, "body": string | string[], "captions"?}
// Each line becomes the same Article a text file does, so names are extracted the same way.

/** A line's identity inside its file: its `id`, else its date and title. */
export type NdjsonLine =
  { ok: true; key: string; article: Article } | { ok: false; key?: string; error: ArticleError };

/** Longest line accepted, the same bound as a text article file. */
export const MAX_NDJSON_LINE_CHARS = 1024 * 1024;

/**
 * The document path of an NDJSON article: `<file>#<key>`. It is unique inside the index as long
 * as keys are unique inside their file, and it is stable when lines are inserted or moved.
 */
export function ndjsonPath(file: string, key: string): string {
  return `${file}#${key}`;
}

/** Parses one line of an NDJSON file (`lineNo` is 1-based). Blank lines are the caller's. */
export function parseNdjsonLine(line: string, file: string, lineNo: number): NdjsonLine {
  const fail = (reason: string, key?: string): NdjsonLine => ({
    ok: false,
    ...(key !== undefined ? { key } : {}),
    error: { path: file, line: lineNo, reason },
  });
  if (line.length > MAX_NDJSON_LINE_CHARS) {
    return fail(`line is ${line.length} characters, over the ${MAX_NDJSON_LINE_CHARS} limit`);
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return fail(`invalid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('expected a JSON object with date, title and body');
  }
  const o = value as Record<string, unknown>;
  let explicitKey: string | undefined;
  if (o.id !== undefined && o.id !== null) {
    if (typeof o.id !== 'string' && typeof o.id !== 'number')
      return fail('"id" must be a string or a number');
    explicitKey = String(o.id).trim();
    if (explicitKey === '') return fail('"id" is empty');
  }
  const date = o.date;
  if (typeof date !== 'string' || date.trim() === '')
    return fail('missing "date" (YYYY-MM-DD)', explicitKey);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) {
    return fail(`invalid date "${date.slice(0, 40)}": expected YYYY-MM-DD`, explicitKey);
  }
  const dateProblem = checkDate(date.trim());
  if (dateProblem) return fail(dateProblem, explicitKey);
  const title = typeof o.title === 'string' ? collapse(o.title) : '';
  if (title === '') return fail('missing "title"', explicitKey);
  const key = explicitKey ?? `${date.trim()} ${title}`;

  const paragraphs = toParagraphs(o.body);
  if (paragraphs === undefined) return fail('"body" must be a string or an array of strings', key);
  const captions = toCaptions(o.captions);
  if (captions === undefined) {
    return fail('"captions" must be an array of strings or {text, credit} objects', key);
  }
  if (paragraphs.length === 0 && captions.length === 0) return fail('empty "body"', key);
  const agencies = toStrings(o.agencies);
  if (agencies === undefined)
    return fail('"agencies" must be a string or an array of strings', key);
  if (o.dateline !== undefined && o.dateline !== null && typeof o.dateline !== 'string') {
    return fail('"dateline" must be a string', key);
  }
  const dateline =
    typeof o.dateline === 'string' && o.dateline.trim() !== '' ? o.dateline.trim() : null;
  return {
    ok: true,
    key,
    article: {
      path: ndjsonPath(file, key),
      date: date.trim(),
      title,
      agencies,
      dateline,
      paragraphs,
      captions,
    },
  };
}

function toParagraphs(body: unknown): string[] | undefined {
  if (typeof body === 'string') return splitParagraphs(body);
  if (!Array.isArray(body)) return body === undefined || body === null ? [] : undefined;
  const out: string[] = [];
  for (const p of body) {
    if (typeof p !== 'string') return undefined;
    out.push(...splitParagraphs(p));
  }
  return out;
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => collapse(p))
    .filter((p) => p !== '');
}

function toCaptions(captions: unknown): Caption[] | undefined {
  if (captions === undefined || captions === null) return [];
  if (!Array.isArray(captions)) return undefined;
  const out: Caption[] = [];
  for (const c of captions) {
    if (typeof c === 'string') {
      const text = collapse(c);
      // A caption written with its credit (`... Photo: AFP`) is split as in text articles.
      out.push(splitCaption(text) ?? { text, credit: '' });
    } else if (c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string') {
      const credit = (c as { credit?: unknown }).credit;
      if (credit !== undefined && credit !== null && typeof credit !== 'string') return undefined;
      out.push({ text: collapse((c as { text: string }).text), credit: collapse(credit ?? '') });
    } else {
      return undefined;
    }
  }
  return out;
}

function toStrings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return undefined;
  return list.map((v: string) => collapse(v)).filter((v) => v !== '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
