/**
 * The measurements of the CRM rows, each against a running Ringback deployment (server + workers)
 * whose account writes to one emulator and, where there is one, the naive baseline writing to its
 * own emulator (same latency) from the same arrivals:
 *
 * - `oneByOne`: calls sent one at a time, each once the previous one's CRM job has finished, so every
 *   request in between belongs to that call: API calls per missed call, known and new caller apart.
 * - `atRate`: calls sent open-loop at a fixed rate for a fixed time, then a bounded drain: when each
 *   call's follow-up task became visible, how many were not by the deadline, tasks written per
 *   second, and the write requests of the whole run per task written.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { emptyCounts, type ClassCounts } from './crm-call-classes.ts';
import type { CrmSide } from './crm-emulators.ts';
import { knownOf, naiveCallOf, paced, sendMissedCall, until, type PlannedCall } from './crm-load.ts';
import type { NaiveCall } from './naive-call.ts';
import { SequentialWriter } from './sequential-writer.ts';
import { settle, type Arrival, type Settled } from './task-visibility.ts';

export interface RingbackTarget {
  url: string;
  side: CrmSide;
  /** Whether the case's `crm.write` job has finished (read from Ringback's database). */
  jobDone(caseId: string): Promise<boolean>;
  jobs(): Promise<JobsSummary>;
}

export interface BaselineTarget {
  side: CrmSide;
  write(call: NaiveCall): Promise<void>;
}

export interface OneByOneResult {
  /** Write requests per call, in order, known and new callers apart. */
  known: number[];
  new: number[];
  /** Everything else the emulator saw meanwhile (setup, polls), by class. */
  calls: ClassCounts;
}

export class CaseNotWrittenError extends Error {
  readonly code = 'bench_crm_write_missing';
}

/** Sends `plan` one call at a time through Ringback and (at the same moments) the baseline. */
export async function oneByOne(
  plan: readonly PlannedCall[],
  ringback: RingbackTarget,
  baseline: BaselineTarget | null,
  timeoutMs: number,
): Promise<{ ringback: OneByOneResult; baseline: OneByOneResult | null }> {
  ringback.side.seedKnown(knownOf(plan));
  baseline?.side.seedKnown(knownOf(plan));
  const turn = new Map<number, number>();
  const rb: OneByOneResult = { known: [], new: [], calls: emptyCounts() };
  const nv: OneByOneResult = { known: [], new: [], calls: emptyCounts() };
  const from = Date.now();
  for (const call of plan) {
    const viaRingback = async () => {
      const start = Date.now();
      const ack = await sendMissedCall(ringback.url, call);
      if (!ack.caseId) throw new CaseNotWrittenError(`webhook answered ${ack.status} without a missed call id`);
      const caseId = ack.caseId;
      if (!(await until(() => ringback.jobDone(caseId), performance.now() + timeoutMs, 25)))
        throw new CaseNotWrittenError(`the CRM write of ${caseId} did not finish within ${timeoutMs / 1000} s`);
      (call.known ? rb.known : rb.new).push(ringback.side.calls(start).write);
    };
    const viaBaseline = async () => {
      if (!baseline) return;
      const start = Date.now();
      await baseline.write(naiveCallOf(call, baseline.side.owners, turn));
      (call.known ? nv.known : nv.new).push(baseline.side.calls(start).write);
    };
    await Promise.all([viaRingback(), viaBaseline()]);
  }
  rb.calls = ringback.side.calls(from);
  if (baseline) nv.calls = baseline.side.calls(from);
  return { ringback: rb, baseline: baseline ? nv : null };
}

export interface RateSide extends Settled {
  /** Requests of the run by class (write = the CRM writes). */
  calls: ClassCounts;
  /** Answers refused for rate during the run. */
  refusedForRate: number;
}

export interface JobsSummary {
  /** Jobs by kind and status at the deadline (`crm.write`, and what shares the workers with it). */
  byKind: Record<string, Record<string, number>>;
  /** Jobs whose last attempt failed (waiting to retry, or dead), by error code, most frequent first. */
  errors: Array<{ code: string; jobs: number }>;
}

export interface RateResult {
  rate: number;
  seconds: number;
  drainSeconds: number;
  ringback: RateSide & { ackFailures: number; jobs: JobsSummary };
  baseline: (RateSide & { dropped: number; failed: number; lastError: string | null }) | null;
}

export async function atRate(
  options: { rate: number; seconds: number; drainSeconds: number },
  plan: readonly PlannedCall[],
  ringback: RingbackTarget,
  baseline: BaselineTarget | null,
): Promise<RateResult> {
  ringback.side.seedKnown(knownOf(plan));
  baseline?.side.seedKnown(knownOf(plan));
  const writer = baseline ? new SequentialWriter(baseline.write) : null;
  const turn = new Map<number, number>();
  const rbArrivals: Arrival[] = [];
  const nvArrivals: Arrival[] = [];
  const acks: Array<Promise<void>> = [];
  let ackFailures = 0;
  const from = Date.now();
  await paced(options.rate, plan.length, (i) => {
    const call = plan[i]!;
    const sentAt = performance.now();
    acks.push(
      sendMissedCall(ringback.url, call).then((ack) => {
        if (ack.caseId) rbArrivals.push({ key: ack.caseId, sentAt });
        else ackFailures += 1;
      }),
    );
    if (writer && baseline) {
      const naive = naiveCallOf(call, baseline.side.owners, turn);
      nvArrivals.push({ key: naive.key, sentAt });
      writer.push(naive);
    }
  });
  const deadline = performance.now() + options.drainSeconds * 1000;
  await Promise.all(acks);
  const allVisible = (side: CrmSide, arrivals: Arrival[]) => arrivals.every((a) => side.visibleAt(a.key) !== null);
  await until(() => allVisible(ringback.side, rbArrivals) && (!writer || writer.queued === 0), deadline, 25);
  const dropped = writer ? await writer.stop() : 0;
  const to = Date.now();
  const jobs = await ringback.jobs();
  const sideResult = (side: CrmSide, arrivals: Arrival[]): RateSide => ({
    ...settle(arrivals, (key) => side.visibleAt(key), deadline),
    calls: side.calls(from, to),
    refusedForRate: side.refusedForRate(from, to),
  });
  return {
    rate: options.rate,
    seconds: options.seconds,
    drainSeconds: options.drainSeconds,
    ringback: { ...sideResult(ringback.side, rbArrivals), ackFailures, jobs },
    baseline:
      writer && baseline
        ? { ...sideResult(baseline.side, nvArrivals), dropped, failed: writer.failed, lastError: writer.lastError }
        : null,
  };
}

/** `crm.write` jobs, from the deployment's schema. */
export function jobStatusReader(
  databaseUrl: string,
  schema: string,
): {
  jobDone(caseId: string): Promise<boolean>;
  pending(): Promise<number>;
  summary(): Promise<JobsSummary>;
  close(): Promise<void>;
} {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`odd schema name ${schema}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    async jobDone(caseId) {
      const r = await pool.query<{ status: string }>(`select status from "${schema}".jobs where key = $1`, [
        `crm.write:${caseId}`,
      ]);
      return r.rows[0]?.status === 'done';
    },
    async pending() {
      const r = await pool.query<{ n: number }>(
        `select count(*)::int as n from "${schema}".jobs where kind = 'crm.write' and status <> 'done'`,
      );
      return r.rows[0]?.n ?? 0;
    },
    async summary() {
      const counts = await pool.query<{ kind: string; status: string; n: number }>(
        `select kind, status, count(*)::int as n from "${schema}".jobs group by kind, status order by kind, status`,
      );
      const errors = await pool.query<{ code: string; n: number }>(
        `select coalesce(last_error->>'code', 'unknown') as code, count(*)::int as n from "${schema}".jobs
         where kind = 'crm.write' and last_error is not null group by 1 order by 2 desc limit 5`,
      );
      const byKind: JobsSummary['byKind'] = {};
      for (const r of counts.rows) (byKind[r.kind] ??= {})[r.status] = r.n;
      return { byKind, errors: errors.rows.map((r) => ({ code: r.code, jobs: r.n })) };
    },
    close: () => pool.end(),
  };
}
