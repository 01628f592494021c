/**
 * `case.escalate` (tier 2 at `slaDueAt`, tier 3 `policy.escalation.corporateAfter` later): a case
 * nobody tried to call back by its deadline gets urgency high and a new owner — the location's
 * manager at tier 2, the account's corporate owner at tier 3 — with an audit line, a note on its CRM
 * task (`crm.escalate`, when the account's CRM is connected) and, at tier 2, the tier-3 job.
 *
 * A case attempted or reached at or before the deadline is never escalated; spam, repeat dials and
 * cases already past their lost horizon (`lostAfter`) never are. Idempotent: the tier is recorded with a conditional update, and the follow-up jobs have
 * keys per case and tier, so a second run changes nothing.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import type { JobSpec } from '../queue/outbox.ts';
import { auditLog, missedCalls, type MissedCallRow } from '../store/schema.ts';
import { RetryAfterError } from '../lib/errors.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { markCasesDirty, refreshJobSpec } from '../recovery/dirty.ts';

export type EscalationTier = 2 | 3;

export function escalationJobSpec(caseId: string, accountId: string, tier: EscalationTier, runAt: Date): JobSpec {
  return { kind: 'case.escalate', key: `case.escalate:${caseId}:${tier}`, accountId, payload: { caseId, tier }, runAt };
}

export function crmEscalationJobSpec(
  caseId: string,
  accountId: string,
  tier: EscalationTier,
  ownerId: string | null,
): JobSpec {
  return {
    kind: 'crm.escalate',
    key: `crm.escalate:${caseId}:${tier}`,
    accountId,
    payload: { caseId, tier, ownerId },
    maxAttempts: 20,
  };
}

/** When tier `tier` falls due for a case under its policy. */
export function escalationDeadline(
  row: Pick<MissedCallRow, 'slaDueAt' | 'locationId'>,
  account: AccountContext,
  tier: EscalationTier,
): Date {
  if (tier === 2) return row.slaDueAt;
  const policy = (row.locationId && account.locations.get(row.locationId)?.policy) || account.policy;
  return new Date(row.slaDueAt.getTime() + policy.escalation.corporateAfterMs);
}

/** Someone tried the caller (or reached them) at or before the deadline: nothing to escalate. */
export function handledBy(row: Pick<MissedCallRow, 'firstAttemptAt' | 'contactedAt'>, deadline: Date): boolean {
  const by = (d: Date | null) => d !== null && d.getTime() <= deadline.getTime();
  return by(row.firstAttemptAt) || by(row.contactedAt);
}

export function escalateCaseJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const caseId = String(job.payload.caseId);
    const tier: EscalationTier = job.payload.tier === 3 ? 3 : 2;
    const row = (await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, caseId)))[0];
    if (!row || row.spam || row.repeatOf) return;
    const account = await ctx.accounts.get(row.accountId);
    if (!account) return;
    const log = ctx.logger.child({ accountId: row.accountId, caseId, tier });
    const deadline = escalationDeadline(row, account, tier);
    const now = ctx.clock();
    if (now.getTime() < deadline.getTime()) {
      throw new RetryAfterError(
        'escalation_not_due',
        `tier ${tier} is due at ${deadline.toISOString()}`,
        deadline.getTime() - now.getTime(),
      );
    }
    if (handledBy(row, deadline)) {
      log.debug('attempted before the deadline; not escalated');
      return;
    }
    // A call folded in long after the fact (a reconciled or replayed miss) that is already past its
    // lost horizon has nobody left to chase; escalating it would only page a manager for history.
    if (now.getTime() >= row.lostAt.getTime()) return;
    const ownerId =
      (tier === 2
        ? account.locations.get(row.locationId ?? '')?.row.managerOwnerId
        : account.account.corporateOwnerId) ?? null;
    const crm = ctx.crm.supports(account.account.crmKind);
    const notices = await ctx.database.db.transaction(async (tx) => {
      const updated = await tx
        .update(missedCalls)
        .set({
          escalationTier: tier,
          urgency: 'high',
          ...(ownerId ? { ownerId, ownerReason: 'escalation' } : {}),
          updatedAt: now,
        })
        .where(and(eq(missedCalls.id, caseId), lt(missedCalls.escalationTier, tier)))
        .returning({ id: missedCalls.id });
      if (updated.length === 0) return []; // an earlier run recorded this tier
      await tx.insert(auditLog).values({
        accountId: row.accountId,
        missedCallId: caseId,
        at: now,
        actor: 'ringback',
        action: 'case.escalated',
        detail: {
          tier,
          deadline: deadline.toISOString(),
          ownerId,
          previousOwnerId: row.ownerId,
          target: tier === 2 ? 'location_manager' : 'corporate',
          reason: `no callback attempt by ${deadline.toISOString()}`,
        },
      });
      // The urgency change moves the priority score: let the refresh rescore it.
      await markCasesDirty(tx, account, [row]);
      const specs: JobSpec[] = [refreshJobSpec(row.accountId, now)];
      if (tier === 2) specs.push(escalationJobSpec(caseId, row.accountId, 3, escalationDeadline(row, account, 3)));
      if (crm) specs.push(crmEscalationJobSpec(caseId, row.accountId, tier, ownerId));
      const out = [];
      for (const spec of specs) out.push(await ctx.queue.enqueueIn(tx, spec));
      return out;
    });
    await ctx.queue.notify(...notices);
    if (notices.length) log.info({ ownerId }, 'case escalated');
  };
}
