/**
 * `recoveryGroups`: the figures behind `GET /api/accounts/:id/recovery` (contract §4, §5), shared by
 * the HTTP route, the HubSpot cards and the Salesforce sync.
 */
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { buildGroups, type RecoveryGroup } from './groups.ts';
import { loadCells, type LoadedCells, type CellQuery } from './load-cells.ts';
import { parseRecoveryQuery } from './query.ts';
import { refreshJobSpec } from './dirty.ts';

export async function accountOrNotFound(ctx: AppContext, accountId: string): Promise<AccountContext> {
  const account = await ctx.accounts.get(accountId);
  if (!account) throw new NonRetryableError('not_found', `no account ${accountId}`, 404);
  return account;
}

/**
 * Cells for a query; when part of it had to be read from raw cases because rollups lag, a refresh is
 * requested (debounced, never awaited by the reader).
 */
export async function cellsFor(ctx: AppContext, account: AccountContext, q: CellQuery): Promise<LoadedCells> {
  const loaded = await loadCells(ctx, account, q);
  if (loaded.lagging) {
    const accountId = account.account.id;
    ctx.queue.enqueue(refreshJobSpec(accountId, ctx.clock())).catch((err: Error) => {
      ctx.logger.warn({ accountId, err: err.message }, 'could not request a recovery refresh');
    });
  }
  return loaded;
}

export async function recoveryGroups(
  ctx: AppContext,
  accountId: string,
  query: Record<string, unknown>,
): Promise<{ groups: RecoveryGroup[] }> {
  const account = await accountOrNotFound(ctx, accountId);
  const q = parseRecoveryQuery(query, ctx.clock());
  const dims =
    q.groupBy === 'source' ||
    q.groupBy === 'category' ||
    q.filters.source !== undefined ||
    q.filters.category !== undefined;
  const { cells } = await cellsFor(ctx, account, {
    from: q.from,
    to: q.to,
    dims,
    perDay: q.groupBy === 'day' || q.groupBy === 'week' || q.groupBy === 'month',
    filter: { source: q.filters.source, category: q.filters.category },
  });
  const groups = buildGroups(account, cells, q);
  return { groups };
}
