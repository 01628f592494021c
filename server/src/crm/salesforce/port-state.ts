/**
 * What one account's Salesforce port keeps between calls: the Lead describe (read once), the owners
 * Salesforce refused lately, and how to open a budget-checked connection.
 */
import type { AppContext } from '../../app-context.ts';
import type { Purpose } from './budget.ts';
import type { Sf } from './composite.ts';
import type { PicklistDescribe } from './lead-source.ts';

export interface PortState {
  ctx: AppContext;
  accountId: string;
  open(purpose: Purpose): Promise<Sf>;
  /** The Lead's LeadSource describe; undefined until read, null when the field is not visible. */
  leadSource: PicklistDescribe | null | undefined;
  /** Owner ids Salesforce refused (deleted, inactive) → until when they are skipped (ms). */
  badOwners: Map<string, number>;
}

export const BAD_OWNER_MS = 10 * 60_000;

/** Candidate owners in order: the chosen one, the location's other owners in turn, then none. */
export async function ownerCandidates(
  st: PortState,
  locationId: string | null,
  first: string | null,
): Promise<Array<string | null>> {
  const account = await st.ctx.accounts.get(st.accountId);
  const location = locationId ? account?.locations.get(locationId) : undefined;
  const owners = location?.row.owners ?? [];
  const off = new Set(location?.row.unavailableOwners ?? []);
  const now = Date.now();
  const bad = (o: string) => (st.badOwners.get(o) ?? 0) > now;
  const out: Array<string | null> = [];
  if (first && !bad(first)) out.push(first);
  const start = first ? owners.indexOf(first) + 1 : 0;
  for (let i = 0; i < owners.length; i++) {
    const o = owners[(start + i) % owners.length]!;
    if (o !== first && !off.has(o) && !bad(o) && !out.includes(o)) out.push(o);
  }
  out.push(null);
  return out;
}
