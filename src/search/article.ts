import type { estypes } from '@elastic/elasticsearch';
import type { ArticleDocument } from '../articles/types.js';
import { stripMarks, unescapeHtml } from './escape.js';
import { mergeMarks } from './marks.js';
import { hitHeader, type HitHeader } from './transformResponse.js';

/** One article ready to show: every `*_html` field is escaped text with `<mark>`s. */
export interface ArticleView extends HitHeader {
  paragraphs_html: string[];
  captions: { text: string; html: string; credit: string | null }[];
  credits: string[];
  people: string[];
}

/** API shape of an article: plain text plus the highlighted HTML. */
export type ApiArticle = ArticleView;

/** Article ids are slugs with a hash; anything else cannot name an article. */
export function isArticleId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,120}$/.test(id);
}

export function transformArticle(
  response: estypes.SearchResponse<Partial<ArticleDocument>>,
): ArticleView | null {
  const hit = response.hits.hits[0];
  if (hit === undefined) return null;
  const doc = hit._source ?? {};
  const hl = hit.highlight ?? {};
  const body = doc.body ?? '';
  const bodyHtml = mergeMarks(body, [...(hl['body'] ?? []), ...(hl['body.stemmed'] ?? [])]);
  const captionTexts = doc.captions ?? [];
  const credits = doc.credits ?? [];
  const captionMarks = [...(hl['captions'] ?? []), ...(hl['captions.stemmed'] ?? [])];
  return {
    ...hitHeader(hit),
    // Paragraph breaks survive highlighting (the encoder escapes only markup characters).
    paragraphs_html: bodyHtml.split(/\n{2,}/).filter((p) => p.trim() !== ''),
    captions: captionTexts.map((text, i) => ({
      text,
      // Highlighted captions come back without their index: match them on their text.
      html: mergeMarks(
        text,
        captionMarks.filter((m) => unescapeHtml(stripMarks(m)) === text),
      ),
      // Credits are stored de-duplicated, so they pair with captions only one to one.
      credit: credits.length === captionTexts.length ? (credits[i] ?? null) : null,
    })),
    credits,
    people: doc.people ?? [],
  };
}
