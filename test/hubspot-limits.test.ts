/**
 * HubSpot's rate limits (contract §6 "Limits"): requests paced from HubSpot's own headers on the
 * portal's shared budget so that at most 5% are refused, and writes that resume by themselves after
 * a storm of 429s. On PostgreSQL + Redis, where the budget lives in Redis for every process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './helpers/engines.ts';
import { PORTAL, objects, postMiss, startHarness, written, type Harness } from './hubspot-harness.ts';

const keyed = (h: Harness, type: string, caseId: string) => objects(h.hs, type).filter((o) => o.properties.ringback_key?.startsWith(`rb:${caseId}:`));

describe('HubSpot writer under a rate limit of 50 requests per 10 s', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('postgres+redis', { emulator: { rateLimit: { perTenSeconds: 50 } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('paces requests from the rate-limit headers so that at most 5% are refused', async () => {
    const callers = Array.from({ length: 10 }, (_, i) => `+1602555024${i}`);
    const posted = await Promise.all(callers.map((caller) => postMiss(h.server, { caller })));
    const cases = await Promise.all(posted.map((p) => written(h.server, p.body.missedCallId, 40_000)));
    const all = h.hs.emulator.requestLog.entries({ portalId: PORTAL });
    const refused = all.filter((r) => r.status === 429).length;
    console.info(`[hubspot] 50 requests/10 s limit: ${refused}/${all.length} refused for ${cases.length} cases`);
    expect(refused / all.length).toBeLessThanOrEqual(0.05);
    await waitFor(() => cases.every((c) => c.crm.callId && c.crm.taskId));
  });

  it('rides out a storm of 429s by itself, then refuses nothing in steady state', async () => {
    const log = h.hs.emulator.requestLog;
    h.hs.emulator.faults.rateLimitStorm({ durationMs: 2_000, portalId: PORTAL });
    const during = await Promise.all(['+16025550211', '+16025550212', '+16025550213'].map((caller) => postMiss(h.server, { caller })));
    const stormCases = await Promise.all(during.map((p) => written(h.server, p.body.missedCallId, 30_000)));
    for (const c of stormCases) {
      expect(keyed(h, 'calls', c.id)).toHaveLength(1);
      expect(keyed(h, 'tasks', c.id)).toHaveLength(1);
    }
    const mark = log.entries({ portalId: PORTAL }).length;
    const after = await Promise.all(['+16025550214', '+16025550215', '+16025550216', '+16025550217'].map((caller) => postMiss(h.server, { caller })));
    await Promise.all(after.map((p) => written(h.server, p.body.missedCallId)));
    const steady = log.entries({ portalId: PORTAL }).slice(mark);
    const refused = steady.filter((r) => r.status === 429).length;
    console.info(`[hubspot] after a 2-second 429 storm: ${refused}/${steady.length} requests refused in steady state`);
    expect(refused / steady.length).toBeLessThanOrEqual(0.05);
  });

});
