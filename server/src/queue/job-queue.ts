/**
 * The job system the rest of the server sees: enqueue work (inside the transaction that causes it),
 * register one handler per kind, run workers. Handlers are written once and run on BullMQ or the
 * in-process transport alike; every job may run more than once, so handlers are idempotent.
 */
import type { Logger } from '../lib/logger.ts';
import { errorCodeOf, retryDecisionOf } from '../lib/errors.ts';
import type { Database, Db } from '../store/database.ts';
import type { JobRow } from '../store/schema.ts';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import {
  claimJob,
  completeJob,
  failJob,
  findUndelivered,
  getJob,
  insertJob,
  markDelivered,
  type JobSpec,
} from './outbox.ts';
import type { JobTransport } from './transport.ts';

const MAX_WAIT_AGE_MS = 7 * 24 * 3_600_000;

export interface JobContext {
  id: number;
  kind: string;
  key: string;
  accountId: string | null;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

/** A committed job to hand to the transport; `attempt` is how many runs it has had (0 when new). */
export interface Notice {
  id: number;
  runAt: Date;
  attempt?: number;
}

export interface JobQueueOptions {
  database: Database;
  transport: JobTransport;
  logger: Logger;
  /** Injected clock (tests); defaults to the system time. */
  clock?: () => Date;
  /** How long a claimed job may run before another worker may take it over. Default 120 s. */
  leaseMs?: number;
  /** How often workers sweep the outbox for work a transport may have lost. Default 5 s. */
  sweepMs?: number;
  /** A pending job handed out this long ago and still pending is handed out again. Default 60 s. */
  redeliverAfterMs?: number;
  backoff?: BackoffOptions;
}

export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseByKind = new Map<string, number>();
  private readonly db: Db;
  private readonly clock: () => Date;
  private readonly leaseMs: number;
  private readonly sweepMs: number;
  private readonly redeliverAfterMs: number;
  private readonly backoff: BackoffOptions;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {
    this.db = options.database.db;
    this.clock = options.clock ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 120_000;
    this.sweepMs = options.sweepMs ?? 5_000;
    this.redeliverAfterMs = options.redeliverAfterMs ?? 60_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get transportName(): string {
    return this.options.transport.name;
  }

  /**
   * `leaseMs` overrides the queue's lease for this kind: a short job whose delay matters (folding
   * acknowledged webhooks) is taken over sooner after its worker died. Handlers must be safe to run
   * again anyway; a lease shorter than a slow run only means a second, harmless run.
   */
  register(kind: string, handler: JobHandler, options: { leaseMs?: number } = {}): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for job kind ${kind} is already registered`);
    this.handlers.set(kind, handler);
    if (options.leaseMs !== undefined) this.leaseByKind.set(kind, options.leaseMs);
  }

  /**
   * Writes the job into the outbox with `tx` (the caller's transaction). Returns what to pass to
   * `notify` once that transaction has committed, or null when the key already existed.
   */
  async enqueueIn(
    tx: Pick<Db, 'insert' | 'update' | 'select'>,
    spec: JobSpec,
  ): Promise<{ id: number; runAt: Date } | null> {
    return insertJob(tx, spec, this.clock());
  }

  /** Hands committed jobs to the transport now when they are due soon; the sweeper covers the rest. */
  async notify(...inserted: Array<Notice | null>): Promise<void> {
    const now = this.clock();
    const delivered = await this.handOut(inserted, now);
    await markDelivered(this.db, delivered, now);
  }

  /**
   * `notify` without recording the hand-out, for a caller whose insert already set `delivered_at`.
   * Returns the ids handed out.
   */
  async handOut(inserted: Array<Notice | null>, now = this.clock()): Promise<number[]> {
    const horizon = now.getTime() + this.horizonMs();
    const due = inserted.filter((j): j is Notice => j !== null && j.runAt.getTime() <= horizon);
    // Handed out together (one round trip's wait, not one per job); the attempt number keeps a
    // retry from being mistaken for the delivery still running.
    const outcomes = await Promise.allSettled(
      due.map((job) =>
        this.options.transport.deliver({ id: job.id, attempt: job.attempt ?? 0, runAtMs: job.runAt.getTime(), delayMs: job.runAt.getTime() - now.getTime() }),
      ),
    );
    const failed = outcomes.findIndex((o) => o.status === 'rejected');
    if (failed >= 0) {
      // The rows are committed; the sweeper delivers what did not go out once the transport is back.
      const err = (outcomes[failed] as PromiseRejectedResult).reason as Error;
      this.options.logger.warn({ jobId: due[failed]!.id, err: err.message }, 'job delivery deferred to sweeper');
    }
    return due.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((j) => j.id);
  }

  /** Enqueue in its own transaction and notify: for callers with nothing else to commit. */
  async enqueue(spec: JobSpec): Promise<number | null> {
    const inserted = await this.enqueueIn(this.db, spec);
    await this.notify(inserted);
    return inserted?.id ?? null;
  }

  /** Starts consuming deliveries and sweeping the outbox (worker role). */
  async startWorker(concurrency: number): Promise<void> {
    this.options.transport.consume(
      (id) => this.run(id),
      concurrency,
      () => void this.sweep(true),
    );
    // Whatever an earlier process left leased or handed out is handed out again now.
    await this.sweep(true);
    const tick = () => {
      if (this.closed) return;
      this.sweeping = this.sweep(false).then(() => undefined);
      void this.sweeping.finally(() => {
        this.sweeping = null;
        if (!this.closed) this.sweepTimer = setTimeout(tick, this.sweepMs);
      });
    };
    this.sweepTimer = setTimeout(tick, this.sweepMs);
  }

  /** One pass over the outbox. `ignoreRecentDelivery` at start: this process's transport holds nothing yet. */
  async sweep(ignoreRecentDelivery: boolean): Promise<number> {
    const now = this.clock();
    const horizon = new Date(now.getTime() + this.horizonMs());
    const redeliverBefore = ignoreRecentDelivery ? horizon : new Date(now.getTime() - this.redeliverAfterMs);
    try {
      const rows = await findUndelivered(this.db, now, horizon, redeliverBefore, 1000);
      for (const row of rows) {
        const delayMs = row.status === 'pending' ? row.runAt.getTime() - now.getTime() : 0;
        // A hand-out made before may sit with a dead worker (BullMQ keeps it active until its stall
        // check, up to a minute): this one must not be dropped as its repeat. At start (or after
        // Redis came back) any pending job may have been handed out by a process that died before it
        // could record so.
        const redelivery = row.status === 'pending' && (row.deliveredAt || ignoreRecentDelivery) ? { redeliveryMs: now.getTime() } : {};
        await this.options.transport.deliver({ id: row.id, attempt: row.attempts, runAtMs: row.runAt.getTime(), delayMs, ...redelivery });
      }
      await markDelivered(
        this.db,
        rows.map((r) => r.id),
        now,
      );
      return rows.length;
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'outbox sweep failed; will retry');
      return 0;
    }
  }

  /** Stops sweeping and waits for in-flight jobs to finish (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.sweeping;
    await this.options.transport.close();
  }

  async ping(): Promise<void> {
    await this.options.transport.ping();
  }

  /** Runs one delivery: claim, handle, record the outcome. Never throws. */
  private async run(id: number): Promise<void> {
    const now = this.clock();
    let job: JobRow | null;
    try {
      job = await claimJob(this.db, id, now, this.leaseMs, this.leaseByKind);
      if (!job) {
        await this.rescheduleIfEarly(id, now);
        return;
      }
    } catch (err) {
      this.options.logger.warn({ jobId: id, err: (err as Error).message }, 'job claim failed; sweeper will retry');
      return;
    }
    const log = this.options.logger.child({
      jobId: job.id,
      kind: job.kind,
      accountId: job.accountId,
      attempt: job.attempts,
    });
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler registered for job kind ${job.kind}`);
      await handler({
        id: job.id,
        kind: job.kind,
        key: job.key,
        accountId: job.accountId,
        payload: (job.payload ?? {}) as Record<string, unknown>,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
      });
      await completeJob(this.db, job.id, job.attempts, this.clock());
      log.debug('job done');
    } catch (err) {
      await this.recordFailure(job, err, log);
    }
  }

  private async recordFailure(job: JobRow, err: unknown, log: Logger): Promise<void> {
    const now = this.clock();
    const decision = retryDecisionOf(err);
    const error = { code: errorCodeOf(err), message: (err as Error)?.message ?? String(err), at: now.toISOString() };
    // A wait the remote asked for (rate limit, spent allocation) is not a failed attempt: it gives the
    // attempt back, so a long CRM outage delays work instead of dead-lettering it — up to a week.
    const waitOnly = decision.kind === 'after' && now.getTime() - job.createdAt.getTime() < MAX_WAIT_AGE_MS;
    const dead = decision.kind === 'never' || (!waitOnly && job.attempts >= job.maxAttempts);
    try {
      if (dead) {
        await failJob(this.db, job.id, job.attempts, error, 'dead', now);
        log.error({ code: error.code, err: error.message }, 'job dead-lettered');
        return;
      }
      const runAt = new Date(now.getTime() + backoffDelayMs(job.attempts, decision, this.backoff));
      await failJob(this.db, job.id, job.attempts, error, { runAt, refundAttempt: waitOnly }, now);
      log.warn({ code: error.code, err: error.message, retryAt: runAt.toISOString() }, waitOnly ? 'job waits as asked' : 'job failed; will retry');
      await this.notify({ id: job.id, runAt, attempt: waitOnly ? job.attempts - 1 : job.attempts });
    } catch (recordErr) {
      // The lease runs out and the sweeper hands the job out again: nothing is lost.
      log.error({ err: (recordErr as Error).message }, 'could not record job failure');
    }
  }

  /** A delivery that came before the job's time (clock drift, an early timer) is put back. */
  private async rescheduleIfEarly(id: number, now: Date): Promise<void> {
    const row = await getJob(this.db, id);
    if (row?.status === 'pending' && row.runAt.getTime() > now.getTime()) {
      await this.notify({ id: row.id, runAt: row.runAt, attempt: row.attempts });
    }
  }

  private horizonMs(): number {
    return Math.max(60_000, this.sweepMs * 4);
  }
}
