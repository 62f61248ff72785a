/**
 * `compute(key)`, remembered in `cache`; the whole memory is dropped when it holds `limit` keys.
 * Articles repeat the same few spellings, so the name code asks the same questions over and
 * over; a bounded map keeps the answers without growing with the corpus.
 */
export function remembered<T>(
  cache: Map<string, T>,
  key: string,
  compute: (key: string) => T,
  limit = 50_000,
): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= limit) cache.clear();
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
