/**
 * The express application: request ids and structured logs, health, webhooks (raw bodies for
 * signature checks), the authenticated API, and JSON errors everywhere.
 */
import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { scrubUrl } from '../lib/logger.ts';
import { bearerAuth } from './auth.ts';
import { errorHandler, notFound } from './http-error.ts';
import { healthRoutes } from './health-routes.ts';

export const BODY_LIMIT = '1mb';

export interface AppRoutes {
  /** Mounted at `/webhooks`, with raw bodies (`req.body` is a Buffer). */
  webhooks?: Router[];
  /** Mounted at `/api` behind bearer auth, with parsed JSON bodies. */
  api?: Router[];
  /** Mounted at the root before the 404 handler (OAuth, HubSpot card endpoints, console, sandbox). */
  extra?: Router[];
}

export function createApp(ctx: AppContext, routes: AppRoutes = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: scrubUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(healthRoutes(ctx));
  if (routes.webhooks?.length) {
    app.use('/webhooks', express.raw({ type: () => true, limit: BODY_LIMIT }), ...routes.webhooks);
  }
  const api = express.Router();
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(bearerAuth(ctx.database.db, () => ctx.adminTokenHash));
  for (const r of routes.api ?? []) api.use(r);
  app.use('/api', api);
  for (const r of routes.extra ?? []) app.use(r);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
