/**
 * Recording an outcome from a system that is not connected (contract §4): one transaction writes the
 * outcome, re-derives the caller's funnel (which marks changed cases for the rollups) and asks for a
 * refresh. An outcome naming a missed call sticks to it (a repeat dial's to the case it repeats); one
 * naming only a caller belongs, like every event, to the caller's latest case with `missedAt < at` —
 * decided by time at every re-derivation, so a missed call that arrives later still gets it.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { auditLog, missedCalls, outcomes } from '../store/schema.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { lockCaller, syncCallerFunnel } from '../cases/funnel-sync.ts';
import { realCases } from './case-rows.ts';
import { refreshJobSpec } from './dirty.ts';

export type OutcomeType = 'attempt' | 'contact' | 'booking' | 'revenue';

export interface OutcomeInput {
  callerE164: string | null;
  missedCallId: string | null;
  type: OutcomeType;
  at: Date;
  amount: number | null;
  answered: boolean | null;
  talkSeconds: number | null;
  /** Id in the sending system: the same id again records nothing twice. */
  externalId: string | null;
  /** `api`, or the connected system that reported it. */
  source: string;
}

export interface RecordedOutcome {
  /** The case it counts for now; null when the caller has no case before `at` (kept unmatched). */
  missedCallId: string | null;
  duplicate: boolean;
}

export async function recordOutcome(
  ctx: AppContext,
  account: AccountContext,
  input: OutcomeInput,
): Promise<RecordedOutcome> {
  const accountId = account.account.id;
  const now = ctx.clock();
  const { result, notice } = await ctx.database.db.transaction(async (tx) => {
    let caller = input.callerE164;
    let pinned: string | null = null;
    if (input.missedCallId) {
      const row = (
        await tx
          .select({ id: missedCalls.id, callerE164: missedCalls.callerE164, repeatOf: missedCalls.repeatOf })
          .from(missedCalls)
          .where(and(eq(missedCalls.accountId, accountId), eq(missedCalls.id, input.missedCallId)))
      )[0];
      if (!row) throw new NonRetryableError('not_found', `no missed call ${input.missedCallId}`, 404);
      if (caller && row.callerE164 && caller !== row.callerE164) {
        throw new NonRetryableError(
          'invalid_outcome',
          `callerE164 ${caller} is not the caller of missed call ${row.id}`,
        );
      }
      caller = row.callerE164;
      pinned = row.repeatOf ?? row.id; // a repeat dial is folded into the case it repeats
    }
    if (caller) await lockCaller(tx, accountId, caller);
    const inserted = await tx
      .insert(outcomes)
      .values({
        accountId,
        missedCallId: pinned,
        callerE164: caller,
        type: input.type,
        at: input.at,
        amount: input.amount,
        answered: input.answered,
        talkSeconds: input.talkSeconds,
        source: input.source,
        externalId: input.externalId,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [outcomes.accountId, outcomes.source, outcomes.externalId] })
      .returning({ id: outcomes.id });
    const duplicate = inserted.length === 0;
    const changes = !duplicate && caller ? await syncCallerFunnel(tx, account, caller) : [];
    const matched =
      pinned ??
      (caller
        ? ((
            await tx
              .select({ id: missedCalls.id })
              .from(missedCalls)
              .where(and(realCases(accountId), eq(missedCalls.callerE164, caller), lt(missedCalls.missedAt, input.at)))
              .orderBy(desc(missedCalls.missedAt))
              .limit(1)
          )[0]?.id ?? null)
        : null);
    if (duplicate) return { result: { missedCallId: matched, duplicate }, notice: null };
    await tx.insert(auditLog).values({
      accountId,
      missedCallId: matched,
      at: now,
      actor: input.source,
      action: 'outcome.recorded',
      detail: {
        type: input.type,
        at: input.at.toISOString(),
        amount: input.amount,
        answered: input.answered,
        talkSeconds: input.talkSeconds,
        externalId: input.externalId,
      },
    });
    if (changes.length) {
      await tx.insert(auditLog).values(
        changes.map((c) => ({
          accountId,
          missedCallId: c.caseId,
          at: now,
          actor: input.source,
          action: `case.${c.to}`,
          detail: { from: c.from, outcome: input.type },
        })),
      );
    }
    const notice = await ctx.queue.enqueueIn(tx, refreshJobSpec(accountId, now));
    return { result: { missedCallId: matched, duplicate }, notice };
  });
  await ctx.queue.notify(notice);
  return result;
}
