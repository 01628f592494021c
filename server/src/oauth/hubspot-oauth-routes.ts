/**
 * Installing Ringback's HubSpot app (OAuth 2.0 authorization code):
 * - `GET /oauth/hubspot/install[?account=<id>]` redirects to HubSpot's authorize page with the app's
 *   client id and scopes, and a state sealed with the server key (expiry, nonce, target account),
 *   whose nonce is also set in a short-lived cookie — the callback must come back to this browser.
 * - `GET /oauth/hubspot/callback` exchanges the code, asks HubSpot which portal the token is for and
 *   connects that portal's account (see hubspot-install.ts).
 * - `DELETE /api/accounts/:accountId/crm/hubspot` (bearer) uninstalls: tokens revoked and removed.
 * The authorize page is HubSpot's app origin; with `hubspotApp.baseUrl` (emulator, sandbox) every
 * OAuth URL uses that origin instead.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.ts';
import { RingbackError } from '../lib/errors.ts';
import { sendError } from '../http/http-error.ts';
import { accountFor } from '../api/account-scope.ts';
import { safeEqual } from '../security/constant-time.ts';
import { HUBSPOT_APP_BASE } from '../crm/hubspot/settings.ts';
import { credentialFromGrant, exchangeCode, hubspotApp, tokenInfo } from './hubspot-tokens.ts';
import { HUBSPOT_SCOPES, completeInstall, uninstall } from './hubspot-install.ts';

const STATE_TTL_MS = 10 * 60_000;
const COOKIE = 'ringback_hubspot_oauth';

interface InstallState {
  nonce: string;
  exp: number;
  account: string | null;
}

function cookieValue(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(res: Response, status: number, title: string, text: string): void {
  res
    .status(status)
    .type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`);
}

export function hubspotOAuthRoutes(ctx: AppContext): Router {
  const router = Router();
  const redirectUri = `${ctx.config.publicUrl}/oauth/hubspot/callback`;
  const secureCookie = ctx.config.publicUrl.startsWith('https:');

  router.get('/oauth/hubspot/install', async (req, res) => {
    const app = hubspotApp(ctx);
    if (!app) return sendError(res, 404, 'hubspot_app_not_configured', 'no hubspotApp is configured on this server');
    const account = typeof req.query.account === 'string' && req.query.account !== '' ? req.query.account : null;
    if (account && !(await ctx.accounts.get(account))) return sendError(res, 404, 'unknown_account', `no account ${account}`);
    const nonce = randomBytes(16).toString('base64url');
    const state: InstallState = { nonce, exp: ctx.clock().getTime() + STATE_TTL_MS, account };
    const authorize = new URL('/oauth/authorize', app.baseUrl ?? HUBSPOT_APP_BASE);
    authorize.searchParams.set('client_id', app.clientId);
    authorize.searchParams.set('redirect_uri', redirectUri);
    authorize.searchParams.set('scope', HUBSPOT_SCOPES.join(' '));
    authorize.searchParams.set('state', ctx.box.seal(state));
    res.cookie(COOKIE, nonce, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/oauth/hubspot', maxAge: STATE_TTL_MS });
    res.redirect(302, authorize.toString());
  });

  router.get('/oauth/hubspot/callback', async (req, res) => {
    const app = hubspotApp(ctx);
    if (!app) return sendError(res, 404, 'hubspot_app_not_configured', 'no hubspotApp is configured on this server');
    if (typeof req.query.error === 'string') {
      return page(res, 400, 'HubSpot was not connected', `HubSpot answered: ${req.query.error_description ?? req.query.error}`);
    }
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    let state: InstallState | null = null;
    try {
      state = ctx.box.open<InstallState>(String(req.query.state ?? ''));
    } catch {
      state = null;
    }
    const nonce = cookieValue(req, COOKIE);
    if (!code || !state || state.exp < ctx.clock().getTime() || !nonce || !safeEqual(nonce, state.nonce)) {
      return sendError(res, 400, 'oauth_state_invalid', 'the install link expired or was not started from this browser; start the install again');
    }
    res.clearCookie(COOKIE, { path: '/oauth/hubspot' });
    try {
      const grant = await exchangeCode(app, code, redirectUri);
      const info = await tokenInfo(app, grant.accessToken);
      const credential = credentialFromGrant(grant, ctx.clock(), { scopes: info.scopes, ...(app.baseUrl ? { baseUrl: app.baseUrl } : {}) });
      const { accountId } = await completeInstall(ctx, { portalId: info.hubId, hubDomain: info.hubDomain, credential, accountId: state.account });
      page(res, 200, 'Ringback is connected to HubSpot', `HubSpot portal ${info.hubId} is connected to account ${accountId}. Missed calls now appear in HubSpot as calls and follow-up tasks.`);
    } catch (err) {
      const e = err instanceof RingbackError ? err : null;
      ctx.logger.warn({ err: (err as Error).message }, 'HubSpot install failed');
      page(res, e?.status && e.status < 500 ? e.status : 502, 'HubSpot was not connected', e?.message ?? 'HubSpot could not be reached; try again.');
    }
  });

  return router;
}

/** `DELETE /api/accounts/:accountId/crm/hubspot`, mounted under `/api` (bearer auth). */
export function hubspotInstallApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.delete('/accounts/:accountId/crm/hubspot', async (req, res) => {
    const account = await accountFor(ctx, req);
    await uninstall(ctx, account.account.id);
    res.json({ uninstalled: true, accountId: account.account.id });
  });
  return router;
}
