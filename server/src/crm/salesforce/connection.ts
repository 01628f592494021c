/**
 * The one way Ringback talks to an org: a jsforce Connection per account and process, with
 * - the API version pinned (jsforce defaults to an old 50.0),
 * - session renewal through `obtainToken` (one refresh per org across processes, a rotated refresh
 *   token stored before anyone else can need it) instead of jsforce's own, which drops rotated tokens,
 * - every response's `Sforce-Limit-Info` recorded in the account's API budget, and a
 *   REQUEST_LIMIT_EXCEEDED refusal pausing the account.
 */
import jsforce from 'jsforce';
import type { Connection } from 'jsforce';
import type { AppContext } from '../../app-context.ts';
import type { AccountContext } from '../../accounts/account-context.ts';
import type { RingbackError } from '../../lib/errors.ts';
import { assertBudget, currentBudget, recordRefusal, recordSuccess, recordUsage } from './budget-registry.ts';
import type { Purpose } from './budget.ts';
import { authModeOf, clientOf, DEFAULT_API_VERSION, parseCredentials } from './credentials.ts';
import { isLimitError, requestError, type PauseInfo } from './errors.ts';
import { obtainToken } from './token-refresh.ts';

interface Cached {
  version: string;
  conn: Promise<Connection>;
}

const caches = new WeakMap<AppContext, Map<string, Cached>>();
/** Why the last renewal failed, per connection: jsforce re-wraps it in a plain Error. */
const renewalErrors = new WeakMap<Connection, RingbackError>();

function cacheOf(ctx: AppContext): Map<string, Cached> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  return cache;
}

/**
 * An authenticated, refresh-rotation-safe, budget-aware connection to the account's org. Throws a
 * RetryAfterError while the account's budget holds `purpose` back (default: background work).
 */
export async function salesforceConnection(
  ctx: AppContext,
  account: AccountContext,
  purpose: Purpose = 'background',
): Promise<Connection> {
  const accountId = account.account.id;
  await assertBudget(ctx, accountId, purpose);
  const cache = cacheOf(ctx);
  const version = String(account.account.updatedAt.getTime());
  const hit = cache.get(accountId);
  if (hit && hit.version === version) return hit.conn;
  const conn = openConnection(ctx, account);
  conn.catch(() => {
    if (cache.get(accountId)?.conn === conn) cache.delete(accountId);
  });
  cache.set(accountId, { version, conn });
  return conn;
}

/** Drops the cached connection (new credentials from an install). */
export function forgetSalesforceConnection(ctx: AppContext, accountId: string): void {
  cacheOf(ctx).delete(accountId);
}

async function openConnection(ctx: AppContext, account: AccountContext): Promise<Connection> {
  const accountId = account.account.id;
  const creds = parseCredentials(account.secrets.get('crm'));
  const mode = authModeOf(ctx, creds);
  const client = clientOf(ctx, creds);
  let accessToken = creds.accessToken ?? null;
  let instanceUrl = creds.instanceUrl;
  if (!accessToken) {
    const token = await obtainToken(ctx, accountId, null);
    accessToken = token.accessToken;
    instanceUrl = token.instanceUrl;
  }
  const settings = account.account.crmSettings as { apiVersion?: string | null };
  const conn = new jsforce.Connection({
    instanceUrl,
    accessToken,
    version: creds.apiVersion ?? settings.apiVersion ?? DEFAULT_API_VERSION,
    oauth2: {
      loginUrl: client.loginUrl,
      ...(client.clientId ? { clientId: client.clientId } : {}),
      ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
    },
    ...(mode === 'access_token'
      ? {}
      : {
          refreshFn: (
            c: Connection,
            callback: (err: Error | null | undefined, accessToken?: string, res?: never) => void,
          ) => {
            obtainToken(ctx, accountId, c.accessToken ?? null).then(
              (token) => {
                c.instanceUrl = token.instanceUrl;
                callback(undefined, token.accessToken);
              },
              (err: RingbackError) => {
                renewalErrors.set(c, err);
                callback(err);
              },
            );
          },
        }),
  });
  conn.on('refresh', () => ctx.logger.debug({ accountId }, 'Salesforce session refreshed for this connection'));
  instrument(ctx, accountId, conn);
  return conn;
}

/** Records usage from every response and the budget's view of every success and limit refusal. */
function instrument(ctx: AppContext, accountId: string, conn: Connection): void {
  let limitInfo: Connection['limitInfo'] = {};
  // jsforce assigns `limitInfo` from each response's Sforce-Limit-Info header, errors included.
  Object.defineProperty(conn, 'limitInfo', {
    configurable: true,
    get: () => limitInfo,
    set: (value: Connection['limitInfo']) => {
      limitInfo = value;
      const usage = value?.apiUsage;
      if (usage) recordUsage(ctx, accountId, { used: usage.used, max: usage.limit });
    },
  });
  const request = conn.request.bind(conn);
  conn.request = ((req: Parameters<Connection['request']>[0], options?: object) => {
    const pending = request(req, options);
    pending.then(
      () => recordSuccess(ctx, accountId),
      (err: unknown) => {
        if (isLimitError(err)) recordRefusal(ctx, accountId);
      },
    );
    return pending;
  }) as Connection['request'];
}

/** The Ringback error for anything a request on this connection threw. */
export async function salesforceError(
  ctx: AppContext,
  accountId: string,
  conn: Connection,
  err: unknown,
): Promise<RingbackError> {
  if (/^Unable to refresh session/.test((err as Error)?.message ?? '')) {
    const cause = renewalErrors.get(conn);
    if (cause) return cause;
  }
  let pause: PauseInfo | null = null;
  if (isLimitError(err)) {
    const budget = await currentBudget(ctx, accountId);
    const afterMs = budget.pausedUntil ? Math.max(0, budget.pausedUntil.getTime() - ctx.clock().getTime()) : 0;
    pause = { reason: budget.pauseReason, afterMs };
  }
  return requestError(err, pause);
}
