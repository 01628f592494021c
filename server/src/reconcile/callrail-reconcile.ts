/**
 * CallRail does not retry webhooks. Every minute, per account with API credentials, pull the calls
 * that started since the cursor (minus an overlap, for calls listed late) and feed each call we have
 * not heard of through the same store-and-fold path as a webhook, so a lost webhook costs a minute.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import type { PeriodicTask } from '../jobs/periodic.ts';
import { cursors, webhookEvents } from '../store/schema.ts';
import { listAccounts } from '../accounts/account-store.ts';
import { providers } from '../providers/index.ts';
import { storeAndIngest } from '../cases/store-webhook.ts';
import { listCallsSince } from './callrail-api.ts';

const CURSOR = 'callrail.reconcile';
const OVERLAP_MS = 15 * 60_000;
const FIRST_LOOKBACK_MS = 24 * 3_600_000;
const MAX_PAGES = 40;

interface CallRailCredentials {
  signingKey: string;
  apiKey?: string;
  accountId?: string;
  baseUrl?: string;
}

export const callRailReconcileTask: PeriodicTask = {
  kind: 'callrail.reconcile',
  everyMs: 60_000,
  async accounts(ctx) {
    const ids: string[] = [];
    for (const account of await listAccounts(ctx.database.db)) {
      const context = await ctx.accounts.get(account.id);
      const creds = context?.secrets.get('callrail') as CallRailCredentials | undefined;
      if (creds?.apiKey && creds.accountId) ids.push(account.id);
    }
    return ids;
  },
};

export function callRailReconcileJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const accountId = String(job.payload.accountId);
    const account = await ctx.accounts.get(accountId);
    const creds = account?.secrets.get('callrail') as CallRailCredentials | undefined;
    if (!account || !creds?.apiKey || !creds.accountId) return;
    const db = ctx.database.db;
    const now = ctx.clock();
    const stored = (await db.select().from(cursors).where(and(eq(cursors.accountId, accountId), eq(cursors.name, CURSOR))))[0];
    const cursor = stored ? new Date(stored.value) : new Date(now.getTime() - FIRST_LOOKBACK_MS);
    const since = new Date(cursor.getTime() - OVERLAP_MS);
    let latest = cursor;
    let recovered = 0;
    let page: string | null = null;
    for (let n = 0; n < MAX_PAGES; n++) {
      const result = await listCallsSince({ apiKey: creds.apiKey, accountId: creds.accountId, baseUrl: creds.baseUrl }, since, page);
      const ids = result.calls.map((c) => String(c.id ?? ''));
      const known = new Set(
        ids.length
          ? (
              await db
                .select({ id: webhookEvents.providerCallId })
                .from(webhookEvents)
                .where(and(eq(webhookEvents.accountId, accountId), eq(webhookEvents.provider, 'callrail'), inArray(webhookEvents.providerCallId, ids)))
            ).map((r) => r.id)
          : [],
      );
      for (const call of result.calls) {
        const started = Date.parse(String(call.start_time ?? ''));
        if (Number.isFinite(started) && started > latest.getTime()) latest = new Date(started);
        // In progress (no result yet) or already delivered by webhook: nothing to recover.
        if (call.answered === null || call.answered === undefined || known.has(String(call.id))) continue;
        const hint = call.direction === 'outbound' ? 'outbound_post_call' : 'post_call';
        const body = Buffer.from(JSON.stringify(call));
        const parsed = providers.callrail.parse(
          { rawBody: body, contentType: 'application/json', headers: {}, query: { event: hint }, publicUrl: ctx.config.publicUrl },
          { receivedAt: now },
        );
        if (!parsed.ok) continue;
        await storeAndIngest(ctx, account, {
          provider: 'callrail',
          kind: parsed.kind,
          providerCallId: parsed.providerCallId,
          event: parsed.event,
          note: parsed.note ? `reconciled from the CallRail API; ${parsed.note}` : 'reconciled from the CallRail API',
          body,
          contentType: 'application/json',
          headers: { 'x-ringback-source': 'callrail-api' },
          query: { event: hint },
        });
        recovered++;
      }
      page = result.next;
      if (!page) break;
    }
    await db
      .insert(cursors)
      .values({ accountId, name: CURSOR, value: latest.toISOString(), updatedAt: now })
      .onConflictDoUpdate({ target: [cursors.accountId, cursors.name], set: { value: latest.toISOString(), updatedAt: now } });
    if (recovered) ctx.logger.info({ accountId, recovered }, 'calls recovered from the CallRail API');
    ctx.metrics.inc('ringback_callrail_reconciled_total', 'Calls recovered by CallRail reconciliation', { accountId }, recovered);
  };
}
