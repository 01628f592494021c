/**
 * The outbox: the `jobs` table operations. Work is written here in the same transaction as the change
 * that causes it; a delivery claims the row with a lease, so two workers never run one job at once
 * and a crashed worker's job is taken over once its lease runs out.
 */
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { jobs, type JobRow } from '../store/schema.ts';

export interface JobSpec {
  kind: string;
  /** Unique forever: derive it from the case and the step (`crm.write:mc_123`). */
  key: string;
  payload?: Record<string, unknown>;
  accountId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
}

type Executor = Pick<Db, 'insert' | 'update' | 'select'>;

/** Inserts the job unless its key exists. Returns the new row id, or null for an existing key. */
export async function insertJob(tx: Executor, spec: JobSpec, now: Date): Promise<{ id: number; runAt: Date } | null> {
  const runAt = spec.runAt ?? now;
  const rows = await tx
    .insert(jobs)
    .values({
      kind: spec.kind,
      key: spec.key,
      payload: spec.payload ?? {},
      accountId: spec.accountId ?? null,
      runAt,
      maxAttempts: spec.maxAttempts ?? 10,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  const row = rows[0];
  return row ? { id: row.id, runAt } : null;
}

/** Takes the lease on a due job. Null when it is not due, already running elsewhere, or finished. */
export async function claimJob(db: Db, id: number, now: Date, leaseMs: number, leaseByKind: ReadonlyMap<string, number> = new Map()): Promise<JobRow | null> {
  const until = (ms: number) => new Date(now.getTime() + ms).toISOString();
  // The kind is only known once the row is claimed, so a per-kind lease is chosen in the statement.
  const leaseUntil = leaseByKind.size
    ? sql`case ${sql.join(
        [...leaseByKind].map(([kind, ms]) => sql`when ${jobs.kind} = ${kind} then ${until(ms)}::timestamptz`),
        sql` `,
      )} else ${until(leaseMs)}::timestamptz end`
    : new Date(now.getTime() + leaseMs);
  const rows = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      leaseUntil,
      updatedAt: now,
    })
    .where(
      and(
        eq(jobs.id, id),
        or(
          and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)),
          and(eq(jobs.status, 'running'), lt(jobs.leaseUntil, now)),
        ),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

export async function getJob(db: Db, id: number): Promise<JobRow | null> {
  const rows = await db.select().from(jobs).where(eq(jobs.id, id));
  return rows[0] ?? null;
}

/** Marks a job done; only the holder of a running lease can. */
export async function completeJob(db: Db, id: number, attempt: number, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: now, leaseUntil: null, lastError: null, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.attempts, attempt)));
}

export interface JobError {
  code: string;
  message: string;
  at: string;
}

/** Schedules the next attempt, or moves the job to the dead-letter state. */
export async function failJob(
  db: Db,
  id: number,
  attempt: number,
  error: JobError,
  next: { runAt: Date; refundAttempt?: boolean } | 'dead',
  now: Date,
): Promise<void> {
  await db
    .update(jobs)
    .set(
      next === 'dead'
        ? { status: 'dead', lastError: error, leaseUntil: null, finishedAt: now, updatedAt: now }
        : {
            status: 'pending',
            lastError: error,
            leaseUntil: null,
            runAt: next.runAt,
            deliveredAt: null,
            updatedAt: now,
            // A wait the remote asked for does not use up an attempt.
            ...(next.refundAttempt ? { attempts: sql`greatest(${jobs.attempts} - 1, 0)` } : {}),
          },
    )
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.attempts, attempt)));
}

/**
 * Jobs a transport should be holding: pending and due before `horizon` but not handed out recently,
 * and running ones whose lease ran out (their worker died).
 */
export async function findUndelivered(
  db: Db,
  now: Date,
  horizon: Date,
  redeliverBefore: Date,
  limit: number,
): Promise<Array<Pick<JobRow, 'id' | 'runAt' | 'attempts' | 'status' | 'deliveredAt'>>> {
  return db
    .select({ id: jobs.id, runAt: jobs.runAt, attempts: jobs.attempts, status: jobs.status, deliveredAt: jobs.deliveredAt })
    .from(jobs)
    .where(
      or(
        and(
          eq(jobs.status, 'pending'),
          lte(jobs.runAt, horizon),
          or(isNull(jobs.deliveredAt), lt(jobs.deliveredAt, redeliverBefore)),
        ),
        and(eq(jobs.status, 'running'), lt(jobs.leaseUntil, now)),
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(limit);
}

export async function markDelivered(db: Db, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(jobs).set({ deliveredAt: now }).where(inArray(jobs.id, ids));
}

export async function listJobs(
  db: Db,
  filter: { status?: string; accountId?: string; limit: number; beforeId?: number },
): Promise<JobRow[]> {
  const conditions = [
    filter.status ? eq(jobs.status, filter.status) : undefined,
    filter.accountId ? eq(jobs.accountId, filter.accountId) : undefined,
    filter.beforeId ? lt(jobs.id, filter.beforeId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(jobs)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(jobs.id))
    .limit(filter.limit);
}

/** Gives a dead job a fresh set of attempts. */
export async function reviveJob(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: now, deliveredAt: null, finishedAt: null, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}
