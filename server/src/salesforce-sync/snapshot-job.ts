/**
 * Scheduling the snapshot sync through the outbox: the `salesforce.snapshots` job (one account per
 * job), a periodic task that writes one job per Salesforce account every five minutes (the bucketed
 * key makes it one however many workers tick), and `requestSnapshotSync` for code that has just
 * changed figures and wants them in Salesforce within a minute (debounced the same way).
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import type { PeriodicTask } from '../jobs/periodic.ts';
import { listAccounts } from '../accounts/account-store.ts';
import { cursors } from '../store/schema.ts';
import { BLOCKED_NAME } from './changes.ts';
import { syncSnapshots } from './sync-snapshots.ts';
import { SALESFORCE_SNAPSHOT_JOB, snapshotSyncSpec } from './job-spec.ts';

export { SALESFORCE_SNAPSHOT_JOB, snapshotSyncSpec };

export const SNAPSHOT_EVERY_MS = 5 * 60_000;

export function salesforceSnapshotJob(ctx: AppContext): JobHandler {
  return async (job) => {
    await syncSnapshots(ctx, String(job.payload.accountId ?? job.accountId));
  };
}

export const salesforceSnapshotTask: PeriodicTask = {
  kind: SALESFORCE_SNAPSHOT_JOB,
  everyMs: SNAPSHOT_EVERY_MS,
  async accounts(ctx) {
    const now = ctx.clock().getTime();
    const blocked = await ctx.database.db
      .select({ accountId: cursors.accountId, value: cursors.value })
      .from(cursors)
      .where(eq(cursors.name, BLOCKED_NAME));
    const paused = new Set(blocked.filter((b) => Date.parse(b.value) > now).map((b) => b.accountId));
    return (await listAccounts(ctx.database.db))
      .filter((a) => a.crmKind === 'salesforce' && !paused.has(a.id))
      .map((a) => a.id);
  },
};

/** Asks for a sync soon; a no-op for accounts without Salesforce (the job returns at once). */
export async function requestSnapshotSync(ctx: AppContext, accountId: string): Promise<void> {
  await ctx.queue.enqueue(snapshotSyncSpec(accountId, ctx.clock()));
}

/** Unblocks an account paused for a missing package (after the admin deployed it). */
export async function clearSnapshotPause(ctx: AppContext, accountId: string): Promise<void> {
  await ctx.database.db.delete(cursors).where(and(eq(cursors.accountId, accountId), eq(cursors.name, BLOCKED_NAME)));
}
