/**
 * The CRM rows' machinery (bench/rows/crm-writes.ts): the naive baselines make exactly one request
 * per step against the real emulators, the emulator sides time each follow-up task and count
 * requests by class, and a deployment with a worker process writes real cases through them.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { startCrmSide, type CrmKind } from '../bench/lib/crm-emulators.ts';
import { knownOf, naiveCallOf, planCalls, until } from '../bench/lib/crm-load.ts';
import { atRate, jobStatusReader, oneByOne } from '../bench/lib/crm-phases.ts';
import { benchConfig, schemaExists, startDeployment } from '../bench/lib/deployment.ts';
import { pendingCleanups } from '../bench/lib/cleanup.ts';
import { naiveHubSpotWriter } from '../bench/lib/naive-hubspot-writer.ts';
import { naiveSalesforceWriter } from '../bench/lib/naive-salesforce-writer.ts';
import { PG_URL, REDIS_URL } from './helpers/engines.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bench CRM baselines', () => {
  const steps: Record<CrmKind, { known: number; new: number }> = {
    hubspot: { known: 5, new: 6 },
    salesforce: { known: 3, new: 4 },
  };
  for (const kind of ['hubspot', 'salesforce'] as const) {
    it(`${kind}: one request per step, the known caller found by phone, each task timed under its key`, async () => {
      const side = await startCrmSide(kind, 0);
      try {
        const write =
          kind === 'hubspot'
            ? naiveHubSpotWriter(side.url, side.credentials.token)
            : naiveSalesforceWriter(side.url, side.credentials.token);
        const plan = planCalls(2, 2);
        side.seedKnown(knownOf(plan));
        const turn = new Map<number, number>();
        for (const call of plan) {
          const naive = naiveCallOf(call, side.owners, turn);
          const from = Date.now();
          await write(naive);
          expect(side.calls(from).write, `${call.known ? 'known' : 'new'} caller`).toBe(
            steps[kind][call.known ? 'known' : 'new'],
          );
          expect(side.visibleAt(naive.key)).not.toBeNull();
        }
        expect(side.tapTotal()).toBe(side.emulatorTotal());
      } finally {
        await side.close();
      }
    });
  }
});

describe('bench CRM deployment', () => {
  it('writes cases through a worker process into the emulator, counted per call and timed, and kills workers on abandon', async () => {
    const side = await startCrmSide('hubspot', 0);
    const deployment = await startDeployment({
      engine: 'postgres+redis',
      processes: 1,
      workers: 1,
      databaseUrl: PG_URL,
      redisUrl: REDIS_URL,
      config: benchConfig({ crm: side.config.crm, owners: (i) => side.owners[i]! }),
    });
    const jobs = jobStatusReader(PG_URL, deployment.schema!);
    const workerPid = deployment.workers[0]!.pid;
    try {
      const target = {
        url: deployment.urls[0]!,
        side,
        jobDone: (id: string) => jobs.jobDone(id),
        jobs: () => jobs.summary(),
      };
      // The first write also creates Ringback's HubSpot properties: setup, not counted as writes.
      const single = await oneByOne(planCalls(2, 2), target, null, 30_000);
      expect(single.ringback).toMatchObject({ new: [4], known: [3] });
      expect(single.ringback.calls.setup).toBeGreaterThan(0);

      const run = await atRate({ rate: 5, seconds: 1, drainSeconds: 20 }, planCalls(5, 5), target, null);
      expect(run.ringback).toMatchObject({ offered: 5, completed: 5, cutOff: 0, ackFailures: 0 });
      expect(run.ringback.latency.p50).toBeGreaterThan(0);
      // A task can appear while its job still records the ids: every job finishes, none fails.
      expect(await until(async () => (await jobs.pending()) === 0, performance.now() + 20_000)).toBe(true);
      expect((await jobs.summary()).byKind['crm.write']).toEqual({ done: 7 });
      // At least a search, an upsert, a call and a task create; at most one request per step for each call.
      expect(run.ringback.calls.write).toBeGreaterThanOrEqual(4);
      expect(run.ringback.calls.write).toBeLessThanOrEqual(4 * 4 + 3);
    } finally {
      await jobs.close();
      await deployment.stop({ abandon: true });
      await side.close();
    }
    expect(alive(workerPid)).toBe(false);
    expect(await schemaExists(PG_URL, deployment.schema!)).toBe(false);
    expect(pendingCleanups()).toEqual([]);
  });
});
