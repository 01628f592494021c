import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestHarness } from './testing.ts';

// A receiver that records raw requests, and can be told to fail, so the test checks what went on the wire.
interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let h: TestHarness;
let receiver: Server;
let target: string;
let received: Received[] = [];
let failNext = 0;
const SECRET = 'webhook-secret-123';

beforeAll(async () => {
  h = await startTestEmulator({ webhookRetryDelayMs: 10, webhookMaxRetries: 2 });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = failNext-- > 0 ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hubspot?account=demo`;
  h.emulator.webhooks.subscribe(h.portalId, target, SECRET);
});
beforeEach(() => {
  received = [];
  failNext = 0;
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Independent check of X-HubSpot-Signature-v3 as HubSpot's validation guide describes it. */
function validV3(r: Received): boolean {
  const timestamp = String(r.headers['x-hubspot-request-timestamp']);
  const expected = createHmac('sha256', SECRET).update(`POST${target}${r.body}${timestamp}`).digest();
  const given = Buffer.from(String(r.headers['x-hubspot-signature-v3']), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const events = (r: Received) => JSON.parse(r.body) as Array<Record<string, unknown>>;

describe('webhooks', () => {
  it('sends contact.creation signed with a valid v3 signature', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { firstname: 'Hook' },
      associations: [],
    });
    await h.emulator.webhooks.idle();
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/webhooks/hubspot?account=demo');
    expect(validV3(r)).toBe(true);
    expect(Math.abs(Number(r.headers['x-hubspot-request-timestamp']) - Date.now())).toBeLessThan(60_000);
    expect(events(r)).toEqual([
      expect.objectContaining({
        subscriptionType: 'contact.creation',
        objectId: Number(contact.id),
        portalId: h.portalId,
        changeFlag: 'CREATED',
        attemptNumber: 0,
        eventId: expect.any(Number),
        occurredAt: expect.any(Number),
      }),
    ]);
    // A tampered body no longer matches the signature.
    expect(validV3({ ...r, body: r.body.replace('contact', 'kontact') })).toBe(false);
  });

  it('sends deal creation and dealstage changes, batched per tick', async () => {
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Furnace', dealstage: 'appointmentscheduled' },
      associations: [],
    });
    await h.emulator.webhooks.idle();
    await h.client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'closedwon', amount: '9000' } });
    await h.emulator.webhooks.idle();
    const all = received.flatMap(events);
    expect(all.map((e) => e.subscriptionType)).toEqual(['deal.creation', 'deal.propertyChange', 'deal.propertyChange']);
    expect(all[2]).toMatchObject({ objectId: Number(deal.id), propertyName: 'dealstage', propertyValue: 'closedwon' });
    expect(received.every(validV3)).toBe(true);
  });

  it('sends task status changes and call/meeting creation in the generic object.* format', async () => {
    const task = h.emulator.state.createObject(h.portalId, 'tasks', {
      hs_timestamp: '2026-01-16T10:00:00Z',
      hs_task_subject: 'Call back',
    });
    await h.emulator.webhooks.idle();
    received = [];
    await h.client.crm.objects.tasks.basicApi.update(task.id, { properties: { hs_task_status: 'COMPLETED' } });
    await h.client.crm.objects.calls.basicApi.create({
      properties: { hs_timestamp: '2026-01-16T10:05:00Z' },
      associations: [],
    });
    await h.client.crm.objects.meetings.basicApi.create({
      properties: { hs_timestamp: '2026-01-17T10:00:00Z' },
      associations: [],
    });
    await h.emulator.webhooks.idle();
    const all = received.flatMap(events);
    expect(all).toEqual([
      expect.objectContaining({
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-27',
        propertyName: 'hs_task_status',
        propertyValue: 'COMPLETED',
      }),
      expect.objectContaining({ subscriptionType: 'object.creation', objectTypeId: '0-48' }),
      expect.objectContaining({ subscriptionType: 'object.creation', objectTypeId: '0-47' }),
    ]);
  });

  it('retries a failed delivery with attemptNumber + 1', async () => {
    failNext = 1;
    await h.client.crm.contacts.basicApi.create({ properties: { firstname: 'Retry' }, associations: [] });
    await h.emulator.webhooks.idle();
    expect(received).toHaveLength(2);
    expect(events(received[0]!)[0]!.attemptNumber).toBe(0);
    expect(events(received[1]!)[0]!.attemptNumber).toBe(1);
    expect(events(received[1]!)[0]!.eventId).toBe(events(received[0]!)[0]!.eventId);
    expect(received.every(validV3)).toBe(true);
  });

  it('emits hand-made events to the portal subscriptions', async () => {
    h.emulator.webhooks.emit(h.portalId, { subscriptionType: 'contact.deletion', objectId: 5 });
    await h.emulator.webhooks.idle();
    expect(events(received[0]!)[0]).toMatchObject({
      subscriptionType: 'contact.deletion',
      objectId: 5,
      portalId: h.portalId,
      appId: 1,
    });
  });
});
