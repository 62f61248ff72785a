import type { ArticleView } from './article.js';
import type { SearchParams } from './params.js';
import type { SearchResults } from './transformResponse.js';

/** What the faces (web, CLI) need from a search backend; the engine one lives in src/engine/. */
export interface SearchService {
  search(params: SearchParams): Promise<SearchResults>;
  /** The article, highlighted for `q` when given; null when there is no such article. */
  getArticle(id: string, q?: string): Promise<ArticleView | null>;
  health(): Promise<HealthReport>;
}

export interface HealthReport {
  ok: boolean;
  engine: 'up' | 'down';
  alias: string;
  alias_present: boolean;
  /** Why not ok, for people reading /healthz. */
  reason?: string;
}

/** The engine cannot be reached or the alias is missing: a 503, worth retrying later. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
  readonly retryAfterSeconds = 10;
}
