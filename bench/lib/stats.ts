/** Small statistics for the bench: nearest-rank percentiles (as contract §5 defines them) and medians. */
import { nearestRank } from '@ringback/shared';

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Latencies in ms; an empty list summarises to NaN (a row with no samples must not look fast). */
export function summarise(latenciesMs: readonly number[]): LatencySummary {
  if (latenciesMs.length === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  let sum = 0;
  let max = -Infinity;
  for (const v of latenciesMs) {
    sum += v;
    if (v > max) max = v;
  }
  return {
    count: latenciesMs.length,
    p50: nearestRank(latenciesMs, 50)!,
    p90: nearestRank(latenciesMs, 90)!,
    p99: nearestRank(latenciesMs, 99)!,
    max,
    mean: sum / latenciesMs.length,
  };
}

export function median(values: readonly number[]): number {
  return nearestRank(values, 50) ?? NaN;
}

/** Rounds to `digits` significant digits for the table and results file (raw figures are noisy anyway). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}
