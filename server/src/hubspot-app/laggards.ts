/**
 * Which locations the operator dashboard flags as laggards. A location is ranked only with enough
 * cases for its rate to mean something (`MIN_CASES`), and is a laggard when its recovery rate is
 * either in the bottom quartile of the account's ranked locations (percentile rank ≤ 25, contract §5
 * definition of rank) or more than `MEDIAN_MARGIN` (10 percentage points) below the account median.
 * The first catches the tail of a large operator; the second catches a clearly weak location in a
 * small one, where a quartile is one or two places.
 */
export const MIN_CASES = 5;
export const BOTTOM_PERCENTILE = 25;
export const MEDIAN_MARGIN = 0.1;

export interface RankInput {
  key: string;
  missed: number;
  recoveryRate: number | null;
}

export interface LaggardVerdict {
  laggard: boolean;
  /** Percentile rank of the recovery rate among ranked locations, null when not ranked. */
  percentile: number | null;
  reason: 'bottom_quartile' | 'below_median' | null;
}

export function laggardVerdicts(rows: RankInput[]): { median: number | null; verdicts: Map<string, LaggardVerdict> } {
  const ranked = rows.filter((r): r is RankInput & { recoveryRate: number } => r.missed >= MIN_CASES && r.recoveryRate !== null);
  const values = ranked.map((r) => r.recoveryRate).sort((a, b) => a - b);
  const median = values.length === 0 ? null : medianOf(values);
  const verdicts = new Map<string, LaggardVerdict>();
  for (const r of rows) verdicts.set(r.key, { laggard: false, percentile: null, reason: null });
  for (const r of ranked) {
    const below = values.filter((v) => v < r.recoveryRate).length;
    const equal = values.filter((v) => v === r.recoveryRate).length;
    const percentile = (100 * (below + 0.5 * equal)) / values.length;
    // A lone location, or a tie across all, is no laggard of its own account.
    const spread = values.length > 1 && values[0] !== values.at(-1);
    const reason =
      spread && percentile <= BOTTOM_PERCENTILE
        ? 'bottom_quartile'
        : median !== null && r.recoveryRate < median - MEDIAN_MARGIN
          ? 'below_median'
          : null;
    verdicts.set(r.key, { laggard: reason !== null, percentile, reason });
  }
  return { median, verdicts };
}

function medianOf(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
