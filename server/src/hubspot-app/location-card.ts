/**
 * The location card on a company record: the company is mapped to a location through
 * `locations.crm_record_id` (set in the app settings or the config file). An unmapped company
 * answers `mapped: false` with the account's locations, so the card can say what to do.
 */
import type { AppContext } from '../app-context.ts';
import type { RecoveryFunctions } from './recovery-port.ts';

export async function locationCard(
  ctx: AppContext,
  recovery: RecoveryFunctions,
  accountId: string,
  companyId: string,
  q: { from?: string; to?: string },
) {
  const account = await ctx.accounts.get(accountId);
  const location = [...(account?.locations.values() ?? [])].find((l) => l.row.crmRecordId === companyId);
  if (!location) {
    return {
      mapped: false as const,
      companyId,
      locations: [...(account?.locations.values() ?? [])].map((l) => ({ id: l.row.id, name: l.row.name })),
    };
  }
  const query: Record<string, unknown> = {};
  if (q.from) query.from = q.from;
  if (q.to) query.to = q.to;
  return { mapped: true as const, companyId, recovery: await recovery.locationRecovery(ctx, accountId, location.row.id, query) };
}
