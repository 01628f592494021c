/**
 * Keeping rollups honest: every transaction that changes a case's funnel (or makes it spam, or
 * creates it) marks the case here, in the same transaction. Reads compute a marked case's rollup day
 * from raw cases, so they are exact at once; the `recovery.refresh` job folds the marks into the
 * rollups (and rescores the cases' priority) a few seconds later.
 *
 * Who asks for the refresh: ingest, in the very statement that marks the case (which also writes the
 * new case's escalation job, so the ack path pays no extra statement for rollups); reads that find
 * marks; the outcomes API; and the periodic recovery task for any account with marks left over.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { jobs, missedCalls } from '../store/schema.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import type { JobSpec } from '../queue/outbox.ts';
import { localDay } from '../../../shared/src/recovery-calendar.ts';
import { tzOf } from './zones.ts';

export interface ChangedCase {
  id: string;
  locationId: string | null;
  missedAt: Date;
}

let maintenance = true;

/** The refresh job each account context last asked for (per context, so per process and database). */
const asked = new WeakMap<AccountContext, string>();

/**
 * Benchmark hook: with maintenance off, ingest neither marks cases nor asks for refreshes, so the
 * bench can measure what rollup maintenance costs the ack path. Never switched off in the product.
 */
export function setRollupMaintenance(enabled: boolean): void {
  maintenance = enabled;
}

/**
 * Refreshes are debounced per account and time bucket: the first change of a bucket asks for a run a
 * moment later (so a burst is folded at once), and that run books a trailing one at the bucket's end
 * for whatever changes after it. At most two runs (and two job rows) per bucket.
 */
export const REFRESH_BUCKET_MS = 30_000;
const LEADING_DELAY_MS = 1_000;

export function refreshJobSpec(accountId: string, now: Date): JobSpec {
  const bucket = Math.floor(now.getTime() / REFRESH_BUCKET_MS);
  return {
    kind: 'recovery.refresh',
    key: `recovery.refresh:${accountId}:${bucket}`,
    accountId,
    payload: { accountId, bucket },
    runAt: new Date(now.getTime() + LEADING_DELAY_MS),
    maxAttempts: 5,
  };
}

/** The run at the end of `bucket` that folds what changed after the bucket's first run. */
export function trailingRefreshJobSpec(accountId: string, bucket: number): JobSpec {
  return {
    kind: 'recovery.refresh',
    key: `recovery.refresh:${accountId}:${bucket}:trailing`,
    accountId,
    payload: { accountId, bucket, trailing: true },
    runAt: new Date((bucket + 1) * REFRESH_BUCKET_MS),
    maxAttempts: 5,
  };
}

/** Outbox rows exactly as `insertJob` writes them (queue/outbox.ts), for a statement of our own. */
function jobValues(specs: JobSpec[], now: Date): SQL {
  const at = now.toISOString();
  return sql.join(
    specs.map(
      (j) =>
        sql`(${j.kind}, ${j.key}, ${j.accountId ?? null}, ${JSON.stringify(j.payload ?? {})}::jsonb, ${(j.runAt ?? now).toISOString()}::timestamptz, ${j.maxAttempts ?? 10}, ${at}::timestamptz, ${at}::timestamptz)`,
    ),
    sql`, `,
  );
}

const insertJobs = (specs: JobSpec[], now: Date) =>
  sql`insert into ${jobs} (kind, key, account_id, payload, run_at, max_attempts, created_at, updated_at)
    values ${jobValues(specs, now)} on conflict (key) do nothing`;

/**
 * Marks cases as not yet absorbed by their rollup day. With `refreshAt` (the caller's clock), the
 * same statement also writes this bucket's refresh job to the outbox, and any `jobs` the caller
 * would otherwise write in a statement of its own (a new case's escalation): rollup maintenance then
 * adds no round trip to the ack transaction. The outbox sweeper hands those jobs to the queue.
 * Needs only `execute` (callers' Tx types vary).
 */
export async function markCasesDirty(
  tx: Pick<Db, 'execute'>,
  account: AccountContext,
  cases: ChangedCase[],
  refreshAt?: Date,
  jobs: JobSpec[] = [],
): Promise<void> {
  const now = refreshAt ?? new Date();
  if (cases.length === 0 || !maintenance) {
    if (jobs.length) await tx.execute(insertJobs(jobs, now));
    return;
  }
  const accountId = account.account.id;
  const at = new Date().toISOString();
  const values = cases.map((c) => {
    const key = c.locationId ?? '';
    const day = localDay(c.missedAt, tzOf(account, key));
    return sql`(${c.id}, ${accountId}, ${key}, ${day}::date, ${randomBytes(8).toString('hex')}, ${at}::timestamptz)`;
  });
  const mark = sql`
    insert into recovery_dirty (case_id, account_id, location_key, day, mark, marked_at)
    values ${sql.join(values, sql`, `)}
    on conflict (case_id) do update set
      account_id = excluded.account_id, location_key = excluded.location_key, day = excluded.day,
      mark = excluded.mark, marked_at = excluded.marked_at`;
  const outbox = [...jobs];
  const refresh = refreshAt ? refreshJobSpec(accountId, refreshAt) : null;
  // Once this account context (rebuilt every few seconds) has asked for this bucket's refresh, the
  // outbox has it (unless that transaction rolled back: then a read, the trailing run or the
  // periodic task catches up).
  if (refresh && asked.get(account) !== refresh.key) {
    asked.set(account, refresh.key);
    outbox.push(refresh);
  }
  // A data-modifying CTE runs whether or not the statement reads it.
  await tx.execute(outbox.length ? sql`with marked as (${mark}) ${insertJobs(outbox, now)}` : mark);
}

/** Marks cases by id (real cases only: spam and repeat dials are in no rollup). */
export async function markCaseIdsDirty(
  tx: Pick<Db, 'select' | 'execute'>,
  account: AccountContext,
  ids: string[],
  refreshAt?: Date,
): Promise<void> {
  if (ids.length === 0 || !maintenance) return;
  const rows = await tx
    .select({ id: missedCalls.id, locationId: missedCalls.locationId, missedAt: missedCalls.missedAt })
    .from(missedCalls)
    .where(
      and(eq(missedCalls.accountId, account.account.id), inArray(missedCalls.id, ids), isNull(missedCalls.repeatOf)),
    );
  await markCasesDirty(tx, account, rows, refreshAt);
}
