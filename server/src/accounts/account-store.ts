/**
 * Accounts, locations, tracking numbers and sealed credentials in the database: the one place that
 * writes them, used by config application, the admin API and the sandbox.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { normalizePhone } from '@ringback/shared';
import type { Db } from '../store/database.ts';
import {
  accounts,
  credentials,
  locations,
  trackingNumbers,
  type AccountRow,
  type LocationRow,
} from '../store/schema.ts';
import type { SecretBox } from '../lib/secret-box.ts';
import type { AccountInput, LocationInput } from '../config/file-schema.ts';

type Tx = Pick<Db, 'insert' | 'update' | 'select' | 'delete'>;

export type CredentialKind = 'crm' | 'callrail' | 'twilio' | 'invoca' | 'generic';

export interface AccountUpsert {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  crmKind: 'hubspot' | 'salesforce' | null;
  crmSettings: Record<string, unknown>;
  policy: Record<string, unknown>;
  corporateOwnerId: string | null;
  origin: 'config' | 'api' | 'oauth' | 'sandbox';
}

export async function upsertAccount(tx: Tx, a: AccountUpsert, now = new Date()): Promise<void> {
  const values = { ...a, updatedAt: now };
  // An account whose input names no CRM keeps the one it has: a marketplace install connected it,
  // and a restart that re-applies the config file must not disconnect it (uninstalling does).
  const { crmKind: _kind, crmSettings: _settings, ...withoutCrm } = values;
  await tx
    .insert(accounts)
    .values({ ...values, createdAt: now })
    .onConflictDoUpdate({ target: accounts.id, set: a.crmKind === null ? withoutCrm : values });
}

export async function upsertLocation(tx: Tx, accountId: string, l: LocationInput, now = new Date()): Promise<void> {
  const values = {
    name: l.name,
    timezone: l.timezone,
    vertical: l.vertical ?? null,
    businessHours: l.businessHours ?? null,
    holidays: l.holidays,
    owners: l.owners,
    unavailableOwners: l.unavailableOwners,
    managerOwnerId: l.managerOwnerId ?? null,
    crmRecordId: l.crmRecordId ?? null,
    policy: l.policy ?? {},
    updatedAt: now,
  };
  await tx
    .insert(locations)
    .values({ accountId, id: l.id, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [locations.accountId, locations.id], set: values });
  await setTrackingNumbers(tx, accountId, l.id, l.trackingNumbers);
}

/** Makes `numbers` (any format) the location's tracking numbers; a number moves if another location had it. */
export async function setTrackingNumbers(
  tx: Tx,
  accountId: string,
  locationId: string,
  numbers: string[],
): Promise<void> {
  const e164s = [...new Set(numbers.map((n) => normalizePhone(n)).filter((n): n is string => n !== null))];
  const stale = and(eq(trackingNumbers.accountId, accountId), eq(trackingNumbers.locationId, locationId));
  await tx.delete(trackingNumbers).where(e164s.length ? and(stale, notInArray(trackingNumbers.e164, e164s)) : stale);
  for (const e164 of e164s) {
    await tx
      .insert(trackingNumbers)
      .values({ accountId, e164, locationId })
      .onConflictDoUpdate({ target: [trackingNumbers.accountId, trackingNumbers.e164], set: { locationId } });
  }
}

export async function setCredential(
  tx: Tx,
  box: SecretBox,
  accountId: string,
  kind: CredentialKind,
  secret: unknown,
  now = new Date(),
): Promise<void> {
  const sealed = box.seal(secret);
  await tx
    .insert(credentials)
    .values({ accountId, kind, sealed, updatedAt: now })
    .onConflictDoUpdate({ target: [credentials.accountId, credentials.kind], set: { sealed, updatedAt: now } });
}

export async function getCredential<T>(
  db: Db,
  box: SecretBox,
  accountId: string,
  kind: CredentialKind,
): Promise<T | null> {
  const rows = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.accountId, accountId), eq(credentials.kind, kind)));
  const row = rows[0];
  return row ? box.open<T>(row.sealed) : null;
}

export async function getAccount(db: Db, id: string): Promise<AccountRow | null> {
  const rows = await db.select().from(accounts).where(eq(accounts.id, id));
  return rows[0] ?? null;
}

export async function listAccounts(db: Db): Promise<AccountRow[]> {
  return db.select().from(accounts).orderBy(accounts.id);
}

export async function listLocations(db: Db, accountId: string): Promise<LocationRow[]> {
  return db.select().from(locations).where(eq(locations.accountId, accountId)).orderBy(locations.id);
}

/** Turns a config-file account into the row to upsert (secrets excluded). */
export function accountRowFromInput(a: AccountInput, origin: AccountUpsert['origin']): AccountUpsert {
  const crmKind = a.crm?.hubspot ? 'hubspot' : a.crm?.salesforce ? 'salesforce' : null;
  const crmSettings: Record<string, unknown> = a.crm?.hubspot
    ? { portalId: a.crm.hubspot.portalId ?? null, baseUrl: a.crm.hubspot.baseUrl ?? null }
    : a.crm?.salesforce
      ? {
          instanceUrl: a.crm.salesforce.instanceUrl,
          loginUrl: a.crm.salesforce.loginUrl ?? null,
          apiVersion: a.crm.salesforce.apiVersion ?? null,
        }
      : {};
  return {
    id: a.id,
    name: a.name,
    timezone: a.timezone,
    currency: a.currency,
    crmKind,
    crmSettings,
    policy: a.policy ?? {},
    corporateOwnerId: a.corporateOwnerId ?? null,
    origin,
  };
}
