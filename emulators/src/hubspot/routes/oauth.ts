import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { errorBody } from '../errors.ts';
import { stringParam } from '../http.ts';
import type { EmulatorState } from '../state.ts';
import type { Clock, TokenRecord } from '../types.ts';

// OAuth: the install page (/oauth/authorize, which grants at once and redirects back with a code), the
// token endpoint (authorization_code and refresh_token grants, form-encoded), and token metadata.

export const ACCESS_TOKEN_TTL_SECONDS = 1800;
const CODE_TTL_MS = 10 * 60_000;

/** OAuth v1 errors keep HubSpot's older shape: `{ status: "BAD_AUTH_CODE", message, correlationId }`. */
function oauthError(res: Response, status: string, message: string, http = 400) {
  res.status(http).json({ status, message, correlationId: randomUUID() });
}

function tokenMetadata(t: TokenRecord, now: number) {
  return {
    token: t.token,
    user: t.user,
    hub_domain: `portal-${t.portalId}.example`,
    scopes: t.scopes,
    hub_id: t.portalId,
    app_id: t.appId,
    expires_in: Math.max(0, Math.floor(((t.expiresAt ?? now) - now) / 1000)),
    user_id: t.userId,
    token_type: 'access',
  };
}

export function oauthRoutes(state: EmulatorState, clock: Clock): Router {
  const r = Router();

  r.get('/oauth/authorize', (req, res) => {
    const clientId = stringParam(req.query.client_id);
    const redirectUri = stringParam(req.query.redirect_uri);
    const app = clientId ? state.apps.get(clientId) : undefined;
    if (!app || !redirectUri) {
      res.status(400).type('text/plain').send('Authorization failed: unknown client_id or missing redirect_uri');
      return;
    }
    const requested = stringParam(req.query.portalId);
    const portalId = requested ? Number(requested) : (state.authorizePortalId ?? [...state.portals.keys()][0]);
    if (portalId === undefined || !Number.isInteger(portalId) || portalId <= 0) {
      res
        .status(400)
        .type('text/plain')
        .send('Authorization failed: no portal to install into (add one, or pass ?portalId=)');
      return;
    }
    if (!state.portals.has(portalId)) state.addPortal(portalId);
    const code = randomUUID();
    state.authCodes.set(code, {
      code,
      clientId: app.clientId,
      portalId,
      redirectUri,
      expiresAt: clock() + CODE_TTL_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const st = stringParam(req.query.state);
    if (st !== undefined) target.searchParams.set('state', st);
    res.redirect(302, target.toString());
  });

  const token = (req: { body: unknown }, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const get = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const grantType = get('grant_type');
    const app = state.apps.get(get('client_id') ?? '');
    if (!app) return oauthError(res, 'BAD_CLIENT_ID', 'missing or unknown client id');
    if (get('client_secret') !== app.clientSecret)
      return oauthError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    const now = clock();
    if (grantType === 'authorization_code') {
      const grant = state.authCodes.get(get('code') ?? '');
      if (!grant || grant.clientId !== app.clientId || grant.expiresAt <= now) {
        return oauthError(res, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      }
      if (get('redirect_uri') !== grant.redirectUri) {
        return oauthError(res, 'BAD_REDIRECT_URI', 'redirect_uri does not match the one the code was issued for');
      }
      state.authCodes.delete(grant.code);
      const refresh = { token: randomUUID(), clientId: app.clientId, portalId: grant.portalId, scopes: app.scopes };
      state.refreshTokens.set(refresh.token, refresh);
      const access = state.issueAccessToken(grant.portalId, app, app.scopes, ACCESS_TOKEN_TTL_SECONDS);
      res.json({
        token_type: 'bearer',
        refresh_token: refresh.token,
        access_token: access.token,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
      });
      return;
    }
    if (grantType === 'refresh_token') {
      const refresh = state.refreshTokens.get(get('refresh_token') ?? '');
      if (!refresh || refresh.clientId !== app.clientId)
        return oauthError(res, 'BAD_REFRESH_TOKEN', 'missing or invalid refresh token');
      const access = state.issueAccessToken(refresh.portalId, app, refresh.scopes, ACCESS_TOKEN_TTL_SECONDS);
      res.json({
        token_type: 'bearer',
        refresh_token: refresh.token,
        access_token: access.token,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
      });
      return;
    }
    return oauthError(res, 'BAD_GRANT_TYPE', `unsupported grant_type ${grantType ?? '(missing)'}`);
  };
  r.post('/oauth/v1/token', token);
  r.post('/oauth/v3/token', token);

  r.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const record = state.tokens.get(req.params.token);
    const now = clock();
    if (!record || record.kind !== 'oauth' || record.revokedAt !== null || (record.expiresAt ?? 0) <= now) {
      res.status(404).json(errorBody({ message: 'Token not found or expired', category: 'OBJECT_NOT_FOUND' }));
      return;
    }
    res.json(tokenMetadata(record, now));
  });

  r.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const refresh = state.refreshTokens.get(req.params.token);
    if (!refresh) {
      res.status(404).json(errorBody({ message: 'Refresh token not found', category: 'OBJECT_NOT_FOUND' }));
      return;
    }
    res.json({
      token: refresh.token,
      user: `admin@portal-${refresh.portalId}.example`,
      hub_domain: `portal-${refresh.portalId}.example`,
      scopes: refresh.scopes,
      hub_id: refresh.portalId,
      client_id: refresh.clientId,
      user_id: 1,
      token_type: 'refresh',
    });
  });

  r.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    state.refreshTokens.delete(req.params.token);
    res.status(204).end();
  });

  return r;
}
