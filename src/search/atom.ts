// Atom 1.0 feeds of a search (RFC 4287): "follow this search" in a feed reader. Pure: the web
// route (web/feed.ts) parses the parameters, runs the search with feedRequestParams and hands the
// hits and its own origin to buildAtomFeed.
//
// A feed follows what is searched and how it is narrowed (the `query` and `filter` rows of the
// parameter table); how a page shows it (page, size, sort, the facet sidebar) is not part of it.
// Its id is a hash of that canonical form, so the same search always has the same feed id.

import { createHash } from 'node:crypto';
import { stripMarks, unescapeHtml } from './escape.js';
import {
  PARAM_TABLE,
  defaultParams,
  paramValue,
  setParamValue,
  serializeParams,
  toQueryString,
  type SearchParams,
} from './params.js';
import type { SearchHit } from './transformResponse.js';

/** Entries in a feed: the newest matches. */
export const FEED_SIZE = 50;

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/**
 * Characters XML 1.0 does not allow (C0 controls but tab, LF and CR; lone surrogates; U+FFFE
 * and U+FFFF), plus DEL and the C1 controls, which it allows but discourages and which no
 * article means to contain. With the `u` flag a lone surrogate is one code point, so it matches.
 */
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Only reached in attributes: kept as references so attribute normalisation leaves them be.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Drops the characters an XML 1.0 document cannot carry (see NOT_XML). */
export function stripNonXml(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text content: forbidden characters dropped, markup characters escaped. */
export function xmlText(text: string): string {
  return stripNonXml(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** An attribute value (written between double quotes): as xmlText, whitespace kept as is. */
export function xmlAttr(text: string): string {
  return stripNonXml(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!);
}

/**
 * The search a feed follows: the query and the filters, list values sorted (selecting AP then
 * AFP is the same search as AFP then AP); everything else at its default.
 */
export function feedSearch(params: SearchParams): SearchParams {
  const out = defaultParams();
  for (const spec of PARAM_TABLE) {
    if (spec.role !== 'query' && spec.role !== 'filter') continue;
    const value = paramValue(params, spec);
    setParamValue(out, spec, Array.isArray(value) ? [...value].sort() : value);
  }
  return out;
}

/** What the feed route asks the engine: the followed search, its newest FEED_SIZE hits. */
export function feedRequestParams(params: SearchParams): SearchParams {
  return { ...feedSearch(params), page: 1, size: FEED_SIZE, sort: 'newest' };
}

/** `/feed.atom?…` for a search, in canonical form (what a results page links to). */
export function feedPath(params: SearchParams): string {
  return '/feed.atom' + toQueryString(feedSearch(params));
}

/** `/search?…` showing what the feed holds, newest first. */
export function feedPagePath(params: SearchParams): string {
  return '/search' + toQueryString({ ...feedSearch(params), sort: 'newest' });
}

/** The feed's id: the same for every page, size and order of one search. */
export function feedId(params: SearchParams): string {
  const canonical = new URLSearchParams(serializeParams(feedSearch(params))).toString();
  const digest = createHash('sha256').update(canonical, 'utf8').digest('hex');
  return `urn:ireum:search:${digest.slice(0, 32)}`;
}

/** An entry's id: one per article, whatever search it shows up in. */
export function entryId(articleId: string): string {
  return `urn:ireum:article:${encodeURIComponent(articleId)}`;
}

/** `2021-03-04` as an RFC 3339 timestamp (midnight UTC), or null when it is no such date. */
export function atomDate(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) {
    return null;
  }
  return `${date}T00:00:00Z`;
}

/** A moment as RFC 3339 in UTC, to the second. */
export function atomTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What the feed is called: `Ireum: “summit” · Agency: AP or AFP · from 2018-01-01`. */
export function feedTitle(params: SearchParams): string {
  const followed = feedSearch(params);
  const parts = [followed.q === '' ? 'all articles' : `“${followed.q}”`];
  for (const spec of PARAM_TABLE) {
    if (spec.type !== 'strings' || spec.role !== 'filter') continue;
    const values = followed.filters[spec.facet];
    if (values.length > 0) parts.push(`${spec.label}: ${values.join(' or ')}`);
  }
  if (followed.from !== null && followed.to !== null) {
    parts.push(`${followed.from} to ${followed.to}`);
  } else if (followed.from !== null) {
    parts.push(`from ${followed.from}`);
  } else if (followed.to !== null) {
    parts.push(`until ${followed.to}`);
  }
  return `Ireum: ${parts.join(' · ')}`;
}

/** The plain text of highlighter snippets: marks dropped, entities decoded, one line. */
export function snippetText(snippets: readonly string[]): string {
  return snippets
    .map((html) =>
      stripNonXml(unescapeHtml(stripMarks(html)))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((text) => text !== '')
    .join(' … ');
}

export interface FeedInput {
  /** The search as parsed from the request (page, size and sort are ignored). */
  params: SearchParams;
  /** The hits of feedRequestParams(params), newest first. */
  hits: readonly SearchHit[];
  /** This site's origin as the request reached it, e.g. `http://127.0.0.1:3000`. */
  base: string;
  /** The feed's `updated` when it has no entries (it has to say something). */
  now: Date;
}

/** The Atom document, UTF-8, every text escaped and stripped of what XML cannot carry. */
export function buildAtomFeed(input: FeedInput): string {
  const { params, base } = input;
  const hits = input.hits.slice(0, FEED_SIZE);
  const fallback = atomTimestamp(input.now);
  const dates = hits.map((hit) => atomDate(hit.date)).filter((d): d is string => d !== null);
  // Same-format UTC timestamps order as strings.
  const updated = dates.length > 0 ? dates.reduce((a, b) => (b > a ? b : a)) : fallback;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}">`,
    `  <id>${xmlText(feedId(params))}</id>`,
    `  <title type="text">${xmlText(feedTitle(params))}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlAttr(base + feedPath(params))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlAttr(base + feedPagePath(params))}"/>`,
    // Entries without an agency inherit this author (RFC 4287 requires one on each entry).
    '  <author><name>Ireum</name></author>',
    '  <generator>Ireum</generator>',
  ];
  // An entry without a usable date (none in a real index) takes the feed's.
  for (const hit of hits) lines.push(...entryLines(hit, base, updated));
  lines.push('</feed>', '');
  return lines.join('\n');
}

function entryLines(hit: SearchHit, base: string, fallback: string): string[] {
  const href = `${base}/article/${encodeURIComponent(hit.id)}`;
  const summary = snippetText(hit.snippets);
  return [
    '  <entry>',
    `    <id>${xmlText(entryId(hit.id))}</id>`,
    `    <title type="text">${xmlText(hit.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlAttr(href)}"/>`,
    `    <updated>${atomDate(hit.date) ?? fallback}</updated>`,
    ...hit.agencies
      .filter((agency) => stripNonXml(agency).trim() !== '')
      .map((agency) => `    <author><name>${xmlText(agency)}</name></author>`),
    ...(summary === '' ? [] : [`    <summary type="text">${xmlText(summary)}</summary>`]),
    '  </entry>',
  ];
}
