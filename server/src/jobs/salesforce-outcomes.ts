/**
 * `salesforce.outcomes`: reads what happened with callers in the org since the account's cursor
 * (callbacks logged, meetings booked, opportunities created and won), records each as an outcome
 * once (source `salesforce`, the record as external id) and re-derives those callers' cases — all
 * in one transaction with the cursor, so a crash replays the page instead of losing or doubling it.
 *
 * Scheduled as a periodic task (jobs/periodic.ts): every worker writes the job of the current
 * minute for each Salesforce account under a time-bucketed key (`salesforce.outcomes:<account>:<minute>`),
 * so one run per account and minute exists however many workers tick, and a failed run costs one
 * minute, not the schedule. A run costs one API call (one composite of four queries).
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import { accounts, cursors, outcomes } from '../store/schema.ts';
import type { PeriodicTask } from './periodic.ts';
import { lockCaller, syncCallerFunnel } from '../cases/funnel-sync.ts';
import { createCrmSession } from '../crm/session.ts';

export const SALESFORCE_POLL_JOB = 'salesforce.outcomes';
export const OUTCOME_POLL_INTERVAL_MS = 60_000;
const CURSOR_NAME = 'salesforce.outcomes';

export const salesforceOutcomePollTask: PeriodicTask = {
  kind: SALESFORCE_POLL_JOB,
  everyMs: OUTCOME_POLL_INTERVAL_MS,
  async accounts(ctx) {
    if (!ctx.crm.supports('salesforce')) return [];
    const rows = await ctx.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.crmKind, 'salesforce'));
    return rows.map((r) => r.id);
  },
};

export async function readOutcomeCursor(ctx: AppContext, accountId: string): Promise<string | null> {
  const rows = await ctx.database.db
    .select({ value: cursors.value })
    .from(cursors)
    .where(and(eq(cursors.accountId, accountId), eq(cursors.name, CURSOR_NAME)));
  return rows[0]?.value ?? null;
}

export function salesforceOutcomesJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const accountId = String(job.payload.accountId);
    const account = await ctx.accounts.get(accountId);
    // The account went away or moved to another CRM: the chain ends here.
    if (!account || account.account.crmKind !== 'salesforce') return;
    const port = await ctx.crm.portFor(ctx, account);
    const session = createCrmSession(ctx, accountId, 'salesforce');
    const { outcomes: found, cursor } = await port.pollOutcomes(await readOutcomeCursor(ctx, accountId), session);
    const callers = [...new Set(found.map((o) => o.callerE164).filter((e): e is string => Boolean(e)))].sort();
    const now = ctx.clock();
    await ctx.database.db.transaction(async (tx) => {
      // Callers in a fixed order: two transactions never wait on each other's locks in a cycle.
      for (const caller of callers) await lockCaller(tx, accountId, caller);
      for (const o of found) {
        if (!o.callerE164) continue;
        const values = {
          accountId,
          missedCallId: null,
          callerE164: o.callerE164,
          type: o.type,
          at: o.at,
          amount: o.amount ?? null,
          answered: o.answered ?? null,
          talkSeconds: o.talkSeconds ?? null,
          source: 'salesforce',
          externalId: o.externalId,
          createdAt: now,
        };
        const insert = tx.insert(outcomes).values(values);
        // A won amount edited later is the amount; everything else is recorded once, as first seen.
        await (o.type === 'revenue'
          ? insert.onConflictDoUpdate({
              target: [outcomes.accountId, outcomes.source, outcomes.externalId],
              set: { amount: values.amount },
            })
          : insert.onConflictDoNothing({ target: [outcomes.accountId, outcomes.source, outcomes.externalId] }));
      }
      for (const caller of callers) await syncCallerFunnel(tx, account, caller);
      await tx
        .insert(cursors)
        .values({ accountId, name: CURSOR_NAME, value: cursor, updatedAt: now })
        .onConflictDoUpdate({ target: [cursors.accountId, cursors.name], set: { value: cursor, updatedAt: now } });
    });
    if (found.length > 0)
      session.logger.info({ outcomes: found.length, callers: callers.length }, 'Salesforce outcomes recorded');
  };
}
