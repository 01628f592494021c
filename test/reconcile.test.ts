/**
 * CallRail does not retry webhooks: a call whose webhook was lost is recovered from the CallRail API
 * by the reconciliation job, and calls that did arrive are not made twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createCallRailEmulator } from '../emulators/src/callrail/index.ts';
import { callRailWebhookBody } from '../emulators/src/callrail/index.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { postCallRail } from './helpers/webhooks.ts';
import { waitFor } from './helpers/engines.ts';
import { webhookEvents } from '../server/src/store/schema.ts';
import { setCredential } from '../server/src/accounts/account-store.ts';

describe.each(['postgres+redis', 'pglite+in-process'] as const)('CallRail reconciliation on %s', (engine) => {
  const emulator = createCallRailEmulator();
  let api: { url: string; close(): Promise<void> };
  let server: TestServer;
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    api = await emulator.listen(0);
    emulator.state.addAccount('ACC100', 'cr-api-key');
    const calls = [
      emulator.state.addCall('ACC100', { start_time: minutesAgo(9), customer_phone_number: '+16025550401', tracking_phone_number: '+14805550100', answered: false, voicemail: false, direction: 'inbound', duration: 31 }),
      emulator.state.addCall('ACC100', { start_time: minutesAgo(7), customer_phone_number: '+16025550402', tracking_phone_number: '+14805550100', answered: false, voicemail: true, direction: 'inbound', duration: 44 }),
      emulator.state.addCall('ACC100', { start_time: minutesAgo(5), customer_phone_number: '+16025550403', tracking_phone_number: '+14805550100', answered: false, voicemail: false, direction: 'inbound', duration: 28 }),
    ];
    const config = (withApi: boolean) => `
accounts:
  - id: acme
    name: Acme
    callTracking:
      callrail: { signingKey: "cr-key"${withApi ? `, apiKey: "cr-api-key", accountId: "ACC100", baseUrl: "${api.url}"` : ''} }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, trackingNumbers: ["+14805550100"] }
`;
    server = await startTestServer(engine, config(false), { RINGBACK_SANDBOX: 'off' });
    for (const call of calls.slice(0, 2)) {
      const delivered = await postCallRail(server.url, 'acme', 'cr-key', JSON.stringify(callRailWebhookBody(call)), 'post_call');
      expect(delivered.status).toBe(200);
    }
    // Now the operator adds the CallRail API key: reconciliation starts from here.
    const ctx = server.running.ctx;
    await setCredential(ctx.database.db, ctx.box, 'acme', 'callrail', { signingKey: 'cr-key', apiKey: 'cr-api-key', accountId: 'ACC100', baseUrl: api.url });
    ctx.accounts.invalidate('acme');
  });
  afterAll(async () => {
    await server?.close();
    await api?.close();
  });

  it('recovers the call whose webhook never came, once, and leaves delivered calls alone', async () => {
    const ctx = server.running.ctx;
    await ctx.queue.enqueue({ kind: 'callrail.reconcile', key: `manual-1-${engine}`, accountId: 'acme', payload: { accountId: 'acme' } });
    const items = await waitFor(async () => {
      const list = (await server.api('/api/accounts/acme/missed-calls?limit=500')).body.items as Array<{ callerE164: string }>;
      return list.some((i) => i.callerE164 === '+16025550403') ? list : null;
    }, 15_000, 'reconciled case');
    expect(items.map((i) => i.callerE164).sort()).toEqual(['+16025550401', '+16025550402', '+16025550403']);

    // Another pass over the same window: nothing new.
    await ctx.queue.enqueue({ kind: 'callrail.reconcile', key: `manual-2-${engine}`, accountId: 'acme', payload: { accountId: 'acme' } });
    await waitFor(async () => (await server.api('/api/jobs?status=done&limit=500')).body.items.some((j: { key: string }) => j.key === `manual-2-${engine}`), 15_000, 'second pass');
    expect((await server.api('/api/accounts/acme/missed-calls?limit=500')).body.items).toHaveLength(3);
    const rows = await ctx.database.db.select().from(webhookEvents).where(and(eq(webhookEvents.accountId, 'acme'), eq(webhookEvents.provider, 'callrail')));
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => (r.headers as Record<string, string>)['x-ringback-source'] === 'callrail-api')).toHaveLength(1);
  });
});
