/**
 * The HubSpot outage scenario, shared by `npm test` (seconds) and `npm run soak` (minutes): HubSpot
 * answers 5xx and 429 in alternating phases for `outageMs` while missed calls keep arriving, then
 * recovers; everything must drain exactly once, without Ringback ever exceeding HubSpot's 10-second
 * limit or its daily one (the injected 429s do not count: the emulator's limiter is not consulted
 * while a fault answers). HubSpot's per-second search limit is held to contract §6's "at most 5%
 * refused": a search takes its search slot before it waits for the general one, so searches that
 * waited out a pause can still go together (seen as 2–6 refusals in ~100 requests before searches
 * were batched per slot; none since).
 *
 * Order: Ringback does not write cases in arrival order — each case is its own job, retried with
 * jittered backoff — and the contract promises none. What it does promise per caller is that a
 * repeat dial's call is logged on its parent's person, which only exists once the parent is written:
 * so every repeat's call activity is created after its parent case's call and task. That is checked;
 * the global order (tasks created in missedAt order) is only reported.
 */
import type { RateLimiter } from '../../emulators/src/hubspot/index.ts';
import { PORTAL } from '../hubspot-harness.ts';
import { hubspotFigures, startHubSpotWorld, type HubSpotWorld } from './hubspot-world.ts';
import { drain, report, type Figures, type LedgerCase } from './crm-traffic.ts';
import type { HubSpotLedger } from './hubspot-ledger.ts';

export interface OutageOptions {
  outageMs: number;
  /** How long each phase (5xx, then 429, then 5xx…) lasts. Default 5 s. */
  phaseMs?: number;
  /** One missed call this often during the outage. Default 700 ms. */
  callEveryMs?: number;
  /** How long the backlog may take to drain once HubSpot is back. Default 90 s. */
  drainTimeoutMs?: number;
  /** The emulator's latency range (see `startHubSpotWorld`). */
  latencyMs?: [number, number];
  /** Called with the world once it runs (so a test can register its cleanup before anything fails). */
  started?: (world: HubSpotWorld) => void;
}

export interface OutageResult {
  figures: Figures<HubSpotLedger>;
  /** Requests HubSpot's rate limiter saw (those no injected fault answered first). */
  limiterSaw: number;
  /** Policy names of the requests HubSpot's rate limiter itself refused (not the injected storm). */
  refusedByLimiter: string[];
  injected5xx: number;
  injected429: number;
  drainMs: number;
  /** Repeat dials whose call was created before their parent's records (must be none). */
  orderProblems: string[];
  /** Adjacent pairs of first-call tasks created out of missedAt order (reported, not promised). */
  outOfOrderTasks: number;
  tasksCompared: number;
  /** Every loss, duplicate, order breach and limiter refusal, in words. */
  problems: string[];
}

const KNOWN = Array.from({ length: 6 }, (_, i) => `+1480555${String(7000 + i)}`);
/** The scenario's timeline (phases, call arrivals) is wall-clock by design. */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Watches HubSpot's own limits (the emulator consults them only when no injected fault answers). */
function watchLimiter(limiter: RateLimiter): { saw: number; refused: string[] } {
  const seen = { saw: 0, refused: [] as string[] };
  const take = limiter.take.bind(limiter);
  limiter.take = (portalId, opts) => {
    const decision = take(portalId, opts);
    seen.saw += 1;
    if (decision.refused) seen.refused.push(decision.refused.policyName);
    return decision;
  };
  return seen;
}

/** Who calls n-th: mostly new callers, some known contacts, and every fifth a repeat dial. */
function caller(n: number): string {
  if (n % 5 === 4) return caller(n - 2);
  if (n % 7 === 3) return KNOWN[n % KNOWN.length]!;
  return `+1602556${String(n).padStart(4, '0')}`;
}

async function faultPhases(world: HubSpotWorld, outageMs: number, phaseMs: number): Promise<void> {
  const { faults } = world.emulator;
  const end = Date.now() + outageMs;
  for (let phase = 0; Date.now() < end; phase++) {
    faults.clear();
    const length = Math.min(phaseMs, end - Date.now());
    if (phase % 2 === 0)
      faults.serverErrors(Number.MAX_SAFE_INTEGER, phase % 4 === 0 ? 503 : 502, { portalId: PORTAL });
    else faults.rateLimitStorm({ durationMs: length, portalId: PORTAL });
    await pause(length);
  }
  faults.clear();
}

function orderChecks(
  cases: LedgerCase[],
  ids: HubSpotLedger['recordIds'],
): Pick<OutageResult, 'orderProblems' | 'outOfOrderTasks' | 'tasksCompared'> {
  const orderProblems: string[] = [];
  for (const c of cases) {
    if (!c.repeatOf || c.spam) continue;
    const mine = ids.get(c.id)?.call;
    const parent = ids.get(c.repeatOf);
    const before = Math.max(parent?.call ?? Infinity, parent?.task ?? Infinity);
    if (!mine || !(mine > before))
      orderProblems.push(
        `repeat ${c.id}: its call (${mine}) is not after its parent's call and task (${parent?.call}, ${parent?.task})`,
      );
  }
  const tasks = cases
    .filter((c) => !c.spam && !c.repeatOf)
    .sort((a, b) => a.missedAt.getTime() - b.missedAt.getTime())
    .map((c) => ids.get(c.id)?.task ?? 0);
  let outOfOrderTasks = 0;
  for (let i = 1; i < tasks.length; i++) if (tasks[i]! < tasks[i - 1]!) outOfOrderTasks++;
  return { orderProblems, outOfOrderTasks, tasksCompared: Math.max(0, tasks.length - 1) };
}

export async function runHubSpotOutage(options: OutageOptions): Promise<OutageResult> {
  const world = await startHubSpotWorld({
    knownCallers: KNOWN,
    workers: 2,
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
    // HubSpot's smallest burst limit, so the drain has a limit to keep to.
    emulator: { rateLimit: { perTenSeconds: 100 } },
  });
  options.started?.(world);
  const limiter = watchLimiter(world.emulator.rateLimiter);
  const base = Date.now() - 25 * 60_000;
  const miss = (n: number) => ({ id: `CALout${n}`, caller: caller(n), startedAgoMs: Date.now() - (base + n * 1_000) });

  // Before: a few calls written normally (Ringback's properties exist, HubSpot's limits observed).
  let n = 0;
  for (; n < 4; n++) await world.traffic.send(miss(n));
  await drain(world, 30_000);

  const outage = faultPhases(world, options.outageMs, options.phaseMs ?? 5_000);
  const arrivalsEnd = Date.now() + options.outageMs;
  const sends: Array<Promise<void>> = [];
  while (Date.now() < arrivalsEnd) {
    sends.push(world.traffic.send(miss(n++)));
    await pause(options.callEveryMs ?? 700);
  }
  await Promise.all(sends);
  await outage;
  const recoveredAt = Date.now();
  const cases = await drain(world, options.drainTimeoutMs ?? 90_000);
  const drainMs = Date.now() - recoveredAt;

  const f = hubspotFigures(world, cases);
  const log = world.emulator.requestLog.entries({ portalId: PORTAL });
  const order = orderChecks(cases, f.ledger.recordIds);
  const refused = limiter.refused;
  const problems = [...f.problems, ...order.orderProblems];
  const overTenSeconds = refused.filter((p) => p !== 'SECONDLY').length;
  if (overTenSeconds > 0) problems.push(`HubSpot's 10-second or daily limit refused ${overTenSeconds} requests`);
  if (refused.length > 0.05 * limiter.saw)
    problems.push(`HubSpot's limits refused ${refused.length} of ${limiter.saw} requests (over 5%)`);
  return {
    figures: f,
    limiterSaw: limiter.saw,
    refusedByLimiter: [...refused],
    injected5xx: log.filter((e) => e.status >= 500).length,
    injected429: log.filter((e) => e.status === 429).length - refused.length,
    drainMs,
    ...order,
    problems,
  };
}

/** The scenario's line: the four figures, then what HubSpot answered and how the drain went. */
export function reportOutage(scenario: string, r: OutageResult): void {
  report(scenario, r.figures, {
    'injected 5xx': r.injected5xx,
    'injected 429': r.injected429,
    "refused by HubSpot's own limits": `${r.refusedByLimiter.length}/${r.limiterSaw} (${[...new Set(r.refusedByLimiter)].join(', ') || 'none'})`,
    'drained in s': Math.round(r.drainMs / 1000),
    'first-call tasks out of missedAt order': `${r.outOfOrderTasks}/${r.tasksCompared}`,
  });
  for (const p of r.orderProblems.slice(0, 10)) console.log(`  ${scenario}: ${p}`);
}
