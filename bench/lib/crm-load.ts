/**
 * The missed calls the CRM rows send: signed CallRail post-call webhooks (callrail-bodies.ts), each
 * from a distinct caller, a fixed share of them callers the CRM already holds (seeded before the
 * run), sent open-loop at a fixed rate — on schedule whether or not earlier ones were answered, as
 * CallRail posts them — so a writer that falls behind shows it as latency, not as a slower load.
 */
import { performance } from 'node:perf_hooks';
import { normalizePhone } from '@ringback/shared';
import { BENCH_LOCATIONS, CALLRAIL_PATH, callRailWebhook, callerFor } from './callrail-bodies.ts';
import type { KnownCaller } from './crm-emulators.ts';
import type { NaiveCall } from './naive-call.ts';

export interface PlannedCall extends KnownCaller {
  seq: number;
  /** The CRM holds this caller already (seeded before the run). */
  known: boolean;
  location: number;
}

/** Hands out sequence numbers for the whole bench process, so no two calls share a caller. */
let nextSeq = 500_000 + Math.floor(Math.random() * 400) * 1_000;

/** `count` calls from new callers, every `knownEvery`-th (1-based) from a known one. */
export function planCalls(count: number, knownEvery: number): PlannedCall[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = nextSeq++;
    const raw = callerFor(seq);
    const digits = raw.replace(/\D/g, '');
    return {
      seq,
      known: knownEvery > 0 && (i + 1) % knownEvery === 0,
      location: seq % BENCH_LOCATIONS.length,
      e164: normalizePhone(raw)!,
      display: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      name: `Caller ${seq}`,
    };
  });
}

export const knownOf = (plan: readonly PlannedCall[]): PlannedCall[] => plan.filter((c) => c.known);

export interface Ack {
  status: number;
  /** The case the webhook created (contract §3), the key its follow-up task is timed under. */
  caseId: string | null;
}

export async function sendMissedCall(serverUrl: string, call: PlannedCall): Promise<Ack> {
  const { body, headers } = callRailWebhook(call.seq, Date.now());
  try {
    const res = await fetch(`${serverUrl}${CALLRAIL_PATH}`, { method: 'POST', body, headers });
    const answer = (await res.json().catch(() => null)) as { missedCallId?: unknown } | null;
    return { status: res.status, caseId: typeof answer?.missedCallId === 'string' ? answer.missedCallId : null };
  } catch {
    return { status: 0, caseId: null };
  }
}

/** The naive baseline's input for a call: the location's owners in turn, a 30-minute callback due. */
export function naiveCallOf(call: PlannedCall, owners: readonly string[][], turn: Map<number, number>): NaiveCall {
  const mine = owners[call.location]!;
  const n = turn.get(call.location) ?? 0;
  turn.set(call.location, n + 1);
  const missedAt = new Date(Date.now() - 27_000);
  return {
    key: `n${call.seq}`,
    callerE164: call.e164,
    callerName: call.name,
    ownerId: mine[n % mine.length]!,
    missedAt,
    dueAt: new Date(missedAt.getTime() + 30 * 60_000),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls `each(i)` for i = 0…count-1 at `rate` per second from now; resolves after the last. */
export async function paced(rate: number, count: number, each: (i: number) => void): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    each(i);
  }
}

/** Polls `done` every `everyMs` until it holds or `deadline` (performance.now()) passes; says which. */
export async function until(done: () => boolean | Promise<boolean>, deadline: number, everyMs = 20): Promise<boolean> {
  for (;;) {
    if (await done()) return true;
    if (performance.now() >= deadline) return false;
    await sleep(Math.min(everyMs, Math.max(1, deadline - performance.now())));
  }
}
