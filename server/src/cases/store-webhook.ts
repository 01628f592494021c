/**
 * Stores an authenticated webhook and folds it into cases in one transaction, then hands the caused
 * jobs to the queue. A replay (same account, provider, kind, call id and body bytes) answers
 * duplicate. If folding fails, the raw event is still stored (status `failed`) with a reprocess job:
 * an acknowledged event is never lost.
 */
import { and, eq } from 'drizzle-orm';
import type { CallEvent, EventKind, Provider } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { webhookEvents } from '../store/schema.ts';
import { sha256Hex } from '../lib/ids.ts';
import { ingestCallEvent, type Tx } from './ingest-event.ts';
import type { Notice } from '../queue/job-queue.ts';

export interface StoredWebhook {
  provider: Provider;
  kind: EventKind;
  providerCallId: string | null;
  event: CallEvent | null;
  note: string | null;
  body: Buffer;
  contentType: string | null;
  headers: Record<string, string>;
  query: Record<string, string>;
}

export interface StoreResult {
  duplicate: boolean;
  missedCallId: string | null;
  eventId: number;
}

export function idempotencyKey(kind: string, providerCallId: string | null, body: Buffer): string {
  return sha256Hex(`${kind}\n${providerCallId ?? ''}\n${sha256Hex(body)}`);
}

export async function storeAndIngest(ctx: AppContext, account: AccountContext, hook: StoredWebhook): Promise<StoreResult> {
  const accountId = account.account.id;
  const key = idempotencyKey(hook.kind, hook.providerCallId, hook.body);
  const now = ctx.clock();
  const row = {
    accountId,
    provider: hook.provider,
    kind: hook.kind,
    providerCallId: hook.providerCallId,
    occurredAt: hook.event?.startedAt ?? null,
    idempotencyKey: key,
    body: hook.body,
    contentType: hook.contentType,
    headers: hook.headers,
    query: hook.query,
    receivedAt: now,
  };
  try {
    const outcome = await ctx.database.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(webhookEvents)
        .values({ ...row, status: 'pending' })
        .onConflictDoNothing({ target: [webhookEvents.accountId, webhookEvents.provider, webhookEvents.idempotencyKey] })
        .returning({ id: webhookEvents.id });
      const eventId = inserted[0]?.id;
      if (eventId === undefined) return { duplicate: true as const };
      const { missedCallId, notices } = await foldStoredEvent(ctx, tx, account, eventId, hook.kind, hook.event, hook.note, now);
      return { duplicate: false as const, eventId, missedCallId, notices };
    });
    if (outcome.duplicate) return duplicateOf(ctx, accountId, hook.provider, key);
    await ctx.queue.notify(...outcome.notices);
    return { duplicate: false, missedCallId: outcome.missedCallId, eventId: outcome.eventId };
  } catch (err) {
    ctx.logger.error({ accountId, provider: hook.provider, err: (err as Error).message }, 'webhook folding failed; stored for reprocessing');
    return storeFailed(ctx, row, err);
  }
}

/**
 * Folds a stored event's CallEvent into cases and marks the event processed (or unprocessed, when
 * there is nothing to fold), writing the caused jobs to the outbox — all in `tx`.
 */
export async function foldStoredEvent(
  ctx: AppContext,
  tx: Tx,
  account: AccountContext,
  eventId: number,
  kind: EventKind,
  event: CallEvent | null,
  parseNote: string | null,
  now: Date,
): Promise<{ missedCallId: string | null; notices: Array<Notice | null> }> {
  const notices: Array<Notice | null> = [];
  let missedCallId: string | null = null;
  // Understood but deliberately not folded (a pre-call is never a miss) counts as processed; what we
  // could not understand stays listed as unprocessed.
  let status = kind === 'pre_call' ? 'processed' : 'unprocessed';
  let note = parseNote;
  if (event) {
    const result = await ingestCallEvent(tx, account, event, now, { crm: ctx.crm.supports(account.account.crmKind) });
    for (const job of result.jobs) notices.push(await ctx.queue.enqueueIn(tx, job));
    missedCallId = result.missedCallId;
    status = 'processed';
    note = result.note ?? parseNote;
  }
  await tx.update(webhookEvents).set({ status, note, missedCallId, processedAt: now }).where(eq(webhookEvents.id, eventId));
  return { missedCallId, notices };
}

async function duplicateOf(ctx: AppContext, accountId: string, provider: string, key: string): Promise<StoreResult> {
  const existing = (
    await ctx.database.db
      .select({ id: webhookEvents.id, missedCallId: webhookEvents.missedCallId })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.accountId, accountId), eq(webhookEvents.provider, provider), eq(webhookEvents.idempotencyKey, key)))
  )[0]!;
  return { duplicate: true, missedCallId: existing.missedCallId, eventId: existing.id };
}

/** Keeps the raw event when folding it failed, with a job to try again. */
async function storeFailed(ctx: AppContext, row: typeof webhookEvents.$inferInsert, err: unknown): Promise<StoreResult> {
  const note = `processing failed: ${(err as Error).message}`.slice(0, 500);
  const result = await ctx.database.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ ...row, status: 'failed', note })
      .onConflictDoNothing({ target: [webhookEvents.accountId, webhookEvents.provider, webhookEvents.idempotencyKey] })
      .returning({ id: webhookEvents.id });
    const eventId = inserted[0]?.id;
    if (eventId === undefined) return null;
    const notice = await ctx.queue.enqueueIn(tx, {
      kind: 'webhook.reprocess',
      key: `webhook.reprocess:${eventId}`,
      accountId: row.accountId,
      payload: { eventId },
    });
    return { eventId, notice };
  });
  if (!result) return duplicateOf(ctx, row.accountId, row.provider, row.idempotencyKey);
  await ctx.queue.notify(result.notice);
  return { duplicate: false, missedCallId: null, eventId: result.eventId };
}
