/** A person named in an article: one canonical display form plus every spelling seen. */
export interface PersonMention {
  /** Canonical display form, the facet value (e.g. `Kim Jong-un`). */
  name: string;
  /** Canonical key shared by every spelling of this name (e.g. `kim chong on`). */
  key: string;
  /** Spellings as they appeared in the text (e.g. `Kim Jong Un`, `김정은`). */
  variants: string[];
  /** Values of `people_pivot` for this person (see pivot.ts). */
  pivots: string[];
}
