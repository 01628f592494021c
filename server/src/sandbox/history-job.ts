/**
 * A year of demo history, written in the background once the server answers: `sandbox.history` jobs
 * each fill one week (newest first, so the last 30 days are there within seconds) and hand over to
 * the next, until the window (`RINGBACK_SANDBOX_HISTORY_DAYS`) is covered. A later start fills only
 * the days since the last one.
 *
 * Exactly once, also across restarts and several workers: a week's rows and the progress marker
 * (`settings` key `sandbox.history:<account>`) commit in one transaction under an advisory lock, and
 * every row has a stable identity (call ids derive from location and date), so nothing is doubled.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import type { PeriodicTask } from '../jobs/periodic.ts';
import { auditLog, callEvents, jobs, missedCalls, outcomes, settings } from '../store/schema.ts';
import { markCasesDirty, refreshJobSpec } from '../recovery/index.ts';
import type { Db } from '../store/database.ts';
import { DEMO_ACCOUNT_ID, DEMO_PEOPLE } from './demo-account.ts';
import { planLocationDay, type PlannedMiss } from './history-plan.ts';
import { historyRows, priorCustomerCalls, type HistoryBatch } from './history-rows.ts';
import { simLocationsFromAccount, type SimLocation } from './sim-locations.ts';
import { addDays, DAY_MS, utcDate } from './zone-time.ts';

export const HISTORY_JOB = 'sandbox.history';
const CHUNK_DAYS = 7;
const INSERT_ROWS = 400;
const CHUNK_PAUSE_MS = 300;

/** Local dates `[start, end)` already generated. */
export interface HistoryMarker {
  start: string;
  end: string;
}

export const markerKey = (accountId: string) => `sandbox.history:${accountId}`;

/** The next week to fill, or null when the window is covered. Newest first, then gaps after a restart. */
export function nextChunk(marker: HistoryMarker | null, today: string, days: number): HistoryMarker | null {
  const windowStart = addDays(today, -days);
  const span = Math.min(CHUNK_DAYS, days);
  if (days === 0) return null;
  if (!marker) return { start: addDays(today, -span), end: today };
  if (marker.end < today) {
    const start = marker.end > windowStart ? marker.end : windowStart;
    const end = addDays(start, CHUNK_DAYS) < today ? addDays(start, CHUNK_DAYS) : today;
    return { start, end };
  }
  if (marker.start > windowStart) {
    const start = addDays(marker.start, -CHUNK_DAYS) > windowStart ? addDays(marker.start, -CHUNK_DAYS) : windowStart;
    return { start, end: marker.start };
  }
  return null;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function readMarker(tx: Pick<Db, 'select'>, accountId: string): Promise<HistoryMarker | null> {
  const row = (
    await tx
      .select()
      .from(settings)
      .where(eq(settings.key, markerKey(accountId)))
  )[0];
  const value = row?.value as Partial<HistoryMarker> | undefined;
  return value?.start && value.end ? { start: value.start, end: value.end } : null;
}

export function planChunk(account: AccountContext, locations: SimLocation[], chunk: HistoryMarker): PlannedMiss[] {
  const planned: PlannedMiss[] = [];
  for (let date = chunk.start; date < chunk.end; date = addDays(date, 1)) {
    for (const location of locations) {
      const people = DEMO_PEOPLE.filter((p) => p.locationId === location.id);
      planned.push(...planLocationDay(location, date, { companyName: account.account.name, people }));
    }
  }
  return planned;
}

async function insertAll<T>(rows: T[], write: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) await write(rows.slice(i, i + INSERT_ROWS));
}

/** Writes one batch; returns the ids of the cases that were new. */
async function writeBatch(tx: Tx, batch: HistoryBatch): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < batch.cases.length; i += INSERT_ROWS) {
    const rows = await tx
      .insert(missedCalls)
      .values(batch.cases.slice(i, i + INSERT_ROWS))
      .onConflictDoNothing({ target: [missedCalls.accountId, missedCalls.provider, missedCalls.providerCallId] })
      .returning({ id: missedCalls.id });
    for (const r of rows) inserted.add(r.id);
  }
  await insertAll(batch.callEvents, (slice) =>
    tx
      .insert(callEvents)
      .values(slice)
      .onConflictDoNothing({ target: [callEvents.accountId, callEvents.provider, callEvents.providerCallId] }),
  );
  await insertAll(batch.outcomes, (slice) =>
    tx
      .insert(outcomes)
      .values(slice)
      .onConflictDoNothing({ target: [outcomes.accountId, outcomes.source, outcomes.externalId] }),
  );
  await insertAll(
    batch.audit.filter((a) => a.missedCallId && inserted.has(a.missedCallId)),
    (slice) => tx.insert(auditLog).values(slice),
  );
  return inserted;
}

export interface ChunkResult {
  chunk: HistoryMarker | null;
  cases: number;
  more: boolean;
}

/** Fills the next week of history for the account, if any is missing. */
export async function fillNextHistoryChunk(
  ctx: AppContext,
  account: AccountContext,
  days: number,
): Promise<ChunkResult> {
  const accountId = account.account.id;
  const now = ctx.clock();
  const today = utcDate(now);
  const locations = simLocationsFromAccount(account);
  const byId = new Map(locations.map((l) => [l.id, l]));
  const result = await ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${markerKey(accountId)}))`);
    const marker = await readMarker(tx, accountId);
    const chunk = nextChunk(marker, today, days);
    if (!chunk) return { chunk: null, cases: 0, notice: null, next: marker };
    const windowStartMs = Date.parse(`${addDays(today, -days)}T00:00:00Z`);
    const batch = historyRows(account, byId, planChunk(account, locations, chunk), {
      now,
      ageOf: (at) => Math.min(1, Math.max(0, (now.getTime() - at.getTime()) / (days * DAY_MS || 1))),
    });
    batch.callEvents.push(...priorCustomerCalls(account, DEMO_PEOPLE, byId, new Date(windowStartMs - 20 * DAY_MS)));
    const inserted = await writeBatch(tx, batch);
    const real = batch.cases.filter((c) => inserted.has(c.id) && !c.spam && !c.repeatOf);
    await markCasesDirty(
      tx,
      account,
      real.map((c) => ({ id: c.id, locationId: c.locationId ?? null, missedAt: c.missedAt })),
    );
    const notice = real.length ? await ctx.queue.enqueueIn(tx, refreshJobSpec(accountId, now)) : null;
    const next = marker
      ? {
          start: chunk.start < marker.start ? chunk.start : marker.start,
          end: chunk.end > marker.end ? chunk.end : marker.end,
        }
      : chunk;
    await tx
      .insert(settings)
      .values({ key: markerKey(accountId), value: next, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: now } });
    return { chunk, cases: inserted.size, notice, next };
  });
  if (result.notice) await ctx.queue.notify(result.notice);
  const more = result.chunk !== null && nextChunk(result.next, today, days) !== null;
  if (result.chunk) {
    ctx.logger.info(
      { accountId, from: result.chunk.start, to: result.chunk.end, cases: result.cases },
      'sandbox history written',
    );
  }
  return { chunk: result.chunk, cases: result.cases, more };
}

/** Done sandbox jobs (history, traffic ticks) older than an hour are of no further use: drop them. */
export async function pruneDoneJobs(ctx: AppContext, kind: string): Promise<void> {
  const before = new Date(ctx.clock().getTime() - 3_600_000);
  await ctx.database.db
    .delete(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'done'), lt(jobs.finishedAt, before)));
}

export function sandboxHistoryJob(ctx: AppContext): JobHandler {
  // Chain keys are this process's own: a restarted process resumes the chain instead of finding its
  // keys taken by the run before (the marker, not the key, is what keeps a week from being written twice).
  const run = randomBytes(4).toString('hex');
  return async (job) => {
    const days = ctx.config.env.RINGBACK_SANDBOX_HISTORY_DAYS;
    const accountId = typeof job.payload.accountId === 'string' ? job.payload.accountId : DEMO_ACCOUNT_ID;
    if (!ctx.config.sandbox || days === 0) return;
    const account = await ctx.accounts.get(accountId);
    if (!account) return;
    const done = await fillNextHistoryChunk(ctx, account, days);
    // One short job per week keeps shutdown quick; the next week is its own job, a moment later, so
    // requests are served in between (PGlite works on the main thread: back-to-back weeks would starve them).
    if (done.more && done.chunk) {
      await ctx.queue.enqueue({
        kind: HISTORY_JOB,
        key: `${HISTORY_JOB}:${accountId}:${run}:${done.chunk.start}`,
        accountId,
        payload: { accountId },
        runAt: new Date(ctx.clock().getTime() + CHUNK_PAUSE_MS),
        maxAttempts: 5,
      });
    } else {
      await pruneDoneJobs(ctx, HISTORY_JOB);
    }
  };
}

/**
 * Every 10 seconds (and at start): fill whatever history is missing for the demo account — usually
 * nothing, one marker read. Short, so a restart resumes an unfinished history within seconds.
 */
export const sandboxHistoryTask: PeriodicTask = {
  kind: HISTORY_JOB,
  everyMs: 10_000,
  accounts: async (ctx) =>
    ctx.config.sandbox && ctx.config.env.RINGBACK_SANDBOX_HISTORY_DAYS > 0 ? [DEMO_ACCOUNT_ID] : [],
};
