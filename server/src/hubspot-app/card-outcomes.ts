/**
 * Outcomes a staff member records from the contact card because the CRM cannot know them:
 * - `booked_elsewhere`: the caller booked through another channel → a `booking` outcome on the case,
 *   recorded by the same code as `POST /api/accounts/:id/outcomes` (recovery/record-outcome.ts);
 * - `wrong_number` / `spam`: the case becomes spam (contract §5 excludes it from every metric), its
 *   rollup day is marked for refresh, and its follow-up task is closed with a note by the `crm.spam`
 *   job — never deleted.
 * Each is idempotent: recording the same action twice changes nothing the second time.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { auditLog, missedCalls } from '../store/schema.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { lockCaller, syncCallerFunnel } from '../cases/funnel-sync.ts';
import { markCaseIdsDirty, refreshJobSpec } from '../recovery/index.ts';
import { recordOutcome } from '../recovery/record-outcome.ts';

export const CARD_OUTCOMES = ['booked_elsewhere', 'wrong_number', 'spam'] as const;
export type CardOutcomeAction = (typeof CARD_OUTCOMES)[number];

export interface CardOutcomeInput {
  caseId: string;
  action: CardOutcomeAction;
  /** HubSpot user id from the signed request, for the audit trail. */
  userId: string | null;
}

export async function recordCardOutcome(ctx: AppContext, accountId: string, input: CardOutcomeInput): Promise<{ changed: boolean }> {
  const account = await ctx.accounts.get(accountId);
  if (!account) throw new NonRetryableError('not_found', `no account ${accountId}`, 404);
  const now = ctx.clock();
  if (input.action === 'booked_elsewhere') {
    const recorded = await recordOutcome(ctx, account, {
      callerE164: null,
      missedCallId: input.caseId,
      type: 'booking',
      at: now,
      amount: null,
      answered: null,
      talkSeconds: null,
      // One "booked elsewhere" per case, however often the button is pressed.
      externalId: `booked_elsewhere:${input.caseId}`,
      source: 'hubspot_card',
    });
    ctx.logger.info({ accountId, caseId: input.caseId, action: input.action, duplicate: recorded.duplicate }, 'hubspot card outcome recorded');
    return { changed: !recorded.duplicate };
  }

  const notices = await ctx.database.db.transaction(async (tx) => {
    const row = (await tx.select().from(missedCalls).where(and(eq(missedCalls.accountId, accountId), eq(missedCalls.id, input.caseId))))[0];
    // Another account's case answers exactly like a case that does not exist.
    if (!row) throw new NonRetryableError('not_found', `no missed call ${input.caseId}`, 404);
    if (row.spam) return null;
    if (row.callerE164) await lockCaller(tx, accountId, row.callerE164);
    // Marked before the change so the refresh recomputes the day the case leaves.
    await markCaseIdsDirty(tx, account, [row.id]);
    await tx
      .update(missedCalls)
      .set({
        spam: true,
        spamReason: input.action === 'wrong_number' ? 'wrong_number' : 'marked_spam',
        ...(input.action === 'wrong_number' ? { intent: 'wrong_number' } : {}),
        updatedAt: now,
      })
      .where(eq(missedCalls.id, row.id));
    await tx.insert(auditLog).values({
      accountId,
      missedCallId: row.id,
      at: now,
      actor: 'hubspot_card',
      action: `case.${input.action}`,
      detail: { hubspotUserId: input.userId },
    });
    if (row.callerE164) await syncCallerFunnel(tx, account, row.callerE164);
    return [
      await ctx.queue.enqueueIn(tx, refreshJobSpec(accountId, now)),
      row.crmTaskId ? await ctx.queue.enqueueIn(tx, { kind: 'crm.spam', key: `crm.spam:${row.id}`, accountId, payload: { caseId: row.id } }) : null,
    ];
  });
  if (notices) await ctx.queue.notify(...notices);
  ctx.logger.info({ accountId, caseId: input.caseId, action: input.action, changed: notices !== null }, 'hubspot card outcome recorded');
  return { changed: notices !== null };
}
