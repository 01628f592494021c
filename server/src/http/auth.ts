/**
 * Bearer authentication for `/api/*`: the admin token (every account) or an account token (that
 * account only). Another account's data answers 404, never 403, so ids do not leak.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { eq } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { apiTokens } from '../store/schema.ts';
import { sha256Hex } from '../lib/ids.ts';
import { safeEqualHex } from '../security/constant-time.ts';
import { sendError } from './http-error.ts';

export type Principal = { kind: 'admin' } | { kind: 'account'; accountId: string };

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export function bearerAuth(db: Db, adminTokenHash: () => string): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'missing Authorization: Bearer <token>');
    }
    const hash = sha256Hex(match[1]);
    if (safeEqualHex(hash, adminTokenHash())) {
      req.principal = { kind: 'admin' };
      return next();
    }
    const rows = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash));
    const row = rows[0];
    if (!row) return sendError(res, 401, 'unauthorized', 'unknown or revoked token');
    req.principal = { kind: 'account', accountId: row.accountId };
    next();
  };
}

/** Admin-only routes. */
export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  if (req.principal?.kind === 'admin') return next();
  sendError(res, 403, 'forbidden', 'this route needs the admin token');
}

/** True when the principal may see `accountId`. */
export function canAccess(principal: Principal | undefined, accountId: string): boolean {
  return principal?.kind === 'admin' || (principal?.kind === 'account' && principal.accountId === accountId);
}
