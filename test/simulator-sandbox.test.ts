/**
 * The sandbox's live traffic inside `npm start`: with a fixed port, the server posts signed CallRail
 * webhooks to itself through its own HTTP endpoint, and plays the misses out (callbacks as outbound
 * webhooks) so the dashboard moves. On port 0 (every other test) it stays quiet.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { waitFor } from './helpers/engines.ts';
import { freePort } from './helpers/ports.ts';
import { sandboxTrafficTask } from '../server/src/sandbox/traffic-job.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
}, 60_000);

describe('sandbox traffic', () => {
  it('keeps calls coming in and calls them back, through the real webhook endpoint', async () => {
    const port = await freePort();
    const server = await startTestServer('postgres+redis', null, {
      PORT: String(port),
      RINGBACK_SANDBOX: 'on',
      RINGBACK_SANDBOX_HISTORY_DAYS: '0',
      RINGBACK_SANDBOX_TRAFFIC: '300/m',
    });
    servers.push(server);
    const events = () =>
      server
        .api('/api/accounts/demo/events?status=all&limit=500')
        .then((r) => r.body.items as Array<{ provider: string; kind: string; missedCallId: string | null }>);
    const arrived = await waitFor(
      async () => ((await events()).filter((e) => e.kind === 'post_call').length >= 10 ? events() : null),
      20_000,
      'simulated calls',
    );
    expect(arrived.every((e) => e.provider === 'callrail')).toBe(true);
    const cases = (await server.api('/api/accounts/demo/missed-calls?limit=500')).body.items;
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c: { locationId: string | null }) => c.locationId !== null)).toBe(true);
    // The follow-ups: callbacks from the location's number to the caller, as outbound post-call webhooks.
    await waitFor(
      async () => (await events()).some((e) => e.kind === 'outbound_post_call'),
      30_000,
      'a simulated callback',
    );
    await waitFor(
      async () =>
        (await server.api('/api/accounts/demo/missed-calls?limit=500')).body.items.some(
          (c: { firstAttemptAt: string | null }) => c.firstAttemptAt,
        ),
      10_000,
      'a case called back',
    );
  }, 90_000);

  it('is scheduled only for a sandbox on a fixed port', async () => {
    expect(await sandboxTrafficTask.accounts(servers[0]!.running.ctx)).toEqual(['demo']);
    const quiet = await startTestServer('postgres+redis', null, {
      RINGBACK_SANDBOX: 'on',
      RINGBACK_SANDBOX_HISTORY_DAYS: '0',
    });
    servers.push(quiet);
    expect(await sandboxTrafficTask.accounts(quiet.running.ctx)).toEqual([]);
  }, 60_000);
});
