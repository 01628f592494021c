/**
 * Installing Ringback into a Salesforce org with the OAuth 2.0 web-server flow (with PKCE):
 * - `GET /oauth/salesforce/install?token=<ticket>` (a link from `POST /api/accounts/:id/crm/salesforce/install`),
 *   or with the admin token as a Bearer header and `?accountId=`: redirects to the org's authorize page;
 * - `GET /oauth/salesforce/callback?code&state`: exchanges the code at the token endpoint, seals the
 *   tokens into the account's `crm` credentials and points the account at the org.
 * The connected app is the config's `salesforceApp` (client id, secret, login URL).
 */
import { Router, type Request, type Response } from 'express';
import { eq } from 'drizzle-orm';
import jsforce from 'jsforce';
import type { AppContext } from '../app-context.ts';
import { accounts } from '../store/schema.ts';
import { setCredential, upsertAccount } from '../accounts/account-store.ts';
import { NonRetryableError, RingbackError } from '../lib/errors.ts';
import { sha256Hex } from '../lib/ids.ts';
import { safeEqualHex } from '../security/constant-time.ts';
import { forgetSalesforceConnection } from '../crm/salesforce/connection.ts';
import { DEFAULT_LOGIN_URL } from '../crm/salesforce/credentials.ts';
import {
  codeChallenge,
  cookieValue,
  newState,
  NONCE_COOKIE,
  openState,
  openTicket,
  sealState,
  STATE_TTL_MS,
  type InstallTarget,
} from './salesforce-install-state.ts';

const ACCOUNT_ID = /^[a-z0-9-]+$/;

interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  instance_url: string;
  id: string;
}

export function salesforceApp(ctx: AppContext): { clientId: string; clientSecret: string; loginUrl: string } {
  const app = ctx.config.file?.salesforceApp;
  if (!app)
    throw new NonRetryableError(
      'salesforce_app_not_configured',
      'installs need `salesforceApp: {clientId, clientSecret}` in the config file',
      400,
    );
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    loginUrl: (app.loginUrl ?? DEFAULT_LOGIN_URL).replace(/\/+$/, ''),
  };
}

export function redirectUri(ctx: AppContext): string {
  return `${ctx.config.publicUrl}/oauth/salesforce/callback`;
}

function isAdmin(ctx: AppContext, req: Request): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return Boolean(m?.[1] && safeEqualHex(sha256Hex(m[1]), ctx.adminTokenHash));
}

function installTarget(ctx: AppContext, req: Request): InstallTarget {
  if (typeof req.query.token === 'string') return openTicket(ctx.box, req.query.token, ctx.clock());
  if (!isAdmin(ctx, req))
    throw new NonRetryableError('unauthorized', 'an install link (?token=) or the admin token is required', 401);
  const accountId = String(req.query.accountId ?? '');
  if (!ACCOUNT_ID.test(accountId))
    throw new NonRetryableError('invalid_account_id', 'accountId must be lower-case letters, digits and dashes');
  return {
    accountId,
    name: typeof req.query.name === 'string' ? req.query.name.slice(0, 200) : null,
    loginUrl: typeof req.query.loginUrl === 'string' ? req.query.loginUrl : null,
  };
}

function page(res: Response, status: number, title: string, text: string): void {
  const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  res
    .status(status)
    .type('html')
    .send(`<!doctype html><meta charset="utf-8"><title>${esc(title)}</title><h1>${esc(title)}</h1><p>${esc(text)}</p>`);
}

async function storeInstall(
  ctx: AppContext,
  target: InstallTarget,
  loginUrl: string,
  token: TokenAnswer,
): Promise<void> {
  const [orgId, userId] = token.id.split('/').slice(-2);
  const instanceUrl = token.instance_url.replace(/\/+$/, '');
  const crmSettings = { instanceUrl, loginUrl, apiVersion: null, orgId: orgId ?? null };
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const existing = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, target.accountId));
    if (existing.length > 0) {
      await tx
        .update(accounts)
        .set({ crmKind: 'salesforce', crmSettings, updatedAt: now })
        .where(eq(accounts.id, target.accountId));
    } else {
      await upsertAccount(
        tx,
        {
          id: target.accountId,
          name: target.name ?? target.accountId,
          timezone: 'UTC',
          currency: 'USD',
          crmKind: 'salesforce',
          crmSettings,
          policy: {},
          corporateOwnerId: null,
          origin: 'oauth',
        },
        now,
      );
    }
    await setCredential(
      tx,
      ctx.box,
      target.accountId,
      'crm',
      {
        salesforce: {
          instanceUrl,
          accessToken: token.access_token,
          ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
          loginUrl,
          ...(orgId ? { orgId } : {}),
          ...(userId ? { userId } : {}),
        },
      },
      now,
    );
  });
  ctx.accounts.invalidate(target.accountId);
  ctx.crm.forget(target.accountId);
  forgetSalesforceConnection(ctx, target.accountId);
}

export function salesforceOAuthRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/oauth/salesforce/install', (req, res) => {
    const app = salesforceApp(ctx);
    const target = installTarget(ctx, req);
    const state = newState(target, ctx.clock());
    const loginUrl = (target.loginUrl ?? app.loginUrl).replace(/\/+$/, '');
    const url = new URL(`${loginUrl}/services/oauth2/authorize`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', app.clientId);
    url.searchParams.set('redirect_uri', redirectUri(ctx));
    url.searchParams.set('scope', 'api refresh_token');
    url.searchParams.set('state', sealState(ctx.box, state));
    url.searchParams.set('code_challenge', codeChallenge(state.verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    const secure = ctx.config.publicUrl.startsWith('https:') ? '; Secure' : '';
    res.setHeader(
      'Set-Cookie',
      `${NONCE_COOKIE}=${state.nonce}; Path=/oauth/salesforce; HttpOnly; SameSite=Lax; Max-Age=${STATE_TTL_MS / 1000}${secure}`,
    );
    res.redirect(302, url.toString());
  });

  router.get('/oauth/salesforce/callback', async (req, res) => {
    try {
      const app = salesforceApp(ctx);
      const state = openState(ctx.box, String(req.query.state ?? ''), ctx.clock());
      if (cookieValue(req.headers.cookie, NONCE_COOKIE) !== state.nonce) {
        throw new NonRetryableError(
          'oauth_state_mismatch',
          'this install was not started in this browser; start it again',
          400,
        );
      }
      if (typeof req.query.error === 'string') {
        throw new NonRetryableError(
          'oauth_denied',
          `Salesforce did not authorize the install: ${req.query.error}`,
          400,
        );
      }
      const code = String(req.query.code ?? '');
      if (!code) throw new NonRetryableError('oauth_code_missing', 'the callback carries no authorization code', 400);
      const loginUrl = (state.loginUrl ?? app.loginUrl).replace(/\/+$/, '');
      const oauth = new jsforce.OAuth2({
        loginUrl,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        redirectUri: redirectUri(ctx),
      });
      let token: TokenAnswer;
      try {
        token = (await oauth.requestToken(code, { code_verifier: state.verifier })) as TokenAnswer;
      } catch (err) {
        throw new NonRetryableError(
          'oauth_exchange_failed',
          `Salesforce refused the authorization code: ${(err as Error).message}`,
          400,
          err,
        );
      }
      await storeInstall(ctx, state, loginUrl, token);
      ctx.logger.info({ accountId: state.accountId }, 'Salesforce org connected');
      res.setHeader('Set-Cookie', `${NONCE_COOKIE}=; Path=/oauth/salesforce; HttpOnly; SameSite=Lax; Max-Age=0`);
      page(
        res,
        200,
        'Salesforce connected',
        `Ringback now writes missed calls for account ${state.accountId} into this Salesforce org.`,
      );
    } catch (err) {
      const e = err instanceof RingbackError ? err : new NonRetryableError('oauth_failed', (err as Error).message, 500);
      ctx.logger.warn({ code: e.code }, 'Salesforce install failed');
      page(res, e.status, 'Salesforce install failed', `${e.code}: ${e.message}`);
    }
  });
  return router;
}
