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
  /**
   * Health of the alias's indices: `yellow` means some replica is unassigned (a node is gone)
   * while every shard still answers; `red` means some data cannot be searched.
   */
  cluster?: 'green' | 'yellow' | 'red';
  /** True when searches work but the cluster has lost redundancy (yellow). */
  degraded?: boolean;
  /** Why not ok, for people reading /healthz. */
  reason?: string;
}

/** The engine cannot be reached or the alias is missing: a 503, worth retrying later. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
  readonly retryAfterSeconds = 10;
}
