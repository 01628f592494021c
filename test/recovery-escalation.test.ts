/**
 * Escalation tiers on both engine pairs, with the clock in the test's hands: a case nobody called back
 * by `slaDueAt` goes to the location manager (tier 2, CRM task escalated), and `escalation.corporateAfter`
 * later to the corporate owner (tier 3); a case attempted in time never escalates; a pending escalation
 * survives a restart of the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { waitFor } from './helpers/engines.ts';
import { ENGINE_NAMES } from './helpers/server.ts';
import { postGeneric } from './helpers/webhooks.ts';
import { jobs } from '../server/src/store/schema.ts';
import type { CrmPort, EscalationRequest } from '../server/src/crm/port.ts';
import { startClockedRingback, TestClock, type ClockedRingback } from './recovery-helpers.ts';

const CONFIG = `
accounts:
  - id: esc
    name: Escalating Co
    timezone: America/New_York
    corporateOwnerId: corp-1
    crm: { hubspot: { accessToken: "pat-test", baseUrl: "http://127.0.0.1:9" } }
    callTracking: { generic: { secret: "esc-secret" } }
    policy: { escalation: { corporateAfter: 1h } }
    locations:
      - { id: downtown, name: Downtown, timezone: America/New_York, vertical: hvac, trackingNumbers: ["+16175550100"], owners: ["own-1"], managerOwnerId: mgr-1 }
  - id: plain
    name: Plain Co
    timezone: America/Chicago
    corporateOwnerId: corp-2
    callTracking: { generic: { secret: "plain-secret" } }
    locations:
      - { id: uptown, name: Uptown, timezone: America/Chicago, trackingNumbers: ["+13125550100"], managerOwnerId: mgr-2 }
`;

const T0 = Date.parse('2026-11-10T15:00:00Z');
const MIN = 60_000;
let seq = 0;
const miss = (from: string, to: string, at: number) =>
  JSON.stringify({
    version: 1,
    callId: `esc-${++seq}`,
    direction: 'inbound',
    from,
    to,
    startedAt: new Date(at).toISOString(),
    durationSeconds: 25,
    ringSeconds: 25,
    result: 'no_answer',
    source: 'Google Ads',
  });
const callback = (to: string, from: string, at: number) =>
  JSON.stringify({
    version: 1,
    callId: `esc-${++seq}`,
    direction: 'outbound',
    from,
    to,
    startedAt: new Date(at).toISOString(),
    durationSeconds: 60,
    talkSeconds: 50,
    result: 'answered',
  });

/** A CRM that writes cases and records escalations: the escalation job is what is under test. */
function fakeCrm(escalations: Array<{ caseId: string; request: EscalationRequest }>): CrmPort {
  return {
    kind: 'hubspot',
    writeCase: async (c) => ({
      contactId: `p-${c.id}`,
      contactCreated: true,
      callId: `call-${c.id}`,
      taskId: `task-${c.id}`,
      ownerId: 'own-1',
      ownerReason: 'round_robin',
    }),
    logRepeatCall: async (c) => ({ callId: `call-${c.id}` }),
    closeTaskAsSpam: async () => undefined,
    escalate: async (c, request) => {
      escalations.push({ caseId: c.id, request });
    },
    pollOutcomes: async (cursor) => ({ outcomes: [], cursor: cursor ?? 'start' }),
  };
}

describe.each(ENGINE_NAMES)('escalation on %s', (engine) => {
  let rb: ClockedRingback;
  const clock = new TestClock(T0);
  const escalations: Array<{ caseId: string; request: EscalationRequest }> = [];
  const get = async (account: string, id: string) => (await rb.api(`/api/accounts/${account}/missed-calls/${id}`)).body;
  const actions = async (account: string, id: string) =>
    (await rb.api(`/api/accounts/${account}/missed-calls/${id}/timeline`)).body.items.map(
      (i: { action: string }) => i.action,
    ) as string[];
  const jobRow = async (key: string) =>
    (await rb.running.ctx.database.db.select().from(jobs).where(eq(jobs.key, key)))[0];

  beforeAll(async () => {
    rb = await startClockedRingback(engine, CONFIG, clock);
    rb.running.ctx.crm.register('hubspot', () => fakeCrm(escalations));
  });
  afterAll(async () => {
    await rb?.close();
  });

  it('escalates an unattempted case at slaDueAt to the manager, then to corporate; never one attempted in time', async () => {
    const x = (await postGeneric(rb.url, 'esc', 'esc-secret', miss('+16175550201', '+16175550100', T0 - MIN))).body
      .missedCallId as string;
    const y = (await postGeneric(rb.url, 'esc', 'esc-secret', miss('+16175550202', '+16175550100', T0 - MIN))).body
      .missedCallId as string;
    const due = Date.parse((await get('esc', x)).slaDueAt);
    expect(due).toBe(T0 + 29 * MIN); // new lead, always open: 30 minutes after the miss
    // Written to the outbox with the case, due exactly at slaDueAt: not a moment before.
    const pending = await jobRow(`case.escalate:${x}:2`);
    expect(pending).toMatchObject({ kind: 'case.escalate', status: 'pending' });
    expect(pending!.runAt.getTime()).toBe(due);
    await waitFor(async () => (await get('esc', x)).crm.taskId, 10_000, 'CRM task written');

    clock.set(new Date(T0 + 5 * MIN));
    await postGeneric(rb.url, 'esc', 'esc-secret', callback('+16175550202', '+16175550100', T0 + 4 * MIN));
    expect((await get('esc', y)).firstAttemptAt).toBe(new Date(T0 + 4 * MIN).toISOString());
    expect((await get('esc', x)).escalationTier).toBe(1);

    clock.set(new Date(due + 1000));
    const escalated = await waitFor(
      async () => {
        const c = await get('esc', x);
        return c.escalationTier === 2 ? c : null;
      },
      10_000,
      'tier 2',
    );
    expect(escalated).toMatchObject({ urgency: 'high', owner: { id: 'mgr-1', reason: 'escalation' } });
    expect(await actions('esc', x)).toContain('case.escalated');
    await waitFor(
      () => escalations.some((e) => e.caseId === x && e.request.tier === 2),
      10_000,
      'CRM escalation, tier 2',
    );
    expect(escalations.find((e) => e.caseId === x)!.request).toMatchObject({
      tier: 2,
      ownerId: 'mgr-1',
      priority: 'HIGH',
    });
    await waitFor(async () => (await get('esc', x)).crm.ownerId === 'mgr-1', 10_000, 'CRM owner recorded');
    // The attempted case's job ran and left it alone.
    await waitFor(
      async () => (await jobRow(`case.escalate:${y}:2`))?.status === 'done',
      10_000,
      'tier-2 job of the attempted case',
    );
    expect((await get('esc', y)).escalationTier).toBe(1);
    expect(await actions('esc', y)).not.toContain('case.escalated');
    expect(await jobRow(`case.escalate:${y}:3`)).toBeUndefined();

    // Tier 3 at slaDueAt + corporateAfter (1h in this account's policy).
    const tier3 = await jobRow(`case.escalate:${x}:3`);
    expect(tier3!.runAt.getTime()).toBe(due + 60 * MIN);
    clock.set(new Date(due + 60 * MIN + 1000));
    await waitFor(async () => (await get('esc', x)).escalationTier === 3, 10_000, 'tier 3');
    expect((await get('esc', x)).owner).toEqual({ id: 'corp-1', reason: 'escalation' });
    await waitFor(
      () => escalations.some((e) => e.caseId === x && e.request.tier === 3 && e.request.ownerId === 'corp-1'),
      10_000,
      'CRM escalation, tier 3',
    );
    // Idempotent: running the tier-2 job again changes nothing and escalates nothing twice.
    const before = escalations.length;
    await rb.running.ctx.database.db
      .update(jobs)
      .set({ status: 'pending', runAt: clock.now(), deliveredAt: null })
      .where(eq(jobs.key, `case.escalate:${x}:2`));
    await waitFor(async () => (await jobRow(`case.escalate:${x}:2`))?.status === 'done', 10_000, 'tier-2 job re-run');
    expect((await get('esc', x)).escalationTier).toBe(3);
    expect((await actions('esc', x)).filter((a) => a === 'case.escalated')).toHaveLength(2);
    expect(escalations.length).toBe(before);
  });

  it('fires a pending escalation after the process restarts', async () => {
    const at = clock.now().getTime();
    const z = (await postGeneric(rb.url, 'plain', 'plain-secret', miss('+13125550301', '+13125550100', at - MIN))).body
      .missedCallId as string;
    const due = Date.parse((await get('plain', z)).slaDueAt);
    await rb.stop();
    clock.set(new Date(due + 1000));
    await rb.restart();
    await waitFor(async () => (await get('plain', z)).escalationTier === 2, 15_000, 'tier 2 after restart');
    expect((await get('plain', z)).owner).toEqual({ id: 'mgr-2', reason: 'escalation' });
    const crmJobs = await rb.running.ctx.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'crm.escalate'), eq(jobs.accountId, 'plain')));
    expect(crmJobs).toEqual([]); // no CRM connected: nothing to write
  });
});
