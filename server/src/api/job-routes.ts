/**
 * Jobs as an operator sees them: the dead-letter list with each job's last error, and a retry.
 * Account tokens see their own account's jobs only.
 */
import { Router } from 'express';
import type { AppContext } from '../app-context.ts';
import { listJobs, reviveJob, getJob } from '../queue/outbox.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { decodeCursor, encodeCursor, parseLimit } from './pagination.ts';
import { requireAdmin } from '../http/auth.ts';

const STATUSES = new Set(['pending', 'running', 'done', 'dead']);

export function jobRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/jobs', async (req, res) => {
    const status = req.query.status === undefined ? undefined : String(req.query.status);
    if (status !== undefined && !STATUSES.has(status)) {
      throw new NonRetryableError('invalid_status', `status must be one of ${[...STATUSES].join(', ')}`);
    }
    const limit = parseLimit(req.query.limit);
    const cursor = decodeCursor(req.query.cursor, (v): v is { before: number } => typeof v.before === 'number');
    const accountId = req.principal?.kind === 'account' ? req.principal.accountId : undefined;
    const rows = await listJobs(ctx.database.db, {
      limit: limit + 1,
      ...(status ? { status } : {}),
      ...(accountId ? { accountId } : {}),
      ...(cursor ? { beforeId: cursor.before } : {}),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    res.json({
      items: page.map((j) => ({
        id: j.id,
        kind: j.kind,
        key: j.key,
        accountId: j.accountId,
        status: j.status,
        attempts: j.attempts,
        maxAttempts: j.maxAttempts,
        runAt: j.runAt.toISOString(),
        lastError: j.lastError,
        createdAt: j.createdAt.toISOString(),
        finishedAt: j.finishedAt?.toISOString() ?? null,
      })),
      next: rows.length > limit && last ? encodeCursor({ before: last.id }) : null,
    });
  });
  router.post('/jobs/:id/retry', requireAdmin, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) throw new NonRetryableError('invalid_id', 'job id must be an integer');
    const revived = await reviveJob(ctx.database.db, id, ctx.clock());
    if (!revived) {
      const job = await getJob(ctx.database.db, id);
      throw new NonRetryableError(
        job ? 'job_not_dead' : 'not_found',
        job ? `job ${id} is ${job.status}, not dead` : `no job ${id}`,
        job ? 409 : 404,
      );
    }
    await ctx.queue.notify({ id, runAt: ctx.clock() });
    res.status(202).json({ id, status: 'pending' });
  });
  return router;
}
