import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiError, manualClock, startTestEmulator, type TestHarness } from './testing.ts';

const clock = manualClock();
let h: TestHarness;
beforeAll(async () => {
  h = await startTestEmulator({ clock });
});
afterEach(() => {
  h.emulator.faults.clear();
  h.emulator.requestLog.clear();
});
afterAll(() => h.close());

const list = () => h.client.crm.contacts.basicApi.getPage(1);

describe('fault injection', () => {
  it('answers the next N requests with a 5xx, then recovers', async () => {
    h.emulator.faults.serverErrors(2, 503);
    expect((await apiError(list())).code).toBe(503);
    const second = await apiError(list());
    expect(second.code).toBe(503);
    expect(second.body).toMatchObject({ status: 'error' });
    await expect(list()).resolves.toBeDefined();
    expect(h.emulator.requestLog.count({ status: 503 })).toBe(2);
  });

  it('scopes server errors to one portal', async () => {
    const other = h.emulator.state.addPortal(4242);
    h.emulator.faults.serverErrors(1, 500, { portalId: 4242 });
    await expect(list()).resolves.toBeDefined();
    expect((await apiError(h.clientFor(other).crm.contacts.basicApi.getPage(1))).code).toBe(500);
  });

  it('storms 429s by count, with HubSpot body and exhausted headers', async () => {
    h.emulator.faults.rateLimitStorm(3);
    for (let i = 0; i < 3; i++) {
      const err = await apiError(list());
      expect(err.code).toBe(429);
      expect(err.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
      expect(err.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    }
    await expect(list()).resolves.toBeDefined();
  });

  it('storms 429s for a duration', async () => {
    h.emulator.faults.rateLimitStorm({ durationMs: 30_000, policyName: 'DAILY' });
    expect((await apiError(list())).body.policyName).toBe('DAILY');
    clock.advance(29_999);
    expect((await apiError(list())).code).toBe(429);
    clock.advance(1);
    await expect(list()).resolves.toBeDefined();
  });

  it('adds latency to every response', async () => {
    h.emulator.faults.latency(120);
    const started = performance.now();
    await list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    h.emulator.faults.latency(0);
    const fast = performance.now();
    await list();
    expect(performance.now() - fast).toBeLessThan(100);
  });

  it('expires a token on demand with 401 EXPIRED_AUTHENTICATION', async () => {
    const token = h.emulator.state.addPortal(h.portalId);
    const client = h.clientFor(token);
    await expect(client.crm.contacts.basicApi.getPage(1)).resolves.toBeDefined();
    expect(h.emulator.faults.expireToken(token)).toBe(true);
    const err = await apiError(client.crm.contacts.basicApi.getPage(1));
    expect(err.code).toBe(401);
    expect(err.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    await expect(list()).resolves.toBeDefined();
  });

  it('logs method, path, status and portal of each API call', async () => {
    await list();
    await apiError(h.clientFor('nope').crm.contacts.basicApi.getPage(1));
    expect(h.emulator.requestLog.entries()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/crm/v3/objects/contacts', status: 200, portalId: h.portalId }),
      expect.objectContaining({ method: 'GET', path: '/crm/v3/objects/contacts', status: 401, portalId: null }),
    ]);
    expect(h.emulator.requestLog.count({ portalId: h.portalId, path: '/crm/v3/objects' })).toBe(1);
  });
});
