/**
 * The sync's memory of each record it wrote to an org (salesforce_synced_records): the Salesforce id
 * and the digest of the fields written, so unchanged records cost no API call.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { salesforceSyncedRecords } from '../store/schema-salesforce-sync.ts';

export interface SyncedRecord {
  externalId: string;
  salesforceId: string;
  digest: string;
  syncedAt: Date;
}

export async function loadSynced(
  db: Db,
  accountId: string,
  sobject: string,
  externalIds: string[],
): Promise<Map<string, SyncedRecord>> {
  const found = new Map<string, SyncedRecord>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db
      .select()
      .from(salesforceSyncedRecords)
      .where(
        and(
          eq(salesforceSyncedRecords.accountId, accountId),
          eq(salesforceSyncedRecords.sobject, sobject),
          inArray(salesforceSyncedRecords.externalId, externalIds.slice(i, i + 500)),
        ),
      );
    for (const row of rows) found.set(row.externalId, row);
  }
  return found;
}

export async function saveSynced(db: Db, accountId: string, sobject: string, records: SyncedRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    await db
      .insert(salesforceSyncedRecords)
      .values(records.slice(i, i + 500).map((r) => ({ accountId, sobject, ...r })))
      .onConflictDoUpdate({
        target: [
          salesforceSyncedRecords.accountId,
          salesforceSyncedRecords.sobject,
          salesforceSyncedRecords.externalId,
        ],
        set: {
          salesforceId: sql`excluded.salesforce_id`,
          digest: sql`excluded.digest`,
          syncedAt: sql`excluded.synced_at`,
        },
      });
  }
}

/** Forgets every record of a type (their Salesforce ids may be gone: deleted in the org). */
export async function forgetSynced(db: Db, accountId: string, sobject: string): Promise<void> {
  await db
    .delete(salesforceSyncedRecords)
    .where(and(eq(salesforceSyncedRecords.accountId, accountId), eq(salesforceSyncedRecords.sobject, sobject)));
}
