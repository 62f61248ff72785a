// The guard against losing an archive by a typo: a run that would leave the alias serving
// nothing, or less than half of what it serves now, stops unless the user said it may. Pure.

export interface ShrinkCheck {
  /** Documents the alias serves now (0 when there is no alias yet). */
  before: number;
  /** Documents it would serve after the run. */
  after: number;
  allowShrink: boolean;
}

/** Why the run must not go on, or null when it may. */
export function shrinkRefusal({ before, after, allowShrink }: ShrinkCheck): string | null {
  if (allowShrink) return null;
  if (after === 0) {
    return before === 0
      ? 'the new index would hold 0 documents (nothing to serve); check --source, or pass --allow-shrink'
      : `the alias would go from ${before} documents to 0; check --source, or pass --allow-shrink`;
  }
  if (after * 2 < before) {
    return (
      `the alias would go from ${before} documents to ${after}, fewer than half; ` +
      `check --source, or pass --allow-shrink`
    );
  }
  return null;
}
