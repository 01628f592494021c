import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { raw, rejectsWith, startHarness } from './test-helpers.ts';

let now = Date.UTC(2026, 10, 22, 15, 0, 0);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: () => now, dailyApiLimit: 1000 });
});
afterEach(() => h.emu.faults.clear());
afterAll(async () => {
  await h.server.close();
});

describe('API usage and the daily allocation', () => {
  it('reports usage in /limits and in Sforce-Limit-Info on every answer', async () => {
    const conn = h.connect();
    const before = (await conn.limits()).DailyApiRequests as { Max: number; Remaining: number };
    expect(before.Max).toBe(1000);
    const res = await raw(h, 'GET', '/services/data/v62.0/sobjects/Contact/describe');
    const used = 1000 - before.Remaining + 1;
    expect(res.headers.get('sforce-limit-info')).toBe(`api-usage=${used}/1000`);
    const failed = await raw(h, 'GET', '/services/data/v62.0/sobjects/Contact/003000000000XyZ');
    expect(failed.status).toBe(404);
    expect(failed.headers.get('sforce-limit-info')).toBe(`api-usage=${used + 1}/1000`);
    await conn.query('SELECT Id FROM Contact');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: used + 2, limit: 1000 } });
    expect((await conn.limits()).DailyApiRequests?.Remaining).toBe(1000 - (used + 3));
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent', async () => {
    const creds = h.emu.state.addOrg({ dailyApiLimit: 3 });
    const conn = h.connect(creds.accessToken);
    for (let i = 0; i < 3; i++) await conn.sobject('Account').create({ Name: `A${i}` });
    const err = await rejectsWith(conn.sobject('Account').create({ Name: 'one too many' }), 'REQUEST_LIMIT_EXCEEDED');
    expect(err.message).toBe('TotalRequests Limit exceeded.');
    expect(h.emu.state.records('Account', { orgId: creds.orgId })).toHaveLength(3);
    expect(h.emu.requestLog.apiCalls(creds.orgId)).toBe(3);

    h.emu.faults.spendDailyLimit();
    await rejectsWith(h.connect().query('SELECT Id FROM Account'), 'REQUEST_LIMIT_EXCEEDED');
    h.emu.state.org().apiUsage = 0;
  });
});

describe('fault injection', () => {
  it('fails the next requests with 5xx bodies; jsforce retries a GET but not a POST', async () => {
    const conn = h.connect();
    h.emu.faults.serverErrors(1, 500);
    await rejectsWith(conn.sobject('Account').create({ Name: 'during outage' }), 'UNKNOWN_EXCEPTION');
    expect((await conn.sobject('Account').create({ Name: 'after outage' })).success).toBe(true);

    h.emu.faults.serverErrors(1, 503);
    h.emu.requestLog.clear();
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(1);
    expect(h.emu.requestLog.entries.map((e) => e.status)).toEqual([503, 200]);
  });

  it('runs 429 and 503 storms by count or by duration', async () => {
    h.emu.faults.rateLimitStorm({ count: 2, status: 429 });
    const first = await raw(h, 'GET', '/services/data/v62.0/limits');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await raw(h, 'GET', '/services/data/v62.0/limits')).status).toBe(429);
    expect((await raw(h, 'GET', '/services/data/v62.0/limits')).status).toBe(200);

    h.emu.faults.rateLimitStorm({ durationMs: 30_000 });
    expect((await raw(h, 'GET', '/services/data/v62.0/limits')).status).toBe(503);
    now += 30_000;
    expect((await raw(h, 'GET', '/services/data/v62.0/limits')).status).toBe(200);
  });

  it('adds latency', async () => {
    h.emu.faults.latency(150);
    const started = performance.now();
    await raw(h, 'GET', '/services/data/v62.0/limits');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('expires sessions: 401 INVALID_SESSION_ID without a refresh token', async () => {
    const token = h.emu.state.issueAccessToken();
    h.emu.faults.expireAccessTokens();
    const res = await raw(h, 'GET', '/services/data/v62.0/limits', { token });
    expect(res.status).toBe(401);
    expect(res.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    await rejectsWith(h.connect(token).query('SELECT Id FROM User'), 'INVALID_SESSION_ID');
    // Fresh tokens for the other tests.
    h.creds.accessToken = h.emu.state.issueAccessToken();
  });
});

describe('/_emulator endpoints', () => {
  it('expose the state as JSON and switch faults over HTTP, outside the API count', async () => {
    const calls = h.emu.requestLog.apiCalls();
    const state = (await (await fetch(`${h.server.url}/_emulator/state`)).json()) as { orgs: { orgId: string }[] };
    expect(state.orgs.map((o) => o.orgId)).toContain(h.creds.orgId);
    const post = (path: string, body: unknown) =>
      fetch(`${h.server.url}/_emulator${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const inserted = (await (
      await post(`/orgs/${h.creds.orgId}/records/Lead`, { LastName: 'Seeded', Company: 'S' })
    ).json()) as { id: string };
    expect(inserted.id).toMatch(/^00Q/);
    const rejected = await post(`/orgs/${h.creds.orgId}/records/Lead`, { LastName: 'No company' });
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { error: { code: string } }).error.code).toBe('seed_rejected');
    await post('/faults/server-errors', { count: 1, status: 500 });
    expect((await raw(h, 'GET', '/services/data/v62.0/limits')).status).toBe(500);
    expect(h.emu.requestLog.apiCalls()).toBe(calls);
  });
});
