/**
 * The account's Salesforce credentials (the sealed `crm` secret) and how Ringback signs in with them:
 * a refresh token (web-server flow installs), client credentials or a JWT bearer assertion
 * (server-to-server orgs), or a bare access token (no way to renew it).
 */
import type { AppContext } from '../../app-context.ts';
import { getCredential, setCredential } from '../../accounts/account-store.ts';
import { NonRetryableError } from '../../lib/errors.ts';

export interface SalesforceCredentials {
  instanceUrl: string;
  accessToken?: string;
  refreshToken?: string;
  loginUrl?: string;
  clientId?: string;
  clientSecret?: string;
  apiVersion?: string;
  /** JWT bearer flow: the user the integration runs as, and the connected app's private key (PEM). */
  username?: string;
  privateKey?: string;
  /** Set by an OAuth install: the org and user that approved it. */
  orgId?: string;
  userId?: string;
}

export type AuthMode = 'refresh_token' | 'jwt_bearer' | 'client_credentials' | 'access_token';

export const DEFAULT_API_VERSION = '62.0';
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

/** Reads the `{salesforce: {...}}` secret; a missing or foreign one is a configuration error. */
export function parseCredentials(secret: unknown): SalesforceCredentials {
  const sf = (secret as { salesforce?: unknown } | null | undefined)?.salesforce;
  if (!sf || typeof sf !== 'object' || typeof (sf as { instanceUrl?: unknown }).instanceUrl !== 'string') {
    throw new NonRetryableError(
      'crm_not_configured',
      'the account has no Salesforce credentials (crm.salesforce.instanceUrl)',
    );
  }
  const out: SalesforceCredentials = { instanceUrl: (sf as { instanceUrl: string }).instanceUrl.replace(/\/+$/, '') };
  for (const key of [
    'accessToken',
    'refreshToken',
    'loginUrl',
    'clientId',
    'clientSecret',
    'apiVersion',
    'username',
    'privateKey',
    'orgId',
    'userId',
  ] as const) {
    const value = (sf as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

/**
 * The connected app to authenticate through: the account's own client id/secret, else the
 * installation's `salesforceApp` (OAuth installs keep only their tokens per account).
 */
export function clientOf(
  ctx: AppContext,
  creds: SalesforceCredentials,
): { clientId?: string; clientSecret?: string; loginUrl: string } {
  const app = ctx.config.file?.salesforceApp;
  const clientId = creds.clientId ?? app?.clientId;
  const clientSecret = creds.clientId ? creds.clientSecret : app?.clientSecret;
  return {
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    loginUrl: (creds.loginUrl ?? app?.loginUrl ?? DEFAULT_LOGIN_URL).replace(/\/+$/, ''),
  };
}

export function authModeOf(ctx: AppContext, creds: SalesforceCredentials): AuthMode {
  const client = clientOf(ctx, creds);
  if (creds.refreshToken && client.clientId) return 'refresh_token';
  if (creds.privateKey && creds.username && client.clientId) return 'jwt_bearer';
  if (!creds.refreshToken && creds.clientId && creds.clientSecret) return 'client_credentials';
  if (creds.accessToken) return 'access_token';
  throw new NonRetryableError(
    'crm_not_configured',
    'Salesforce credentials need an accessToken, a refreshToken with a connected app, client credentials, or a JWT username and private key',
  );
}

/** The credentials as stored now (not the cached account context): read after taking the refresh lock. */
export async function loadCredentials(ctx: AppContext, accountId: string): Promise<SalesforceCredentials> {
  return parseCredentials(await getCredential(ctx.database.db, ctx.box, accountId, 'crm'));
}

/** Seals and stores new tokens, keeping everything else the secret held. */
export async function saveCredentials(ctx: AppContext, accountId: string, creds: SalesforceCredentials): Promise<void> {
  const current = await getCredential<Record<string, unknown>>(ctx.database.db, ctx.box, accountId, 'crm');
  const previous = (current?.['salesforce'] as Record<string, unknown> | undefined) ?? {};
  await setCredential(
    ctx.database.db,
    ctx.box,
    accountId,
    'crm',
    { salesforce: { ...previous, ...creds } },
    ctx.clock(),
  );
  ctx.accounts.invalidate(accountId);
}
