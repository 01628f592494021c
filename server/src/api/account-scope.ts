/**
 * Routes under `/api/accounts/:accountId/…` see only the account the token may read: another
 * account's data is a 404, exactly like an account that does not exist.
 */
import type { Request } from 'express';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { canAccess } from '../http/auth.ts';

export async function accountFor(ctx: AppContext, req: Request): Promise<AccountContext> {
  const accountId = String(req.params.accountId);
  const account = canAccess(req.principal, accountId) ? await ctx.accounts.get(accountId) : null;
  if (!account) throw new NonRetryableError('not_found', `no account ${accountId}`, 404);
  return account;
}
