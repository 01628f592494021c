/**
 * The read path: the cells of `[from, to)` for an account, exact, at O(days × groups) cost.
 *
 * Per zone, the range is cut into the local days it covers whole and the partial edges. Whole days
 * come from rollups, except (a) days with a marked case (a change not folded in yet) and (b)
 * locations whose rollups are missing or were cut in another zone; those, and the edges, are read
 * from raw cases. Everything is read in one repeatable-read snapshot, so a refresh committing
 * half-way can neither double-count nor drop a case.
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { recoveryDirty } from '../store/schema-recovery.ts';
import {
  localDay,
  localDaySpan,
  planRange,
  type RangePlan,
  type Window,
} from '../../../shared/src/recovery-calendar.ts';
import { CellBuilder, type Cell } from './cells.ts';
import { readCases, type CaseFilter, type ZoneSelector } from './case-rows.ts';
import { aggregateDayWindows, type DayWindow } from './day-windows.ts';
import { readRollupCells, readRollupState } from './rollup-store.ts';
import { readRollupTotals } from './rollup-totals.ts';
import { keysByZone, tzOf } from './zones.ts';

export interface CellQuery {
  from: Date;
  to: Date;
  /** Cells per source and category (needed to group or filter by them). */
  dims: boolean;
  filter: CaseFilter;
  /**
   * Whether cells must keep their day (grouping by day, week or month; the location page). Without
   * it whole days are summed per location in SQL.
   */
  perDay?: boolean;
  /** Whether the callback-delay histogram is needed (the location page); rollup reads skip it otherwise. */
  histogram?: boolean;
}

export interface LoadedCells {
  cells: Cell[];
  /** Some of the range was served from raw cases because rollups lag: worth a refresh. */
  lagging: boolean;
}

interface ZonePlan extends RangePlan {
  tz: string;
  keys: string[];
  /** The account's own zone also takes unassigned calls and locations no longer configured. */
  catchAll: boolean;
}

export async function loadCells(ctx: AppContext, account: AccountContext, q: CellQuery): Promise<LoadedCells> {
  const accountId = account.account.id;
  const zones = keysByZone(account);
  const accountTz = account.account.timezone;
  if (!zones.has(accountTz)) zones.set(accountTz, []);
  const plans: ZonePlan[] = [...zones].map(([tz, keys]) => ({
    tz,
    keys,
    catchAll: tz === accountTz,
    ...planRange(q.from, q.to, tz),
  }));
  const catchAll = plans.find((p) => p.catchAll)!;
  const planByKey = new Map<string, ZonePlan>(plans.flatMap((p) => p.keys.map((key) => [key, p] as const)));
  const planFor = (key: string) => planByKey.get(key) ?? catchAll;
  const firstDay = plans.reduce((m, p) => (p.firstDay < m ? p.firstDay : m), '9999-12-31');
  const endDay = plans.reduce((m, p) => (p.endDay > m ? p.endDay : m), '0000-01-01');

  return ctx.database.db.transaction(
    async (tx) => {
      const state = await readRollupState(tx, accountId);
      // Locations without usable rollups are read raw over the whole range.
      const rawKeys = new Set([...zones.values()].flat().filter((key) => state.get(key) !== tzOf(account, key)));
      const marked = await tx
        .selectDistinct({ locationKey: recoveryDirty.locationKey, day: recoveryDirty.day })
        .from(recoveryDirty)
        .where(
          and(eq(recoveryDirty.accountId, accountId), gte(recoveryDirty.day, firstDay), lt(recoveryDirty.day, endDay)),
        );
      const markedPairs = new Set(marked.map((m) => `${m.locationKey}|${m.day}`));

      const cells: Cell[] = [];
      if (q.perDay) {
        const stored = await readRollupCells(tx, accountId, firstDay, endDay, q.dims, q.filter, q.histogram ?? false);
        for (const cell of stored) {
          const plan = planFor(cell.locationKey);
          if (cell.day < plan.firstDay || cell.day >= plan.endDay) continue;
          if (rawKeys.has(cell.locationKey) || markedPairs.has(`${cell.locationKey}|${cell.day}`)) continue;
          cells.push(cell);
        }
      } else {
        const zoneDays = plans.map((p) => ({ tz: p.tz, firstDay: p.firstDay, endDay: p.endDay }));
        cells.push(
          ...(await readRollupTotals(tx, accountId, accountTz, zoneDays, [...rawKeys], marked, q.dims, q.filter)),
        );
      }

      // Raw windows: the edges of each zone and marked days (each inside one local day, so they are
      // aggregated in SQL), and locations without rollups (case by case over the whole range).
      const days: DayWindow[] = [];
      for (const plan of plans) {
        const selector: ZoneSelector = { zone: plan.tz, accountTz, except: [...rawKeys] };
        for (const edge of plan.edges) days.push({ day: localDay(edge.start, plan.tz), window: edge, selector });
      }
      const markedByDay = new Map<string, { day: string; window: Window; selector: { in: string[] } }>();
      for (const m of marked) {
        const plan = planFor(m.locationKey);
        if (rawKeys.has(m.locationKey) || m.day < plan.firstDay || m.day >= plan.endDay) continue;
        const id = `${plan.tz}|${m.day}`;
        const entry = markedByDay.get(id) ?? { day: m.day, window: localDaySpan(m.day, plan.tz), selector: { in: [] } };
        entry.selector.in.push(m.locationKey);
        markedByDay.set(id, entry);
      }
      days.push(...markedByDay.values());
      cells.push(...(await aggregateDayWindows(tx, accountId, days, q.dims, q.filter)));
      if (rawKeys.size) {
        const builder = new CellBuilder((key) => tzOf(account, key), q.dims);
        for (const row of await readCases(
          tx,
          accountId,
          { start: q.from, end: q.to },
          { in: [...rawKeys] },
          q.filter,
        )) {
          builder.add(row);
        }
        cells.push(...builder.result());
      }
      return { cells, lagging: rawKeys.size > 0 || marked.length > 0 };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
