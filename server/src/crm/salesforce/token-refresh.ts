/**
 * Getting a new access token, once per org at a time across every process. The lock is taken first
 * and the stored credentials read after it: when another process renewed the token meanwhile, its
 * token is used and no second refresh is made — with refresh-token rotation a second refresh would
 * spend a token that is already gone. A rotated refresh token is sealed and stored before the lock
 * is released, so the next holder reads the live one.
 */
import { createSign } from 'node:crypto';
import jsforce from 'jsforce';
import type { AppContext } from '../../app-context.ts';
import { NonRetryableError, RetryableError, RingbackError } from '../../lib/errors.ts';
import { authModeOf, clientOf, loadCredentials, saveCredentials, type SalesforceCredentials } from './credentials.ts';
import { withLock } from './locks.ts';

export interface TokenResult {
  accessToken: string;
  instanceUrl: string;
  refreshToken: string | null;
  /** Whether this call went to the token endpoint (false: another holder had renewed already). */
  renewed: boolean;
}

interface TokenResponseLike {
  access_token: string;
  refresh_token?: string;
  instance_url?: string;
}

/** A JWT bearer assertion (RFC 7523) signed with the connected app's private key. */
export function jwtAssertion(
  clientId: string,
  username: string,
  audience: string,
  privateKeyPem: string,
  now: Date,
): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  // Salesforce allows at most 3 minutes of validity.
  const body = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iss: clientId, sub: username, aud: audience, exp: Math.floor(now.getTime() / 1000) + 180 })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKeyPem, 'base64url')}`;
}

async function grant(ctx: AppContext, creds: SalesforceCredentials): Promise<TokenResponseLike> {
  const mode = authModeOf(ctx, creds);
  const client = clientOf(ctx, creds);
  const oauth = (loginUrl: string) =>
    new jsforce.OAuth2({
      loginUrl,
      ...(client.clientId ? { clientId: client.clientId } : {}),
      ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
    });
  switch (mode) {
    case 'refresh_token':
      return oauth(client.loginUrl).refreshToken(creds.refreshToken!);
    case 'client_credentials':
      // The client-credentials flow is served by the org's own (My Domain) host.
      return oauth(creds.loginUrl ?? creds.instanceUrl).requestToken({ grant_type: 'client_credentials' });
    case 'jwt_bearer':
      return oauth(client.loginUrl).requestToken({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwtAssertion(client.clientId!, creds.username!, client.loginUrl, creds.privateKey!, ctx.clock()),
      });
    case 'access_token':
      throw new NonRetryableError(
        'crm_auth_expired',
        'the Salesforce access token expired and the account has no way to renew it (add a refresh token or client credentials)',
      );
  }
}

function toRingbackError(err: unknown): RingbackError {
  if (err instanceof RingbackError) return err;
  const e = err as { name?: string; message?: string };
  if (
    e.name === 'invalid_grant' ||
    e.name === 'invalid_client' ||
    e.name === 'invalid_client_id' ||
    e.name === 'unauthorized_client'
  ) {
    return new NonRetryableError(
      'crm_auth_revoked',
      `Salesforce refused to renew the session (${e.name}): reconnect the org`,
      400,
      err,
    );
  }
  return new RetryableError(
    'crm_auth_unavailable',
    `could not renew the Salesforce session: ${e.message ?? String(err)}`,
    err,
  );
}

/**
 * A working access token for the account. `failedToken` is the token Salesforce just refused (null
 * when the process has none yet): a stored token that differs from it is taken as is.
 */
export async function obtainToken(
  ctx: AppContext,
  accountId: string,
  failedToken: string | null,
): Promise<TokenResult> {
  return withLock(ctx, `sf-token:${accountId}`, { ttlMs: 30_000, waitMs: 25_000 }, async () => {
    const creds = await loadCredentials(ctx, accountId);
    if (creds.accessToken && creds.accessToken !== failedToken) {
      return {
        accessToken: creds.accessToken,
        instanceUrl: creds.instanceUrl,
        refreshToken: creds.refreshToken ?? null,
        renewed: false,
      };
    }
    let res: TokenResponseLike;
    try {
      res = await grant(ctx, creds);
    } catch (err) {
      throw toRingbackError(err);
    }
    const next: SalesforceCredentials = {
      ...creds,
      accessToken: res.access_token,
      instanceUrl: (res.instance_url ?? creds.instanceUrl).replace(/\/+$/, ''),
      ...(res.refresh_token ? { refreshToken: res.refresh_token } : {}),
    };
    await saveCredentials(ctx, accountId, next);
    ctx.logger.info(
      { accountId, rotated: Boolean(res.refresh_token && res.refresh_token !== creds.refreshToken) },
      'Salesforce session renewed',
    );
    return {
      accessToken: next.accessToken!,
      instanceUrl: next.instanceUrl,
      refreshToken: next.refreshToken ?? null,
      renewed: true,
    };
  });
}
