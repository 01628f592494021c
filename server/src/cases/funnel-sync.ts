/**
 * Re-derives the funnel of every case of one caller from their events (callback attempts, answered
 * inbound calls, outcomes), so each event counts for exactly one case whatever order it arrived in.
 * Called inside the transaction that added a case or an event for that caller.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { assignEventsToCases, deriveFunnel, type FunnelEvent, type RecoveryPolicy } from '@ringback/shared';
import type { Db } from '../store/database.ts';
import { callEvents, missedCalls, outcomes } from '../store/schema.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { markCasesDirty } from '../recovery/dirty.ts';

type Tx = Pick<Db, 'select' | 'update' | 'execute'>;

export interface FunnelChange {
  caseId: string;
  from: string;
  to: string;
}

/** Serializes work on one caller of one account for the rest of the transaction. */
export async function lockCaller(tx: Tx, accountId: string, callerE164: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${accountId}|${callerE164}`}))`);
}

export async function syncCallerFunnel(tx: Tx, account: AccountContext, callerE164: string): Promise<FunnelChange[]> {
  const accountId = account.account.id;
  const cases = await tx
    .select()
    .from(missedCalls)
    .where(
      and(
        eq(missedCalls.accountId, accountId),
        eq(missedCalls.callerE164, callerE164),
        eq(missedCalls.spam, false),
        isNull(missedCalls.repeatOf),
      ),
    );
  if (cases.length === 0) return [];
  const calls = await tx
    .select()
    .from(callEvents)
    .where(and(eq(callEvents.accountId, accountId), eq(callEvents.callerE164, callerE164)));
  const recorded = await tx
    .select()
    .from(outcomes)
    .where(and(eq(outcomes.accountId, accountId), eq(outcomes.callerE164, callerE164)));

  const caseIds = new Set(cases.map((c) => c.id));
  const byCase = assignEventsToCases(
    cases.map((c) => ({ id: c.id, missedAt: c.missedAt })),
    [
      ...calls.map((c): FunnelEvent => ({
        type: c.kind === 'attempt' ? 'attempt' : 'inbound',
        at: c.startedAt,
        answered: c.answered,
        talkSeconds: c.talkSeconds,
      })),
      // Outcomes naming a case are attached to it below, not by time.
      ...recorded.filter((o) => !o.missedCallId || !caseIds.has(o.missedCallId)).map(outcomeEvent),
    ],
  );
  for (const o of recorded) {
    if (o.missedCallId && caseIds.has(o.missedCallId)) byCase.get(o.missedCallId)!.push(outcomeEvent(o));
  }

  const changes: FunnelChange[] = [];
  const changed: typeof cases = [];
  for (const c of cases) {
    const policy: RecoveryPolicy = (c.locationId && account.locations.get(c.locationId)?.policy) || account.policy;
    const f = deriveFunnel(c, byCase.get(c.id) ?? [], policy);
    const same =
      sameTime(c.firstAttemptAt, f.firstAttemptAt) &&
      sameTime(c.contactedAt, f.contactedAt) &&
      sameTime(c.bookedAt, f.bookedAt) &&
      sameTime(c.wonAt, f.wonAt) &&
      c.revenue === f.revenue &&
      c.attemptedWithinSla === f.attemptedWithinSla &&
      c.status === f.status;
    if (same) continue;
    await tx
      .update(missedCalls)
      .set({
        firstAttemptAt: f.firstAttemptAt,
        attemptedWithinSla: f.attemptedWithinSla,
        contactedAt: f.contactedAt,
        bookedAt: f.bookedAt,
        wonAt: f.wonAt,
        revenue: f.revenue,
        status: f.status,
        updatedAt: new Date(),
      })
      .where(eq(missedCalls.id, c.id));
    if (c.status !== f.status) changes.push({ caseId: c.id, from: c.status, to: f.status });
    changed.push(c);
  }
  await markCasesDirty(tx, account, changed); // their rollup days are recomputed (recovery/dirty.ts)
  return changes;
}

function outcomeEvent(o: typeof outcomes.$inferSelect): FunnelEvent {
  return {
    type: o.type as FunnelEvent['type'],
    at: o.at,
    answered: o.answered,
    talkSeconds: o.talkSeconds,
    amount: o.amount,
  };
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}
