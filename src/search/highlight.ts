import type { estypes } from '@elastic/elasticsearch';

/** The opening shown for a hit with no match in its text (an empty query). */
export const FRAGMENT_SIZE = 160;
export const MAX_SNIPPETS = 3;
/** A snippet is a whole sentence up to this; a longer one is clipped around its marks. */
export const MAX_SNIPPET_CHARS = 240;

// encoder: html makes the engine escape the article text around the marks, so the snippet HTML
// is safe to render unescaped; nothing else in a page is.
function common(): Omit<estypes.SearchHighlight, 'fields'> {
  return {
    type: 'unified',
    encoder: 'html',
    pre_tags: ['<mark>'],
    post_tags: ['</mark>'],
    require_field_match: false,
  };
}

/**
 * Snippet fields, in order of preference. A results page highlights only the stemmed twins:
 * they share the exact fields' tokenizer and have no stop words, so they mark every word the
 * exact field would, plus inflected forms that matched through stemming. Highlighting both
 * twins doubled the cost of a cached search (at 200,000 articles, "Kim Jong Un" 42 -> 22 ms).
 */
export const SNIPPET_FIELDS = ['body.stemmed', 'captions.stemmed'];

/**
 * What the highlighter is given when the query holds phrases on `body`. The engine answers an
 * exact phrase on `body` from its indexed word pairs (index_phrases), and the highlighter cannot
 * find a word pair in the text: the same phrases on `body.stemmed`, whose positions it reads,
 * mark them instead. A query read as written (quotes: no stemmed field) is given its stemmed
 * twins too, for the same reason and because snippets come from the stemmed fields. Null when
 * the query has neither (the query itself serves). Pure.
 */
export function highlightQuery(
  query: estypes.QueryDslQueryContainer,
): estypes.QueryDslQueryContainer | null {
  let changed = false;
  const walk = (node: unknown, underPhrase: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, false));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const twins = k === 'simple_query_string' ? withStemmedTwins(v) : null;
      if (twins !== null) {
        changed = true;
        out[k] = twins;
      } else if (underPhrase && k === 'body') {
        changed = true;
        out['body.stemmed'] = v;
      } else {
        out[k] = walk(v, k === 'match_phrase');
      }
    }
    return out;
  };
  const out = walk(query, false) as estypes.QueryDslQueryContainer;
  return changed ? out : null;
}

const TWINNED = /^(title|body|captions)(\^.*)?$/;

/** A simple_query_string on the texts as written, given their stemmed twins; else null. */
function withStemmedTwins(sqs: unknown): unknown {
  const fields = (sqs as { fields?: unknown }).fields;
  if (!Array.isArray(fields) || fields.some((f) => String(f).includes('.stemmed'))) return null;
  const twins = fields.flatMap((f) => {
    const m = TWINNED.exec(String(f));
    return m === null ? [] : [`${m[1]}.stemmed${m[2] ?? ''}`];
  });
  return twins.length === 0 ? null : { ...(sqs as object), fields: [...fields, ...twins] };
}

/**
 * Highlighting for a results page: the whole title, up to three sentence-sized fragments.
 * `query` is what to highlight with; `ownQuery` says it is not the search's own query (a name
 * search highlights with the names' spellings only), so it is sent even where it needs no
 * rewriting.
 */
export function resultsHighlight(
  query?: estypes.QueryDslQueryContainer,
  ownQuery = false,
): estypes.SearchHighlight {
  // fragment_size 0: each fragment is one whole sentence. Bounding sentences to a size made the
  // engine re-scan words around every match (at a million articles, 10 hits of `said` took 38 ms
  // to highlight, 10 ms unbounded); long sentences are clipped here instead (marks.ts).
  const fragments = { fragment_size: 0, number_of_fragments: MAX_SNIPPETS };
  const rewritten = query === undefined ? null : highlightQuery(query);
  const phrases = rewritten ?? (ownQuery && query !== undefined ? query : null);
  return {
    ...common(),
    ...(phrases !== null ? { highlight_query: phrases } : {}),
    fields: {
      title: { number_of_fragments: 0 },
      'title.stemmed': { number_of_fragments: 0 },
      // With no match (an empty query), the opening of the body stands in as the snippet.
      'body.stemmed': { ...fragments, no_match_size: FRAGMENT_SIZE },
      'captions.stemmed': fragments,
    },
  };
}

/** Highlighting for one whole article: every field in full, marks where the query matched. */
export function articleHighlight(query: estypes.QueryDslQueryContainer): estypes.SearchHighlight {
  const whole = { number_of_fragments: 0 };
  return {
    ...common(),
    highlight_query: highlightQuery(query) ?? query,
    fields: {
      title: whole,
      'title.stemmed': whole,
      body: whole,
      'body.stemmed': whole,
      captions: whole,
      'captions.stemmed': whole,
    },
  };
}
