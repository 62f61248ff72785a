import type { estypes } from '@elastic/elasticsearch';
import { hasOperators } from './textQuery.js';

/** Fewer hits than this and a spelling suggestion is offered. */
export const SUGGEST_BELOW = 5;

/**
 * A phrase suggester over the body: it corrects every word at once ("misile tets" ->
 * "missile tests"). Queries with operators are left alone: the suggester would drop them and
 * offer a query that means something else.
 */
// The direct generator builds a Levenshtein automaton per word; engines refuse very long words
// ("Term too complex"), and nobody misspells a 300-letter word, so long input gets no suggestion.
export const SUGGEST_MAX_WORD = 40;
export const SUGGEST_MAX_WORDS = 12;

export function suggester(q: string): estypes.SearchSuggester | null {
  if (q === '' || hasOperators(q)) return null;
  const words = q.split(/\s+/).filter((w) => w !== '');
  if (words.length > SUGGEST_MAX_WORDS || words.some((w) => [...w].length > SUGGEST_MAX_WORD)) {
    return null;
  }
  return {
    text: q,
    did_you_mean: {
      phrase: {
        field: 'body',
        size: SUGGEST_CANDIDATES,
        max_errors: 2,
        direct_generator: [{ field: 'body', suggest_mode: 'missing' }],
        // Only corrections that find articles are offered (every word of one, in one article):
        // without this, `zzqqxx blorf` came back as `zzqqxx bloc`, which finds nothing either.
        collate: { query: { source: COLLATE_QUERY }, prune: false },
      },
    },
  };
}

/** Candidates asked for: the best one that survives the collate check is shown. */
export const SUGGEST_CANDIDATES = 3;

/** A mustache template the engine fills with each candidate; suggestions are index terms. */
export const COLLATE_QUERY = JSON.stringify({
  match: { body: { query: '{{suggestion}}', operator: 'and' } },
});

/** Whether a search with this many hits asks for a spelling suggestion. */
export function needsSuggestion(total: number): boolean {
  return total < SUGGEST_BELOW;
}

/** The suggestion worth showing, if any: only with few hits, and only if it differs. */
export function parseSuggestion(q: string, total: number, suggest: unknown): string | null {
  if (!needsSuggestion(total)) return null;
  const entries = (suggest as Record<string, { options?: { text?: unknown }[] }[]> | undefined)?.[
    'did_you_mean'
  ];
  const text = entries?.[0]?.options?.[0]?.text;
  if (typeof text !== 'string' || text === '') return null;
  return text.toLowerCase() === q.toLowerCase() ? null : text;
}
