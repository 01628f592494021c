/**
 * `webhook.reprocess`: folds a stored event again — one whose first folding failed, or one an
 * operator asks to retry after fixing configuration (a tracking number, a provider mapping). The
 * event was authenticated when it was stored; it is parsed again from its raw bytes.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import { webhookEvents } from '../store/schema.ts';
import { foldStoredEvent } from '../cases/store-webhook.ts';
import { parseStoredEvent } from '../cases/parse-stored-event.ts';
import { accountForFold } from './fold-webhooks.ts';
import { NonRetryableError } from '../lib/errors.ts';

export function reprocessWebhookJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const eventId = Number(job.payload.eventId);
    const row = (await ctx.database.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId)))[0];
    if (!row) throw new NonRetryableError('not_found', `stored event ${eventId} is gone`);
    const account = await accountForFold(ctx, row.accountId);
    if (!account) throw new NonRetryableError('unknown_account', `account ${row.accountId} is gone`);
    const parsed = parseStoredEvent(ctx, account, row);
    if (!parsed.ok) throw new NonRetryableError(parsed.code, parsed.message);
    const now = ctx.clock();
    const { notices } = await ctx.database.db.transaction(async (tx) => {
      // Already folded by an earlier run of this job: nothing to do twice. The row lock orders this
      // against a fold job holding the same event.
      const current = (await tx.select({ status: webhookEvents.status }).from(webhookEvents).where(eq(webhookEvents.id, eventId)).for('update'))[0];
      if (current?.status === 'processed' && !job.key.includes(':manual')) return { notices: [] };
      return foldStoredEvent(ctx, tx, account, eventId, parsed.kind, parsed.event, parsed.note, now);
    });
    await ctx.queue.notify(...notices);
  };
}
