/**
 * The read path: the cells of `[from, to)` for an account, exact, at O(locations × log days) cost.
 *
 * Per zone, the range is cut into the local days it covers whole and the partial edges. Whole days
 * come from rollups — summed from dyadic spans (spans.ts) when days need not be kept, else daily
 * rows — and the edges from the digests of their days' rows (day-digest.ts), except (a) days with
 * a marked case (a change not folded in yet) and (b) locations whose rollups are missing, in an
 * older layout or cut in another zone: those are read from raw cases. With sources and categories,
 * edges are read raw too (digests do not keep them). Everything is read in one repeatable-read
 * snapshot, so a refresh committing half-way can neither double-count nor drop a case.
 */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { recoveryDirty } from '../store/schema-recovery.ts';
import type { Db } from '../store/database.ts';
import {
  localDay,
  localDaySpan,
  planRange,
  startOfLocalDay,
  type RangePlan,
  type Window,
} from '../../../shared/src/recovery-calendar.ts';
import { CellBuilder, type Cell } from './cells.ts';
import { readCases, type CaseFilter, type ZoneSelector } from './case-rows.ts';
import { aggregateDayWindows, type DayWindow } from './day-windows.ts';
import { cellFromDigest } from './day-digest.ts';
import { readDigests, readRollupCells, readRollupState } from './rollup-store.ts';
import { readRollupTotals } from './rollup-totals.ts';
import { readSpanTotals, type SpanTerm } from './span-store.ts';
import { decomposeAround } from './spans.ts';
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
  // Marks on any day the range touches in some zone: whole days and the days edges cut.
  const firstTouched = plans.reduce((m, p) => minDay(m, localDay(q.from, p.tz)), '9999-12-31');
  const lastTouched = plans.reduce((m, p) => maxDay(m, localDay(q.to, p.tz)), '0000-01-01');

  return ctx.database.db.transaction(
    async (tx) => {
      // Every statement here is a few milliseconds of index reads; compiling one would take longer.
      await tx.execute(sql`set local jit = off`);
      const state = await readRollupState(tx, accountId);
      // Locations without usable rollups are read raw over the whole range.
      const rawKeys = new Set([...zones.values()].flat().filter((key) => state.get(key) !== tzOf(account, key)));
      const marked = await tx
        .selectDistinct({ locationKey: recoveryDirty.locationKey, day: recoveryDirty.day })
        .from(recoveryDirty)
        .where(
          and(
            eq(recoveryDirty.accountId, accountId),
            gte(recoveryDirty.day, firstTouched),
            lte(recoveryDirty.day, lastTouched),
          ),
        );
      const markedPairs = new Set(marked.map((m) => `${m.locationKey}|${m.day}`));
      const wholeMarked = marked.filter((m) => {
        const plan = planFor(m.locationKey);
        return !rawKeys.has(m.locationKey) && m.day >= plan.firstDay && m.day < plan.endDay;
      });

      const cells: Cell[] = [];
      if (q.perDay) {
        const stored = await readRollupCells(tx, accountId, firstDay, endDay, q.dims, q.filter, q.histogram ?? false);
        for (const cell of stored) {
          const plan = planFor(cell.locationKey);
          if (cell.day < plan.firstDay || cell.day >= plan.endDay) continue;
          if (rawKeys.has(cell.locationKey) || markedPairs.has(`${cell.locationKey}|${cell.day}`)) continue;
          cells.push(cell);
        }
      } else if (q.dims) {
        const zoneDays = plans.map((p) => ({ tz: p.tz, firstDay: p.firstDay, endDay: p.endDay }));
        cells.push(
          ...(await readRollupTotals(tx, accountId, accountTz, zoneDays, [...rawKeys], wholeMarked, q.dims, q.filter)),
        );
      } else {
        cells.push(...(await readSpanTotals(tx, accountId, spanTerms(plans, rawKeys, wholeMarked, planFor))));
      }

      // Raw windows: marked whole days (each inside one local day, so aggregated in SQL), edges that
      // digests cannot serve, and locations without rollups (case by case over the whole range).
      const days: DayWindow[] = [];
      if (q.dims) {
        // Digests do not keep sources and categories: edges come from raw cases.
        for (const plan of plans) {
          const selector: ZoneSelector = { zone: plan.tz, accountTz, except: [...rawKeys] };
          for (const edge of plan.edges) days.push({ day: localDay(edge.start, plan.tz), window: edge, selector });
        }
      } else {
        const edges = await edgeCells(tx, accountId, plans, rawKeys, markedPairs);
        cells.push(...edges.cells);
        days.push(...edges.raw);
      }
      const markedByDay = new Map<string, { day: string; window: Window; selector: { in: string[] } }>();
      for (const m of wholeMarked) {
        const plan = planFor(m.locationKey);
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

/** Local midnights, remembered: luxon takes tens of microseconds per zone conversion. */
const dayStarts = new Map<string, number>();
function dayStartMs(day: string, tz: string): number {
  const id = `${tz}|${day}`;
  let start = dayStarts.get(id);
  if (start === undefined) {
    if (dayStarts.size >= 10_000) dayStarts.clear();
    dayStarts.set(id, (start = startOfLocalDay(day, tz).getTime()));
  }
  return start;
}

const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);

/**
 * What the spans read for whole days: per zone, every location whose spans were cut in it, with one
 * decomposition of the zone's days — except locations read raw and those with marked whole days
 * (read raw on those days): each of these is decomposed around its marked days, shared with the
 * locations of its zone marked on the same days.
 */
function spanTerms(
  plans: ZonePlan[],
  rawKeys: ReadonlySet<string>,
  wholeMarked: ReadonlyArray<{ locationKey: string; day: string }>,
  planFor: (key: string) => ZonePlan,
): SpanTerm[] {
  const holes = new Map<string, Set<string>>();
  for (const m of wholeMarked) {
    let days = holes.get(m.locationKey);
    if (!days) holes.set(m.locationKey, (days = new Set()));
    days.add(m.day);
  }
  const except = [...rawKeys, ...holes.keys()];
  const terms: SpanTerm[] = [];
  for (const plan of plans) {
    if (plan.firstDay < plan.endDay)
      terms.push({ zone: plan.tz, except, pieces: decomposeAround(plan.firstDay, plan.endDay, []) });
  }
  const bySignature = new Map<string, { plan: ZonePlan; keys: string[]; holes: string[] }>();
  for (const [key, days] of holes) {
    const plan = planFor(key);
    const sorted = [...days].sort();
    const signature = `${plan.tz}|${sorted.join(',')}`;
    const entry = bySignature.get(signature) ?? { plan, keys: [], holes: sorted };
    entry.keys.push(key);
    bySignature.set(signature, entry);
  }
  for (const { plan, keys, holes: days } of bySignature.values())
    terms.push({ keys, pieces: decomposeAround(plan.firstDay, plan.endDay, days) });
  return terms;
}

/**
 * The partial days at the edges of the range, from the daily rows' digests. A location marked on
 * an edge day (its digest may be stale), or whose row has no digest, is read raw for that edge.
 */
async function edgeCells(
  tx: Pick<Db, 'select'>,
  accountId: string,
  plans: ZonePlan[],
  rawKeys: ReadonlySet<string>,
  markedPairs: ReadonlySet<string>,
): Promise<{ cells: Cell[]; raw: DayWindow[] }> {
  // Per zone and edge day: the window, the locations served from digests, those read raw.
  const wanted: Array<{ plan: ZonePlan; day: string; window: Window; keys: string[]; raw: string[] }> = [];
  for (const plan of plans) {
    for (const window of plan.edges) {
      const day = localDay(window.start, plan.tz);
      const entry = { plan, day, window, keys: [] as string[], raw: [] as string[] };
      for (const key of plan.keys) {
        if (rawKeys.has(key)) continue;
        (markedPairs.size > 0 && markedPairs.has(`${key}|${day}`) ? entry.raw : entry.keys).push(key);
      }
      wanted.push(entry);
    }
  }
  // Day → location → its edge: rows are matched without building a key string per row.
  const byDay = new Map<string, Map<string, (typeof wanted)[number]>>();
  for (const w of wanted) {
    if (w.keys.length === 0) continue;
    let byKey = byDay.get(w.day);
    if (!byKey) byDay.set(w.day, (byKey = new Map()));
    for (const key of w.keys) byKey.set(key, w);
  }
  const cells: Cell[] = [];
  const rows = await readDigests(
    tx,
    accountId,
    [...byDay].map(([day, byKey]) => ({ day, keys: [...byKey.keys()] })),
  );
  for (const row of rows) {
    const w = byDay.get(row.day)?.get(row.locationKey);
    if (!w) continue;
    if (row.cases === null) {
      w.raw.push(row.locationKey);
      continue;
    }
    const dayStart = dayStartMs(w.day, w.plan.tz);
    const cell = cellFromDigest(
      row.locationKey,
      w.day,
      row.cases,
      w.window.start.getTime() - dayStart,
      w.window.end.getTime() - dayStart,
    );
    if (cell) cells.push(cell);
  }
  const raw = wanted
    .filter((w) => w.raw.length)
    .map((w): DayWindow => ({ day: w.day, window: w.window, selector: { in: w.raw } }));
  return { cells, raw };
}
