/**
 * The operator dashboard on the app home page: every location's recovery funnel for the period, its
 * percentile ranks within the account, and a laggard flag (laggards.ts). Filters by source and
 * vertical pass through to `recoveryGroups`; the lists of values to filter by come along.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { missedCalls } from '../store/schema.ts';
import type { RecoveryFunctions, RecoveryGroup } from './recovery-port.ts';
import { laggardVerdicts, BOTTOM_PERCENTILE, MEDIAN_MARGIN, MIN_CASES } from './laggards.ts';

const MAX_FILTER_VALUES = 100;

export interface DashboardQuery {
  from?: string;
  to?: string;
  source?: string;
  vertical?: string;
}

export async function dashboard(ctx: AppContext, recovery: RecoveryFunctions, accountId: string, q: DashboardQuery) {
  const account = await ctx.accounts.get(accountId);
  const query: Record<string, unknown> = { groupBy: 'location', benchmark: 'account' };
  for (const k of ['from', 'to', 'source', 'vertical'] as const) if (q[k]) query[k] = q[k];
  const [{ groups }, sources] = await Promise.all([
    recovery.recoveryGroups(ctx, accountId, query),
    ctx.database.db
      .selectDistinct({ source: missedCalls.source })
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, accountId), isNotNull(missedCalls.source)))
      .limit(MAX_FILTER_VALUES),
  ]);
  // Unassigned calls (key null) belong to no location: they are not ranked or listed here.
  const located = groups.filter((g): g is RecoveryGroup & { key: string } => g.key !== null);
  const { median, verdicts } = laggardVerdicts(located.map((g) => ({ key: g.key, missed: g.missed, recoveryRate: g.recoveryRate })));
  const verticals = new Set<string>();
  for (const l of account?.locations.values() ?? []) if (l.row.vertical) verticals.add(l.row.vertical);
  return {
    currency: account?.account.currency ?? 'USD',
    median: { recoveryRate: median },
    laggardRule: { minCases: MIN_CASES, bottomPercentile: BOTTOM_PERCENTILE, medianMargin: MEDIAN_MARGIN },
    locations: located.map((g) => {
      const loc = account?.locations.get(g.key);
      const verdict = verdicts.get(g.key)!;
      return {
        id: g.key,
        name: loc?.row.name ?? g.key,
        vertical: loc?.row.vertical ?? null,
        missed: g.missed,
        attempted: g.attempted,
        contacted: g.contacted,
        booked: g.booked,
        revenue: g.revenue,
        recoveryRate: g.recoveryRate,
        slaMetRate: g.slaMetRate,
        callbackSeconds: g.callbackSeconds,
        percentile: g.benchmark?.recoveryRate ?? verdict.percentile,
        laggard: verdict.laggard,
        laggardReason: verdict.reason,
      };
    }),
    filters: {
      sources: sources.map((s) => s.source).filter((s): s is string => s !== null).sort(),
      verticals: [...verticals].sort(),
    },
  };
}
