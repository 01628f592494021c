/**
 * Folding changes into rollups: rebuild the locations whose rollups are missing, were cut in
 * another zone or in an older layout, then recompute the (location, day) pairs that marked cases
 * point at (their daily rows, digests and the spans above them). Each step reads
 * the marks first and deletes only those exact marks at the end, so a case changed while the step
 * ran stays marked for the next one (and reads keep computing its day from raw cases meanwhile).
 */
import { and, eq, inArray, max, min } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { missedCalls } from '../store/schema.ts';
import {
  recoveryDaily,
  recoveryDailyDim,
  recoveryDirty,
  recoveryRollupState,
  recoverySpan,
} from '../store/schema-recovery.ts';
import { localDaySpan, startOfLocalDay } from '../../../shared/src/recovery-calendar.ts';
import type { Db } from '../store/database.ts';
import { CellBuilder } from './cells.ts';
import { locationCondition, readCases, realCases } from './case-rows.ts';
import { aggregateDayWindows } from './day-windows.ts';
import { insertCells, lockRollups, readRollupState, replaceDays, ROLLUP_FORMAT } from './rollup-store.ts';
import { readDayDigests } from './day-digest.ts';
import { rebuildSpans, refreshSpans } from './span-store.ts';
import { locationKeys, tzOf } from './zones.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface Mark {
  caseId: string;
  locationKey: string;
  day: string;
  mark: string;
}

/** Deletes exactly the marks that were read: a case marked again since then keeps its new mark. */
async function deleteMarks(tx: Tx, marks: Mark[]): Promise<void> {
  for (let i = 0; i < marks.length; i += 500) {
    const chunk = marks.slice(i, i + 500);
    await tx.delete(recoveryDirty).where(
      and(
        inArray(
          recoveryDirty.caseId,
          chunk.map((m) => m.caseId),
        ),
        inArray(
          recoveryDirty.mark,
          chunk.map((m) => m.mark),
        ),
      ),
    );
  }
}

/** Locations whose rollups are missing, in an older layout, or cut in a zone that is no longer theirs. */
export async function staleLocations(db: Pick<Db, 'select'>, account: AccountContext): Promise<string[]> {
  const state = await readRollupState(db, account.account.id);
  return locationKeys(account).filter((key) => state.get(key) !== tzOf(account, key));
}

const WINDOW_MS = 14 * 86_400_000;
const PAD_MS = 2 * 86_400_000;

/**
 * Rebuilds every rollup row of `keys` from raw cases, window by window so memory stays bounded: a
 * window emits the local days that start inside it, reading two days past its end so those days are
 * complete.
 */
export async function rebuildLocations(ctx: AppContext, account: AccountContext, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const accountId = account.account.id;
  return ctx.database.db.transaction(async (tx) => {
    await lockRollups(tx, accountId);
    const marks = await tx
      .select({
        caseId: recoveryDirty.caseId,
        locationKey: recoveryDirty.locationKey,
        day: recoveryDirty.day,
        mark: recoveryDirty.mark,
      })
      .from(recoveryDirty)
      .where(and(eq(recoveryDirty.accountId, accountId), inArray(recoveryDirty.locationKey, keys)));
    for (const t of [recoveryDaily, recoveryDailyDim, recoverySpan]) {
      await tx.delete(t).where(and(eq(t.accountId, accountId), inArray(t.locationKey, keys)));
    }
    const bounds = (
      await tx
        .select({ first: min(missedCalls.missedAt), last: max(missedCalls.missedAt) })
        .from(missedCalls)
        .where(and(realCases(accountId), locationCondition({ in: keys })))
    )[0];
    if (bounds?.first && bounds.last) {
      for (let start = bounds.first.getTime() - PAD_MS; start <= bounds.last.getTime(); start += WINDOW_MS) {
        const builder = new CellBuilder((key) => tzOf(account, key), true);
        const rows = await readCases(
          tx,
          accountId,
          { start: new Date(start), end: new Date(start + WINDOW_MS + PAD_MS) },
          { in: keys },
        );
        for (const row of rows) builder.add(row);
        const owned = builder.result().filter((cell) => {
          const dayStart = startOfLocalDay(cell.day, tzOf(account, cell.locationKey)).getTime();
          return dayStart >= start && dayStart < start + WINDOW_MS;
        });
        await insertCells(tx, accountId, owned, builder.digests());
      }
    }
    await rebuildSpans(tx, accountId, (key) => tzOf(account, key), keys);
    const builtAt = ctx.clock();
    for (const key of keys) {
      const timezone = tzOf(account, key);
      await tx
        .insert(recoveryRollupState)
        .values({ accountId, locationKey: key, timezone, builtAt, format: ROLLUP_FORMAT })
        .onConflictDoUpdate({
          target: [recoveryRollupState.accountId, recoveryRollupState.locationKey],
          set: { timezone, builtAt, format: ROLLUP_FORMAT },
        });
    }
    await deleteMarks(tx, marks);
    return marks.map((m) => m.caseId);
  });
}

/**
 * Recomputes the (location, day) pairs of up to `limit` marked cases. Returns the ids of the cases it
 * absorbed and whether more marks are waiting.
 */
export async function recomputeMarkedDays(
  ctx: AppContext,
  account: AccountContext,
  limit = 5000,
): Promise<{ caseIds: string[]; more: boolean }> {
  const accountId = account.account.id;
  return ctx.database.db.transaction(async (tx) => {
    await lockRollups(tx, accountId);
    const marks = await tx
      .select({
        caseId: recoveryDirty.caseId,
        locationKey: recoveryDirty.locationKey,
        day: recoveryDirty.day,
        mark: recoveryDirty.mark,
      })
      .from(recoveryDirty)
      .where(eq(recoveryDirty.accountId, accountId))
      .orderBy(recoveryDirty.markedAt)
      .limit(limit + 1);
    const more = marks.length > limit;
    const batch = marks.slice(0, limit);
    // Pairs by zone and day: one read of raw cases per group.
    const groups = new Map<string, { tz: string; day: string; keys: Set<string> }>();
    for (const m of batch) {
      const tz = tzOf(account, m.locationKey);
      const id = `${tz}|${m.day}`;
      const group = groups.get(id) ?? { tz, day: m.day, keys: new Set<string>() };
      group.keys.add(m.locationKey);
      groups.set(id, group);
    }
    const pairs: Array<{ locationKey: string; day: string }> = [];
    for (const { tz, day, keys } of groups.values()) {
      const list = [...keys];
      const span = localDaySpan(day, tz);
      const cells = await aggregateDayWindows(tx, accountId, [{ day, window: span, selector: { in: list } }], true);
      const digests = await readDayDigests(tx, accountId, day, span, list);
      const dayPairs = list.map((locationKey) => ({ locationKey, day }));
      await replaceDays(tx, accountId, dayPairs, cells, digests);
      pairs.push(...dayPairs);
    }
    await refreshSpans(tx, accountId, (key) => tzOf(account, key), pairs);
    await deleteMarks(tx, batch);
    return { caseIds: batch.map((m) => m.caseId), more };
  });
}
