/**
 * `recovery.refresh` (one per account, debounced): folds marked cases into the rollups, rebuilds
 * locations whose rollups are missing or were cut in another zone, and keeps priority scores current
 * — the changed cases at every run, every open case when the model is rebuilt. Idempotent: a second
 * run finds nothing marked and a fresh model.
 */
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import type { PeriodicTask } from '../jobs/periodic.ts';
import { listAccounts } from '../accounts/account-store.ts';
import { recoveryDirty, recoveryModel } from '../store/schema-recovery.ts';
import { rebuildLocations, recomputeMarkedDays, staleLocations } from './rollup-refresh.ts';
import { computeModel, loadModel, MODEL_MAX_AGE_MS, rescore } from './priority.ts';
import { refreshJobSpec, trailingRefreshJobSpec } from './dirty.ts';

/**
 * One run folds marks for at most this long (then hands the rest to a follow-up run), so a backlog
 * never holds the account's rollup lock — or a worker's graceful shutdown — for long.
 */
const ROUND_BUDGET_MS = 2_000;
const MARKS_PER_ROUND = 2_000;

export function recoveryRefreshJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const accountId = String(job.payload.accountId ?? job.accountId);
    const account = await ctx.accounts.get(accountId);
    if (!account) return;
    const log = ctx.logger.child({ accountId, job: 'recovery.refresh' });
    const changed = new Set(await rebuildLocations(ctx, account, await staleLocations(ctx.database.db, account)));
    let more = true;
    const started = performance.now();
    while (more && performance.now() - started < ROUND_BUDGET_MS) {
      const result = await recomputeMarkedDays(ctx, account, MARKS_PER_ROUND);
      for (const id of result.caseIds) changed.add(id);
      more = result.more;
    }
    const now = ctx.clock();
    if (more) {
      // A backlog: carry on in a fresh run right away (its own key, so it is never a duplicate).
      await ctx.queue.enqueue({
        ...refreshJobSpec(accountId, now),
        key: `recovery.refresh:${accountId}:more:${job.id}`,
        runAt: now,
      });
    } else if (typeof job.payload.bucket === 'number' && job.payload.trailing !== true) {
      await ctx.queue.enqueue(trailingRefreshJobSpec(accountId, job.payload.bucket));
    }

    const stored = await loadModel(ctx.database.db, accountId);
    const age = stored ? now.getTime() - stored.computedAt.getTime() : Infinity;
    // A clock that moved backwards (tests, a fixed host) also calls for a fresh model.
    if (!stored || age > MODEL_MAX_AGE_MS || age < 0) {
      const model = await computeModel(ctx, account, now);
      const open = await rescore(ctx, account, model, 'open', now);
      await rescore(ctx, account, model, { ids: [...changed] }, now);
      log.info({ open, changed: changed.size }, 'priority model rebuilt; open cases rescored');
    } else {
      await rescore(ctx, account, stored.model, { ids: [...changed] }, now);
    }
    log.debug({ changed: changed.size }, 'recovery rollups refreshed');
  };
}

/**
 * Every minute, for the accounts that need it: marks left over (a change whose own refresh was never
 * asked for — a CRM outcome poll, a CRM person match — or whose job failed), or a priority model
 * missing or older than MODEL_MAX_AGE_MS. So rollups and scores follow the data even when nothing new
 * arrives, and an idle account costs nothing.
 */
export const RECOVERY_PERIODIC_JOB = 'recovery.periodic';

export const recoveryPeriodicTask: PeriodicTask = {
  kind: RECOVERY_PERIODIC_JOB,
  everyMs: 60_000,
  accounts: async (ctx) => {
    const staleBefore = new Date(ctx.clock().getTime() - MODEL_MAX_AGE_MS);
    const db = ctx.database.db;
    const [marked, models, all] = await Promise.all([
      db.selectDistinct({ id: recoveryDirty.accountId }).from(recoveryDirty),
      db.select({ id: recoveryModel.accountId, at: recoveryModel.computedAt }).from(recoveryModel),
      listAccounts(db),
    ]);
    const fresh = new Set(models.filter((m) => m.at.getTime() >= staleBefore.getTime()).map((m) => m.id));
    const due = new Set([...marked.map((m) => m.id), ...all.map((a) => a.id).filter((id) => !fresh.has(id))]);
    return [...due];
  },
};
