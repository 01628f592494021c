/**
 * One sync of an account's recovery snapshots into its Salesforce org: find the local days whose
 * cases changed since the cursor, compute every location's figures and ranks for those days with
 * the recovery engine, and upsert what differs from what was last written — the locations
 * (Ringback_Location__c by Location_Id__c) and the day snapshots (Ringback_Recovery_Snapshot__c by
 * Snapshot_Key__c). Idempotent: a replay finds the same digests and sends nothing; an interrupted run
 * leaves the cursor where it was and the next run redoes only what was not saved.
 */
import type { Connection } from 'jsforce';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { NonRetryableError, RetryableError } from '../lib/errors.ts';
import { salesforceConnection, salesforceError } from '../crm/salesforce/connection.ts';
import { recordError } from '../crm/salesforce/errors.ts';
import { advanceCursor, BLOCKED_NAME, changedDays, CURSOR_NAME, readCursor, writeCursor } from './changes.ts';
import { figuresOfDay, snapshotsOfDay, syncLocations } from './daily-figures.ts';
import {
  digestOf,
  LOCATION_KEY_FIELD,
  LOCATION_OBJECT,
  locationRecord,
  SNAPSHOT_KEY_FIELD,
  SNAPSHOT_OBJECT,
  snapshotKey,
  snapshotRecord,
  type DaySnapshot,
} from './records.ts';
import { forgetSynced, loadSynced, saveSynced, type SyncedRecord } from './synced-records.ts';
import { upsertAll, type UpsertItem, type UpsertOutcome } from './upsert.ts';
import { REQUEST_BUCKET_MS, snapshotSyncSpec } from './job-spec.ts';

/** A record unchanged for this long is written again anyway: it may have been edited or deleted in the org. */
export const RESEND_AFTER_MS = 24 * 3_600_000;
/**
 * Records sent per run at most (10 collection requests): a first sync of a large account is spread
 * over several runs, oldest days first, so no run outlives its job lease or spends the budget at once.
 */
export const MAX_RECORDS_PER_RUN = 2_000;
/** How long an org without the package is left alone before the next try. */
export const PACKAGE_MISSING_PAUSE_MS = 3_600_000;

export interface SyncReport {
  accountId: string;
  days: number;
  locationsWritten: number;
  snapshotsWritten: number;
  /** Snapshots computed but unchanged since they were last written. */
  snapshotsUnchanged: number;
  /** Salesforce API calls made. */
  requests: number;
  /** Records are left for a follow-up run (the cap was reached). */
  more: boolean;
}

export interface SyncOptions {
  /** Default MAX_RECORDS_PER_RUN. */
  maxRecords?: number;
}

export async function syncSnapshots(
  ctx: AppContext,
  accountId: string,
  options: SyncOptions = {},
): Promise<SyncReport | null> {
  const account = await ctx.accounts.get(accountId);
  if (!account || account.account.crmKind !== 'salesforce') return null;
  const db = ctx.database.db;
  const now = ctx.clock();
  const changes = await changedDays(db, account, await readCursor(db, accountId, CURSOR_NAME), now);
  const locations = syncLocations(account);
  const snapshots: DaySnapshot[] = [];
  for (const date of [...changes.days.keys()].sort()) {
    const figures = await figuresOfDay(ctx, account, locations, date);
    snapshots.push(...snapshotsOfDay(date, locations, figures, changes.days.get(date)!));
  }

  const report: SyncReport = {
    accountId,
    days: changes.days.size,
    locationsWritten: 0,
    snapshotsWritten: 0,
    snapshotsUnchanged: 0,
    requests: 0,
    more: false,
  };
  const session = new Session(ctx, account);

  const locationItems = locations.map((l) => item(l.id, locationRecord(l)));
  const knownLocations = await loadSynced(
    db,
    accountId,
    LOCATION_OBJECT,
    locationItems.map((i) => i.key),
  );
  const locationsOut = await session.send(
    LOCATION_OBJECT,
    LOCATION_KEY_FIELD,
    stale(locationItems, knownLocations, now),
  );
  report.locationsWritten = locationsOut.saved.length;
  const locationIds = new Map([...knownLocations].map(([key, r]) => [key, r.salesforceId]));
  for (const saved of locationsOut.saved) locationIds.set(saved.key, saved.id);
  await session.settle(LOCATION_OBJECT, locationsOut);

  const snapshotItems = snapshots.map((s) =>
    item(snapshotKey(s.location.id, s.date), snapshotRecord(s, locationIds.get(s.location.id)!)),
  );
  const knownSnapshots = await loadSynced(
    db,
    accountId,
    SNAPSHOT_OBJECT,
    snapshotItems.map((i) => i.key),
  );
  const allStale = stale(snapshotItems, knownSnapshots, now);
  const toSend = allStale.slice(
    0,
    Math.max(0, (options.maxRecords ?? MAX_RECORDS_PER_RUN) - locationsOut.saved.length),
  );
  report.more = toSend.length < allStale.length;
  const snapshotsOut = await session.send(SNAPSHOT_OBJECT, SNAPSHOT_KEY_FIELD, toSend);
  report.snapshotsWritten = snapshotsOut.saved.length;
  report.snapshotsUnchanged = snapshotItems.length - allStale.length;
  await session.settle(SNAPSHOT_OBJECT, snapshotsOut);

  report.requests = session.requests;
  if (report.more) {
    // The cursor stays: the next run (next minute's job, not this one's key) recomputes these days
    // and sends only what is still unsent.
    await ctx.queue.enqueue(snapshotSyncSpec(accountId, new Date(now.getTime() + REQUEST_BUCKET_MS)));
  } else if (changes.latest) {
    await advanceCursor(db, accountId, CURSOR_NAME, changes.latest);
  }
  if (report.requests > 0) ctx.logger.info({ ...report }, 'salesforce snapshots synced');
  return report;
}

function item(key: string, record: Record<string, string | number | null>): UpsertItem {
  return { key, record, digest: digestOf(record) };
}

function stale(items: UpsertItem[], known: Map<string, SyncedRecord>, now: Date): UpsertItem[] {
  return items.filter((i) => {
    const prev = known.get(i.key);
    return !prev || prev.digest !== i.digest || now.getTime() - prev.syncedAt.getTime() > RESEND_AFTER_MS;
  });
}

/** The connection (opened only when something must be sent), request errors and record failures. */
class Session {
  requests = 0;
  private conn: Connection | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly account: AccountContext,
  ) {}

  private get accountId(): string {
    return this.account.account.id;
  }

  async send(sobject: string, keyField: string, items: UpsertItem[]): Promise<UpsertOutcome> {
    if (items.length === 0) return { saved: [], failed: [], requests: 0 };
    this.conn ??= await salesforceConnection(this.ctx, this.account, 'background');
    try {
      const outcome = await upsertAll(this.conn, sobject, keyField, items);
      this.requests += outcome.requests;
      return outcome;
    } catch (err) {
      const error = await salesforceError(this.ctx, this.accountId, this.conn, err);
      if (error.code === 'crm_field_missing') throw await this.packageMissing(`${sobject}: ${error.message}`);
      throw error;
    }
  }

  /** Remembers what was saved, then fails the run for what was not (after saving, so a retry is cheap). */
  async settle(sobject: string, outcome: UpsertOutcome): Promise<void> {
    const now = this.ctx.clock();
    await saveSynced(
      this.ctx.database.db,
      this.accountId,
      sobject,
      outcome.saved.map((s) => ({ externalId: s.key, salesforceId: s.id, digest: s.digest, syncedAt: now })),
    );
    const first = outcome.failed[0];
    if (!first) return;
    const error = first.errors[0]!;
    const detail = `${outcome.failed.length} ${sobject} record(s) not saved, e.g. ${first.key}: ${error.statusCode}: ${error.message}`;
    this.ctx.logger.warn(
      { accountId: this.accountId, sobject, failed: outcome.failed.length, code: error.statusCode },
      'salesforce snapshot records rejected',
    );
    if (sobject === SNAPSHOT_OBJECT && outcome.failed.some((f) => f.errors.some(pointsAtLocation))) {
      // A location record deleted in the org: forget the ids so the next run upserts the locations again.
      await forgetSynced(this.ctx.database.db, this.accountId, LOCATION_OBJECT);
      throw new RetryableError('salesforce_location_missing', detail);
    }
    if (['DUPLICATE_VALUE', 'DUPLICATE_EXTERNAL_ID'].includes(error.statusCode)) {
      // Two runs created the same external id at once; the next attempt updates it.
      throw new RetryableError('salesforce_upsert_race', detail);
    }
    const mapped = recordError({ errorCode: error.statusCode, message: error.message, fields: error.fields }, sobject);
    if (mapped.code === 'crm_field_missing') throw await this.packageMissing(detail);
    throw mapped.retry.kind === 'never'
      ? new NonRetryableError(mapped.code, detail)
      : new RetryableError(mapped.code, detail);
  }

  /** The org lacks the package's objects or fields: pause the account's sync and say what to do. */
  private async packageMissing(detail: string): Promise<NonRetryableError> {
    const until = new Date(this.ctx.clock().getTime() + PACKAGE_MISSING_PAUSE_MS);
    await writeCursor(this.ctx.database.db, this.accountId, BLOCKED_NAME, until);
    return new NonRetryableError(
      'salesforce_package_missing',
      `${detail}. Deploy salesforce-package (sf project deploy start) and assign the Ringback Integration permission set to the connected user; the sync retries after ${until.toISOString()}.`,
    );
  }
}

function pointsAtLocation(error: { statusCode: string; fields: string[] }): boolean {
  return error.fields.includes('Location__c') || error.statusCode === 'ENTITY_IS_DELETED';
}
