/**
 * HubSpot back to Ringback, end to end against the emulator: outcomes (contract §5) — what reps do
 * in HubSpot (completing the follow-up task, logging a connected outbound call, creating a deal,
 * closing it won) reaches Ringback through signed webhooks, or the periodic catch-up when no webhook
 * came, and advances the case attempted → contacted → booked → won; then installing Ringback's
 * HubSpot app (OAuth 2.0 authorize and token endpoints), a revoked token showing on the case and the
 * case recovering once an admin reconnects, access tokens refreshed by themselves, and uninstalling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { signatureV3 } from '../emulators/src/hubspot/index.ts';
import { ENGINE_NAMES } from './helpers/server.ts';
import { waitFor } from './helpers/engines.ts';
import { credentials, cursors, outcomes } from '../server/src/store/schema.ts';
import { hubspotPollJob, HUBSPOT_CURSOR } from '../server/src/jobs/hubspot-outcome-jobs.ts';
import { APP, PORTAL, caseOf, objects, postMiss, startHarness, written, type Harness } from './hubspot-harness.ts';

const CONNECTED = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';

interface Install {
  authorize: URL;
  cookie: string;
}

describe.each(ENGINE_NAMES)('HubSpot outcomes and OAuth on %s', (engine) => {
  let h: Harness;
  let subscription: number;
  beforeAll(async () => {
    h = await startHarness(engine, { app: true, realPublicUrl: true });
    subscription = h.hs.emulator.webhooks.subscribe(PORTAL, `${h.publicUrl}/webhooks/hubspot`).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const statusOf = (id: string, status: string) =>
    waitFor(async () => {
      const c = await caseOf(h.server, id);
      return c.status === status ? c : null;
    }, 10_000, `case ${id} ${status}`);
  const hubspotOutcomes = () =>
    h.server.running.ctx.database.db.select().from(outcomes).where(and(eq(outcomes.accountId, 'acme'), eq(outcomes.source, 'hubspot')));

  it('advances the case as reps work it in HubSpot', async () => {
    const state = h.hs.emulator.state;
    const posted = await postMiss(h.server, { caller: '+16025550401' });
    const c = await written(h.server, posted.body.missedCallId);

    state.updateObject(PORTAL, 'tasks', c.crm.taskId, { hs_task_status: 'COMPLETED' });
    const attempted = await statusOf(c.id, 'attempted');
    expect(Date.parse(attempted.firstAttemptAt)).toBeGreaterThan(Date.parse(c.missedAt));

    state.createObject(
      PORTAL,
      'calls',
      { hs_timestamp: new Date().toISOString(), hs_call_direction: 'OUTBOUND', hs_call_disposition: CONNECTED, hs_call_duration: '95000' },
      [{ toType: 'contacts', toId: c.crm.contactId }],
    );
    const contacted = await statusOf(c.id, 'contacted');
    expect(contacted.contactedAt).not.toBeNull();

    const deal = state.createObject(PORTAL, 'deals', { dealname: 'AC repair', dealstage: 'appointmentscheduled', amount: '3100' }, [
      { toType: 'contacts', toId: c.crm.contactId },
    ]);
    const booked = await statusOf(c.id, 'booked');
    expect(booked.bookedAt).not.toBeNull();

    state.updateObject(PORTAL, 'deals', deal.id, { dealstage: 'closedwon', closedate: new Date().toISOString() });
    const won = await statusOf(c.id, 'won');
    expect(won.revenue).toBe(3100);

    const recorded = await hubspotOutcomes();
    const made = recorded.map((o) => `${o.type}:${o.externalId}`);
    expect(made).toHaveLength(4);
    expect(made).toEqual(
      expect.arrayContaining([`attempt:task:${c.crm.taskId}:completed`, `booking:deal:${deal.id}:created`, `revenue:deal:${deal.id}:won`, expect.stringMatching(/^contact:call:\d+:connected$/)]),
    );
    // Ringback's own records (its inbound call, its contact) never became outcomes.
    expect(recorded.some((o) => o.externalId === `call:${c.crm.callId}`)).toBe(false);
  });

  it('records a redelivered event once and refuses unsigned or stale deliveries', async () => {
    await h.hs.emulator.webhooks.idle();
    const delivered = h.hs.emulator.webhooks.deliveries.find((d) => d.events.some((e) => e.subscriptionType === 'deal.creation'))!;
    const body = JSON.stringify(delivered.events);
    const url = `${h.publicUrl}/webhooks/hubspot`;
    const send = (timestamp: number, secret = APP.clientSecret) =>
      fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hubspot-request-timestamp': String(timestamp), 'x-hubspot-signature-v3': signatureV3(secret, 'POST', url, body, timestamp) },
      });
    const before = (await hubspotOutcomes()).length;
    const replay = await send(Date.now());
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ accepted: true, duplicate: true });
    expect((await send(Date.now(), 'not-the-secret')).status).toBe(401);
    expect((await send(Date.now() - 6 * 60_000)).status).toBe(401);
    expect((await hubspotOutcomes()).length).toBe(before);
  });

  it('catches up by polling what no webhook delivered', async () => {
    h.hs.emulator.webhooks.unsubscribe(subscription);
    const ctx = h.server.running.ctx;
    const posted = await postMiss(h.server, { caller: '+16025550402' });
    const c = await written(h.server, posted.body.missedCallId);
    const since = String(Date.now() - 1_000);
    await ctx.database.db
      .insert(cursors)
      .values({ accountId: 'acme', name: HUBSPOT_CURSOR, value: since })
      .onConflictDoUpdate({ target: [cursors.accountId, cursors.name], set: { value: since } });
    h.hs.emulator.state.updateObject(PORTAL, 'tasks', c.crm.taskId, { hs_task_status: 'COMPLETED' });
    await hubspotPollJob(ctx)({ id: 0, kind: 'hubspot.poll', key: 'test', accountId: 'acme', payload: { accountId: 'acme' }, attempt: 1, maxAttempts: 1 });
    const attempted = await caseOf(h.server, c.id);
    expect(attempted.status).toBe('attempted');
    const cursor = await ctx.database.db.select().from(cursors).where(and(eq(cursors.accountId, 'acme'), eq(cursors.name, HUBSPOT_CURSOR)));
    expect(Number(cursor[0]!.value)).toBeGreaterThan(Number(since) - 5 * 60_000);
  });

  const storedCrm = async () => {
    const ctx = h.server.running.ctx;
    const rows = await ctx.database.db
      .select()
      .from(credentials)
      .where(and(eq(credentials.accountId, 'acme'), eq(credentials.kind, 'crm')));
    return rows[0] ? { sealed: rows[0].sealed, open: ctx.box.open<{ hubspot: Record<string, any> }>(rows[0].sealed).hubspot } : null;
  };

  async function startInstall(query = ''): Promise<Install> {
    const res = await fetch(`${h.server.url}/oauth/hubspot/install${query}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return { authorize: new URL(res.headers.get('location')!), cookie };
  }

  /** HubSpot's authorize page grants at once and sends the browser back to Ringback's callback. */
  async function finishInstall(install: Install, portalId: number, cookie = install.cookie): Promise<Response> {
    const authorize = new URL(install.authorize);
    authorize.searchParams.set('portalId', String(portalId));
    const granted = await fetch(authorize, { redirect: 'manual' });
    expect(granted.status).toBe(302);
    const callback = new URL(granted.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(`${h.publicUrl}/oauth/hubspot/callback`);
    return fetch(`${h.server.url}${callback.pathname}${callback.search}`, { headers: { cookie }, redirect: 'manual' });
  }

  it('sends the installer to the authorize page with the app, the redirect URL and the scopes it needs', async () => {
    const { authorize, cookie } = await startInstall();
    expect(authorize.origin).toBe(h.hs.url);
    expect(authorize.pathname).toBe('/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(APP.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${h.publicUrl}/oauth/hubspot/callback`);
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['crm.objects.contacts.write', 'crm.schemas.contacts.write', 'crm.objects.deals.read']));
    expect(cookie).toMatch(/^ringback_hubspot_oauth=/);
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const install = await startInstall();
    const res = await finishInstall(install, PORTAL, 'ringback_hubspot_oauth=someone-else');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('oauth_state_invalid');
  });

  it('shows a revoked token on the case, recovers once HubSpot is reconnected, then refreshes tokens by itself', async () => {
    h.hs.emulator.faults.expireToken(h.hs.token);
    const first = await postMiss(h.server, { caller: '+16025550301' });
    const failing = await waitFor(async () => {
      const c = await caseOf(h.server, first.body.missedCallId);
      return c.crm.error ? c : null;
    });
    expect(failing.crm).toMatchObject({ callId: null, taskId: null, error: { code: 'crm_auth' } });

    const res = await finishInstall(await startInstall(), PORTAL);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`portal ${PORTAL} is connected to account acme`);
    const stored = await storedCrm();
    expect(stored!.open).toMatchObject({ portalId: PORTAL, refreshToken: expect.any(String), expiresAt: expect.any(Number) });
    expect(stored!.sealed).not.toContain(stored!.open.accessToken);
    expect(stored!.sealed).not.toContain(stored!.open.refreshToken);

    // The waiting job is woken, not left to its five-minute retry.
    const recovered = await written(h.server, first.body.missedCallId, 10_000);
    expect(recovered.crm.error).toBeNull();
    expect(objects(h.hs, 'calls').filter((c) => c.properties.ringback_key === `rb:${recovered.id}:call`)).toHaveLength(1);

    // An access token HubSpot stops accepting is refreshed once and the write goes through.
    const oldToken = stored!.open.accessToken as string;
    h.hs.emulator.faults.expireToken(oldToken);
    const second = await postMiss(h.server, { caller: '+16025550302' });
    const c2 = await written(h.server, second.body.missedCallId);
    expect(c2.crm.error).toBeNull();
    const refreshed = await storedCrm();
    expect(refreshed!.open.accessToken).not.toBe(oldToken);
  });

  it('connects a new portal as a new account with Ringback properties, and refuses to rebind an account to another portal', async () => {
    const res = await finishInstall(await startInstall(), 777777);
    expect(res.status).toBe(200);
    const accounts = await h.server.api('/api/accounts');
    expect(accounts.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'hubspot-777777', crmKind: 'hubspot' })]));
    const props = h.hs.emulator.state.portal(777777).properties;
    expect([...(props.get('0-1')?.keys() ?? [])]).toEqual(expect.arrayContaining(['ringback_created', 'ringback_key']));
    expect(props.get('0-48')?.has('ringback_key')).toBe(true);
    expect(props.get('0-27')?.has('ringback_key')).toBe(true);

    const mismatch = await finishInstall(await startInstall('?account=acme'), 888888);
    expect(mismatch.status).toBe(409);
  });

  it('uninstalls: tokens revoked at HubSpot and removed, no more CRM writes', async () => {
    const before = h.hs.emulator.state.refreshTokens.size;
    const res = await h.server.api('/api/accounts/acme/crm/hubspot', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await storedCrm()).toBeNull();
    expect(h.hs.emulator.state.refreshTokens.size).toBe(before - 1);
    const accounts = await h.server.api('/api/accounts');
    expect(accounts.body.items.find((a: { id: string }) => a.id === 'acme').crmKind).toBeNull();
    const after = await postMiss(h.server, { caller: '+16025550303' });
    const c = await caseOf(h.server, after.body.missedCallId);
    expect(c.crm.kind).toBeNull();
  });
});
