import { escapeHtml, unescapeHtml } from './escape.js';

/**
 * Combines several highlighted versions of one text (e.g. `body` and `body.stemmed`, which
 * mark different words) into one: marks from all of them, the text escaped once. Versions that
 * are not the whole text (fragments) are ignored; with no usable version the text is escaped.
 */
export function mergeMarks(text: string, versions: readonly string[]): string {
  const marked = new Array<boolean>(text.length).fill(false);
  let any = false;
  for (const html of versions) {
    const ranges = markedRanges(html);
    if (ranges === null || ranges.text !== text) continue;
    for (const [start, end] of ranges.marks) {
      for (let i = start; i < end; i++) marked[i] = true;
      any = true;
    }
  }
  if (!any) return escapeHtml(text);
  let out = '';
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    const chunk = escapeHtml(text.slice(i, j));
    out += marked[i] ? `<mark>${chunk}</mark>` : chunk;
    i = j;
  }
  return out;
}

/** The plain text of highlighter HTML and where its marks fall in it. */
export function markedRanges(html: string): { text: string; marks: [number, number][] } | null {
  const parts = html.split(/(<\/?mark>)/);
  let text = '';
  let open = -1;
  const marks: [number, number][] = [];
  for (const part of parts) {
    if (part === '<mark>') {
      if (open !== -1) return null;
      open = text.length;
    } else if (part === '</mark>') {
      if (open === -1) return null;
      marks.push([open, text.length]);
      open = -1;
    } else {
      text += unescapeHtml(part);
    }
  }
  return open === -1 ? { text, marks } : null;
}

export function hasMark(html: string): boolean {
  return html.includes('<mark>');
}

/** Context kept before a snippet's first mark when a long sentence is clipped (at most). */
const LEAD_CHARS = 60;

/**
 * A highlighted sentence no longer than `max` characters of text: a longer one keeps the words
 * around its first mark, with an ellipsis where it was cut. Cuts fall between words and never
 * inside a mark. HTML that is not the highlighter's (unbalanced marks) is returned as it is.
 */
export function clipSnippet(html: string, max: number): string {
  const parsed = markedRanges(html);
  if (parsed === null || parsed.text.length <= max) return html;
  const { text, marks } = parsed;
  const first = marks[0]?.[0] ?? 0;
  const lead = Math.min(LEAD_CHARS, Math.floor(max / 3));
  let start = 0;
  if (first > lead) {
    const space = text.indexOf(' ', first - lead);
    start = space === -1 || space >= first ? first : space + 1;
  }
  let end = Math.max(start + max, marks[0]?.[1] ?? 0);
  if (end >= text.length) {
    end = text.length;
  } else {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
    for (const [a, b] of marks) if (a < end && b > end) end = b;
  }
  let out = start > 0 ? '… ' : '';
  let at = start;
  for (const [a, b] of marks) {
    if (b <= start || a >= end) continue;
    out += escapeHtml(text.slice(at, a)) + `<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  out += escapeHtml(text.slice(at, end));
  return end < text.length ? `${out.trimEnd()} …` : out;
}
