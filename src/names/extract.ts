import type { PersonMention } from '../articles/types.js';

/**
 * Finds the people named in an article's texts (title, body paragraphs, captions).
 * Placeholder until the names module lands: returns no one.
 */
export function extractPeople(_texts: readonly string[]): PersonMention[] {
  return [];
}
