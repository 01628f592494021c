/**
 * `webhook.fold`: folds the events one ack batch stored (payload `eventIds`) into cases, each in its
 * own transaction, in the order they were stored. The webhook ack only made the raw events durable;
 * this is where they become cases, funnel steps and CRM jobs.
 *
 * Safe to run twice (a redelivery after a crash, or two workers): an event is folded under its row
 * lock and only while it is still `pending`. An event whose folding fails is marked `failed` with a
 * `webhook.reprocess` job, so one bad event never holds back the rest of its batch.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import { webhookEvents } from '../store/schema.ts';
import { foldStoredEvent } from '../cases/store-webhook.ts';
import { parseStoredEvent } from '../cases/parse-stored-event.ts';

export const FOLD_JOB = 'webhook.fold';
/**
 * A batch folds in well under a second; if its worker dies, another takes the batch over after this
 * long rather than the queue's default two minutes, because cases wait on it.
 */
export const FOLD_LEASE_MS = 10_000;

export function foldWebhooksJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const ids = Array.isArray(job.payload.eventIds) ? job.payload.eventIds.map(Number) : [];
    for (const id of ids) await foldEvent(ctx, id);
  };
}

async function foldEvent(ctx: AppContext, eventId: number): Promise<void> {
  const db = ctx.database.db;
  const row = (await db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId)))[0];
  if (!row || row.status !== 'pending') return;
  const account = await accountForFold(ctx, row.accountId);
  if (!account) return markFailed(ctx, eventId, row.accountId, `account ${row.accountId} is gone`);
  const parsed = parseStoredEvent(ctx, account, row);
  if (!parsed.ok) return markFailed(ctx, eventId, row.accountId, `${parsed.code}: ${parsed.message}`);
  const now = ctx.clock();
  let notices;
  try {
    notices = await db.transaction(async (tx) => {
      const current = (await tx.select({ status: webhookEvents.status }).from(webhookEvents).where(eq(webhookEvents.id, eventId)).for('update'))[0];
      if (current?.status !== 'pending') return [];
      return (await foldStoredEvent(ctx, tx, account, eventId, parsed.kind, parsed.event, parsed.note, now)).notices;
    });
  } catch (err) {
    ctx.logger.error({ accountId: row.accountId, eventId, err: (err as Error).message }, 'webhook folding failed; listed for reprocessing');
    return markFailed(ctx, eventId, row.accountId, `processing failed: ${(err as Error).message}`);
  }
  await ctx.queue.notify(...notices);
}

/**
 * The account as the fold must see it. Whether a new case gets a CRM job is decided from the
 * account's CRM; one connected seconds ago (an OAuth install) may not be in this process's cached
 * account yet, and a case folded without it would never be written to the CRM. So a cached account
 * without a CRM is read again.
 */
export async function accountForFold(ctx: AppContext, accountId: string): Promise<AccountContext | null> {
  const cached = await ctx.accounts.get(accountId);
  if (!cached || ctx.crm.supports(cached.account.crmKind)) return cached;
  ctx.accounts.invalidate(accountId);
  return ctx.accounts.get(accountId);
}

/**
 * Lists the event as failed with a reprocess job (retried with backoff), in one transaction. If the
 * database cannot take even that, the error fails this fold job, which is retried: the event stays
 * `pending` and nothing is lost.
 */
async function markFailed(ctx: AppContext, eventId: number, accountId: string, note: string): Promise<void> {
  const notice = await ctx.database.db.transaction(async (tx) => {
    const updated = await tx
      .update(webhookEvents)
      .set({ status: 'failed', note: note.slice(0, 500), processedAt: ctx.clock() })
      .where(and(eq(webhookEvents.id, eventId), eq(webhookEvents.status, 'pending')))
      .returning({ id: webhookEvents.id });
    if (!updated.length) return null;
    return ctx.queue.enqueueIn(tx, { kind: 'webhook.reprocess', key: `webhook.reprocess:${eventId}`, accountId, payload: { eventId } });
  });
  await ctx.queue.notify(notice);
}
