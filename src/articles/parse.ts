import { Buffer, isAscii, isUtf8, transcode } from 'node:buffer';
import type { Article, Caption } from './types.js';

/** Largest article file accepted; real articles are a few KB, so anything near this is not one. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

/** Why one file was not turned into an article. `line` is 1-based, when the fault has one. */
export interface ArticleError {
  path: string;
  line?: number;
  reason: string;
}

export type DecodeResult = { ok: true; text: string } | { ok: false; error: ArticleError };
export type ParseResult = { ok: true; article: Article } | { ok: false; error: ArticleError };

/** `path:line: reason`, the one way an article error is shown to people. */
export function formatArticleError(error: ArticleError): string {
  const where = error.line === undefined ? error.path : `${error.path}:${error.line}`;
  return `${where}: ${error.reason}`;
}

/** For callers that prefer throwing to checking a result. */
export class ArticleParseError extends Error {
  readonly path: string;
  readonly line: number | undefined;
  readonly reason: string;

  constructor(error: ArticleError) {
    super(`ArticleParseError: ${formatArticleError(error)}`);
    this.name = 'ArticleParseError';
    this.path = error.path;
    this.line = error.line;
    this.reason = error.reason;
  }
}

// Text has a few tabs or form feeds at most; when over 1% of a file's head is other C0
// controls it is packed data that happens to be NUL-free, valid UTF-8. Only the head is
// checked: NULs and invalid UTF-8 already catch nearly every binary, and a full scan would
// cost as much as decoding.
const MAX_CONTROL_RATIO = 0.01;
const CONTROL_SAMPLE_BYTES = 1024;

/** Turns file bytes into text, or says why they are not an article's text. */
export function decodeArticle(
  bytes: Uint8Array,
  path: string,
  maxBytes: number = MAX_ARTICLE_BYTES,
): DecodeResult {
  const error = checkBytes(bytes, path, maxBytes);
  if (error) return { ok: false, error };
  return { ok: true, text: decodeUtf8(withoutBom(bytes)) };
}

export type DecodeLinesResult = { ok: true; lines: string[] } | { ok: false; error: ArticleError };

/**
 * decodeArticle, split into lines as parseLines wants them: the lines of `decodeArticle(...).text`
 * at CRLF, CR or LF. Each line is decoded on its own, so it is a string of its own rather than a
 * slice of the whole text: every later pass over a paragraph (the name scan above all) reads a
 * slice through an indirection, about a tenth slower, and a line of ASCII decodes to one-byte
 * characters even when the file has a curly quote elsewhere. Decoding line by line also costs
 * less than decoding the whole and slicing it.
 */
export function decodeArticleLines(
  bytes: Uint8Array,
  path: string,
  maxBytes: number = MAX_ARTICLE_BYTES,
): DecodeLinesResult {
  const error = checkBytes(bytes, path, maxBytes);
  if (error) return { ok: false, error };
  const buffer = withoutBom(bytes);
  // A CR anywhere: split the decoded text, which knows all three line ends.
  if (buffer.indexOf(0x0d) !== -1) return { ok: true, lines: splitLines(decodeUtf8(buffer)) };
  // LF is one byte that no multi-byte UTF-8 sequence contains, so the bytes split where the
  // text would.
  const lines: string[] = [];
  let start = 0;
  for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a, start)) {
    lines.push(nl === start ? '' : buffer.toString('utf8', start, nl));
    start = nl + 1;
  }
  lines.push(buffer.toString('utf8', start));
  return { ok: true, lines };
}

/** Why `bytes` are not an article's text (too big, binary, not UTF-8), or null. */
function checkBytes(bytes: Uint8Array, path: string, maxBytes: number): ArticleError | null {
  if (bytes.length > maxBytes) {
    return fault(path, undefined, `file is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return fault(path, lineAtByte(bytes, nul), `binary file: NUL byte at offset ${nul}`);
  }
  const controls = countControls(bytes, CONTROL_SAMPLE_BYTES);
  const sampled = Math.min(bytes.length, CONTROL_SAMPLE_BYTES);
  if (controls > sampled * MAX_CONTROL_RATIO) {
    return fault(path, undefined, `binary file: ${controls} control bytes in the first ${sampled}`);
  }
  // isUtf8 (SIMD) then an unchecked decode is several times faster than a fatal TextDecoder,
  // and rejects the same sequences (overlongs, surrogates, truncation).
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    return fault(
      path,
      lineAtByte(bytes, at),
      `not valid UTF-8: invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}`,
    );
  }
  return null;
}

/** The bytes as a Buffer (no copy), a UTF-8 BOM dropped as the TextDecoder did (ignoreBOM false). */
function withoutBom(bytes: Uint8Array): Buffer {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bom ? buffer.subarray(3) : buffer;
}

/**
 * Valid UTF-8 as a string. V8's own UTF-8 decoding (toString) is the slowest step of reading an
 * article with any non-ASCII character in it (a dash, a curly quote): ICU's transcoding to UTF-16
 * and a copy is about 40% faster. ASCII is a plain copy either way.
 */
function decodeUtf8(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString('latin1');
  return transcodeUtf16
    ? transcode(buffer, 'utf8', 'utf16le').toString('utf16le')
    : buffer.toString('utf8');
}

// Node built without ICU has no transcode.
const transcodeUtf16 = (() => {
  try {
    return transcode(Buffer.from('\u00e9'), 'utf8', 'utf16le').toString('utf16le') === '\u00e9';
  } catch {
    return false;
  }
})();

/** Decodes and parses as a reindex does, throwing ArticleParseError on any rejection. */
export function parseArticleOrThrow(bytes: Uint8Array, path: string): Article {
  const decoded = decodeArticleLines(bytes, path);
  if (!decoded.ok) throw new ArticleParseError(decoded.error);
  const parsed = parseLines(decoded.lines, path);
  if (!parsed.ok) throw new ArticleParseError(parsed.error);
  return parsed.article;
}

const DATE_LINE = /^\s*date\s+(\S+)(?:\s+(.*))?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXPECTED_DATE_LINE = 'expected " date YYYY-MM-DD <title>"';

interface Block {
  lines: string[];
}

/**
 * Parses the seed layout: a ` date YYYY-MM-DD <title>` line, a byline, then paragraphs
 * separated by blank lines. Blank-line counts, CRLF, a BOM and trailing spaces do not matter.
 *
 * The byline is optional: it is metadata, and an article without one is still worth finding,
 * so rejecting it would drop real news (and fail `reindex --strict`) over a cosmetic omission.
 * The first block after the title counts as a byline only when it is byline-shaped (see
 * parseByline); otherwise it is the first paragraph and the article has no agencies or dateline.
 */
export function parseArticle(text: string, path: string): ParseResult {
  return parseLines(splitLines(text), path);
}

/** parseArticle over the text's lines (see decodeArticleLines); takes ownership of `lines`. */
export function parseLines(lines: string[], path: string): ParseResult {
  if (lines.length > 0 && lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);

  let i = 0;
  while (i < lines.length && isBlank(lines[i]!)) i++;
  if (i === lines.length) return reject(path, 1, `empty file: ${EXPECTED_DATE_LINE}`);

  const titleLineNo = i + 1;
  const dateMatch = DATE_LINE.exec(lines[i]!);
  if (!dateMatch) {
    return reject(path, titleLineNo, `${EXPECTED_DATE_LINE}, found "${preview(lines[i]!)}"`);
  }
  const date = dateMatch[1]!;
  const dateProblem = checkDate(date);
  if (dateProblem) return reject(path, titleLineNo, dateProblem);
  const title = collapse(dateMatch[2] ?? '');
  if (title === '') {
    return reject(path, titleLineNo, `empty title: ${EXPECTED_DATE_LINE}`);
  }

  const blocks = toBlocks(lines, i + 1);
  let agencies: string[] = [];
  let dateline: string | null = null;
  let first = 0;
  const head = blocks[0];
  if (head) {
    const byline = parseByline(head.lines[0]!);
    if (byline) {
      agencies = byline.agencies;
      dateline = byline.dateline;
      // A byline glued to the first paragraph (no blank line between) still counts.
      head.lines.shift();
      if (head.lines.length === 0) first = 1;
    }
  }

  const paragraphs: string[] = [];
  const captions: Caption[] = [];
  for (let b = first; b < blocks.length; b++) {
    const block = blocks[b]!.lines;
    const paragraph = block.length === 1 ? block[0]! : block.join(' ');
    const caption = splitCaption(paragraph);
    if (caption) captions.push(caption);
    else paragraphs.push(paragraph);
  }
  if (paragraphs.length === 0 && captions.length === 0) {
    return reject(
      path,
      titleLineNo,
      'empty body: expected at least one paragraph after the title and byline',
    );
  }

  return { ok: true, article: { path, date, title, agencies, dateline, paragraphs, captions } };
}

/** Lines split at CRLF, CR or LF. */
function splitLines(text: string): string[] {
  if (text.includes('\r')) return text.split(/\r\n?|\n/);
  // Slicing at each indexOf is about twice as fast as split('\n'), which runs in the runtime.
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    lines.push(text.slice(start, nl));
    start = nl + 1;
  }
  lines.push(text.slice(start));
  return lines;
}

/**
 * Groups non-blank lines into blocks separated by one or more blank lines. Lines lose their
 * leading and trailing whitespace; runs of spaces inside a line are kept, because analyzers
 * and HTML both ignore them and collapsing every paragraph would cost a second pass per file.
 */
function toBlocks(lines: string[], from: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      current = null;
    } else if (current) {
      current.lines.push(trimEnds(line));
    } else {
      current = { lines: [trimEnds(line)] };
      blocks.push(current);
    }
  }
  return blocks;
}

/** Why `date` (YYYY-MM-DD) is not a real date, or null when it is one. */
export function checkDate(date: string): string | null {
  const m = ISO_DATE.exec(date);
  if (!m) return `invalid date "${preview(date)}": ${EXPECTED_DATE_LINE}`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return `invalid date ${date}: month ${m[2]} is not 01-12`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return `invalid date ${date}: day ${m[3]} is not 01-${days} for ${m[1]}-${m[2]}`;
  }
  return null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface Byline {
  agencies: string[];
  dateline: string | null;
}

// Upper-case acronyms that are agencies, so `Reuters, AFP` does not read as dateline AFP.
const AGENCY_ACRONYMS = new Set([
  'AP',
  'AFP',
  'CNA',
  'KCNA',
  'UPI',
  'DPA',
  'EFE',
  'ANSA',
  'BBC',
  'CNN',
  'NHK',
  'KBS',
  'MBC',
  'SBS',
  'TASS',
  'KNS',
  'NYT',
  'WSJ',
]);
const MAX_BYLINE_CHARS = 120;
const AGENCY_JOINER = /\s+(?:and|&)\s+|\s*&\s*/;
const MAX_AGENCY_WORDS = 5;
const DATELINE = /^\p{Lu}[\p{Lu}\s.'’-]*$/u;
// Sentence punctuation a byline never carries; a first paragraph nearly always does.
const NOT_BYLINE = /[.!?;:"“”«»]\s|[.!?;:"“”«»’')]$|[—–]/u;

/**
 * Reads `<AGENCIES>, <DATELINE>` (`AP and AFP, PANMUNJOM`, `Staff writer, with CNA`,
 * `Reuters, AFP and AP, TOKYO`, `Bloomberg`). Returns null when the line is not byline-shaped,
 * which is how a first paragraph is told apart from a byline.
 */
export function parseByline(line: string): Byline | null {
  const text = collapse(line);
  if (text === '' || text.length > MAX_BYLINE_CHARS || NOT_BYLINE.test(text)) return null;
  const segments = text.split(',').map((s) => s.trim());
  if (segments.some((s) => s === '')) return null;

  let dateline: string | null = null;
  const last = segments[segments.length - 1]!;
  if (segments.length > 1 && DATELINE.test(last) && !AGENCY_ACRONYMS.has(last)) {
    dateline = last;
    segments.pop();
  }

  const agencies: string[] = [];
  for (const segment of segments) {
    // Without `&` or `and` there is nothing to split (the regex split is the costly step).
    const parts =
      segment.includes('&') || segment.includes('and') ? segment.split(AGENCY_JOINER) : [segment];
    for (const part of parts) {
      const agency = part.replace(/^with\s+/i, '').trim();
      if (agency === '' || agency.split(' ').length > MAX_AGENCY_WORDS) return null;
      if (!agencies.includes(agency)) agencies.push(agency);
    }
  }
  return { agencies, dateline };
}

// Greedy head, so the credit starts at the last `Photo:` and a caption may mention photos.
const CAPTION = /^(?:(.*)\s)?Photos?:\s*(.+)$/s;
const MAX_CREDIT_CHARS = 100;

/** A paragraph ending in `Photo: <credit>` (or `Photos:`) is a caption; anything else is not. */
export function splitCaption(paragraph: string): Caption | null {
  if (!paragraph.includes('Photo')) return null;
  const m = CAPTION.exec(paragraph);
  if (!m) return null;
  const credit = m[2]!.trim();
  if (credit === '' || credit.length > MAX_CREDIT_CHARS || /[.!?]\s/.test(credit)) return null;
  return { text: (m[1] ?? '').trim(), credit };
}

// trim() copies the line; a scan usually stops at the first character.
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isSpace(line.charCodeAt(i))) return false;
  return true;
}

/** The characters String.prototype.trim removes. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || (c >= 0x1680 && isUnicodeSpace(c));
}

function trimEnds(line: string): string {
  return isSpace(line.charCodeAt(0)) || isSpace(line.charCodeAt(line.length - 1))
    ? line.trim()
    : line;
}

// Whitespace that is not a single space: all that collapse changes besides the ends.
const NOT_SINGLE_SPACES = /\s\s|[^\S ]/;

function collapse(text: string): string {
  // Most titles and bylines have single spaces only, and replacing each one with itself still
  // builds a new string.
  return NOT_SINGLE_SPACES.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

function isUnicodeSpace(c: number): boolean {
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function preview(text: string): string {
  const t = text.trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

function reject(
  path: string,
  line: number | undefined,
  reason: string,
): { ok: false; error: ArticleError } {
  return { ok: false, error: fault(path, line, reason) };
}

function fault(path: string, line: number | undefined, reason: string): ArticleError {
  return line === undefined ? { path, reason } : { path, line, reason };
}

function countControls(bytes: Uint8Array, limit: number): number {
  let n = 0;
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) n++;
  }
  return n;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8; only called once decoding has already failed. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
