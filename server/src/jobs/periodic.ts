/**
 * Periodic per-account work (CallRail reconciliation, CRM outcome catch-up) as outbox jobs: every
 * worker ticks, and for each account that needs the task writes the job for the current time bucket.
 * The bucketed key makes the job unique however many workers tick, and a task that failed or a
 * worker that died costs one bucket, not the schedule.
 */
import type { AppContext } from '../app-context.ts';

export interface PeriodicTask {
  kind: string;
  everyMs: number;
  /** Accounts that need the task now (e.g. those with CallRail API credentials). */
  accounts(ctx: AppContext): Promise<string[]>;
}

export function bucketKey(kind: string, accountId: string, at: Date, everyMs: number): string {
  return `${kind}:${accountId}:${Math.floor(at.getTime() / everyMs)}`;
}

/** Writes this bucket's job for every account that needs it. Returns how many were new. */
export async function tickPeriodic(ctx: AppContext, task: PeriodicTask): Promise<number> {
  const now = ctx.clock();
  let created = 0;
  for (const accountId of await task.accounts(ctx)) {
    const id = await ctx.queue.enqueue({
      kind: task.kind,
      key: bucketKey(task.kind, accountId, now, task.everyMs),
      accountId,
      payload: { accountId },
      maxAttempts: 3,
    });
    if (id !== null) created++;
  }
  return created;
}

/** Starts ticking every task (worker role); returns a stop function. */
export function startPeriodic(ctx: AppContext, tasks: PeriodicTask[]): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const task of tasks) {
    const tick = () =>
      void tickPeriodic(ctx, task).catch((err: Error) => ctx.logger.warn({ kind: task.kind, err: err.message }, 'periodic tick failed'));
    tick();
    const timer = setInterval(tick, Math.min(task.everyMs, 60_000));
    timer.unref();
    timers.push(timer);
  }
  return () => timers.forEach((t) => clearInterval(t));
}
