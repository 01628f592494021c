/** The outbox job that runs one account's snapshot sync (kept apart so the sync can ask for more). */
import type { JobSpec } from '../queue/outbox.ts';

export const SALESFORCE_SNAPSHOT_JOB = 'salesforce.snapshots';
/** Requests made within this bucket share one job, run at the bucket's end. */
export const REQUEST_BUCKET_MS = 60_000;

/** The job that syncs `accountId` at the end of the current minute (one per account and minute). */
export function snapshotSyncSpec(accountId: string, now: Date): JobSpec {
  const bucket = Math.floor(now.getTime() / REQUEST_BUCKET_MS);
  return {
    kind: SALESFORCE_SNAPSHOT_JOB,
    key: `${SALESFORCE_SNAPSHOT_JOB}:${accountId}:m${bucket}`,
    accountId,
    payload: { accountId },
    runAt: new Date((bucket + 1) * REQUEST_BUCKET_MS),
    maxAttempts: 5,
  };
}
