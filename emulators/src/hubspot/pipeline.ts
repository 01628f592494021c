import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { HubSpotApiError, errorBody, validationError } from './errors.ts';
import type { Faults } from './faults.ts';
import { sleep } from './http.ts';
import { rateLimitBody, type RateLimiter } from './rate-limit.ts';
import type { RequestLog } from './request-log.ts';
import type { EmulatorState } from './state.ts';
import type { Clock } from './types.ts';

// The middleware every HubSpot-facing request goes through, in order: request log, latency, injected 5xx,
// bearer authentication, injected 429 storms and the real rate limits.

export interface PipelineDeps {
  state: EmulatorState;
  faults: Faults;
  limiter: RateLimiter;
  log: RequestLog;
  clock: Clock;
  latencyMs: number;
}

function bearer(req: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export function logRequests(deps: PipelineDeps): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const at = deps.clock();
    const path = req.path;
    res.on('finish', () => {
      const portalId = (res.locals as { portal?: { portalId: number } }).portal?.portalId;
      deps.log.record({
        at,
        method: req.method,
        path,
        status: res.statusCode,
        portalId: portalId ?? deps.state.tokens.get(bearer(req) ?? '')?.portalId ?? null,
        durationMs: performance.now() - started,
      });
    });
    next();
  };
}

export function injectLatencyAndErrors(deps: PipelineDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const delay = deps.latencyMs + deps.faults.latencyMs;
    if (delay > 0) await sleep(delay);
    const portalId = deps.state.tokens.get(bearer(req) ?? '')?.portalId ?? null;
    const status = deps.faults.takeServerError(portalId);
    if (status !== null) {
      res.status(status).json(errorBody({ message: 'internal error', category: 'INTERNAL_ERROR' }));
      return;
    }
    next();
  };
}

const CREDENTIALS_NOT_FOUND =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

/** `Authorization: Bearer <token>` → the token's portal in res.locals, or HubSpot's 401. */
export function authenticate(deps: PipelineDeps): RequestHandler {
  return (req, res, next) => {
    const token = deps.state.tokens.get(bearer(req) ?? '');
    if (!token) throw new HubSpotApiError(401, { message: CREDENTIALS_NOT_FOUND, category: 'INVALID_AUTHENTICATION' });
    const now = deps.clock();
    const expiredAt = token.revokedAt ?? (token.expiresAt !== null && token.expiresAt <= now ? token.expiresAt : null);
    if (expiredAt !== null) {
      const minutes = Math.max(0, Math.floor((now - expiredAt) / 60_000));
      throw new HubSpotApiError(401, {
        message: `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
        category: 'EXPIRED_AUTHENTICATION',
        context: { expiresAt: [new Date(expiredAt).toISOString()] },
      });
    }
    const portal = deps.state.portals.get(token.portalId);
    if (!portal) throw new HubSpotApiError(401, { message: CREDENTIALS_NOT_FOUND, category: 'INVALID_AUTHENTICATION' });
    res.locals.portal = portal;
    res.locals.token = token;
    next();
  };
}

/** Injected storms first, then the portal's real limits; headers go on every answer, refused or not. */
export function rateLimit(deps: PipelineDeps): RequestHandler {
  return (req, res, next) => {
    const { portal, token } = res.locals as { portal: { portalId: number }; token: { kind: string } };
    const privateApp = token.kind === 'private-app';
    const storm = deps.faults.takeStorm(portal.portalId);
    if (storm !== null) {
      res.set(deps.limiter.exhaustedHeaders(portal.portalId, privateApp));
      res.status(429).json(rateLimitBody(storm, portal.portalId));
      return;
    }
    const search = req.method === 'POST' && /\/search\/?$/.test(req.path);
    const decision = deps.limiter.take(portal.portalId, { search, privateApp });
    res.set(decision.headers);
    if (decision.refused) {
      res.status(429).json(decision.refused.body);
      return;
    }
    next();
  };
}

export const notFoundRoute: RequestHandler = (req) => {
  throw new HubSpotApiError(404, { message: `No route for ${req.method} ${req.path}`, category: 'OBJECT_NOT_FOUND' });
};

/** HubSpotApiError → its status and body; body-parser failures → HubSpot's "Invalid input JSON" 400. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof HubSpotApiError) {
    res.status(err.status).json(err.body);
    return;
  }
  const parseFailure = err as { type?: string; message?: string; status?: number };
  if (parseFailure.type === 'entity.parse.failed') {
    const e = validationError(`Invalid input JSON on line 1: ${parseFailure.message ?? 'malformed JSON'}`);
    res.status(400).json(e.body);
    return;
  }
  if (parseFailure.type === 'entity.too.large') {
    res.status(413).json(errorBody({ message: 'Request body too large', category: 'VALIDATION_ERROR' }));
    return;
  }
  console.error('hubspot emulator: unexpected error', err);
  res.status(500).json(errorBody({ message: 'internal error', category: 'INTERNAL_ERROR' }));
};
