/**
 * `GET /api/accounts/:accountId/events`: every stored webhook event, so nothing stored is invisible —
 * with the case it produced or why none. `POST …/events/:id/reprocess` folds a stored event again.
 */
import { Router } from 'express';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { webhookEvents } from '../store/schema.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { accountFor } from './account-scope.ts';
import { decodeCursor, encodeCursor, parseLimit } from './pagination.ts';

/** Stored but not (yet) turned into anything: not understood, failed, or never folded. */
const UNPROCESSED = ['unprocessed', 'failed', 'pending'];

export function eventRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/accounts/:accountId/events', async (req, res) => {
    const account = await accountFor(ctx, req);
    const status = req.query.status === undefined ? 'all' : String(req.query.status);
    if (status !== 'all' && status !== 'unprocessed' && status !== 'pending') {
      throw new NonRetryableError('invalid_status', 'status must be unprocessed, pending or all');
    }
    const limit = parseLimit(req.query.limit);
    const cursor = decodeCursor(req.query.cursor, (v): v is { before: number } => typeof v.before === 'number');
    const rows = await ctx.database.db
      .select({
        id: webhookEvents.id,
        provider: webhookEvents.provider,
        kind: webhookEvents.kind,
        providerCallId: webhookEvents.providerCallId,
        receivedAt: webhookEvents.receivedAt,
        status: webhookEvents.status,
        note: webhookEvents.note,
        missedCallId: webhookEvents.missedCallId,
      })
      .from(webhookEvents)
      .where(
        and(
          eq(webhookEvents.accountId, account.account.id),
          status === 'unprocessed' ? inArray(webhookEvents.status, UNPROCESSED) : undefined,
          // Acknowledged, not yet folded into cases (the `webhook.fold` job is due or running).
          status === 'pending' ? eq(webhookEvents.status, 'pending') : undefined,
          cursor ? lt(webhookEvents.id, cursor.before) : undefined,
        ),
      )
      .orderBy(desc(webhookEvents.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    res.json({
      items: page.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
      next: rows.length > limit && last ? encodeCursor({ before: last.id }) : null,
    });
  });

  router.post('/accounts/:accountId/events/:eventId/reprocess', async (req, res) => {
    const account = await accountFor(ctx, req);
    const eventId = Number(req.params.eventId);
    const row = Number.isInteger(eventId)
      ? (await ctx.database.db.select({ id: webhookEvents.id }).from(webhookEvents).where(and(eq(webhookEvents.id, eventId), eq(webhookEvents.accountId, account.account.id))))[0]
      : undefined;
    if (!row) throw new NonRetryableError('not_found', `no event ${String(req.params.eventId)}`, 404);
    const jobId = await ctx.queue.enqueue({
      kind: 'webhook.reprocess',
      key: `webhook.reprocess:${eventId}:manual:${ctx.clock().getTime()}`,
      accountId: account.account.id,
      payload: { eventId },
    });
    res.status(202).json({ accepted: true, jobId });
  });
  return router;
}
