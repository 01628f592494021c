/**
 * An account as the ingest path needs it, resolved once: each location's effective policy, business
 * hours and zone, and the tracking-number index. Cached for a couple of seconds, because a webhook
 * must be acknowledged in milliseconds and configuration changes rarely; changes made through this
 * process drop the cache at once.
 */
import { eq } from 'drizzle-orm';
import { parseBusinessHours, type BusinessHours, type LocationInfo, type RecoveryPolicy } from '@ringback/shared';
import type { Db } from '../store/database.ts';
import { credentials, trackingNumbers, type AccountRow, type LocationRow } from '../store/schema.ts';
import type { SecretBox } from '../lib/secret-box.ts';
import { getAccount, listLocations } from './account-store.ts';
import { mergePolicyInputs, resolvePolicy } from './resolve-policy.ts';

export interface ResolvedLocation {
  row: LocationRow;
  info: LocationInfo;
  policy: RecoveryPolicy;
  hours: BusinessHours | null;
}

export interface AccountContext {
  account: AccountRow;
  /** Opened credentials by kind (`callrail`, `twilio`, `invoca`, `generic`, `crm`). Never logged. */
  secrets: Map<string, unknown>;
  /** Policy for unassigned calls (the account's own). */
  policy: RecoveryPolicy;
  locations: Map<string, ResolvedLocation>;
  locationByTrackingNumber: Map<string, string>;
}

const TTL_MS = 2_000;

export class AccountContextCache {
  private readonly entries = new Map<string, { at: number; value: Promise<AccountContext | null> }>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  get(accountId: string): Promise<AccountContext | null> {
    const now = Date.now();
    const hit = this.entries.get(accountId);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    const value = loadAccountContext(this.db, this.box, accountId);
    this.entries.set(accountId, { at: now, value });
    value.catch(() => this.entries.delete(accountId));
    return value;
  }

  invalidate(accountId?: string): void {
    if (accountId) this.entries.delete(accountId);
    else this.entries.clear();
  }
}

export async function loadAccountContext(db: Db, box: SecretBox, accountId: string): Promise<AccountContext | null> {
  const account = await getAccount(db, accountId);
  if (!account) return null;
  const [rows, numbers, sealed] = await Promise.all([
    listLocations(db, accountId),
    db.select().from(trackingNumbers).where(eq(trackingNumbers.accountId, accountId)),
    db.select().from(credentials).where(eq(credentials.accountId, accountId)),
  ]);
  const locations = new Map<string, ResolvedLocation>();
  for (const row of rows) {
    const hours = parseBusinessHours(row.businessHours as Record<string, string> | null, row.holidays);
    locations.set(row.id, {
      row,
      hours,
      policy: resolvePolicy(mergePolicyInputs(account.policy as object, row.policy as object)),
      info: {
        id: row.id,
        name: row.name,
        timezone: row.timezone,
        vertical: row.vertical,
        trackingNumbers: numbers.filter((n) => n.locationId === row.id).map((n) => n.e164),
        businessHours: hours,
        owners: row.owners,
      },
    });
  }
  return {
    account,
    secrets: new Map(sealed.map((c) => [c.kind, box.open(c.sealed)])),
    policy: resolvePolicy(mergePolicyInputs(account.policy as object)),
    locations,
    locationByTrackingNumber: new Map(numbers.map((n) => [n.e164, n.locationId])),
  };
}
