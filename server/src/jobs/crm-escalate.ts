/**
 * `crm.escalate`: the CRM side of an escalation — raise the follow-up task's priority, reassign it to
 * the escalation owner and note why (`CrmPort.escalate`, idempotent per tier in the adapter). Runs
 * only for accounts whose CRM has an adapter, and waits for the case's task: a CRM write still being
 * retried creates it later, and the escalation then applies to it.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import { auditLog, missedCalls } from '../store/schema.ts';
import { RetryAfterError } from '../lib/errors.ts';
import { toCrmCase } from '../crm/crm-case.ts';
import { createCrmSession } from '../crm/session.ts';
import type { EscalationRequest } from '../crm/port.ts';

const TASK_WAIT_MS = 60_000;

export function escalationNote(tier: 2 | 3, slaDueAt: Date, ownerId: string | null): string {
  const who = tier === 2 ? 'the location manager' : 'the corporate team';
  const when = tier === 2 ? 'by its SLA due time' : 'still, well past its SLA due time';
  const owner = ownerId ? ` Reassigned to ${who}.` : '';
  return `Escalated by Ringback (tier ${tier}): nobody has called this missed caller back ${when} (${slaDueAt.toISOString()}).${owner}`;
}

export function crmEscalateJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const caseId = String(job.payload.caseId);
    const tier = job.payload.tier === 3 ? 3 : 2;
    const ownerId = typeof job.payload.ownerId === 'string' ? job.payload.ownerId : null;
    const row = (await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, caseId)))[0];
    if (!row || row.spam) return;
    const account = await ctx.accounts.get(row.accountId);
    if (!account || !ctx.crm.supports(account.account.crmKind)) return;
    if (!row.crmTaskId)
      throw new RetryAfterError('crm_task_pending', `case ${caseId} has no CRM task yet`, TASK_WAIT_MS);
    const port = await ctx.crm.portFor(ctx, account);
    const session = createCrmSession(ctx, account.account.id, port.kind);
    const request: EscalationRequest = {
      tier,
      ownerId,
      priority: 'HIGH',
      note: escalationNote(tier, row.slaDueAt, ownerId),
    };
    await port.escalate(toCrmCase(row, account), request, session);
    await ctx.database.db.transaction(async (tx) => {
      if (ownerId)
        await tx
          .update(missedCalls)
          .set({ crmOwnerId: ownerId, updatedAt: ctx.clock() })
          .where(eq(missedCalls.id, caseId));
      await tx.insert(auditLog).values({
        accountId: row.accountId,
        missedCallId: caseId,
        at: ctx.clock(),
        actor: port.kind,
        action: 'crm.escalated',
        detail: { tier, taskId: row.crmTaskId, ownerId },
      });
    });
  };
}
