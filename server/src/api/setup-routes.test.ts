/**
 * The setup API on a real server (PostgreSQL + Redis; the browser test drives the same routes on the
 * embedded engines, whose start costs ~10 s here): reads for the account's own token, writes for
 * the admin only, config-file validation, tracking numbers routing calls to the new location, keys
 * that are written but never read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { fixture, postCallRail } from '../../../test/helpers/webhooks.ts';

const CONFIG = `
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/New_York
    callTracking:
      callrail: { signingKey: "acme-signing-key" }
    locations:
      - id: phoenix
        name: Phoenix
        timezone: America/Phoenix
        vertical: hvac
        trackingNumbers: ["+14805550100"]
        businessHours: { mon: "08:00-18:00", tue: "08:00-18:00" }
  - id: other
    name: Other Co
`;

describe('setup API', () => {
  let server: TestServer;
  let accountToken = '';

  beforeAll(async () => {
    server = await startTestServer('postgres+redis', CONFIG, { RINGBACK_SANDBOX: 'off' });
    accountToken = (await server.api('/api/accounts/acme/tokens', { body: {} })).body.token;
  }, 60_000);
  afterAll(async () => server?.close(), 60_000);

  it('shows the account, its effective policy and the OAuth install links', async () => {
    const res = await server.api('/api/accounts/acme/setup', { token: accountToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'acme',
      name: 'Acme Home Services',
      crm: {
        kind: null,
        install: {
          hubspot: 'https://ringback.test/oauth/hubspot/install?account=acme',
          salesforce: 'https://ringback.test/oauth/salesforce/install?account=acme',
        },
      },
      effectivePolicy: {
        sla: { highUrgency: '5m', newLead: '30m', existingCustomer: '4h', afterHours: 'nextOpen+15m' },
        lostAfter: '7d',
      },
    });
    expect((await server.api('/api/accounts/other/setup', { token: accountToken })).status).toBe(404);
  });

  it('adds a location whose tracking number then routes calls to it', async () => {
    const body = {
      name: 'Mesa',
      timezone: 'America/Phoenix',
      vertical: 'plumbing',
      trackingNumbers: ['(480) 555-0142'],
      businessHours: { mon: '07:00-12:00,13:00-17:00' },
      owners: ['1001', '1002'],
      policy: { sla: { newLead: '10m' } },
    };
    const created = await server.api('/api/accounts/acme/locations/mesa', { method: 'PUT', body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'mesa',
      trackingNumbers: ['+14805550142'],
      owners: ['1001', '1002'],
      effectivePolicy: { sla: { newLead: '10m', highUrgency: '5m' } },
    });
    const again = await server.api('/api/accounts/acme/locations/mesa', {
      method: 'PUT',
      body: { ...body, name: 'Mesa East' },
    });
    expect(again.status).toBe(200);
    expect((await server.api('/api/accounts/acme/locations/mesa', { token: accountToken })).body.name).toBe(
      'Mesa East',
    );

    const call = JSON.parse(fixture('callrail-post-call-abandoned.json').toString());
    call.tracking_phone_number = '+14805550142';
    call.resource_id = 'CALsetupmesa0000000000000000000001';
    const delivered = await postCallRail(server.url, 'acme', 'acme-signing-key', JSON.stringify(call));
    expect(delivered.status).toBe(200);
    const c = await server.api(`/api/accounts/acme/missed-calls/${delivered.body.missedCallId}`);
    expect(c.body.locationId).toBe('mesa');
    const list = await server.api('/api/accounts/acme/locations');
    expect(list.body.items.map((l: { id: string }) => l.id)).toEqual(['mesa', 'phoenix']);
  });

  it('refuses what the config file would refuse, naming the field', async () => {
    const put = (body: unknown, id = 'bad') =>
      server.api(`/api/accounts/acme/locations/${id}`, { method: 'PUT', body });
    const base = { name: 'Bad', timezone: 'America/Chicago' };
    const cases: Array<[unknown, RegExp, string?]> = [
      [{ ...base, timezone: 'Mars/Olympus' }, /timezone: unknown IANA time zone/],
      [{ ...base, businessHours: { mon: '9 to 5' } }, /businessHours\.mon/],
      [{ ...base, businessHours: {} }, /businessHours/],
      [{ ...base, policy: { sla: { newLead: 'soon' } } }, /policy\.sla\.newLead/],
      [{ ...base, trackingNumbers: ['call me'] }, /trackingNumbers\[0\]/],
      [{ ...base, timezon: 'UTC' }, /unknown key timezon/],
      [{ ...base }, /location id/, 'Not_OK'],
    ];
    for (const [body, message, id] of cases) {
      const res = await put(body, id);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const taken = await put({ ...base, trackingNumbers: ['+1 480 555 0100'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'tracking_number_in_use' });
    expect((await server.api('/api/accounts/acme/locations/bad')).status).toBe(404);
  });

  it('lets only the admin write; an account token reads its own account', async () => {
    const put = await server.api('/api/accounts/acme/policy', {
      method: 'PUT',
      body: { sla: { newLead: '15m' } },
      token: accountToken,
    });
    expect(put.status).toBe(403);
    expect(
      (
        await server.api('/api/accounts/acme/locations/phoenix', {
          method: 'PUT',
          body: { name: 'x', timezone: 'UTC' },
          token: accountToken,
        })
      ).status,
    ).toBe(403);
    expect((await server.api('/api/accounts/acme/sources', { token: accountToken })).status).toBe(200);
    expect((await server.api('/api/accounts/other/locations', { token: accountToken })).status).toBe(404);
  });

  it('sets the account policy, which every location then runs on unless it overrides it', async () => {
    const res = await server.api('/api/accounts/acme/policy', {
      method: 'PUT',
      body: { sla: { newLead: '15m', existingCustomer: '2h' }, lostAfter: '3d' },
    });
    expect(res.status).toBe(200);
    expect(res.body.effectivePolicy).toMatchObject({
      sla: { newLead: '15m', existingCustomer: '2h' },
      lostAfter: '3d',
    });
    const phoenix = await server.api('/api/accounts/acme/locations/phoenix');
    expect(phoenix.body.effectivePolicy.sla).toMatchObject({ newLead: '15m', existingCustomer: '2h' });
    expect(
      (await server.api('/api/accounts/acme/policy', { method: 'PUT', body: { sla: { afterHours: '15m' } } })).status,
    ).toBe(400);
  });

  it('lists sources with their webhook URLs and which keys are set, never the keys', async () => {
    const res = await server.api('/api/accounts/acme/sources');
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({
        provider: 'callrail',
        webhookUrl: 'https://ringback.test/webhooks/callrail/acme',
        configured: true,
        fields: ['signingKey'],
      }),
    );
    expect(res.body.items).toContainEqual(expect.objectContaining({ provider: 'twilio', configured: false }));
    expect(JSON.stringify(res.body)).not.toContain('acme-signing-key');
  });

  it('a new CallRail key takes effect at once: the old one is refused', async () => {
    const set = await server.api('/api/accounts/acme/sources/callrail', {
      method: 'PUT',
      body: { signingKey: 'rotated-key' },
    });
    expect(set.status).toBe(200);
    expect(JSON.stringify(set.body)).not.toContain('rotated-key');
    const body = fixture('callrail-post-call-abandoned.json');
    expect((await postCallRail(server.url, 'acme', 'acme-signing-key', body)).status).toBe(401);
    expect((await postCallRail(server.url, 'acme', 'rotated-key', body)).status).toBe(200);
    expect(
      (await server.api('/api/accounts/acme/sources/callrail', { method: 'PUT', body: { apiKey: 'no signing key' } }))
        .status,
    ).toBe(400);
    expect((await server.api('/api/accounts/acme/sources/fax', { method: 'PUT', body: {} })).status).toBe(404);
  });

  it('generates a generic secret once, and it signs webhooks', async () => {
    const res = await server.api('/api/accounts/acme/sources/generic', { method: 'PUT', body: { generate: true } });
    expect(res.status).toBe(200);
    expect(res.body.generatedSecret).toMatch(/^[\w-]{20,}$/);
    const listed = await server.api('/api/accounts/acme/sources');
    expect(JSON.stringify(listed.body)).not.toContain(res.body.generatedSecret);
  });

  it('creates an account, then updates it keeping what it had', async () => {
    const created = await server.api('/api/accounts/newco', {
      method: 'PUT',
      body: { name: 'New Co', timezone: 'America/Denver' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'newco', timezone: 'America/Denver', currency: 'USD' });
    const renamed = await server.api('/api/accounts/newco', { method: 'PUT', body: { name: 'NewCo Inc.' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'NewCo Inc.', timezone: 'America/Denver' });
    expect((await server.api('/api/accounts/NewCo', { method: 'PUT', body: { name: 'x' } })).status).toBe(400);
    expect(
      (await server.api('/api/accounts/newco', { method: 'PUT', body: { name: 'x' }, token: accountToken })).status,
    ).toBe(403);
  });
});
