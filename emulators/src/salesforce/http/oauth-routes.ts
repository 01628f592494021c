/**
 * The OAuth 2.0 endpoints jsforce's `OAuth2` class talks to: `/services/oauth2/token` (refresh token,
 * authorization code, client credentials, JWT bearer), `/services/oauth2/authorize` (redirects back
 * with a code, standing in for the login and consent screens) and `/services/oauth2/revoke`.
 * Errors are `{error, error_description}` with HTTP 400, as Salesforce answers them.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { ConnectedApp } from '../store/auth.ts';
import type { SalesforceState } from '../store/state.ts';
import { verifyJwtBearer } from './jwt.ts';
import { sendJson } from './send-json.ts';

type OAuthError = { error: string; error_description: string };

const INVALID_GRANT: OAuthError = { error: 'invalid_grant', error_description: 'expired access/refresh token' };
const INVALID_CLIENT_ID: OAuthError = { error: 'invalid_client_id', error_description: 'client identifier invalid' };
const INVALID_CLIENT: OAuthError = { error: 'invalid_client', error_description: 'invalid client credentials' };

export function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function params(req: Request): Record<string, string> {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const contentType = req.get('content-type') ?? '';
  const fromBody = /application\/x-www-form-urlencoded/i.test(contentType)
    ? Object.fromEntries(new URLSearchParams(raw))
    : {};
  return { ...(req.query as Record<string, string>), ...fromBody };
}

class OAuthFailure extends Error {
  constructor(readonly body: OAuthError) {
    super(body.error_description);
  }
}

function clientApp(state: SalesforceState, p: Record<string, string>, secretRequired: boolean): ConnectedApp {
  const app = p['client_id'] ? state.auth.apps.get(p['client_id']) : undefined;
  if (!app) throw new OAuthFailure(INVALID_CLIENT_ID);
  const secret = p['client_secret'];
  if ((secretRequired && !secret) || (secret !== undefined && secret !== app.clientSecret))
    throw new OAuthFailure(INVALID_CLIENT);
  return app;
}

function tokenResponse(
  state: SalesforceState,
  req: Request,
  grant: { orgId: string; userId: string; app: ConnectedApp },
  refreshToken?: string,
) {
  const origin = originOf(req);
  const issuedAt = String(state.now());
  const id = `${origin}/id/${grant.orgId}/${grant.userId}`;
  return {
    access_token: state.auth.issueAccess(grant.orgId, grant.userId, grant.app.clientId, state.now()),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    // Salesforce signs id + issued_at with the client secret so the client can check the response.
    signature: createHmac('sha256', grant.app.clientSecret)
      .update(id + issuedAt)
      .digest('base64'),
    scope: refreshToken ? 'refresh_token api' : 'api',
    instance_url: origin,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

function refreshGrant(state: SalesforceState, req: Request, p: Record<string, string>) {
  const app = clientApp(state, p, true);
  const grant = p['refresh_token'] ? state.auth.refreshTokens.get(p['refresh_token']) : undefined;
  if (!grant || grant.revoked || grant.clientId !== app.clientId) throw new OAuthFailure(INVALID_GRANT);
  let rotated: string | undefined;
  if (app.rotateRefreshTokens) {
    grant.revoked = true;
    rotated = state.auth.issueRefresh(grant.orgId, grant.userId, app.clientId);
  }
  return tokenResponse(state, req, { orgId: grant.orgId, userId: grant.userId, app }, rotated);
}

function codeGrant(state: SalesforceState, req: Request, p: Record<string, string>) {
  const code = p['code'] ? state.auth.codes.get(p['code']) : undefined;
  const app = clientApp(state, p, !p['code_verifier']);
  const invalidCode = new OAuthFailure({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  if (!code || code.clientId !== app.clientId || code.expiresAt < state.now()) throw invalidCode;
  if (p['redirect_uri'] !== code.redirectUri)
    throw new OAuthFailure({
      error: 'redirect_uri_mismatch',
      error_description: 'redirect_uri must match configuration',
    });
  if (code.codeChallenge) {
    const verifier = p['code_verifier'] ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (challenge !== code.codeChallenge)
      throw new OAuthFailure({ error: 'invalid_grant', error_description: 'invalid code verifier' });
  }
  if (p['code']) state.auth.codes.delete(p['code']);
  const refresh = state.auth.issueRefresh(code.orgId, code.userId, app.clientId);
  return tokenResponse(state, req, { orgId: code.orgId, userId: code.userId, app }, refresh);
}

function clientCredentialsGrant(state: SalesforceState, req: Request, p: Record<string, string>) {
  const app = clientApp(state, p, true);
  if (!app.runAs)
    throw new OAuthFailure({ error: 'invalid_grant', error_description: 'no client credentials user enabled' });
  return tokenResponse(state, req, { ...app.runAs, app });
}

function userByUsername(state: SalesforceState, username: string): { orgId: string; userId: string } | null {
  for (const org of state.orgs.values()) {
    const user = org.all('User').find((u) => String(u.fields['Username']).toLowerCase() === username.toLowerCase());
    if (user && user.fields['IsActive'] === true) return { orgId: org.orgId, userId: user.id };
  }
  return null;
}

function jwtGrant(state: SalesforceState, req: Request, p: Record<string, string>) {
  const audiences = [originOf(req), 'https://login.salesforce.com', 'https://test.salesforce.com'];
  const check = verifyJwtBearer(p['assertion'] ?? '', state.auth.apps, audiences, state.now());
  if (!check.ok) throw new OAuthFailure({ error: check.error, error_description: check.description });
  const user = userByUsername(state, check.username);
  if (!user)
    throw new OAuthFailure({ error: 'invalid_grant', error_description: "user hasn't approved this consumer" });
  return tokenResponse(state, req, { ...user, app: check.app });
}

export function oauthRouter(state: SalesforceState): Router {
  const router = express.Router();
  router.post('/token', (req: Request, res: Response) => {
    const p = params(req);
    try {
      const grant = p['grant_type'];
      const body =
        grant === 'refresh_token'
          ? refreshGrant(state, req, p)
          : grant === 'authorization_code'
            ? codeGrant(state, req, p)
            : grant === 'client_credentials'
              ? clientCredentialsGrant(state, req, p)
              : grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer'
                ? jwtGrant(state, req, p)
                : null;
      if (!body)
        throw new OAuthFailure({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
      sendJson(res, 200, body);
    } catch (err) {
      if (!(err instanceof OAuthFailure)) throw err;
      sendJson(res, 400, err.body);
    }
  });

  router.get('/authorize', (req: Request, res: Response) => {
    const p = req.query as Record<string, string>;
    const app = p['client_id'] ? state.auth.apps.get(p['client_id']) : undefined;
    const redirectUri = p['redirect_uri'];
    if (!app || !redirectUri || (app.redirectUris.length > 0 && !app.redirectUris.includes(redirectUri))) {
      res
        .status(400)
        .type('text/plain')
        .send(!app ? 'error=invalid_client_id' : 'error=redirect_uri_mismatch');
      return;
    }
    const back = new URL(redirectUri);
    if (p['state'] !== undefined) back.searchParams.set('state', p['state']);
    // The login page is not emulated: `login_hint` picks the approving user, else the first org's admin.
    const user = p['login_hint'] ? userByUsername(state, p['login_hint']) : null;
    const org = user ? state.org(user.orgId) : state.org();
    if (p['response_type'] !== 'code') back.searchParams.set('error', 'unsupported_response_type');
    else {
      const code = state.auth.issueCode(
        {
          orgId: org.orgId,
          userId: user?.userId ?? state.userOf(org),
          clientId: app.clientId,
          redirectUri,
          ...(p['code_challenge'] ? { codeChallenge: p['code_challenge'] } : {}),
        },
        state.now(),
      );
      back.searchParams.set('code', code);
    }
    res.redirect(302, back.toString());
  });

  router.post('/revoke', (req: Request, res: Response) => {
    const p = params(req);
    if (p['token'] && state.auth.revoke(p['token'])) {
      res.status(200).end();
      return;
    }
    sendJson(res, 400, { error: 'unsupported_token_type', error_description: 'this token type is not supported' });
  });
  return router;
}
