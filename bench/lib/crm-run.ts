/**
 * One CRM's run for the CRM rows: Ringback (1 server process + N worker processes on a fresh
 * PostgreSQL schema and Redis prefix) whose bench account writes to a CRM emulator, and the naive
 * baseline writing to a second emulator of the same kind and latency.
 *
 * Order: warm-up (Ringback's first write creates its HubSpot properties and compiles its hot
 * paths), calls one at a time (API calls per missed call), the low rate, then the burst rate with 1,
 * 2 and 4 workers. A phase that left work behind (calls cut off at the drain deadline) would slow
 * the next one down, so the next one gets a fresh deployment; otherwise workers are added in place.
 */
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from '../row.ts';
import { benchConfig, startDeployment, type Deployment } from './deployment.ts';
import { startCrmSide, type CrmKind, type CrmSide } from './crm-emulators.ts';
import { planCalls } from './crm-load.ts';
import {
  atRate,
  jobStatusReader,
  oneByOne,
  type BaselineTarget,
  type OneByOneResult,
  type RateResult,
  type RingbackTarget,
} from './crm-phases.ts';
import { naiveHubSpotWriter } from './naive-hubspot-writer.ts';
import { naiveSalesforceWriter } from './naive-salesforce-writer.ts';

export interface CrmSettings {
  latencyMs: number;
  /** Every n-th call of a phase comes from a caller the CRM holds already. */
  knownEvery: number;
  /** Calls sent one at a time (half known, half new). */
  oneByOne: number;
  lowRate: number;
  lowSeconds: number;
  burstRate: number;
  burstSeconds: number;
  /** How long after the last call of a phase its tasks may take to appear. */
  drainSeconds: number;
  workers: number[];
}

export interface CrmMeasurements {
  kind: CrmKind;
  settings: CrmSettings;
  oneByOne: { ringback: OneByOneResult; baseline: OneByOneResult };
  low: RateResult;
  /** By worker count; the baseline ran alongside the first. */
  burst: Map<number, RateResult & { freshDeployment: boolean }>;
  /** Emulator request totals against what the bench classified (they must agree). */
  tallies: { ringback: { emulator: number; tap: number }; baseline: { emulator: number; tap: number } };
  startSeconds: number[];
}

export async function measureCrm(
  kind: CrmKind,
  options: BenchOptions,
  settings: CrmSettings,
): Promise<CrmMeasurements> {
  const rbSide = await startCrmSide(kind, settings.latencyMs);
  const nvSide = await startCrmSide(kind, settings.latencyMs);
  const baseline: BaselineTarget = {
    side: nvSide,
    write:
      kind === 'hubspot'
        ? naiveHubSpotWriter(nvSide.url, nvSide.credentials.token)
        : naiveSalesforceWriter(nvSide.url, nvSide.credentials.token),
  };
  const config = benchConfig({
    crm: rbSide.config.crm,
    preamble: rbSide.config.preamble,
    owners: (i) => rbSide.owners[i]!,
  });
  const startSeconds: number[] = [];
  const deploy = async (workers: number) => {
    const started = performance.now();
    options.log(`${kind}: starting Ringback (1 server, ${workers} worker process(es), PostgreSQL + Redis)`);
    const d = await startDeployment({
      engine: 'postgres+redis',
      processes: 1,
      workers,
      databaseUrl: options.databaseUrl,
      redisUrl: options.redisUrl,
      config,
    });
    startSeconds.push(Math.round((performance.now() - started) / 100) / 10);
    return d;
  };
  const targetOf = (d: Deployment) => {
    const jobs = jobStatusReader(options.databaseUrl, d.schema!);
    const target: RingbackTarget = {
      url: d.urls[0]!,
      side: rbSide,
      jobDone: (id) => jobs.jobDone(id),
      jobs: () => jobs.summary(),
    };
    return { target, jobs };
  };
  const timeoutMs = 30_000;

  let deployment = await deploy(settings.workers[0]!);
  let { target, jobs } = targetOf(deployment);
  try {
    // Warm-up, not counted: one call through both writers.
    await oneByOne(planCalls(1, 0), target, baseline, timeoutMs);
    options.log(`${kind}: ${settings.oneByOne} calls one at a time`);
    const single = await oneByOne(planCalls(settings.oneByOne, 2), target, baseline, timeoutMs);
    const phase = (rate: number, seconds: number, withBaseline: boolean) => {
      options.log(
        `${kind}: ${rate} missed calls/s for ${seconds} s (${deployment.workers.length} worker(s))${withBaseline ? ', naive baseline alongside' : ''}`,
      );
      return atRate(
        { rate, seconds, drainSeconds: settings.drainSeconds },
        planCalls(Math.round(rate * seconds), settings.knownEvery),
        target,
        withBaseline ? baseline : null,
      );
    };
    const low = await phase(settings.lowRate, settings.lowSeconds, true);
    reportCutOff(options, kind, low);
    const burst = new Map<number, RateResult & { freshDeployment: boolean }>();
    let clean = low.ringback.cutOff === 0;
    let fresh = false;
    for (const [i, workers] of settings.workers.entries()) {
      if (i > 0 || !clean) {
        if (clean && (await jobs.pending()) === 0) {
          await deployment.addWorkers(workers - deployment.workers.length);
          fresh = false;
        } else {
          await jobs.close();
          // The old deployment only finishes its shutdown meanwhile: nothing is being measured.
          const old = deployment;
          [, deployment] = await Promise.all([old.stop({ abandon: true }), deploy(workers)]);
          ({ target, jobs } = targetOf(deployment));
          await oneByOne(planCalls(1, 0), target, null, timeoutMs);
          fresh = true;
        }
      }
      const result = await phase(settings.burstRate, settings.burstSeconds, i === 0);
      reportCutOff(options, kind, result);
      burst.set(workers, { ...result, freshDeployment: fresh });
      clean = result.ringback.cutOff === 0;
    }
    for (const [who, side] of [
      ['Ringback', rbSide],
      ['baseline', nvSide],
    ] as const) {
      if (side.tapTotal() !== side.emulatorTotal())
        options.log(
          `${kind}: ${who}'s emulator counted ${side.emulatorTotal()} API calls, the bench classified ${side.tapTotal()}`,
        );
    }
    return {
      kind,
      settings,
      oneByOne: { ringback: single.ringback, baseline: single.baseline! },
      low,
      burst,
      tallies: {
        ringback: { emulator: rbSide.emulatorTotal(), tap: rbSide.tapTotal() },
        baseline: { emulator: nvSide.emulatorTotal(), tap: nvSide.tapTotal() },
      },
      startSeconds,
    };
  } finally {
    await jobs.close().catch(() => undefined);
    // Calls cut off at the last deadline are still queued: nothing measures them any more.
    await deployment.stop({ abandon: true });
    await closeSides([rbSide, nvSide]);
  }
}

/** Says when latencies are lower bounds: some tasks were not there by the deadline. */
function reportCutOff(options: BenchOptions, kind: CrmKind, r: RateResult): void {
  const sides = [
    ['Ringback', r.ringback],
    ['naive baseline', r.baseline],
  ] as const;
  for (const [who, s] of sides) {
    if (s && s.cutOff > 0)
      options.log(
        `${kind} @ ${r.rate}/s: ${who} had ${s.cutOff} of ${s.offered} tasks not visible ${r.drainSeconds} s after the last call; its latencies count them at the deadline (lower bounds)`,
      );
  }
}

async function closeSides(sides: CrmSide[]): Promise<void> {
  for (const s of sides) await s.close();
}
