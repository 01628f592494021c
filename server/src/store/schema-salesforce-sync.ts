/**
 * What the Salesforce snapshot sync last wrote into each org, per record: the Salesforce id (a
 * snapshot's Location__c lookup needs its location's id) and a digest of the fields, so a run sends
 * only records whose figures changed. Migrations are generated from every `schema*.ts` file together
 * (`npm run db:squash`).
 */
import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const salesforceSyncedRecords = pgTable(
  'salesforce_synced_records',
  {
    accountId: text('account_id').notNull(),
    /** 'Ringback_Location__c' | 'Ringback_Recovery_Snapshot__c'. */
    sobject: text('sobject').notNull(),
    /** The record's external id (Location_Id__c or Snapshot_Key__c). */
    externalId: text('external_id').notNull(),
    salesforceId: text('salesforce_id').notNull(),
    /** sha256 of the fields as last written. */
    digest: text('digest').notNull(),
    syncedAt: ts('synced_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.sobject, t.externalId] })],
);

export type SyncedRecordRow = typeof salesforceSyncedRecords.$inferSelect;
