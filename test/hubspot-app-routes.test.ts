/**
 * The HubSpot app's backend (`/hubspot/*`) on a real Ringback: v3 signatures over the public URI,
 * portal → account binding (one portal never reads another's data), the contact card, its outcome
 * actions, the location card and dashboard (recovery functions handed in as fixed figures), and the
 * settings page's writes. Runs on both engine pairs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { ENGINE_NAMES, PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.ts';
import { createApp } from '../server/src/http/app.ts';
import { SANDBOX_HUBSPOT_APP_SECRET, hubspotAppRoutes, signV3, type RecoveryFunctions, type RecoveryGroup } from '../server/src/hubspot-app/index.ts';
import { callEvents, jobs, missedCalls, outcomes } from '../server/src/store/schema.ts';
import { casePriority } from '../server/src/store/schema-recovery.ts';

const SECRET = 'hs-app-client-secret-for-tests';
const CONFIG = `
hubspotApp: { appId: "54321", clientId: "cid", clientSecret: "${SECRET}" }
accounts:
  - id: acme
    name: Acme Home Services
    crm: { hubspot: { accessToken: "pat-acme", portalId: 111 } }
    callTracking:
      callrail: { signingKey: "cr-acme-key" }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, vertical: hvac, crmRecordId: "5001", trackingNumbers: ["+14805550100"] }
      - { id: dallas, name: Dallas, timezone: America/Chicago, vertical: hvac }
      - { id: tulsa, name: Tulsa, timezone: America/Chicago, vertical: plumbing }
  - id: beta
    name: Beta Dental
    crm: { hubspot: { accessToken: "pat-beta", portalId: "222" } }
    locations:
      - { id: reno, name: Reno, timezone: America/Los_Angeles, vertical: dental, crmRecordId: "5001" }
`;

const ranks = (recoveryRate: number | null) => ({ attemptRate: 50, slaMetRate: 50, contactRate: null, bookingRate: null, revenueRate: null, recoveryRate });
const group = (key: string | null, missed: number, recoveryRate: number | null, extra: Partial<RecoveryGroup> = {}): RecoveryGroup => ({
  key, missed, attempted: missed, attemptedWithinSla: missed, contacted: 0, booked: 0, won: 0, revenue: 0,
  attemptRate: 1, slaMetRate: 0.5, contactRate: null, bookingRate: null, revenueRate: null, recoveryRate,
  callbackSeconds: { p50: 240, p90: 900 }, ...extra,
});

describe.each(ENGINE_NAMES)('HubSpot app backend on %s', (engine) => {
  let srv: TestServer;
  let app: Server;
  let base: string;
  const calls: Array<{ fn: string; accountId: string; locationId?: string; query: Record<string, unknown> }> = [];
  const recovery: RecoveryFunctions = {
    async recoveryGroups(_ctx, accountId, query) {
      calls.push({ fn: 'recoveryGroups', accountId, query });
      return { groups: [group('phoenix', 40, 0.62, { benchmark: ranks(83.3) }), group('dallas', 30, 0.3, { benchmark: ranks(16.7) }), group('tulsa', 3, 0.1), group(null, 5, 0.2)] };
    },
    async locationRecovery(_ctx, accountId, locationId, query) {
      calls.push({ fn: 'locationRecovery', accountId, locationId, query });
      return {
        locationId, name: 'Phoenix', vertical: 'hvac', timezone: 'America/Phoenix', currency: 'USD', from: '2026-10-01T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z',
        summary: { ...group(locationId, 40, 0.62), benchmark: ranks(83.3), verticalBenchmark: ranks(50) }, previous: null,
        trend: { attemptRate: null, slaMetRate: null, contactRate: null, bookingRate: null, revenueRate: null, recoveryRate: null },
        daily: [], callbackHistogram: [{ bucket: '0-5m', count: 12 }],
        openHighIntent: { count: 0, cases: [] }, revenueAtRisk: { low: 900, high: 2400, currency: 'USD', byBucket: [] },
      };
    },
  };

  /** A request as HubSpot sends it: signed over the public URL, timestamp in ms. */
  async function hs(path: string, init: { method?: string; body?: unknown; secret?: string; timestamp?: number; signedPath?: string; signedBody?: string } = {}) {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const body = init.body === undefined ? '' : JSON.stringify(init.body);
    const ts = String(init.timestamp ?? Date.now());
    const sig = signV3(init.secret ?? SECRET, method, `${PUBLIC_URL}${init.signedPath ?? path}`, init.signedBody ?? body, ts);
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': ts },
      ...(body ? { body } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, bytes: Buffer.byteLength(text) };
  }

  async function insertCase(id: string, accountId: string, o: Partial<typeof missedCalls.$inferInsert> = {}) {
    const missedAt = o.missedAt ?? new Date(Date.now() - 3_600_000);
    await srv.running.ctx.database.db.insert(missedCalls).values({
      id, accountId, provider: 'callrail', providerCallId: `CAL${id}`, category: 'no_answer', afterHours: false, intent: 'new_lead', urgency: 'normal',
      lastCallAt: missedAt, missedAt, slaDueAt: new Date(missedAt.getTime() + 30 * 60_000), slaRule: 'newLead', lostAt: new Date(missedAt.getTime() + 7 * 86_400_000),
      callerE164: '+14805551234', locationId: 'phoenix', source: 'Google Ads', ...o,
    });
  }

  beforeAll(async () => {
    srv = await startTestServer(engine, CONFIG);
    const ctx = srv.running.ctx;
    app = createApp(ctx, { extra: [hubspotAppRoutes(ctx, { recovery })] }).listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
    base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    await insertCase('mc_acme_1', 'acme', { crmContactId: '901', crmTaskId: '7001', crmOwnerId: '101', priorityScore: 82 });
    await ctx.database.db.insert(casePriority).values({ caseId: 'mc_acme_1', accountId: 'acme', score: 82, factors: ['high-intent source', 'repeat caller'], computedAt: new Date() });
    await insertCase('mc_acme_2', 'acme', { callerE164: '+14805559999', crmContactId: null, missedAt: new Date(Date.now() - 7_200_000) });
    await insertCase('mc_beta_1', 'beta', { crmContactId: '901', locationId: 'reno', callerE164: '+17755550000' });
  });
  afterAll(async () => {
    await new Promise((r) => app?.close(r));
    await srv?.close();
  });

  it('refuses unsigned, tampered, stale and wrongly-keyed requests', async () => {
    const path = '/hubspot/contact-card?objectId=901&portalId=111&userId=7';
    expect((await fetch(`${base}${path}`)).status).toBe(401);
    expect((await hs(path, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await hs(path, { timestamp: Date.now() - 5 * 60_000 - 5_000 })).body.error.code).toBe('hubspot_stale_timestamp');
    const tampered = await hs('/hubspot/contact-card/outcomes?portalId=111', { body: { caseId: 'mc_acme_1', action: 'spam' }, signedBody: JSON.stringify({ caseId: 'mc_acme_1', action: 'booked_elsewhere' }) });
    expect(tampered.status).toBe(401);
    expect((await hs(path)).status).toBe(200);
  });

  it('binds the signed portal to its account: another portal id is another account, or nothing', async () => {
    const acme = await hs('/hubspot/contact-card?objectId=901&portalId=111');
    expect(acme.body.cases.map((c: any) => c.id)).toEqual(['mc_acme_1']);
    const beta = await hs('/hubspot/contact-card?objectId=901&portalId=222');
    expect(beta.body.cases.map((c: any) => c.id)).toEqual(['mc_beta_1']);
    // Swapping the portal id in a URL signed for another portal breaks the signature.
    const swapped = await hs('/hubspot/contact-card?objectId=901&portalId=111', { signedPath: '/hubspot/contact-card?objectId=901&portalId=222' });
    expect(swapped.status).toBe(401);
    const unknown = await hs('/hubspot/contact-card?objectId=901&portalId=333');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('portal_not_connected');
    // A case of another account cannot be acted on from this portal.
    const cross = await hs('/hubspot/contact-card/outcomes?portalId=222', { body: { caseId: 'mc_acme_1', action: 'spam' } });
    expect(cross.status).toBe(404);
  });

  it('shows the contact card: cases by contact id or phone, with location, owner, priority and SLA times', async () => {
    const missedAt = (await srv.running.ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, 'mc_acme_2')))[0]!.missedAt;
    await srv.running.ctx.database.db.insert(callEvents).values([
      { accountId: 'acme', provider: 'callrail', providerCallId: 'OUT1', kind: 'attempt', callerE164: '+14805559999', startedAt: new Date(missedAt.getTime() + 60_000), answered: false, talkSeconds: 0 },
      { accountId: 'acme', provider: 'callrail', providerCallId: 'OUT2', kind: 'attempt', callerE164: '+14805559999', startedAt: new Date(missedAt.getTime() + 600_000), answered: true, talkSeconds: 45 },
    ]);
    const res = await hs(`/hubspot/contact-card?objectId=901&portalId=111&phone=${encodeURIComponent('(480) 555-9999')}`);
    expect(res.status).toBe(200);
    expect(res.bytes).toBeLessThan(1_000_000);
    expect(res.body.cases.map((c: any) => c.id)).toEqual(['mc_acme_1', 'mc_acme_2']);
    const [first] = res.body.cases;
    expect(first).toMatchObject({ locationName: 'Phoenix', category: 'no_answer', source: 'Google Ads', crm: { ownerId: '101', taskId: '7001' }, attempts: [], outcomes: [] });
    // The recovery worker may rescore the case at any time; the card shows whatever score it holds.
    expect(typeof first.priorityScore).toBe('number');
    expect(first.priorityFactors.length).toBeGreaterThan(0);
    expect(first.priorityFactors.every((f: unknown) => typeof f === 'string')).toBe(true);
    expect(Date.parse(first.slaDueAt) - Date.parse(first.missedAt)).toBe(30 * 60_000);
    expect(res.body.cases[1].attempts.map((a: any) => [a.result, a.talkSeconds])).toEqual([['no_answer', 0], ['connected', 45]]);
    expect(typeof res.body.now).toBe('string');
    expect((await hs('/hubspot/contact-card?objectId=abc&portalId=111')).status).toBe(400);
  });

  it('records outcomes from the card once: booked elsewhere, then wrong number closes the task through crm.spam', async () => {
    const db = srv.running.ctx.database.db;
    const booked = await hs('/hubspot/contact-card/outcomes?portalId=111&userId=7', { body: { caseId: 'mc_acme_2', action: 'booked_elsewhere' } });
    expect(booked.status).toBe(201);
    const again = await hs('/hubspot/contact-card/outcomes?portalId=111&userId=7', { body: { caseId: 'mc_acme_2', action: 'booked_elsewhere' } });
    expect(again.body).toMatchObject({ accepted: true, changed: false });
    const rows = await db.select().from(outcomes).where(and(eq(outcomes.accountId, 'acme'), eq(outcomes.missedCallId, 'mc_acme_2')));
    expect(rows.map((r) => [r.type, r.source])).toEqual([['booking', 'hubspot_card']]);

    const wrong = await hs('/hubspot/contact-card/outcomes?portalId=111&userId=7', { body: { caseId: 'mc_acme_1', action: 'wrong_number' } });
    expect(wrong.status).toBe(201);
    const card = await hs('/hubspot/contact-card?objectId=901&portalId=111');
    expect(card.body.cases[0]).toMatchObject({ id: 'mc_acme_1', spam: true, status: 'spam', intent: 'wrong_number', spamReason: 'wrong_number' });
    const spamJobs = await db.select().from(jobs).where(eq(jobs.key, 'crm.spam:mc_acme_1'));
    expect(spamJobs).toHaveLength(1);
    expect((await hs('/hubspot/contact-card/outcomes?portalId=111', { body: { caseId: 'mc_acme_1', action: 'delete' } })).status).toBe(400);
  });

  it('serves the location card for the company mapped to a location, and says when none is', async () => {
    calls.length = 0;
    const res = await hs('/hubspot/location-card?objectId=5001&portalId=111&from=2026-10-01&to=2026-10-31');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mapped: true, companyId: '5001', recovery: { locationId: 'phoenix', revenueAtRisk: { low: 900, high: 2400 } } });
    expect(calls).toEqual([{ fn: 'locationRecovery', accountId: 'acme', locationId: 'phoenix', query: { from: '2026-10-01', to: '2026-10-31' } }]);
    // The same company id in another portal is that portal's own location.
    await hs('/hubspot/location-card?objectId=5001&portalId=222');
    expect(calls[1]).toMatchObject({ accountId: 'beta', locationId: 'reno' });
    const unmapped = await hs('/hubspot/location-card?objectId=6000&portalId=111');
    expect(unmapped.body).toMatchObject({ mapped: false, locations: [{ id: 'dallas' }, { id: 'phoenix' }, { id: 'tulsa' }] });
  });

  it('builds the dashboard: named locations, percentiles, laggards, filters passed through', async () => {
    calls.length = 0;
    const res = await hs('/hubspot/dashboard?portalId=111&from=2026-10-01&source=Google%20Ads&vertical=hvac');
    expect(res.status).toBe(200);
    expect(calls[0]).toEqual({ fn: 'recoveryGroups', accountId: 'acme', query: { groupBy: 'location', benchmark: 'account', from: '2026-10-01', source: 'Google Ads', vertical: 'hvac' } });
    const byId = Object.fromEntries(res.body.locations.map((l: any) => [l.id, l]));
    expect(Object.keys(byId).sort()).toEqual(['dallas', 'phoenix', 'tulsa']);
    expect(byId.phoenix).toMatchObject({ name: 'Phoenix', laggard: false, percentile: 83.3, recoveryRate: 0.62 });
    expect(byId.dallas).toMatchObject({ name: 'Dallas', laggard: true, laggardReason: 'bottom_quartile' });
    expect(byId.tulsa).toMatchObject({ laggard: false }); // three cases: not ranked
    expect(res.body.filters).toEqual({ sources: ['Google Ads'], verticals: ['hvac', 'plumbing'] });
  });

  it('is mounted by the server itself, with the real recovery module', async () => {
    const saved = base;
    base = srv.url; // the server's own routes (wiring.ts), not the test app
    try {
      expect((await fetch(`${base}/hubspot/settings?portalId=111`)).status).toBe(401);
      const card = await hs('/hubspot/location-card?objectId=5001&portalId=111');
      expect(card.status).toBe(200);
      expect(card.body).toMatchObject({ mapped: true, recovery: { locationId: 'phoenix', name: 'Phoenix', currency: 'USD' } });
      expect(Array.isArray(card.body.recovery.daily)).toBe(true);
      const dash = await hs('/hubspot/dashboard?portalId=111');
      expect(dash.status).toBe(200);
      expect(dash.body.locations.every((l: any) => typeof l.name === 'string' && typeof l.laggard === 'boolean')).toBe(true);
      expect(dash.bytes).toBeLessThan(1_000_000);
    } finally {
      base = saved;
    }
  });

  it('uses the documented sandbox secret only in the sandbox, and refuses everything without a configured app', async () => {
    const ctx = srv.running.ctx;
    const mount = async (config: typeof ctx.config) => {
      const server = createApp({ ...ctx, config }, { extra: [hubspotAppRoutes({ ...ctx, config }, { recovery })] }).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      return server;
    };
    const sandbox = await mount({ ...ctx.config, file: null, sandbox: true });
    const none = await mount({ ...ctx.config, file: null, sandbox: false });
    const saved = base;
    try {
      base = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
      expect((await hs('/hubspot/settings?portalId=111', { secret: SANDBOX_HUBSPOT_APP_SECRET })).status).toBe(200);
      expect((await hs('/hubspot/settings?portalId=111')).status).toBe(401);
      base = `http://127.0.0.1:${(none.address() as AddressInfo).port}`;
      const refused = await hs('/hubspot/settings?portalId=111', { secret: SANDBOX_HUBSPOT_APP_SECRET });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('hubspot_app_not_configured');
    } finally {
      base = saved;
      await new Promise((r) => sandbox.close(r));
      await new Promise((r) => none.close(r));
    }
  });

  it('reads and writes settings without ever sending a secret back', async () => {
    const view = await hs('/hubspot/settings?portalId=111');
    expect(view.status).toBe(200);
    const callrail = view.body.callTracking.find((p: any) => p.provider === 'callrail');
    expect(callrail).toMatchObject({ webhookUrl: `${PUBLIC_URL}/webhooks/callrail/acme`, configured: true });
    expect(JSON.stringify(view.body)).not.toContain('cr-acme-key');
    expect(view.body.callTracking.find((p: any) => p.provider === 'twilio').configured).toBe(false);

    const twilio = await hs('/hubspot/settings/call-tracking/twilio?portalId=111', { method: 'PUT', body: { authToken: 'tw-new-token' } });
    expect(twilio.status).toBe(200);
    expect(twilio.body.callTracking.find((p: any) => p.provider === 'twilio').configured).toBe(true);
    expect(JSON.stringify(twilio.body)).not.toContain('tw-new-token');
    expect((await srv.running.ctx.accounts.get('acme'))!.secrets.get('twilio')).toEqual({ authToken: 'tw-new-token' });

    const loc = await hs('/hubspot/settings/locations/dallas?portalId=111', { method: 'PUT', body: { trackingNumbers: ['(214) 555-0101'], owners: ['201', '202'], businessHours: { mon: '08:00-17:00' } } });
    expect(loc.status).toBe(200);
    expect(loc.body.locations.find((l: any) => l.id === 'dallas')).toMatchObject({ name: 'Dallas', trackingNumbers: ['+12145550101'], owners: ['201', '202'], businessHours: { mon: '08:00-17:00' } });
    const bad = await hs('/hubspot/settings/locations/dallas?portalId=111', { method: 'PUT', body: { timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect((await hs('/hubspot/settings/locations/newcity?portalId=111', { method: 'PUT', body: { owners: ['1'] } })).status).toBe(400); // a new location needs a name and zone

    const policy = await hs('/hubspot/settings/policy?portalId=111', { method: 'PUT', body: { sla: { highUrgency: '5m', newLead: '15m' } } });
    expect(policy.body.policy).toEqual({ sla: { highUrgency: '5m', newLead: '15m' } });
    expect((await srv.running.ctx.accounts.get('acme'))!.policy.sla.newLeadMs).toBe(15 * 60_000);
    expect((await hs('/hubspot/settings/policy?portalId=111', { method: 'PUT', body: { sla: { newLead: 'soon' } } })).status).toBe(400);
    // Beta's settings are untouched by acme's writes.
    const beta = await hs('/hubspot/settings?portalId=222');
    expect(beta.body.locations.map((l: any) => l.id)).toEqual(['reno']);
    expect(beta.body.policy).toEqual({});
  });
});
