/**
 * The sandbox CRM of `npm start`: the HubSpot emulator mounted at /sandbox/hubspot, seeded with the
 * demo portal's owners and contacts, and the `demo` account's misses written into it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { postCallRail } from './helpers/webhooks.ts';
import { DEMO_CALLRAIL_SIGNING_KEY, DEMO_LOCATIONS, DEMO_PEOPLE, DEMO_PORTAL_ID, demoTrackingNumber } from '../server/src/sandbox/demo-account.ts';
import { callId, freePort, written } from './hubspot-harness.ts';

describe('the sandbox HubSpot', () => {
  let server: TestServer;
  let publicUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    server = await startTestServer('pglite+in-process', null, {
      PORT: String(port),
      RINGBACK_PUBLIC_URL: publicUrl,
      RINGBACK_SANDBOX: 'on',
      RINGBACK_SANDBOX_HISTORY_DAYS: '0',
      RINGBACK_SANDBOX_TRAFFIC: 'off',
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the demo portal with its owners and contacts', async () => {
    const res = await fetch(`${server.url}/sandbox/hubspot/_emulator/state?portalId=${DEMO_PORTAL_ID}`);
    expect(res.status).toBe(200);
    const portal = (await res.json()).portals[0];
    expect(portal.portalId).toBe(DEMO_PORTAL_ID);
    expect(portal.owners.map((o: { id: string }) => o.id)).toEqual(['71000001', '71000002', '71000003', '71000004', '71000005', '71000006', '71000007']);
    expect(portal.objects.contacts.length).toBeGreaterThanOrEqual(DEMO_PEOPLE.length);
    expect(portal.objects.deals.length).toBeGreaterThan(5);
  });

  it("writes a demo miss from a known caller onto that caller's contact in the sandbox CRM", async () => {
    const person = DEMO_PEOPLE[1]!;
    const location = DEMO_LOCATIONS.find((l) => l.id === person.locationId)!;
    const body = JSON.stringify({
      answered: false,
      call_type: 'missed',
      customer_name: `${person.firstName} ${person.lastName}`,
      customer_phone_number: person.phone,
      direction: 'inbound',
      duration: '25',
      resource_id: callId(),
      source: 'Google Business Profile',
      start_time: new Date(Date.now() - 60_000).toISOString(),
      tracking_phone_number: demoTrackingNumber(location),
      voicemail: false,
    });
    const posted = await postCallRail(server.url, 'demo', DEMO_CALLRAIL_SIGNING_KEY, body, 'post_call');
    expect(posted.status).toBe(200);
    const c = await written(server, posted.body.missedCallId, 20_000, 'demo').catch(async () => {
      throw new Error(`not written: ${JSON.stringify((await server.api(`/api/accounts/demo/missed-calls/${posted.body.missedCallId}`)).body.crm)}`);
    });
    expect(c.crm).toMatchObject({ kind: 'hubspot', contactCreated: false, error: null });
    const state = await (await fetch(`${server.url}/sandbox/hubspot/_emulator/state?portalId=${DEMO_PORTAL_ID}`)).json();
    const contact = state.portals[0].objects.contacts.find((x: { id: string }) => x.id === c.crm.contactId);
    expect(contact.properties).toMatchObject({ firstname: person.firstName, lastname: person.lastName });
    expect(location.owners).toContain(c.crm.ownerId);
  });
});
