/**
 * Middleware for every `/hubspot/*` route: reads the raw body (the signature covers its bytes),
 * verifies HubSpot's v3 signature against the public URI, then binds the request to the account of
 * the signed `portalId`. Handlers read `req.hubspot` and never see an unsigned request.
 */
import express, { type RequestHandler } from 'express';
import type { AppContext } from '../app-context.ts';
import { sendError } from '../http/http-error.ts';
import { checkSignatureV3 } from './signature.ts';
import { hubspotAppSecret } from './app-secret.ts';
import { accountIdForPortal } from './portal-account.ts';

export interface HubSpotCaller {
  accountId: string;
  portalId: string;
  /** The HubSpot user who opened the card or page (from the signed query), for the audit log. */
  userId: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    hubspot?: HubSpotCaller;
  }
}

/** HubSpot refuses request and response bodies over 1 MB for `hubspot.fetch`; so do we. */
export const HUBSPOT_BODY_LIMIT = '1mb';

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

export function signedHubSpotRequest(ctx: AppContext): RequestHandler[] {
  const verify: RequestHandler = async (req, res, next) => {
    const secret = hubspotAppSecret(ctx.config);
    if (!secret) {
      return sendError(res, 503, 'hubspot_app_not_configured', 'set hubspotApp.clientSecret in the config file to serve the HubSpot app');
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const failure = checkSignatureV3(
      secret,
      {
        method: req.method,
        uri: `${ctx.config.publicUrl}${req.originalUrl}`,
        body,
        signature: one(req.headers['x-hubspot-signature-v3']),
        timestamp: one(req.headers['x-hubspot-request-timestamp']),
      },
      ctx.clock().getTime(),
    );
    if (failure) {
      req.log?.warn({ reason: failure }, 'hubspot request refused');
      return sendError(res, 401, `hubspot_${failure}`, 'the request is not signed by HubSpot for this app, or was signed more than 5 minutes ago');
    }
    const portalId = one(req.query.portalId);
    if (!portalId) return sendError(res, 400, 'missing_portal_id', 'the signed URL carries no portalId');
    const accountId = await accountIdForPortal(ctx.database.db, portalId);
    req.hubspot = { accountId, portalId, userId: one(req.query.userId) ?? null };
    // Parsed only after the signature passed: the handlers work on what HubSpot signed.
    if (body.length > 0) {
      try {
        req.body = JSON.parse(body.toString('utf8'));
      } catch (err) {
        return sendError(res, 400, 'malformed_json', `body is not valid JSON: ${(err as Error).message}`);
      }
    } else {
      req.body = {};
    }
    next();
  };
  return [express.raw({ type: () => true, limit: HUBSPOT_BODY_LIMIT }), verify];
}
