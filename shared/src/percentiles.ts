/**
 * The exact statistics of contract §5: nearest-rank percentiles (callback times) and the percentile
 * rank used to benchmark a location against its peers.
 */

/** The 1-based nearest rank ⌈p·n/100⌉ for `n` values, at least 1. Shared with the sketch. */
export function nearestRankIndex(n: number, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  return Math.max(1, Math.ceil((p * n) / 100));
}

/**
 * The value at 1-based rank ⌈p·n/100⌉ of the values in ascending order (p0 gives the minimum); null
 * for an empty list. The input may be unsorted and is not modified.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  const rank = nearestRankIndex(values.length, p);
  if (values.length === 0) return null;
  if (values.some((v) => Number.isNaN(v))) throw new RangeError('percentile of a list containing NaN');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[rank - 1] ?? null;
}

/**
 * `100 × (B + 0.5·E) / N`: B peers strictly below `value`, E equal to it, N peers in all. The peers
 * include the location itself (so E ≥ 1 for a real member); values are compared exactly, unrounded,
 * and the result is not rounded either.
 */
export function percentileRank(value: number, peers: readonly number[]): number {
  if (peers.length === 0) throw new RangeError('percentile rank needs at least one peer (the location itself)');
  let below = 0;
  let equal = 0;
  for (const peer of peers) {
    if (peer < value) below++;
    else if (peer === value) equal++;
  }
  return (100 * (below + 0.5 * equal)) / peers.length;
}
