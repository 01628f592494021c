/**
 * The per-group figures of contract §5 from a case's funnel facts: exact counts (including the
 * intersections the conditional rates divide), revenue, a callback-time sketch for p50/p90, and the
 * callback-delay histogram. Counts add, sketches merge, so any set of rollup rows and raw cases can be
 * combined in any order and give the same answer.
 */
import type { DDSketch } from './dd-sketch.ts';
import { funnelRates, type FunnelCounts, type FunnelRates } from './rates.ts';

/** What the metrics read from a case (a missed call that is neither spam nor a repeat dial). */
export interface CaseFacts {
  missedAt: Date;
  firstAttemptAt: Date | null;
  attemptedWithinSla: boolean;
  contactedAt: Date | null;
  bookedAt: Date | null;
  wonAt: Date | null;
  /** Revenue inside the attribution window, currency units. */
  revenue: number;
}

export interface RecoveryCounts extends FunnelCounts {
  won: number;
  revenue: number;
}

export const RATE_NAMES = [
  'attemptRate',
  'slaMetRate',
  'contactRate',
  'bookingRate',
  'revenueRate',
  'recoveryRate',
] as const;
export type RateName = (typeof RATE_NAMES)[number];
export type RateRanks = Record<RateName, number | null>;

/** Callback-delay buckets of the location page: [0, 5m), [5m, 15m), [15m, 1h), [1h, 4h), 4h and more. */
export const CALLBACK_BUCKETS = ['0-5m', '5-15m', '15-60m', '1-4h', '4h+'] as const;
const BUCKET_UPPER_SECONDS = [300, 900, 3600, 14_400];

export function callbackBucketIndex(seconds: number): number {
  let i = 0;
  while (i < BUCKET_UPPER_SECONDS.length && !(seconds < BUCKET_UPPER_SECONDS[i]!)) i++;
  return i;
}

export function emptyCounts(): RecoveryCounts {
  return {
    missed: 0,
    attempted: 0,
    attemptedWithinSla: 0,
    attemptedAndContacted: 0,
    contacted: 0,
    contactedAndBooked: 0,
    booked: 0,
    bookedAndWon: 0,
    won: 0,
    revenue: 0,
  };
}

/** Seconds from the miss to the first callback attempt, or null when there was none. */
export function callbackSecondsOf(c: Pick<CaseFacts, 'missedAt' | 'firstAttemptAt'>): number | null {
  return c.firstAttemptAt ? (c.firstAttemptAt.getTime() - c.missedAt.getTime()) / 1000 : null;
}

export function countCase(into: RecoveryCounts, c: CaseFacts): void {
  const attempted = c.firstAttemptAt !== null;
  const contacted = c.contactedAt !== null;
  const booked = c.bookedAt !== null;
  const won = c.wonAt !== null;
  into.missed += 1;
  if (attempted) into.attempted += 1;
  if (attempted && c.attemptedWithinSla) into.attemptedWithinSla += 1;
  if (attempted && contacted) into.attemptedAndContacted += 1;
  if (contacted) into.contacted += 1;
  if (contacted && booked) into.contactedAndBooked += 1;
  if (booked) into.booked += 1;
  if (booked && won) into.bookedAndWon += 1;
  if (won) into.won += 1;
  into.revenue += c.revenue;
}

export function addCounts(into: RecoveryCounts, other: RecoveryCounts): void {
  // Field by field: this runs for every cell a query merges.
  into.missed += other.missed;
  into.attempted += other.attempted;
  into.attemptedWithinSla += other.attemptedWithinSla;
  into.attemptedAndContacted += other.attemptedAndContacted;
  into.contacted += other.contacted;
  into.contactedAndBooked += other.contactedAndBooked;
  into.booked += other.booked;
  into.bookedAndWon += other.bookedAndWon;
  into.won += other.won;
  into.revenue += other.revenue;
}

/** Money as a JSON number: summed in floating point, answered to the cent. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** One group's public figures (contract §4), without its key and benchmark. */
export interface RecoveryFigures extends FunnelRates {
  missed: number;
  attempted: number;
  attemptedWithinSla: number;
  contacted: number;
  booked: number;
  won: number;
  revenue: number;
  callbackSeconds: { p50: number | null; p90: number | null };
}

/** What percentiles are read from: a DDSketch, or a sum of stored ones (recovery-sketch.ts). */
export type CallbackQuantiles = Pick<DDSketch, 'count' | 'quantileNearestRank'>;

export function recoveryFigures(counts: RecoveryCounts, callbacks: CallbackQuantiles | null): RecoveryFigures {
  const empty = !callbacks || callbacks.count === 0;
  return {
    missed: counts.missed,
    attempted: counts.attempted,
    attemptedWithinSla: counts.attemptedWithinSla,
    contacted: counts.contacted,
    booked: counts.booked,
    won: counts.won,
    revenue: roundMoney(counts.revenue),
    ...funnelRates(counts),
    callbackSeconds: {
      p50: empty ? null : callbacks.quantileNearestRank(50),
      p90: empty ? null : callbacks.quantileNearestRank(90),
    },
  };
}

export function rates(f: FunnelRates): Record<RateName, number | null> {
  return Object.fromEntries(RATE_NAMES.map((name) => [name, f[name]])) as Record<RateName, number | null>;
}

/** How many of ascending `sorted` are below `value` (strictly, or at most `value` with `orEqual`). */
function countBelow(sorted: Float64Array, value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (orEqual ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Percentile ranks (contract §5) of each member's six rates among the members of the same peer group
 * that have a non-null value for that rate; null where the member's own rate is null. The same
 * `100 × (B + 0.5·E) / N` as `percentileRank`, with the peers sorted once (a thousand locations rank
 * in milliseconds instead of a million comparisons per rate).
 */
export function percentileRanks<K>(
  members: ReadonlyArray<{ key: K; peerGroup: string; rates: FunnelRates }>,
): Map<K, RateRanks> {
  const lists = new Map<string, Record<RateName, number[]>>();
  for (const m of members) {
    let values = lists.get(m.peerGroup);
    if (!values) {
      values = Object.fromEntries(RATE_NAMES.map((n) => [n, [] as number[]])) as Record<RateName, number[]>;
      lists.set(m.peerGroup, values);
    }
    for (const name of RATE_NAMES) {
      const v = m.rates[name];
      if (v !== null) values[name].push(v);
    }
  }
  // Typed arrays sort numerically without a comparator call per step.
  const peers = new Map<string, Record<RateName, Float64Array>>();
  for (const [group, values] of lists) {
    const sorted = {} as Record<RateName, Float64Array>;
    for (const name of RATE_NAMES) sorted[name] = Float64Array.from(values[name]).sort();
    peers.set(group, sorted);
  }
  const result = new Map<K, RateRanks>();
  for (const m of members) {
    const values = peers.get(m.peerGroup)!;
    const ranks = {} as RateRanks;
    for (const name of RATE_NAMES) {
      const v = m.rates[name];
      if (v === null) {
        ranks[name] = null;
        continue;
      }
      const sorted = values[name];
      const below = countBelow(sorted, v, false);
      const equal = countBelow(sorted, v, true) - below;
      ranks[name] = (100 * (below + 0.5 * equal)) / sorted.length;
    }
    result.set(m.key, ranks);
  }
  return result;
}

export function nullRanks(): RateRanks {
  return Object.fromEntries(RATE_NAMES.map((n) => [n, null])) as RateRanks;
}
