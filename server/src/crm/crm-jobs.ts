/**
 * The CRM jobs: `crm.write` (person, call activity, follow-up task), `crm.repeat` (a repeat dial's
 * own call activity) and `crm.spam` (close the task of a case found to be spam). Each records the
 * outcome on the case — the ids, or the last CRM error while the write is not done — and may run
 * any number of times.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import { auditLog, missedCalls, type MissedCallRow } from '../store/schema.ts';
import { errorCodeOf, NonRetryableError, RetryAfterError } from '../lib/errors.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { toCrmCase } from './crm-case.ts';
import { createCrmSession } from './session.ts';
import type { CrmCase, CrmPort, CrmSession } from './port.ts';

interface Loaded {
  row: MissedCallRow;
  account: AccountContext;
  port: CrmPort;
  crmCase: CrmCase;
  session: CrmSession;
}

async function load(ctx: AppContext, caseId: string): Promise<Loaded> {
  const row = (await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, caseId)))[0];
  if (!row) throw new NonRetryableError('not_found', `case ${caseId} does not exist`);
  const account = await ctx.accounts.get(row.accountId);
  if (!account) throw new NonRetryableError('unknown_account', `account ${row.accountId} does not exist`);
  const port = await ctx.crm.portFor(ctx, account);
  return { row, account, port, crmCase: toCrmCase(row, account), session: createCrmSession(ctx, account.account.id, port.kind) };
}

/** Runs a CRM step, keeping the case's `crm.error` current: set while failing, cleared on success. */
async function recording<T>(ctx: AppContext, row: MissedCallRow, action: string, step: () => Promise<T>): Promise<T> {
  try {
    const result = await step();
    if (row.crmError) await ctx.database.db.update(missedCalls).set({ crmError: null }).where(eq(missedCalls.id, row.id));
    return result;
  } catch (err) {
    const crmError = { code: errorCodeOf(err), message: (err as Error).message ?? String(err), at: ctx.clock().toISOString() };
    await ctx.database.db.update(missedCalls).set({ crmError }).where(eq(missedCalls.id, row.id));
    await ctx.database.db.insert(auditLog).values({ accountId: row.accountId, missedCallId: row.id, actor: 'ringback', action: `${action}_failed`, detail: crmError });
    throw err;
  }
}

export function crmWriteJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const { row, port, crmCase, session } = await load(ctx, String(job.payload.caseId));
    if (row.spam || row.repeatOf) return; // spam and repeat dials get no person and no task
    const result = await recording(ctx, row, 'crm.write', () => port.writeCase(crmCase, session));
    await ctx.database.db
      .update(missedCalls)
      .set({
        crmContactId: result.contactId,
        crmContactCreated: result.contactCreated,
        crmCallId: result.callId,
        crmTaskId: result.taskId,
        crmOwnerId: result.ownerId,
        ownerId: result.ownerId,
        ownerReason: result.ownerReason,
        crmError: null,
        updatedAt: ctx.clock(),
      })
      .where(eq(missedCalls.id, row.id));
    await ctx.database.db.insert(auditLog).values({
      accountId: row.accountId,
      missedCallId: row.id,
      actor: port.kind,
      action: 'crm.written',
      detail: { ...result },
    });
  };
}

export function crmRepeatJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const { row, account, port, crmCase, session } = await load(ctx, String(job.payload.caseId));
    if (!row.repeatOf || row.spam) return;
    const parent = (await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, row.repeatOf)))[0];
    if (!parent) return;
    const parentLinks = toCrmCase(parent, account).links;
    // The parent is written by its own job; until its person, call and task are there this call has
    // nobody to attach to, and would land in the CRM ahead of the call it repeats (an outage can
    // leave a parent with its person written and its call and task still retrying).
    if (!parentLinks.contactId || !parentLinks.taskId) {
      throw new RetryAfterError('crm_parent_pending', 'the repeated case is not in the CRM yet', 10_000);
    }
    const { callId } = await recording(ctx, row, 'crm.repeat', () => port.logRepeatCall(crmCase, parentLinks, session));
    await ctx.database.db
      .update(missedCalls)
      .set({ crmCallId: callId, crmContactId: parentLinks.contactId, crmError: null })
      .where(eq(missedCalls.id, row.id));
  };
}

export function crmSpamJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const { row, port, crmCase, session } = await load(ctx, String(job.payload.caseId));
    if (!row.spam || !row.crmTaskId) return;
    await recording(ctx, row, 'crm.spam', () =>
      port.closeTaskAsSpam(crmCase, `Closed by Ringback: the call was identified as spam (${row.spamReason ?? 'provider flag'}).`, session),
    );
    await ctx.database.db.insert(auditLog).values({ accountId: row.accountId, missedCallId: row.id, actor: port.kind, action: 'crm.task_closed_spam', detail: { taskId: row.crmTaskId } });
  };
}
