import { Router } from 'express';
import type { AppContext } from '../app-context.ts';

/** `/healthz`: the process answers. `/readyz`: the database and the queue answer too. */
export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.allSettled([ctx.database.ping(), ctx.queue.ping()]);
    const [db, queue] = checks;
    const body = {
      status: checks.every((c) => c.status === 'fulfilled') ? 'ready' : 'unavailable',
      database: { engine: ctx.database.engine, ok: db?.status === 'fulfilled' },
      queue: { transport: ctx.queue.transportName, ok: queue?.status === 'fulfilled' },
    };
    res.status(body.status === 'ready' ? 200 : 503).json(body);
  });
  return router;
}
