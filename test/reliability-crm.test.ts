/**
 * CRM writes under faults (issue 10): a worker killed with -9 while its CRM writes are in flight
 * (HubSpot and Salesforce), a HubSpot outage (5xx and 429s) while calls keep arriving, and a HubSpot
 * access token expiring in the middle of a burst. Ringback runs as in production — a server process
 * and worker processes on PostgreSQL + Redis — against the emulators. Each scenario reports what was
 * sent, acknowledged, stored and written, and fails on any loss or duplicate.
 *
 * The scenarios wait mostly on Ringback's own clocks (leases, backoff, the search-lag window, a
 * repeat dial's wait for its parent), so they run side by side. `npm run soak` also runs the
 * Salesforce kill, and the outage for minutes instead of seconds (test/soak/crm-outage.ts).
 */
import { afterAll, describe, it } from 'vitest';
import { waitFor } from './helpers/engines.ts';
import { getCredential } from '../server/src/accounts/account-store.ts';
import { hubspotFigures, installByOAuth, startHubSpotWorld } from './helpers/hubspot-world.ts';
import { salesforceFigures, startSalesforceWorld } from './helpers/salesforce-world.ts';
import { drain, report, writtenSoFar, type CrmWorld } from './helpers/crm-traffic.ts';
import { reportOutage, runHubSpotOutage } from './helpers/hubspot-outage.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function started<W extends { close(): Promise<void> }>(world: Promise<W>): Promise<W> {
  const w = await world;
  cleanups.push(() => w.close());
  return w;
}

/** A wait whose time-out also says which Ringback process died and what it printed last. */
function waitIn<T>(
  world: CrmWorld,
  check: () => Promise<T> | T,
  timeoutMs: number,
  what: string,
): Promise<NonNullable<T>> {
  return waitFor(check, timeoutMs, what).catch((err: Error) => {
    throw new Error(`${err.message}; processes: ${world.rb.describe()}`);
  });
}

/** `npm run soak` sets RINGBACK_SOAK=1 for its rounds; `npm test` skips what it alone runs. */
const soakOnly = process.env.RINGBACK_SOAK === '1' ? it.concurrent : it.concurrent.skip;

const phone = (n: number) => `+1602555${String(n).padStart(4, '0')}`;

/**
 * 30 new callers, 8 known ones and 2 spam calls. No repeat dials: a repeat waits for its parent in
 * 30-second steps, which would make the drain that long; the outage scenario has them.
 */
function killPlan() {
  const base = Date.now() - 20 * 60_000;
  const at = (n: number) => Date.now() - (base + n * 1_000);
  const knownCallers = Array.from({ length: 8 }, (_, i) => phone(3100 + i));
  const newCallers = Array.from({ length: 30 }, (_, i) => phone(3000 + i));
  const first = [
    ...newCallers.map((caller, n) => ({ id: `CALkill${n}`, caller, startedAgoMs: at(n) })),
    ...knownCallers.map((caller, n) => ({ id: `CALkillknown${n}`, caller, startedAgoMs: at(30 + n) })),
    { id: 'CALkillspam0', caller: phone(3200), spam: true, startedAgoMs: at(40) },
    { id: 'CALkillspam1', caller: phone(3201), spam: true, startedAgoMs: at(41) },
  ];
  return {
    knownCallers,
    newCallers,
    calls: first.length,
    async send(world: CrmWorld) {
      for (let i = 0; i < first.length; i += 6)
        await Promise.all(first.slice(i, i + 6).map((m) => world.traffic.send(m)));
    },
    /** Providers redeliver while no worker runs: the server still acknowledges, and dedupes. */
    replay: (world: CrmWorld) =>
      Promise.all(
        ['CALkill1', 'CALkill7', 'CALkillknown2', 'CALkillspam0', 'CALkill25', 'CALkill20'].map((id) =>
          world.traffic.replay(id),
        ),
      ),
  };
}

describe('CRM reliability, with Ringback as separate server and worker processes', () => {
  it.concurrent(
    'HubSpot: kill -9 of a worker mid-writes leaves every acknowledged call one case and one set of records',
    async ({ expect }) => {
      const plan = killPlan();
      // A short lease, so the killed worker's jobs are taken over within the test's time.
      const w = await started(
        startHubSpotWorld({ knownCallers: plan.knownCallers, env: { RINGBACK_JOB_LEASE_SECONDS: '15' } }),
      );
      await plan.send(w);
      // Kill the worker once some cases are written and a create request is on its way to HubSpot.
      const before = await waitIn(
        w,
        async () => {
          const done = await writtenSoFar(w);
          return done >= 6 && w.createsInFlight() > 0 ? done : null;
        },
        40_000,
        'a create in flight after the first writes',
      );
      const inFlight = w.createsInFlight();
      await w.rb.kill(w.rb.workers[0]!);
      await plan.replay(w);
      const restartedAt = Date.now();
      await w.rb.startWorker();
      const cases = await drain(w, 90_000);
      const f = hubspotFigures(w, cases);
      report('HubSpot worker kill -9', f, {
        'written before the kill': before,
        'creates in flight at the kill': inFlight,
        'drained in s': Math.round((Date.now() - restartedAt) / 1000),
      });
      expect(inFlight).toBeGreaterThan(0);
      expect(before).toBeLessThan(plan.calls - 2);
      expect(f.problems).toEqual([]);
      expect(f.acknowledged).toBe(f.sent);
      expect(f.calls).toBe(plan.calls);
      expect(f.stored).toBe(f.calls);
      expect(f.written).toBe(cases.filter((c) => !c.spam).length);
      expect(f.ledger.contactsCreated).toBe(plan.newCallers.length);
    },
    150_000,
  );

  it.concurrent(
    'a HubSpot outage (5xx and 429s) while calls keep arriving: the backlog drains exactly once, within the rate limit',
    async ({ expect }) => {
      const outageSeconds = 20;
      const r = await runHubSpotOutage({
        outageMs: outageSeconds * 1000,
        started: (w) => cleanups.push(() => w.close()),
      });
      reportOutage(`HubSpot outage ${outageSeconds} s`, r);
      expect(r.injected5xx).toBeGreaterThan(0);
      expect(r.injected429).toBeGreaterThan(0);
      // Never over HubSpot's 10-second limit; its per-second search limit within the contract's 5%
      // (checked with the problems; see hubspot-outage.ts).
      expect(r.refusedByLimiter.filter((policy) => policy !== 'SECONDLY')).toEqual([]);
      expect(r.orderProblems).toEqual([]);
      expect(r.problems).toEqual([]);
      expect(r.figures.acknowledged).toBe(r.figures.sent);
      expect(r.figures.stored).toBe(r.figures.calls);
    },
    150_000,
  );

  it.concurrent(
    'an access token expiring mid-burst is refreshed once for two workers, and no write is lost or doubled',
    async ({ expect }) => {
      // Installed before the workers start, so that no process holds the account from before the install.
      const w = await started(startHubSpotWorld({ app: true, workers: 0 }));
      await installByOAuth(w);
      await Promise.all([w.rb.startWorker(), w.rb.startWorker()]);
      const db = w.rb.database.db;
      const stored = async () =>
        (await getCredential<{ hubspot: { accessToken: string } }>(db, w.rb.box, 'acme', 'crm'))!.hubspot.accessToken;
      const tokenRequests = () => w.emulator.requestLog.count({ path: /^\/oauth\/v[13]\/token$/ });
      const installed = await stored();
      const grantsBefore = tokenRequests();
      const calls = Array.from({ length: 20 }, (_, n) => ({ id: `CALtoken${n}`, caller: phone(5000 + n) }));
      await Promise.all(calls.slice(0, 10).map((m) => w.traffic.send(m)));
      const before = await waitIn(
        w,
        async () => {
          const done = await writtenSoFar(w);
          return done >= 3 ? done : null;
        },
        30_000,
        'the first writes with the installed token',
      );
      w.emulator.faults.expireToken(installed);
      await Promise.all(calls.slice(10).map((m) => w.traffic.send(m)));
      const cases = await drain(w, 60_000);
      const f = hubspotFigures(w, cases);
      const rejected = w.emulator.requestLog.count({ status: 401 });
      report('HubSpot token expiry mid-burst', f, {
        'written before the expiry': before,
        'requests refused 401': rejected,
        'token refreshes': tokenRequests() - grantsBefore,
      });
      expect(before).toBeLessThan(calls.length);
      expect(rejected).toBeGreaterThan(0);
      expect(tokenRequests() - grantsBefore).toBe(1);
      expect(await stored()).not.toBe(installed);
      expect(f.problems).toEqual([]);
      expect(f.stored).toBe(calls.length);
      expect(f.written).toBe(calls.length);
    },
    120_000,
  );

  // Soak only: the killed worker held the new caller's Salesforce person lock, which lives out its
  // 60-second TTL before the case can be written again — the run takes ~85 s, the longest here.
  soakOnly(
    'Salesforce: kill -9 of a worker the moment the org saved its Task leaves one case, one person and two Tasks per call',
    async ({ expect }) => {
      const plan = killPlan();
      const w = await started(
        startSalesforceWorld({ knownCallers: plan.knownCallers, env: { RINGBACK_JOB_LEASE_SECONDS: '15' } }),
      );
      const worker = w.rb.workers[0]!;
      // Killed inside the org's save: Salesforce did the work, the worker never hears back.
      const kill = { armed: false, after: null as string | null };
      w.onRecordSaved((record) => {
        if (!kill.armed || kill.after !== null || record.type !== 'Task') return;
        kill.after = String(record.fields['Ringback_Key__c']);
        worker.child.kill('SIGKILL');
      });
      await plan.send(w);
      const before = await waitIn(
        w,
        async () => {
          const done = await writtenSoFar(w);
          return done >= 6 ? done : null;
        },
        40_000,
        'the first writes',
      );
      kill.armed = true;
      await waitIn(w, () => kill.after, 30_000, 'a Task saved while the worker is armed to die');
      await worker.exited();
      await plan.replay(w);
      const restartedAt = Date.now();
      await w.rb.startWorker();
      const cases = await drain(w, 90_000);
      const f = salesforceFigures(w, cases);
      report('Salesforce worker kill -9', f, {
        'written before the kill': before,
        'killed while saving': kill.after ?? '-',
        'drained in s': Math.round((Date.now() - restartedAt) / 1000),
      });
      expect(before).toBeLessThan(plan.calls - 2);
      expect(f.problems).toEqual([]);
      expect(f.acknowledged).toBe(f.sent);
      expect(f.calls).toBe(plan.calls);
      expect(f.stored).toBe(f.calls);
      expect(f.written).toBe(cases.filter((c) => !c.spam).length);
    },
    150_000,
  );
});
