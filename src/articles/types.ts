/** An article as parsed from one file: the seed layout's parts, nothing inferred yet. */
export interface Article {
  /** Path relative to the source folder, with forward slashes (e.g. `2021/kim-vows.txt`). */
  path: string;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  title: string;
  /** Agencies from the byline: `AP and AFP, PANMUNJOM` -> ['AP', 'AFP']. */
  agencies: string[];
  /** Dateline from the byline, upper-case as written (`SEOUL`), or null when none is given. */
  dateline: string | null;
  /** Body paragraphs in order, captions excluded. */
  paragraphs: string[];
  /** Photo captions, each with the credit kept apart. */
  captions: Caption[];
}

export interface Caption {
  /** Caption text without the trailing `Photo: ...` credit. */
  text: string;
  /** Credit after `Photo:` (e.g. `AFP / KCNA VIA KNS`). */
  credit: string;
}

/**
 * The document Ireum stores in the engine. Field names are a public interface
 * (documented in the README); change them only with a mapping version bump.
 */
export interface ArticleDocument {
  path: string;
  date: string;
  year: number;
  title: string;
  agencies: string[];
  dateline: string | null;
  body: string;
  captions: string[];
  credits: string[];
  /** Canonical display names (facet values). */
  people: string[];
  /** Canonical keys, one per person, for exact name filtering. */
  people_keys: string[];
  /** The `people_keys` of the people the title names: a cheap title boost for name searches. */
  title_people_keys: string[];
  /** Every spelling seen, searchable through the name analyzers. */
  names: string[];
  /** One `^ S G1 G2 $` value per spelling of each person (see names/pivot.ts). */
  people_pivot: string[];
  /** Every Hangul reading of each pivot (`김 정 은`, `! 김 정 은` when usual): matched by term. */
  people_readings: string[];
  /** `key|spelling` for each spelling of each person: what the people index counts. */
  people_spellings: string[];
  /**
   * Content hash of the source bytes (the file, or the NDJSON line): `ireum index` compares it
   * with the source to send only what changed.
   */
  hash: string;
  /**
   * The wire-copy cluster: the id of the first article of the same story (another agency's
   * copy, a sentence added or cut, a lead rewritten) dated within three days; its own id when it
   * is nobody's copy. Assigned at indexing (indexing/clustering.ts).
   */
  cluster: string;
  /**
   * 0-1023, from a hash of the id: a fixed random slice of the index. Facets of a broad search
   * over a large index count one slice and scale up (search/sampling.ts), shown as approximate.
   */
  sample: number;
}
