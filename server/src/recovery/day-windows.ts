/**
 * Raw cases of windows that each lie inside one local day — the partial edge days of a range, and
 * days with a pending mark — aggregated in SQL: one row per window and location (and source and
 * category) instead of one per case. Windows close in time share one query (one index range scan);
 * within it each case is put in its window by a CASE over the windows, which never overlap for one
 * location. Callback seconds come back as lists, so sketches are built exactly as from single rows.
 */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Window } from '../../../shared/src/recovery-calendar.ts';
import { locations, missedCalls } from '../store/schema.ts';
import { cellFromAggregate, type Cell } from './cells.ts';
import {
  locationCondition,
  locationKeyExpr,
  realCases,
  type CaseFilter,
  type LocationSelector,
  type Reader,
  type ZoneSelector,
} from './case-rows.ts';

export interface DayWindow {
  day: string;
  window: Window;
  selector: LocationSelector | ZoneSelector;
}

/** Windows further apart than this go to separate queries rather than one long scan. */
const CLUSTER_GAP_MS = 86_400_000;

const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;
const attempted = sql`${missedCalls.firstAttemptAt} is not null`;
const contacted = sql`${missedCalls.contactedAt} is not null`;
const booked = sql`${missedCalls.bookedAt} is not null`;
const won = sql`${missedCalls.wonAt} is not null`;

function clusters(windows: DayWindow[]): DayWindow[][] {
  const sorted = [...windows].sort((a, b) => a.window.start.getTime() - b.window.start.getTime());
  const out: DayWindow[][] = [];
  let end = -Infinity;
  for (const w of sorted) {
    if (out.length && w.window.start.getTime() <= end + CLUSTER_GAP_MS) out.at(-1)!.push(w);
    else out.push([w]);
    end = Math.max(end, w.window.end.getTime());
  }
  return out;
}

async function aggregateCluster(
  db: Reader,
  accountId: string,
  windows: DayWindow[],
  dims: boolean,
  filter: CaseFilter,
): Promise<Cell[]> {
  const start = new Date(Math.min(...windows.map((w) => w.window.start.getTime())));
  const end = new Date(Math.max(...windows.map((w) => w.window.end.getTime())));
  const which = sql`case ${sql.join(
    windows.map(
      (w, i) =>
        sql`when ${and(locationCondition(w.selector), gte(missedCalls.missedAt, w.window.start), lt(missedCalls.missedAt, w.window.end))} then ${i}::int`,
    ),
    sql` `,
  )} end`;
  const rows = await db
    .select({
      window: sql<number>`${which}`,
      locationKey: locationKeyExpr,
      source: dims ? missedCalls.source : sql<string | null>`null`,
      category: dims ? missedCalls.category : sql<string | null>`null`,
      missed: sql<number>`count(*)::int`,
      attempted: countWhere(attempted),
      attemptedWithinSla: countWhere(sql`${attempted} and ${missedCalls.attemptedWithinSla}`),
      attemptedAndContacted: countWhere(sql`${attempted} and ${contacted}`),
      contacted: countWhere(contacted),
      contactedAndBooked: countWhere(sql`${contacted} and ${booked}`),
      booked: countWhere(booked),
      bookedAndWon: countWhere(sql`${booked} and ${won}`),
      won: countWhere(won),
      revenue: sql<number>`coalesce(sum(${missedCalls.revenue}), 0)::float8`,
      callbacks: sql<
        number[] | null
      >`array_agg(extract(epoch from ${missedCalls.firstAttemptAt} - ${missedCalls.missedAt})::float8) filter (where ${attempted})`,
    })
    .from(missedCalls)
    // The zone of a case's location, for zone selectors (a primary-key lookup per case).
    .leftJoin(locations, and(eq(locations.accountId, missedCalls.accountId), eq(locations.id, missedCalls.locationId)))
    .where(
      and(
        realCases(accountId),
        gte(missedCalls.missedAt, start),
        lt(missedCalls.missedAt, end),
        sql`(${which}) is not null`,
        filter.source === undefined ? undefined : eq(missedCalls.source, filter.source),
        filter.category === undefined ? undefined : eq(missedCalls.category, filter.category),
      ),
    )
    .groupBy(dims ? sql`1, 2, 3, 4` : sql`1, 2`);
  return rows.map((r) =>
    cellFromAggregate(
      r.locationKey,
      windows[Number(r.window)]!.day,
      dims ? r.source : null,
      dims ? r.category : null,
      {
        missed: Number(r.missed),
        attempted: Number(r.attempted),
        attemptedWithinSla: Number(r.attemptedWithinSla),
        attemptedAndContacted: Number(r.attemptedAndContacted),
        contacted: Number(r.contacted),
        contactedAndBooked: Number(r.contactedAndBooked),
        booked: Number(r.booked),
        bookedAndWon: Number(r.bookedAndWon),
        won: Number(r.won),
        revenue: Number(r.revenue),
      },
      (r.callbacks ?? []).map(Number),
    ),
  );
}

export async function aggregateDayWindows(
  db: Reader,
  accountId: string,
  windows: DayWindow[],
  dims: boolean,
  filter: CaseFilter = {},
): Promise<Cell[]> {
  const live = windows.filter((w) => !('in' in w.selector) || w.selector.in.length > 0);
  const cells: Cell[] = [];
  for (const cluster of clusters(live)) cells.push(...(await aggregateCluster(db, accountId, cluster, dims, filter)));
  return cells;
}
