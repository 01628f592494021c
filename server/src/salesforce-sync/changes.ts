/**
 * Which (location, local day) pairs may have new figures since the last sync: the days of the cases
 * updated since the cursor (cases of locations no longer configured have no record to write to). A case's `updatedAt` moves with every change to its funnel, spam flag or
 * repeat-dial folding; the cursor is the latest `updatedAt` already synced, read back with an overlap
 * so a transaction that committed late is not missed (re-reading costs no Salesforce call: unchanged
 * records are skipped by digest).
 */
import { and, eq, gt, gte, max, sql } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { cursors, locations, missedCalls } from '../store/schema.ts';
import type { AccountContext } from '../accounts/account-context.ts';

export const CURSOR_NAME = 'salesforce.snapshots';
/** While set (ISO instant), the account is not scheduled: its org lacks the package. */
export const BLOCKED_NAME = 'salesforce.snapshots.blocked';
/** How far back the cursor is read again. */
export const OVERLAP_MS = 10 * 60_000;
/** A first sync writes this many days of history. */
export const BACKFILL_DAYS = 90;
/**
 * Changes to cases up to this age are synced (a revenue outcome lands up to the attribution window,
 * 30 days by default, after the call); older days are final.
 */
export const MAX_AGE_DAYS = 120;
const DAY_MS = 86_400_000;

export interface ChangedDays {
  /** Local date → ids of the locations whose cases on that date changed. */
  days: Map<string, Set<string>>;
  /** The latest `updatedAt` read, the next cursor (null when nothing was read). */
  latest: Date | null;
}

export async function changedDays(
  db: Db,
  account: AccountContext,
  cursor: Date | null,
  now: Date,
): Promise<ChangedDays> {
  const accountId = account.account.id;
  const horizon = new Date(now.getTime() - (cursor ? MAX_AGE_DAYS : BACKFILL_DAYS) * DAY_MS);
  // The local day is computed by PostgreSQL in the location's zone, so a first sync of a large
  // account reads one row per (location, day), not one per case.
  const day = sql<string>`to_char((${missedCalls.missedAt} at time zone ${locations.timezone})::date, 'YYYY-MM-DD')`;
  const rows = await db
    .select({ locationId: locations.id, day, latest: max(missedCalls.updatedAt) })
    .from(missedCalls)
    .innerJoin(locations, and(eq(locations.accountId, missedCalls.accountId), eq(locations.id, missedCalls.locationId)))
    .where(
      and(
        eq(missedCalls.accountId, accountId),
        gte(missedCalls.missedAt, horizon),
        cursor ? gt(missedCalls.updatedAt, new Date(cursor.getTime() - OVERLAP_MS)) : undefined,
      ),
    )
    .groupBy(locations.id, day);
  const days = new Map<string, Set<string>>();
  let latest: Date | null = null;
  for (const row of rows) {
    const at = row.latest === null ? null : new Date(row.latest);
    if (at && (!latest || at > latest)) latest = at;
    if (!account.locations.has(row.locationId)) continue; // configured since the context was read
    let ids = days.get(row.day);
    if (!ids) days.set(row.day, (ids = new Set()));
    ids.add(row.locationId);
  }
  return { days, latest };
}

export async function readCursor(db: Db, accountId: string, name: string): Promise<Date | null> {
  const row = (
    await db
      .select()
      .from(cursors)
      .where(and(eq(cursors.accountId, accountId), eq(cursors.name, name)))
  )[0];
  const at = row ? new Date(row.value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** Moves the cursor forward only: two overlapping runs never set it back. */
export async function advanceCursor(db: Db, accountId: string, name: string, at: Date): Promise<void> {
  await db
    .insert(cursors)
    .values({ accountId, name, value: at.toISOString(), updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [cursors.accountId, cursors.name],
      set: { value: sql`greatest(${cursors.value}, excluded.value)`, updatedAt: new Date() },
    });
}

export async function writeCursor(db: Db, accountId: string, name: string, at: Date): Promise<void> {
  await db
    .insert(cursors)
    .values({ accountId, name, value: at.toISOString(), updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [cursors.accountId, cursors.name],
      set: { value: at.toISOString(), updatedAt: new Date() },
    });
}
