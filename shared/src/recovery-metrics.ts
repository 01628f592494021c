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
  const i = BUCKET_UPPER_SECONDS.findIndex((upper) => seconds < upper);
  return i === -1 ? BUCKET_UPPER_SECONDS.length : i;
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
  for (const key of Object.keys(into) as Array<keyof RecoveryCounts>) into[key] += other[key];
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

export function recoveryFigures(counts: RecoveryCounts, callbacks: DDSketch | null): RecoveryFigures {
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

/** B (peers strictly below) and E (equal) for `value` in ascending `sorted`, by binary search. */
function belowAndEqual(sorted: readonly number[], value: number): { below: number; equal: number } {
  const bound = (strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid]! < value : sorted[mid]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const below = bound(true);
  return { below, equal: bound(false) - below };
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
  const peers = new Map<string, Record<RateName, number[]>>();
  for (const m of members) {
    let values = peers.get(m.peerGroup);
    if (!values) {
      values = Object.fromEntries(RATE_NAMES.map((n) => [n, [] as number[]])) as Record<RateName, number[]>;
      peers.set(m.peerGroup, values);
    }
    for (const name of RATE_NAMES) {
      const v = m.rates[name];
      if (v !== null) values[name].push(v);
    }
  }
  for (const values of peers.values()) for (const name of RATE_NAMES) values[name].sort((a, b) => a - b);
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
      const { below, equal } = belowAndEqual(values[name], v);
      ranks[name] = (100 * (below + 0.5 * equal)) / values[name].length;
    }
    result.set(m.key, ranks);
  }
  return result;
}

export function nullRanks(): RateRanks {
  return Object.fromEntries(RATE_NAMES.map((n) => [n, null])) as RateRanks;
}
