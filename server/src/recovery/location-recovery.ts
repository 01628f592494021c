/**
 * `locationRecovery`: one location's page — its figures with percentile ranks (against the account's
 * locations and against its vertical), the previous period of equal length and the trend, a daily
 * series for charts, the callback-delay histogram, open high-intent cases by priority and the revenue
 * they put at risk.
 */
import type { AppContext } from '../app-context.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { missedCallView } from '../api/missed-call-view.ts';
import {
  CALLBACK_BUCKETS,
  emptyCounts,
  nullRanks,
  RATE_NAMES,
  recoveryFigures,
  type RateName,
  type RateRanks,
  type RecoveryFigures,
} from '../../../shared/src/recovery-metrics.ts';
import { daysOverlapping } from '../../../shared/src/recovery-calendar.ts';
import type { FunnelRates } from '@ringback/shared';
import { mergeBy, locationRanks, type RecoveryGroup } from './groups.ts';
import { parsePeriod } from './query.ts';
import { accountOrNotFound, cellsFor } from './recovery-groups.ts';
import { openHighIntentCases, revenueAtRisk, type RevenueAtRisk } from './open-cases.ts';
import { priorityFactorsFor } from './priority.ts';
import { emptyMerged, figuresOf, mergeInto, type Cell, type Merged } from './cells.ts';

/** How many open cases the page lists (the count covers them all). */
const OPEN_CASES_LISTED = 50;

export interface LocationSummary extends RecoveryGroup {
  benchmark: RateRanks;
  verticalBenchmark: RateRanks;
}

export type DailyPoint = Omit<RecoveryFigures, 'callbackSeconds'> & { date: string };

export interface LocationRecovery {
  locationId: string;
  name: string;
  vertical: string | null;
  timezone: string;
  currency: string;
  from: string;
  to: string;
  summary: LocationSummary;
  previous: LocationSummary | null;
  /** Current − previous for each rate; null when either is null or there is no previous period. */
  trend: Record<RateName, number | null>;
  daily: DailyPoint[];
  callbackHistogram: Array<{ bucket: string; count: number }>;
  openHighIntent: { count: number; cases: Array<ReturnType<typeof missedCallView>> };
  /** Range of revenue the open high-intent cases put at risk (open-cases.ts), with the cases per delay bucket. */
  revenueAtRisk: RevenueAtRisk;
}

function summaryOf(
  locationId: string,
  cell: Merged | undefined,
  ranks: Map<string, RateRanks>,
  verticalRanks: Map<string, RateRanks>,
): LocationSummary {
  return {
    key: locationId,
    ...figuresOf(cell),
    benchmark: ranks.get(locationId) ?? nullRanks(),
    verticalBenchmark: verticalRanks.get(locationId) ?? nullRanks(),
  };
}

function trendOf(current: FunnelRates, previous: FunnelRates | null): Record<RateName, number | null> {
  return Object.fromEntries(
    RATE_NAMES.map((name) => {
      const a = current[name];
      const b = previous?.[name] ?? null;
      return [name, a === null || b === null ? null : a - b];
    }),
  ) as Record<RateName, number | null>;
}

export async function locationRecovery(
  ctx: AppContext,
  accountId: string,
  locationId: string,
  query: Record<string, unknown>,
): Promise<LocationRecovery> {
  const account = await accountOrNotFound(ctx, accountId);
  const location = account.locations.get(locationId);
  if (!location) throw new NonRetryableError('not_found', `no location ${locationId} in account ${accountId}`, 404);
  const now = ctx.clock();
  const { from, to } = parsePeriod(query, now);
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const filter = {};
  const [current, previous] = await Promise.all([
    cellsFor(ctx, account, { from, to, dims: false, filter, perDay: true, histogram: true }),
    cellsFor(ctx, account, { from: previousFrom, to: from, dims: false, filter }),
  ]);

  const side = (cells: Cell[]) => {
    // Every location ranks (counts only); only this one's percentiles are read.
    const byLocation = mergeBy(
      cells,
      (c) => c.locationKey,
      (key) => key === locationId,
    );
    const cell = byLocation.get(locationId);
    return {
      cell,
      summary: summaryOf(
        locationId,
        cell,
        locationRanks(account, byLocation, 'account'),
        locationRanks(account, byLocation, 'vertical'),
      ),
    };
  };
  const currentSide = side(current.cells);
  const previousSide = side(previous.cells);
  const previousSummary = previousSide.cell && previousSide.cell.counts.missed > 0 ? previousSide.summary : null;

  const own = current.cells.filter((c) => c.locationKey === locationId);
  const byDay = mergeBy(own, (c) => c.day);
  const daily = daysOverlapping(from, to, location.info.timezone).map((date): DailyPoint => {
    const { callbackSeconds: _omit, ...figures } = recoveryFigures(byDay.get(date)?.counts ?? emptyCounts(), null);
    return { date, ...figures };
  });
  const histogram = emptyMerged();
  for (const c of own) mergeInto(histogram, c);

  const open = await openHighIntentCases(ctx, accountId, locationId, { from, to }, now);
  const listed = open.slice(0, OPEN_CASES_LISTED);
  const factors = await priorityFactorsFor(
    ctx.database.db,
    listed.map((c) => c.id),
  );
  const risk = await revenueAtRisk(ctx, account, locationId, open, to.getTime() < now.getTime() ? to : now, now);

  return {
    locationId,
    name: location.info.name,
    vertical: location.info.vertical,
    timezone: location.info.timezone,
    currency: account.account.currency,
    from: from.toISOString(),
    to: to.toISOString(),
    summary: currentSide.summary,
    previous: previousSummary,
    trend: trendOf(currentSide.summary, previousSummary),
    daily,
    callbackHistogram: CALLBACK_BUCKETS.map((bucket, i) => ({ bucket, count: histogram.callbackBuckets[i] ?? 0 })),
    openHighIntent: {
      count: open.length,
      cases: listed.map((row) => missedCallView(row, now, factors.get(row.id) ?? [])),
    },
    revenueAtRisk: risk,
  };
}
