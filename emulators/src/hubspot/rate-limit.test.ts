import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { apiError, manualClock, startTestEmulator, type TestHarness } from './testing.ts';

const clock = manualClock();
let h: TestHarness;
beforeAll(async () => {
  h = await startTestEmulator({ clock, rateLimit: { perTenSeconds: 5, searchPerSecond: 2, daily: 1000 } });
});
afterAll(() => h.close());

const get = (token = h.token, path = '/crm/v3/objects/contacts') =>
  fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('rate limits', () => {
  it('reports X-HubSpot-RateLimit-* headers on every response', async () => {
    clock.advance(60_000);
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('5');
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
    expect(res.headers.get('x-hubspot-ratelimit-secondly')).toBe('1');
    expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('1000');
    expect(Number(res.headers.get('x-hubspot-ratelimit-daily-remaining'))).toBeLessThan(1000);
  });

  it('refuses the request after the 10-second limit with HubSpot 429 body and lets it through once the window rolls', async () => {
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) expect((await get()).status).toBe(200);
    const err = await apiError(h.client.crm.contacts.basicApi.getPage());
    expect(err.code).toBe(429);
    expect(err.body).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.any(String),
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: expect.stringContaining(String(h.portalId)),
    });
    expect(err.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    clock.advance(9_999);
    expect((await get()).status).toBe(429);
    clock.advance(2);
    expect((await get()).status).toBe(200);
  });

  it('limits search per second with the SECONDLY policy', async () => {
    clock.advance(60_000);
    const search = () => h.client.crm.contacts.searchApi.doSearch({ limit: 1 } as PublicObjectSearchRequest);
    await search();
    await search();
    const err = await apiError(search());
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
    });
    clock.advance(1_000);
    await expect(search()).resolves.toMatchObject({ total: expect.any(Number) });
  });

  it('keeps portals apart and leaves the daily headers off OAuth calls', async () => {
    clock.advance(60_000);
    const other = h.emulator.state.addPortal(999);
    for (let i = 0; i < 5; i++) await get();
    expect((await get()).status).toBe(429);
    expect((await get(other)).status).toBe(200);
    const app = h.emulator.defaultApp;
    const oauth = h.emulator.state.issueAccessToken(999, app, app.scopes, 1800);
    const res = await get(oauth.token);
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('5');
    expect(res.headers.has('x-hubspot-ratelimit-daily')).toBe(false);
  });

  it('enforces the daily allocation with the DAILY policy', async () => {
    const tight = await startTestEmulator({ clock, rateLimit: { daily: 2, perTenSeconds: 100 } });
    try {
      const call = () =>
        fetch(`${tight.url}/crm/v3/objects/contacts`, { headers: { authorization: `Bearer ${tight.token}` } });
      await call();
      await call();
      const refused = await call();
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ policyName: 'DAILY' });
      clock.advance(86_400_000);
      expect((await call()).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});
