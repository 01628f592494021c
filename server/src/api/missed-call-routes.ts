/**
 * `GET /api/accounts/:accountId/missed-calls` (contract §4): newest first, `[from, to)` on missedAt,
 * filters by location and list status (and, for the contact cards, by caller number or CRM person),
 * keyset paging on (missedAt, id). `…/missed-calls/:id/timeline`: the case's audit log, oldest first.
 */
import { Router } from 'express';
import { and, asc, desc, eq, gt, gte, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { auditLog, missedCalls } from '../store/schema.ts';
import { priorityFactorsFor } from '../recovery/priority.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { accountFor } from './account-scope.ts';
import { decodeCursor, encodeCursor, parseLimit, parseRange } from './pagination.ts';
import { missedCallView } from './missed-call-view.ts';

const STATUSES = ['open', 'attempted', 'contacted', 'booked', 'won', 'lost', 'spam'] as const;
type Status = (typeof STATUSES)[number];

function statusFilter(status: Status, now: Date): SQL {
  const live = eq(missedCalls.spam, false);
  switch (status) {
    case 'spam':
      return eq(missedCalls.spam, true);
    case 'lost':
      return and(live, or(eq(missedCalls.status, 'open'), eq(missedCalls.status, 'attempted')), lte(missedCalls.lostAt, now))!;
    case 'open':
    case 'attempted':
      return and(live, eq(missedCalls.status, status), gt(missedCalls.lostAt, now))!;
    default:
      return and(live, eq(missedCalls.status, status))!;
  }
}

export function missedCallRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/accounts/:accountId/missed-calls', async (req, res) => {
    const account = await accountFor(ctx, req);
    const { from, to } = parseRange(req.query);
    const limit = parseLimit(req.query.limit);
    const status = req.query.status === undefined ? undefined : String(req.query.status);
    if (status !== undefined && !STATUSES.includes(status as Status)) {
      throw new NonRetryableError('invalid_status', `status must be one of ${STATUSES.join(', ')}`);
    }
    const cursor = decodeCursor(req.query.cursor, (v): v is { at: string; id: string } => typeof v.at === 'string' && typeof v.id === 'string');
    const locationId = req.query.locationId === undefined ? undefined : String(req.query.locationId);
    const callerE164 = req.query.callerE164 === undefined ? undefined : String(req.query.callerE164);
    const crmContactId = req.query.crmContactId === undefined ? undefined : String(req.query.crmContactId);
    const now = ctx.clock();
    const conditions = [
      eq(missedCalls.accountId, account.account.id),
      from ? gte(missedCalls.missedAt, from) : undefined,
      to ? lt(missedCalls.missedAt, to) : undefined,
      locationId === undefined ? undefined : locationId === 'null' || locationId === '' ? isNull(missedCalls.locationId) : eq(missedCalls.locationId, locationId),
      status ? statusFilter(status as Status, now) : undefined,
      callerE164 === undefined ? undefined : eq(missedCalls.callerE164, callerE164),
      crmContactId === undefined ? undefined : eq(missedCalls.crmContactId, crmContactId),
      cursor
        ? or(lt(missedCalls.missedAt, new Date(cursor.at)), and(eq(missedCalls.missedAt, new Date(cursor.at)), lt(missedCalls.id, cursor.id)))
        : undefined,
    ].filter((c) => c !== undefined);
    const rows = await ctx.database.db
      .select()
      .from(missedCalls)
      .where(and(...conditions))
      .orderBy(desc(missedCalls.missedAt), desc(missedCalls.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const factors = await priorityFactorsFor(ctx.database.db, page.map((r) => r.id));
    res.json({
      items: page.map((r) => missedCallView(r, now, factors.get(r.id))),
      next: rows.length > limit && last ? encodeCursor({ at: last.missedAt.toISOString(), id: last.id }) : null,
    });
  });

  router.get('/accounts/:accountId/missed-calls/:id', async (req, res) => {
    const account = await accountFor(ctx, req);
    const row = (
      await ctx.database.db
        .select()
        .from(missedCalls)
        .where(and(eq(missedCalls.accountId, account.account.id), eq(missedCalls.id, String(req.params.id))))
    )[0];
    if (!row) throw new NonRetryableError('not_found', `no missed call ${String(req.params.id)}`, 404);
    const factors = await priorityFactorsFor(ctx.database.db, [row.id]);
    res.json(missedCallView(row, ctx.clock(), factors.get(row.id)));
  });

  router.get('/accounts/:accountId/missed-calls/:id/timeline', async (req, res) => {
    const account = await accountFor(ctx, req);
    const id = String(req.params.id);
    const found = await ctx.database.db
      .select({ id: missedCalls.id })
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, account.account.id), eq(missedCalls.id, id)));
    if (!found.length) throw new NonRetryableError('not_found', `no missed call ${id}`, 404);
    const rows = await ctx.database.db
      .select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      // The case was checked to be this account's; its audit rows are found by case id (indexed).
      .where(eq(auditLog.missedCallId, id))
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    res.json({ items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) });
  });
  return router;
}
