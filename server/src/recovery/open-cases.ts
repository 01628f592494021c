/**
 * What is still on the table at a location: open high-intent cases (a new lead, or urgent) nobody
 * has reached yet and that are not lost, most valuable first, and the revenue they put at risk.
 *
 * Revenue at risk is a range: for each open case, the 25th and 75th percentile (nearest rank) of the
 * revenue that past cases of the location brought when their callback came after the same delay
 * (0-5m, 5-15m, 15-60m, 1-4h, 4h+; never called back counts as 4h+). An open case not called back
 * yet is placed by the time it has waited so far: its callback can only come later than that. History
 * is the location's cases of the 180 days before `asOf` old enough to have earned their revenue (the
 * revenue attribution window); a delay bucket the location has no history for uses the account's.
 */
import { and, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { missedCalls, type MissedCallRow } from '../store/schema.ts';
import { callbackBucketIndex, CALLBACK_BUCKETS, roundMoney } from '../../../shared/src/recovery-metrics.ts';
import { realCases } from './case-rows.ts';

const HISTORY_MS = 180 * 86_400_000;

/** High intent: a new lead, or an urgent call whatever its intent. */
export const highIntent: SQL = or(eq(missedCalls.intent, 'new_lead'), eq(missedCalls.urgency, 'high'))!;

/** Open: nobody reached yet (funnel status open or attempted) and not listed as lost. */
export function openCases(now: Date): SQL {
  return and(inArray(missedCalls.status, ['open', 'attempted']), gt(missedCalls.lostAt, now))!;
}

export async function openHighIntentCases(
  ctx: AppContext,
  accountId: string,
  locationId: string,
  range: { from: Date; to: Date },
  now: Date,
): Promise<MissedCallRow[]> {
  return ctx.database.db
    .select()
    .from(missedCalls)
    .where(
      and(
        realCases(accountId),
        eq(missedCalls.locationId, locationId),
        gte(missedCalls.missedAt, range.from),
        lt(missedCalls.missedAt, range.to),
        openCases(now),
        highIntent,
      ),
    )
    .orderBy(sql`${missedCalls.priorityScore} desc nulls last`, desc(missedCalls.missedAt), desc(missedCalls.id));
}

/** The delay bucket an open case is in now (its callback, or the wait so far). */
export function openCaseBucket(c: Pick<MissedCallRow, 'missedAt' | 'firstAttemptAt'>, now: Date): number {
  const end = c.firstAttemptAt ?? now;
  return callbackBucketIndex(Math.max(0, (end.getTime() - c.missedAt.getTime()) / 1000));
}

const bucketExpr = sql<number>`case
  when ${missedCalls.firstAttemptAt} is null then 4
  when extract(epoch from ${missedCalls.firstAttemptAt} - ${missedCalls.missedAt}) < 300 then 0
  when extract(epoch from ${missedCalls.firstAttemptAt} - ${missedCalls.missedAt}) < 900 then 1
  when extract(epoch from ${missedCalls.firstAttemptAt} - ${missedCalls.missedAt}) < 3600 then 2
  when extract(epoch from ${missedCalls.firstAttemptAt} - ${missedCalls.missedAt}) < 14400 then 3
  else 4 end`;

type Quartiles = Map<number, { p25: number; p75: number }>;

async function revenueQuartiles(
  ctx: AppContext,
  accountId: string,
  locationId: string | null,
  window: { start: Date; end: Date },
): Promise<Quartiles> {
  const rows = await ctx.database.db
    .select({
      bucket: sql<number>`(${bucketExpr})::int`.as('bucket'),
      p25: sql<number>`percentile_disc(0.25) within group (order by ${missedCalls.revenue})`,
      p75: sql<number>`percentile_disc(0.75) within group (order by ${missedCalls.revenue})`,
    })
    .from(missedCalls)
    .where(
      and(
        realCases(accountId),
        locationId === null ? undefined : eq(missedCalls.locationId, locationId),
        gte(missedCalls.missedAt, window.start),
        lt(missedCalls.missedAt, window.end),
      ),
    )
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [Number(r.bucket), { p25: Number(r.p25), p75: Number(r.p75) }]));
}

export interface RevenueAtRisk {
  low: number;
  high: number;
  currency: string;
  /** Open cases per delay bucket, as used for the range. */
  byBucket: Array<{ bucket: string; cases: number }>;
}

export async function revenueAtRisk(
  ctx: AppContext,
  account: AccountContext,
  locationId: string,
  open: MissedCallRow[],
  asOf: Date,
  now: Date,
): Promise<RevenueAtRisk> {
  const currency = account.account.currency;
  const counts = CALLBACK_BUCKETS.map(() => 0);
  for (const c of open) counts[openCaseBucket(c, now)]! += 1;
  const byBucket = CALLBACK_BUCKETS.map((bucket, i) => ({ bucket, cases: counts[i]! }));
  if (open.length === 0) return { low: 0, high: 0, currency, byBucket };
  const policy = account.locations.get(locationId)?.policy ?? account.policy;
  const end = new Date(asOf.getTime() - policy.attributionWindow.revenueMs);
  const window = { start: new Date(end.getTime() - HISTORY_MS), end };
  const local = await revenueQuartiles(ctx, account.account.id, locationId, window);
  const needed = counts.some((n, i) => n > 0 && !local.has(i));
  const wide = needed ? await revenueQuartiles(ctx, account.account.id, null, window) : (new Map() as Quartiles);
  let low = 0;
  let high = 0;
  counts.forEach((n, i) => {
    const q = local.get(i) ?? wide.get(i);
    if (!q || n === 0) return;
    low += n * q.p25;
    high += n * q.p75;
  });
  return { low: roundMoney(low), high: roundMoney(high), currency, byBucket };
}
