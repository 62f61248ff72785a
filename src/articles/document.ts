import { hash } from 'node:crypto';
import { findNames } from '../names/extract.js';
import type { PersonMention } from '../names/types.js';
import { pivotsReadings } from '../names/pivot.js';
import { spellingValue } from '../names/usage.js';
import type { JsonText } from './fingerprint.js';
import type { Article, ArticleDocument } from './types.js';

const MAX_SLUG_CHARS = 60;
const NOT_ASCII = /[^ -~\t\n\r]/;

/**
 * A stable, URL-safe id for the article at `relPath` (relative to the source folder):
 * a readable slug of the path plus a hash of the whole path, e.g. `2021-kim-vows-3f9a1c2b04d1`.
 * The hash keeps ids unique when slugs collide (truncation, punctuation, Hangul file names).
 */
export function articleId(relPath: string): string {
  const path = normalizePath(relPath);
  const stem = path.replace(/\.txt$/i, '');
  // Decomposing is for accented letters; a printable ASCII path (almost every one) has none.
  const slug = (
    !NOT_ASCII.test(stem) ? stem : stem.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  )
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/^-+|-+$/g, '');
  const hash = hash48(path);
  return slug === '' ? hash : `${slug}-${hash}`;
}

/**
 * The document stored in the engine for one parsed article and the people found in it.
 * `titleKeys`, the keys of the people the title names, is read from the title when not given.
 */
export function buildDocument(
  article: Article,
  people: readonly PersonMention[],
  hash: string,
  id: string,
  titleKeys?: readonly string[],
): ArticleDocument {
  // One pass over the people with sets (insertion order kept, so each list is in order of first
  // appearance): flatMap and a spread per list cost more than the rest of the document.
  const shown = new Set<string>();
  const keys = new Set<string>();
  const names = new Set<string>();
  const pivots = new Set<string>();
  const spellings = new Set<string>();
  for (const person of people) {
    shown.add(person.name);
    keys.add(person.key);
    for (const variant of person.variants) {
      names.add(variant);
      spellings.add(spellingValue(person.key, variant));
    }
    names.add(person.name);
    for (const pivot of person.pivots) pivots.add(pivot);
  }
  const keyList = [...keys];
  const pivotList = [...pivots];
  const body = joinParagraphs(article.paragraphs);
  const doc: ArticleDocument = {
    path: article.path,
    date: article.date,
    year: Number(article.date.slice(0, 4)),
    title: article.title,
    agencies: [...article.agencies],
    dateline: article.dateline,
    body,
    captions: article.captions.map((c) => c.text).filter((t) => t !== ''),
    credits: unique(article.captions.map((c) => c.credit).filter((c) => c !== '')),
    people: [...shown],
    people_keys: keyList,
    title_people_keys:
      titleKeys === undefined ? titleKeysOf(article.title, keyList) : [...titleKeys],
    names: [...names],
    people_pivot: pivotList,
    people_readings: pivotsReadings(pivotList),
    people_spellings: [...spellings],
    hash,
    // Its own until indexing finds it a copy of an earlier article.
    cluster: id,
    sample: sampleBucket(id),
  };
  // A copy of the list: a caller changing its Article later must not change what is written.
  const paragraphs = [...article.paragraphs];
  Object.defineProperty(doc, BODY_TEXT, { value: { body, paragraphs } });
  return doc;
}

/**
 * A built document's body as its paragraphs, beside the `body` string they were joined into.
 * Indexing reads the paragraphs (the copy finder's scan) and writes them (the bulk writer)
 * without ever making the joined string: joining, then escaping its newlines, then encoding it
 * cost about a twentieth of Node's time a document.
 */
export interface BodyText {
  /** The document's `body` as built: a body replaced since is not this text. */
  readonly body: string;
  /** A parsed paragraph is one line (one that holds a newline scans as `special`). */
  readonly paragraphs: readonly string[];
  /** What JSON must escape in the paragraphs, once the copy finder has scanned them. */
  json?: JsonText;
}

// Not enumerable, so JSON, spreads and deep equality see the document's fields alone.
const BODY_TEXT = Symbol('bodyText');

/** The paragraphs of a document built by buildDocument whose body is still the one built. */
export function bodyText(doc: unknown): BodyText | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const text = (doc as { [BODY_TEXT]?: BodyText })[BODY_TEXT];
  return text !== undefined && text.body === (doc as { body?: unknown }).body ? text : undefined;
}

/**
 * `paragraphs.join('\n\n')` as a rope: concatenation links the parts where join copies them, and
 * a body that is only written out in its paragraphs is never copied at all.
 */
function joinParagraphs(paragraphs: readonly string[]): string {
  let body = paragraphs[0] ?? '';
  for (let i = 1; i < paragraphs.length; i++) body += '\n\n' + paragraphs[i]!;
  return body;
}

/**
 * The keys among `keys` of the people the title names. A span's key depends on its own text
 * only, so reading the title on its own finds exactly the title's people.
 */
function titleKeysOf(title: string, keys: readonly string[]): string[] {
  const named = new Set(findNames(title).map((span) => span.key));
  return named.size === 0 ? [] : keys.filter((key) => named.has(key));
}

/** Buckets of `sample`: a filter on `sample < k` keeps k/1024 of the articles. */
export const SAMPLE_BUCKETS = 1024;

/**
 * The article's sample bucket: FNV-1a over the id, so any id (a path hash, an NDJSON id) spreads
 * evenly, and the bucket never changes while the id does not.
 */
export function sampleBucket(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h ^ (h >>> 16)) >>> 0) % SAMPLE_BUCKETS;
}

/**
 * A short content hash of an article's source (file bytes or NDJSON line): 160-bit SHA-1 as
 * base64url. Not a security boundary, only change detection, where SHA-1 is plenty and cheap.
 */
export function contentHash(source: Uint8Array | string): string {
  return hash('sha1', source, 'base64url');
}

/** The texts name extraction reads, in document order. */
export function articleTexts(article: Article): string[] {
  return [article.title, ...article.paragraphs, ...article.captions.map((c) => c.text)];
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** cyrb53 (public domain), cut to 48 bits: 12 hex digits, no collision worry below ~10^6 paths. */
function hash48(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hi = (h2 >>> 0) & 0xffff;
  return hi.toString(16).padStart(4, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
