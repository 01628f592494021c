/**
 * Rollup rows in and out: reading stored cells for a day range, and writing recomputed cells for
 * (location, day) pairs. Writers hold the account's rollup lock, so two refreshes never interleave
 * their delete-then-insert of the same day.
 */
import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { recoveryDaily, recoveryDailyDim, recoveryRollupState } from '../store/schema-recovery.ts';
import type { RecoveryCounts } from '../../../shared/src/recovery-metrics.ts';
import { SketchSum } from '../../../shared/src/recovery-sketch.ts';
import { emptyMerged, mergeInto, pairKey, SKETCH_ACCURACY, sumOf, type Cell, type Merged } from './cells.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'delete' | 'execute'>;

const countColumns = (t: typeof recoveryDaily | typeof recoveryDailyDim) => ({
  missed: t.missed,
  attempted: t.attempted,
  attemptedWithinSla: t.attemptedWithinSla,
  attemptedAndContacted: t.attemptedAndContacted,
  contacted: t.contacted,
  contactedAndBooked: t.contactedAndBooked,
  booked: t.booked,
  bookedAndWon: t.bookedAndWon,
  won: t.won,
  revenue: t.revenue,
});

const counts = (r: RecoveryCounts): RecoveryCounts => ({
  missed: r.missed,
  attempted: r.attempted,
  attemptedWithinSla: r.attemptedWithinSla,
  attemptedAndContacted: r.attemptedAndContacted,
  contacted: r.contacted,
  contactedAndBooked: r.contactedAndBooked,
  booked: r.booked,
  bookedAndWon: r.bookedAndWon,
  won: r.won,
  revenue: r.revenue,
});

/** Shared by cells read without a histogram; never written to (merges only read a cell's buckets). */
const NO_BUCKETS: number[] = [0, 0, 0, 0, 0];

/**
 * The rollup layout reads rely on: 2 = daily rows with digests, and spans. A location built with an
 * older one is rebuilt by the refresh job and read from raw cases until then.
 */
export const ROLLUP_FORMAT = 2;

/** Serializes rollup writers of one account for the rest of the transaction. */
export async function lockRollups(tx: Pick<Db, 'execute'>, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`recovery-rollup|${accountId}`}))`);
}

/** The zone each location's rollups were cut in, for the locations built in the current layout. */
export async function readRollupState(db: Pick<Db, 'select'>, accountId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ key: recoveryRollupState.locationKey, tz: recoveryRollupState.timezone })
    .from(recoveryRollupState)
    .where(and(eq(recoveryRollupState.accountId, accountId), eq(recoveryRollupState.format, ROLLUP_FORMAT)));
  return new Map(rows.map((r) => [r.key, r.tz]));
}

/** Stored cells of `[firstDay, endDay)`; per source and category when `dims`, with optional filters. */
export async function readRollupCells(
  db: Pick<Db, 'select'>,
  accountId: string,
  firstDay: string,
  endDay: string,
  dims: boolean,
  filter: { source?: string | undefined; category?: string | undefined } = {},
  histogram = true,
): Promise<Cell[]> {
  if (firstDay >= endDay) return [];
  if (!dims) {
    const t = recoveryDaily;
    const rows = await db
      .select({
        locationKey: t.locationKey,
        day: t.day,
        ...countColumns(t),
        callbacks: t.callbacks,
        // Not read when not needed: tens of thousands of small JSON arrays are not free.
        callbackBuckets: histogram ? t.callbackBuckets : sql<null>`null`,
      })
      .from(t)
      .where(and(eq(t.accountId, accountId), gte(t.day, firstDay), lt(t.day, endDay)));
    return rows.map((r) => ({
      locationKey: r.locationKey,
      day: r.day,
      source: null,
      category: null,
      counts: counts(r),
      callbacks: r.callbacks,
      callbackBuckets: r.callbackBuckets ?? NO_BUCKETS,
    }));
  }
  const t = recoveryDailyDim;
  const rows = await db
    .select({
      locationKey: t.locationKey,
      day: t.day,
      source: t.source,
      category: t.category,
      ...countColumns(t),
      callbacks: t.callbacks,
    })
    .from(t)
    .where(
      and(
        eq(t.accountId, accountId),
        gte(t.day, firstDay),
        lt(t.day, endDay),
        filter.source === undefined ? undefined : eq(t.source, filter.source),
        filter.category === undefined ? undefined : eq(t.category, filter.category),
      ),
    );
  return rows.map((r) => ({
    locationKey: r.locationKey,
    day: r.day,
    source: r.source,
    category: r.category,
    counts: counts(r),
    callbacks: r.callbacks,
    callbackBuckets: NO_BUCKETS,
  }));
}

/**
 * The digests of (location, day) pairs, `days` listing each day's locations; a row written before
 * digests existed comes back with `cases: null`.
 */
export async function readDigests(
  db: Pick<Db, 'select'>,
  accountId: string,
  days: ReadonlyArray<{ day: string; keys: string[] }>,
): Promise<Array<{ locationKey: string; day: string; cases: string | null }>> {
  if (days.length === 0) return [];
  const t = recoveryDaily;
  return db
    .select({ locationKey: t.locationKey, day: t.day, cases: t.cases })
    .from(t)
    .where(
      and(
        eq(t.accountId, accountId),
        // `|| ''` keeps the key list a filter on the day's index range (hashed), not one index
        // descent per key.
        or(...days.map((d) => and(eq(t.day, d.day), sql`(${t.locationKey} || '') = any(${textArray(d.keys)})`))),
      ),
    );
}

/** A text[] parameter: one bind value however many keys (location keys are `[a-z0-9-]*`). */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}

/** Location-day cells from source/category cells. */
export function dailyFromDim(dimCells: Cell[]): Cell[] {
  const byDay = new Map<string, { locationKey: string; day: string; merged: Merged }>();
  for (const c of dimCells) {
    const key = `${c.locationKey}\u0000${c.day}`;
    let entry = byDay.get(key);
    if (!entry) byDay.set(key, (entry = { locationKey: c.locationKey, day: c.day, merged: emptyMerged() }));
    mergeInto(entry.merged, c);
  }
  return [...byDay.values()].map(({ locationKey, day, merged }) => ({
    locationKey,
    day,
    source: null,
    category: null,
    counts: merged.counts,
    callbacks: sumOf(merged.callbacks)?.pack() ?? null,
    callbackBuckets: merged.callbackBuckets,
  }));
}

const CHUNK = 500;

function packed(callbacks: Cell['callbacks']): string | null {
  if (callbacks === null || typeof callbacks === 'string') return callbacks;
  if (callbacks instanceof SketchSum) return callbacks.pack();
  const sum = new SketchSum(SKETCH_ACCURACY);
  for (const seconds of callbacks) sum.addValue(seconds);
  return sum.pack();
}

/**
 * Replaces the stored rows of the given (location, day) pairs with `dimCells` (dims granularity)
 * and each pair's digest (by `pairKey`).
 */
export async function replaceDays(
  tx: Tx,
  accountId: string,
  pairs: Array<{ locationKey: string; day: string }>,
  dimCells: Cell[],
  digests: ReadonlyMap<string, string>,
): Promise<void> {
  const byDay = new Map<string, string[]>();
  for (const p of pairs) {
    const list = byDay.get(p.day);
    if (list) list.push(p.locationKey);
    else byDay.set(p.day, [p.locationKey]);
  }
  for (const [day, keys] of byDay) {
    for (const t of [recoveryDaily, recoveryDailyDim]) {
      await tx.delete(t).where(and(eq(t.accountId, accountId), eq(t.day, day), inArray(t.locationKey, keys)));
    }
  }
  await insertCells(tx, accountId, dimCells, digests);
}

export async function insertCells(
  tx: Pick<Db, 'insert'>,
  accountId: string,
  dimCells: Cell[],
  digests: ReadonlyMap<string, string>,
): Promise<void> {
  const dims = dimCells.map((c) => ({
    accountId,
    locationKey: c.locationKey,
    day: c.day,
    source: c.source,
    category: c.category ?? 'no_answer',
    ...counts(c.counts),
    callbacks: packed(c.callbacks),
  }));
  const daily = dailyFromDim(dimCells).map((c) => ({
    accountId,
    locationKey: c.locationKey,
    day: c.day,
    ...counts(c.counts),
    callbacks: packed(c.callbacks),
    callbackBuckets: c.callbackBuckets,
    cases: digests.get(pairKey(c.locationKey, c.day)) ?? null,
  }));
  for (let i = 0; i < dims.length; i += CHUNK) await tx.insert(recoveryDailyDim).values(dims.slice(i, i + CHUNK));
  for (let i = 0; i < daily.length; i += CHUNK) await tx.insert(recoveryDaily).values(daily.slice(i, i + CHUNK));
}
