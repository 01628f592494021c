/**
 * Rollups summed in SQL, for groupings that do not need days (location, vertical, source,
 * category): one row per location (and source and category) instead of one per location and day,
 * so a month of a thousand locations comes back as a thousand rows. The rows it takes are exactly
 * those the per-day path would: each location's whole local days of the range (its zone's), not a
 * location read raw, not a (location, day) with a pending mark.
 */
import { and, eq, gte, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { locations } from '../store/schema.ts';
import { recoveryDaily, recoveryDailyDim, recoveryDirty } from '../store/schema-recovery.ts';
import { emptyBuckets, type Cell } from './cells.ts';

export interface ZoneDays {
  tz: string;
  firstDay: string;
  endDay: string;
}

const sum = (column: SQL | unknown) => sql<number>`coalesce(sum(${column}), 0)::int`;

/** A short explicit list when few days are marked (the usual case); an anti-join when many are. */
function excludeMarked(
  t: typeof recoveryDaily | typeof recoveryDailyDim,
  marked: ReadonlyArray<{ locationKey: string; day: string }>,
): SQL | undefined {
  if (marked.length === 0) return undefined;
  if (marked.length <= 200) {
    const pairs = marked.map((m) => sql`(${m.locationKey}, ${m.day}::date)`);
    return sql`(${t.locationKey}, ${t.day}) not in (${sql.join(pairs, sql`, `)})`;
  }
  return sql`not exists (select 1 from ${recoveryDirty} where ${recoveryDirty.accountId} = ${t.accountId} and ${recoveryDirty.locationKey} = ${t.locationKey} and ${recoveryDirty.day} = ${t.day})`;
}

export async function readRollupTotals(
  db: Pick<Db, 'select'>,
  accountId: string,
  accountTz: string,
  zones: ZoneDays[],
  exceptKeys: string[],
  /** (location, day) pairs with a pending mark, read in the same snapshot: computed raw instead. */
  marked: ReadonlyArray<{ locationKey: string; day: string }>,
  dims: boolean,
  filter: { source?: string | undefined; category?: string | undefined },
): Promise<Cell[]> {
  const whole = zones.filter((z) => z.firstDay < z.endDay);
  if (whole.length === 0) return [];
  const firstDay = whole.reduce((m, z) => (z.firstDay < m ? z.firstDay : m), '9999-12-31');
  const endDay = whole.reduce((m, z) => (z.endDay > m ? z.endDay : m), '0000-01-01');
  const t = dims ? recoveryDailyDim : recoveryDaily;
  const zone = sql`coalesce(${locations.timezone}, ${accountTz})`;
  // A row counts when its day is one of its zone's whole days.
  const inZoneDays = sql.join(
    whole.map((z) => sql`(${zone} = ${z.tz} and ${t.day} >= ${z.firstDay} and ${t.day} < ${z.endDay})`),
    sql` or `,
  );
  const rows = await db
    .select({
      locationKey: t.locationKey,
      source: dims ? recoveryDailyDim.source : sql<string | null>`null`,
      category: dims ? recoveryDailyDim.category : sql<string | null>`null`,
      missed: sum(t.missed),
      attempted: sum(t.attempted),
      attemptedWithinSla: sum(t.attemptedWithinSla),
      attemptedAndContacted: sum(t.attemptedAndContacted),
      contacted: sum(t.contacted),
      contactedAndBooked: sum(t.contactedAndBooked),
      booked: sum(t.booked),
      bookedAndWon: sum(t.bookedAndWon),
      won: sum(t.won),
      revenue: sql<number>`coalesce(sum(${t.revenue}), 0)::float8`,
      // Packed sketches joined with ';' (string_agg skips nulls).
      callbacks: sql<string | null>`string_agg(${t.callbacks}, ';')`,
    })
    .from(t)
    .leftJoin(locations, and(eq(locations.accountId, t.accountId), eq(locations.id, t.locationKey)))
    .where(
      and(
        eq(t.accountId, accountId),
        gte(t.day, firstDay),
        lt(t.day, endDay),
        sql`(${inZoneDays})`,
        exceptKeys.length ? notInArray(t.locationKey, exceptKeys) : undefined,
        excludeMarked(t, marked),
        dims && filter.source !== undefined ? eq(recoveryDailyDim.source, filter.source) : undefined,
        dims && filter.category !== undefined ? eq(recoveryDailyDim.category, filter.category) : undefined,
      ),
    )
    .groupBy(dims ? sql`1, 2, 3` : sql`1`);
  return rows.map((r) => {
    const callbacks = r.callbacks;
    return {
      locationKey: r.locationKey,
      day: '',
      source: dims ? r.source : null,
      category: dims ? r.category : null,
      counts: {
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
      callbacks,
      callbackBuckets: emptyBuckets(),
    };
  });
}
