import express from 'express';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotEmulator, type HubSpotEmulator } from './emulator.ts';

// The sandbox mounts the emulator inside another express app and drives it over /_emulator.
let emulator: HubSpotEmulator;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  emulator = createHubSpotEmulator();
  const parent = express();
  parent.use('/sandbox/hubspot', emulator.app);
  const server = parent.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/hubspot`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await emulator.close();
  await close();
});

const post = (path: string, body: unknown) =>
  fetch(`${base}/_emulator${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('/_emulator control endpoints on a mounted emulator', () => {
  it('seeds a portal, an owner and records over HTTP and shows them in the state dump', async () => {
    const portal = (await (await post('/portals', { portalId: 31337, accessToken: 'pat-na1-sandbox' })).json()) as {
      accessToken: string;
    };
    expect(portal.accessToken).toBe('pat-na1-sandbox');
    const ownerRes = await post('/portals/31337/owners', { email: 'tech@hvac.test', firstName: 'Tess' });
    expect(ownerRes.status).toBe(201);
    const contact = (await (
      await post('/portals/31337/objects/contacts', { properties: { firstname: 'Seeded', phone: '480-555-0100' } })
    ).json()) as { id: string };
    const callRes = await post('/portals/31337/objects/calls', {
      properties: { hs_timestamp: '2026-01-10T10:00:00Z', hs_call_status: 'NO_ANSWER' },
      associations: [{ toType: 'contacts', toId: contact.id }],
    });
    expect(callRes.status).toBe(201);
    const bad = await post('/portals/31337/objects/calls', { properties: { hs_call_status: 'NO_ANSWER' } });
    expect(bad.status).toBe(400);

    const state = (await (await fetch(`${base}/_emulator/state`)).json()) as {
      portals: Array<{
        portalId: number;
        objects: Record<string, Array<{ id: string; properties: Record<string, string> }>>;
        associations: unknown[];
        owners: unknown[];
        tokens: Array<{ token: string }>;
      }>;
    };
    const p = state.portals.find((x) => x.portalId === 31337)!;
    expect(p.objects.contacts?.[0]?.properties.firstname).toBe('Seeded');
    expect(p.objects.calls).toHaveLength(1);
    expect(p.associations).toHaveLength(2);
    expect(p.owners).toHaveLength(1);
    expect(p.tokens[0]!.token).not.toBe('pat-na1-sandbox');

    // The real client works through the mount path, and /_emulator calls are not in the API request log.
    const client = new Client({ accessToken: 'pat-na1-sandbox', basePath: base, numberOfApiCallRetries: 0 });
    const read = await client.crm.contacts.basicApi.getById(contact.id, ['phone']);
    expect(read.properties.phone).toBe('480-555-0100');
    expect(emulator.requestLog.entries()).toEqual([
      expect.objectContaining({ path: `/crm/v3/objects/contacts/${contact.id}`, portalId: 31337 }),
    ]);
  });

  it('injects faults over HTTP', async () => {
    await post('/faults/server-errors', { count: 1, status: 502 });
    const res = await fetch(`${base}/crm/v3/objects/contacts`, {
      headers: { authorization: 'Bearer pat-na1-sandbox' },
    });
    expect(res.status).toBe(502);
    await post('/faults/rate-limit-storm', { count: 1 });
    expect(
      (await fetch(`${base}/crm/v3/objects/contacts`, { headers: { authorization: 'Bearer pat-na1-sandbox' } })).status,
    ).toBe(429);
    await post('/faults/expire-token', { token: 'pat-na1-sandbox' });
    const expired = await fetch(`${base}/crm/v3/objects/contacts`, {
      headers: { authorization: 'Bearer pat-na1-sandbox' },
    });
    expect(await expired.json()).toMatchObject({ category: 'EXPIRED_AUTHENTICATION' });
    const requests = (await (await fetch(`${base}/_emulator/requests?portalId=31337`)).json()) as {
      results: Array<{ status: number }>;
    };
    expect(requests.results.map((r) => r.status).slice(-3)).toEqual([502, 429, 401]);
  });
});
