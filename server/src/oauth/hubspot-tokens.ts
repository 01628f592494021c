/**
 * HubSpot OAuth tokens: exchanging an install's code, reading a token's portal, and keeping an
 * installed account's access token fresh. HubSpot access tokens live 30 minutes (`expires_in`); they
 * are refreshed a few minutes before expiry, under a lock per account shared by every process, and
 * the credentials are read again once the lock is held — another process may have refreshed them
 * while this one waited, and a second refresh would be wasted (or, with a rotated refresh token,
 * fatal). Private-app tokens (config files) never expire and are never refreshed.
 */
import { Client } from '@hubspot/api-client';
import type { AppContext } from '../app-context.ts';
import { getCredential, setCredential } from '../accounts/account-store.ts';
import { NonRetryableError, RetryAfterError } from '../lib/errors.ts';
import type { TokenSource } from '../crm/hubspot/client.ts';
import { AUTH_RETRY_MS } from '../crm/hubspot/errors.ts';
import { HUBSPOT_API_BASE, hubspotCredentialOf, type HubSpotCredential } from '../crm/hubspot/settings.ts';
import { withLock } from './hubspot-lock.ts';

/** Refresh when less than this is left of the access token's life. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface HubSpotApp {
  appId: string;
  clientId: string;
  clientSecret: string;
  baseUrl?: string | undefined;
}

export function hubspotApp(ctx: AppContext): HubSpotApp | null {
  return ctx.config.file?.hubspotApp ?? null;
}

/** The API origin OAuth calls go to: the configured one (emulator, sandbox) or HubSpot's. */
export function oauthApiBase(app: HubSpotApp | null, credential?: HubSpotCredential | null): string {
  return (credential?.baseUrl ?? app?.baseUrl ?? HUBSPOT_API_BASE).replace(/\/+$/, '');
}

interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

function apiStatus(err: unknown): { status: number; detail: string } | null {
  const e = err as { code?: unknown; body?: unknown };
  if (typeof e?.code !== 'number') return null;
  const body = (typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? '')).slice(0, 300);
  return { status: e.code, detail: body };
}

async function tokenRequest(base: string, app: HubSpotApp, grant: { code: string; redirectUri: string } | { refreshToken: string }): Promise<TokenGrant> {
  const client = new Client({ basePath: base, numberOfApiCallRetries: 0 });
  try {
    const answer =
      'code' in grant
        ? await client.oauth.tokensApi.create('authorization_code', grant.code, grant.redirectUri, app.clientId, app.clientSecret)
        : await client.oauth.tokensApi.create('refresh_token', undefined, undefined, app.clientId, app.clientSecret, grant.refreshToken);
    return { accessToken: answer.accessToken, refreshToken: answer.refreshToken, expiresIn: answer.expiresIn };
  } catch (err) {
    const failure = apiStatus(err);
    if (failure && failure.status >= 400 && failure.status < 500) {
      throw new RetryAfterError('crm_auth', `HubSpot refused the OAuth grant (${failure.status}): ${failure.detail}`, AUTH_RETRY_MS);
    }
    throw new RetryAfterError('crm_unreachable', `HubSpot's token endpoint failed: ${(err as Error).message}`, 30_000);
  }
}

/** Exchanges an install's authorization code for tokens. */
export function exchangeCode(app: HubSpotApp, code: string, redirectUri: string): Promise<TokenGrant> {
  return tokenRequest(oauthApiBase(app), app, { code, redirectUri });
}

/** The portal (hub id) and scopes an access token belongs to. */
export async function tokenInfo(app: HubSpotApp, accessToken: string): Promise<{ hubId: number; scopes: string[]; hubDomain: string | null }> {
  const client = new Client({ basePath: oauthApiBase(app), numberOfApiCallRetries: 0 });
  try {
    const info = await client.oauth.accessTokensApi.get(accessToken);
    return { hubId: info.hubId, scopes: info.scopes ?? [], hubDomain: info.hubDomain ?? null };
  } catch (err) {
    throw new NonRetryableError('oauth_token_info_failed', `HubSpot did not describe the new token: ${apiStatus(err)?.detail ?? (err as Error).message}`, 502);
  }
}

export function credentialFromGrant(grant: TokenGrant, now: Date, extra: Partial<HubSpotCredential>): HubSpotCredential {
  return { ...extra, accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: now.getTime() + grant.expiresIn * 1000 };
}

async function storedCredential(ctx: AppContext, accountId: string): Promise<HubSpotCredential | null> {
  return hubspotCredentialOf(await getCredential(ctx.database.db, ctx.box, accountId, 'crm'));
}

/**
 * A fresh credential for the account: refreshed unless another process already did (or, with
 * `force`, unless the stored token differs from the one HubSpot just rejected).
 */
export async function refreshCredential(ctx: AppContext, accountId: string, rejected: string | null): Promise<HubSpotCredential> {
  return withLock(ctx, `hubspot-token:${accountId}`, async () => {
    const latest = await storedCredential(ctx, accountId);
    if (!latest) throw new NonRetryableError('crm_not_connected', `account ${accountId} has no HubSpot connection any more`);
    const now = ctx.clock().getTime();
    const fresh = !latest.expiresAt || latest.expiresAt - now > REFRESH_MARGIN_MS;
    if (fresh && (rejected === null || latest.accessToken !== rejected)) return latest;
    if (!latest.refreshToken) return latest;
    const app = hubspotApp(ctx);
    if (!app) throw new RetryAfterError('crm_auth', 'the HubSpot OAuth token expired and no hubspotApp is configured to refresh it', AUTH_RETRY_MS);
    const grant = await tokenRequest(oauthApiBase(app, latest), app, { refreshToken: latest.refreshToken });
    const next = credentialFromGrant(grant, ctx.clock(), { ...latest, refreshToken: grant.refreshToken || latest.refreshToken });
    await setCredential(ctx.database.db, ctx.box, accountId, 'crm', { hubspot: next }, ctx.clock());
    ctx.accounts.invalidate(accountId);
    ctx.logger.info({ accountId }, 'HubSpot access token refreshed');
    return next;
  });
}

/** The token source a HubSpot port uses for one account. */
export function hubspotTokenSource(ctx: AppContext, accountId: string, initial: HubSpotCredential): TokenSource {
  let credential = initial;
  return {
    async current() {
      const expiring = credential.refreshToken && credential.expiresAt && credential.expiresAt - ctx.clock().getTime() < REFRESH_MARGIN_MS;
      if (expiring) credential = await refreshCredential(ctx, accountId, null);
      return credential.accessToken;
    },
    async refreshAfterRejection(stale) {
      // A private-app token cannot be refreshed, but an admin may have stored a new one meanwhile.
      const next = credential.refreshToken ? await refreshCredential(ctx, accountId, stale) : await storedCredential(ctx, accountId);
      if (!next || next.accessToken === stale) return null;
      credential = next;
      return next.accessToken;
    },
  };
}
