/**
 * The CRM-agnostic half of the CRM reliability scenarios: an emulator served at a network distance
 * with its writes in flight counted, CallRail misses posted to the server process (and replayed),
 * waiting for the workers to drain, and the sent / acknowledged / stored / written figures with
 * every loss or duplicate in words. The CRM-specific half is a ledger (hubspot-ledger.ts,
 * salesforce-ledger.ts) that says what the emulator holds per case.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import { jobs, missedCalls, webhookEvents, type MissedCallRow } from '../../server/src/store/schema.ts';
import { missBody, type MissInput } from '../hubspot-harness.ts';
import { postCallRail } from './webhooks.ts';
import { waitFor } from './engines.ts';
import type { RingbackProcesses } from './ringback-processes.ts';

/** A stored case, as the ledgers check it. */
export interface LedgerCase {
  id: string;
  providerCallId: string;
  callerE164: string | null;
  spam: boolean;
  repeatOf: string | null;
  missedAt: Date;
  crmContactId: string | null;
  crmCallId: string | null;
  crmTaskId: string | null;
}

const ledgerCase = (r: MissedCallRow): LedgerCase => ({
  id: r.id,
  providerCallId: r.providerCallId,
  callerE164: r.callerE164,
  spam: r.spam,
  repeatOf: r.repeatOf,
  missedAt: r.missedAt,
  crmContactId: r.crmContactId,
  crmCallId: r.crmCallId,
  crmTaskId: r.crmTaskId,
});

/** The jobs that write a case into the CRM; a scenario is drained when all of them are done. */
const CRM_JOBS = ['crm.write', 'crm.repeat'];

export interface FrontedEmulator {
  url: string;
  /** Write requests the emulator has received and not yet answered. */
  writesInFlight(): number;
  close(): Promise<void>;
}

/**
 * Serves an emulator's express app after a delay drawn evenly from `latencyMs` (network distance;
 * when varied, requests overlap and finish out of order), counting the requests `isWrite` picks
 * from arrival until answered.
 */
export async function frontEmulator(
  app: RequestListener,
  latencyMs: [number, number],
  isWrite: (req: IncomingMessage) => boolean,
): Promise<FrontedEmulator> {
  let writes = 0;
  const [fastest, slowest] = latencyMs;
  const http: Server = createServer((req, res) => {
    if (isWrite(req)) {
      writes += 1;
      res.once('close', () => (writes -= 1));
    }
    setTimeout(() => app(req, res), fastest + Math.random() * (slowest - fastest));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    writesInFlight: () => writes,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** What a scenario needs of its setting: the processes and the webhooks sent to them. */
export interface CrmWorld {
  rb: RingbackProcesses;
  traffic: Traffic;
}

/** Webhooks sent to the server process and what it answered. */
export class Traffic {
  sent = 0;
  /** Deliveries answered 2xx (replays included). */
  acknowledgedDeliveries = 0;
  /** The calls at least one delivery of which was answered 2xx. */
  readonly acknowledged = new Set<string>();
  /** Bodies by call id, to replay exactly. */
  private readonly bodies = new Map<string, string>();
  private readonly failures: string[] = [];

  constructor(private readonly url: string) {}

  /** Posts a CallRail miss; a 2xx adds its call id to `acknowledged`. */
  async send(miss: MissInput & { id: string }): Promise<void> {
    const body = missBody(miss);
    this.bodies.set(miss.id, body);
    await this.post(miss.id, body);
  }

  /** Posts the same bytes again, as a provider retrying a delivery does. */
  async replay(id: string): Promise<void> {
    const body = this.bodies.get(id);
    if (!body) throw new Error(`no delivery of ${id} to replay`);
    await this.post(id, body);
  }

  get unexpected(): string[] {
    return this.failures;
  }

  private async post(id: string, body: string): Promise<void> {
    this.sent += 1;
    try {
      const res = await postCallRail(this.url, 'acme', 'cr-key', body, 'post_call');
      if (res.status === 200) {
        this.acknowledgedDeliveries += 1;
        this.acknowledged.add(id);
      } else this.failures.push(`${id}: ${res.status}`);
    } catch (err) {
      this.failures.push(`${id}: ${(err as Error).message}`);
    }
  }
}

/**
 * Waits until every acknowledged call is a case and every CRM job is done; a dead job fails at once.
 * On time-out the error names the jobs still open and their last errors.
 */
export async function drain(world: CrmWorld, timeoutMs: number): Promise<LedgerCase[]> {
  const db = world.rb.database.db;
  const ids = [...world.traffic.acknowledged];
  const crmJobs = () => db.select().from(jobs).where(inArray(jobs.kind, CRM_JOBS));
  try {
    await waitFor(
      async () => {
        const all = await crmJobs();
        const dead = all.filter((j) => j.status === 'dead');
        if (dead.length > 0)
          throw new Error(`dead CRM jobs: ${dead.map((j) => `${j.key} ${JSON.stringify(j.lastError)}`).join('; ')}`);
        if (all.some((j) => j.status !== 'done')) return false;
        if (
          (await db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.status, 'pending')))
            .length > 0
        )
          return false;
        return (await casesOf(world, ids)).length === ids.length;
      },
      timeoutMs,
      'every acknowledged call to be a case written to the CRM',
    );
  } catch (err) {
    const open = (await crmJobs()).filter((j) => j.status !== 'done');
    const detail = open
      .slice(0, 10)
      .map((j) => `${j.key} ${j.status} after ${j.attempts} attempts: ${JSON.stringify(j.lastError)}`);
    throw new Error(
      `${(err as Error).message}; ${open.length} CRM jobs open${detail.length ? `: ${detail.join('; ')}` : ''}; processes: ${world.rb.describe()}`,
    );
  }
  return casesOf(world, ids);
}

/** The stored cases of these CallRail call ids (one row per call; a duplicate shows as a second row). */
export async function casesOf(world: CrmWorld, callIds: string[]): Promise<LedgerCase[]> {
  if (callIds.length === 0) return [];
  const rows = await world.rb.database.db
    .select()
    .from(missedCalls)
    .where(and(eq(missedCalls.accountId, 'acme'), inArray(missedCalls.providerCallId, callIds)));
  return rows.map(ledgerCase);
}

/** Cases whose CRM write has finished (the task id is recorded last). */
export async function writtenSoFar(world: CrmWorld): Promise<number> {
  const rows = await casesOf(world, [...world.traffic.acknowledged]);
  return rows.filter((c) => c.crmTaskId !== null).length;
}

/** What a CRM's ledger says about the cases: how many are written exactly once, and every breach. */
export interface Ledger {
  written: number;
  problems: string[];
  /** What the CRM holds, in a few words for the report ("calls 38, tasks 34"). */
  summary: string;
}

export interface Figures<L extends Ledger = Ledger> {
  /** Deliveries sent and answered 2xx (replays included). */
  sent: number;
  acknowledged: number;
  /** Distinct calls acknowledged. */
  calls: number;
  /** Acknowledged calls that are exactly one case. */
  stored: number;
  /** Non-spam cases whose CRM records are there exactly once. */
  written: number;
  ledger: L;
  /** Every loss or duplicate, in words (empty when the scenario held). */
  problems: string[];
}

/** Counts what was sent, acknowledged, stored and written, and lists every loss or duplicate. */
export function figures<L extends Ledger>(world: CrmWorld, cases: LedgerCase[], ledger: L): Figures<L> {
  const { traffic } = world;
  const perCall = new Map<string, number>();
  for (const c of cases) perCall.set(c.providerCallId, (perCall.get(c.providerCallId) ?? 0) + 1);
  const problems = traffic.unexpected.map((u) => `webhook not acknowledged: ${u}`);
  if (problems.length > 0) problems.push(`processes: ${world.rb.describe()}`);
  for (const id of traffic.acknowledged) {
    const n = perCall.get(id) ?? 0;
    if (n !== 1) problems.push(`acknowledged call ${id} is ${n} cases`);
  }
  problems.push(...ledger.problems);
  const stored = [...traffic.acknowledged].filter((id) => perCall.get(id) === 1).length;
  return {
    sent: traffic.sent,
    acknowledged: traffic.acknowledgedDeliveries,
    calls: traffic.acknowledged.size,
    stored,
    written: ledger.written,
    ledger,
    problems,
  };
}

/** One line per scenario, as the ingest reliability suite prints, then any problem found. */
export function report(scenario: string, f: Figures, extra: Record<string, string | number> = {}): void {
  const more = Object.entries(extra)
    .map(([k, v]) => `, ${k} ${v}`)
    .join('');
  console.log(
    `${scenario}: sent ${f.sent}, acknowledged ${f.acknowledged} (${f.calls} calls), stored ${f.stored}, written ${f.written} (${f.ledger.summary})${more}`,
  );
  for (const p of f.problems.slice(0, 20)) console.log(`  ${scenario}: ${p}`);
  if (f.problems.length > 20) console.log(`  ${scenario}: … ${f.problems.length - 20} more`);
}
