/**
 * Missed calls into HubSpot end to end (contract §6): CallRail misses posted to a real Ringback,
 * written to the HubSpot emulator over HTTP through @hubspot/api-client, and checked in what the
 * emulator holds — contacts, calls, tasks, their properties and associations — and in the case's
 * `crm` block. Also measures the API requests each missed call costs, and what happens when things go
 * wrong: a crash between HubSpot's answer and Ringback's bookkeeping, a 5xx on a create, an admin
 * deleting Ringback's property, a deleted owner — each still ends with one call and one task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINE_NAMES } from './helpers/server.ts';
import { missedCalls } from '../server/src/store/schema.ts';
import { toCrmCase } from '../server/src/crm/crm-case.ts';
import { createCrmSession } from '../server/src/crm/session.ts';
import { createHubSpotPort } from '../server/src/crm/hubspot/index.ts';
import { waitFor } from './helpers/engines.ts';
import { fixture } from './helpers/webhooks.ts';
import { OWNERS, PORTAL, actions, assocIds, callId, caseOf, objects, postMiss, startHarness, written, type Harness } from './hubspot-harness.ts';

const keyed = (h: Harness, type: string, caseId: string) => objects(h.hs, type).filter((o) => o.properties.ringback_key?.startsWith(`rb:${caseId}:`));

const LEFT_VOICEMAIL = 'b2cf5968-551e-4856-9783-52b3da59a7d0';
const NO_ANSWER = '73a0d17f-1163-4015-bdd5-ec830791da20';

describe.each(ENGINE_NAMES)('HubSpot writer on %s', (engine) => {
  let h: Harness;
  let crashes: Array<'contacts' | 'calls' | 'tasks'> = [];
  beforeAll(async () => {
    h = await startHarness(engine);
    // The real adapter, with a short search-lag window and a hook that can fail right after a create.
    h.server.running.ctx.crm.register('hubspot', (ctx, account) =>
      createHubSpotPort(ctx, account, {
        searchLagWindowMs: 1_500,
        afterCreate: (type) => {
          const i = crashes.indexOf(type);
          if (i >= 0) {
            crashes.splice(i, 1);
            throw new Error(`simulated crash after creating ${type}`);
          }
        },
      }),
    );
    h.server.running.ctx.crm.forget('acme');
  });
  afterAll(async () => {
    await h?.close();
  });
  const requests = () => h.hs.emulator.requestLog.entries({ portalId: PORTAL });

  it('attaches a miss from a known number to the existing contact, with one call and one task, and a replay adds nothing', async () => {
    const state = h.hs.emulator.state;
    // Stored the way people type numbers; HubSpot matches on national digits.
    const older = state.createObject(PORTAL, 'contacts', { firstname: 'Old', lastname: 'Twin', phone: '602.555.0143', lastmodifieddate: '2025-01-01T00:00:00Z' });
    const known = state.createObject(PORTAL, 'contacts', {
      firstname: 'Lupe',
      lastname: 'Ortiz',
      mobilephone: '(602) 555-0143',
      lifecyclestage: 'customer',
      hubspot_owner_id: OWNERS[1],
      lastmodifieddate: '2026-01-01T00:00:00Z',
    });
    const contactsBefore = objects(h.hs, 'contacts').length;
    // CallRail's legacy post-call payload: numeric id, numbers formatted "602-555-0143", a place as the name.
    const body = fixture('callrail-post-call-missed-legacy.json').toString('utf8');
    const first = await postMiss(h.server, body);
    const c = await written(h.server, first.body.missedCallId);

    expect(c.crm).toMatchObject({ kind: 'hubspot', contactId: known.id, contactCreated: false, ownerId: OWNERS[1], error: null });
    expect(c.intent).toBe('existing_customer');
    expect(objects(h.hs, 'contacts')).toHaveLength(contactsBefore);
    const call = state.getObject(PORTAL, 'calls', c.crm.callId)!;
    expect(call.properties).toMatchObject({
      hs_call_direction: 'INBOUND',
      hs_call_status: 'NO_ANSWER',
      hs_call_disposition: NO_ANSWER,
      hs_call_from_number: '+16025550143',
      hs_call_to_number: '+14805550100',
      hs_timestamp: c.missedAt,
      ringback_key: `rb:${c.id}:call`,
    });
    expect(call.properties.hs_call_body).toContain('Direct');
    const task = state.getObject(PORTAL, 'tasks', c.crm.taskId)!;
    expect(task.properties).toMatchObject({
      hs_task_type: 'CALL',
      hs_task_status: 'NOT_STARTED',
      hs_timestamp: c.slaDueAt,
      hubspot_owner_id: OWNERS[1],
      ringback_key: `rb:${c.id}:task`,
    });
    expect(task.properties.hs_task_subject).toBe('Call back (602) 555-0143 — missed call at Phoenix');
    expect(task.properties.hs_task_body).toContain('Callback script (HVAC)');
    expect(task.properties.hs_task_body).toContain(older.id); // the other contact with this number is named
    expect(assocIds(h.hs, 'calls', call.id, 'contacts')).toEqual([{ toObjectId: known.id, typeIds: [194] }]);
    expect(assocIds(h.hs, 'tasks', task.id, 'contacts')).toEqual([{ toObjectId: known.id, typeIds: [204] }]);

    const callsBefore = objects(h.hs, 'calls').length;
    const replay = await postMiss(h.server, body);
    expect(replay.body.duplicate).toBe(true);
    const modified = await postMiss(h.server, JSON.stringify({ ...JSON.parse(body), transcription: 'call me back please' }), 'call_modified');
    expect(modified.body.missedCallId).toBe(c.id);
    await waitFor(async () => (await caseOf(h.server, c.id)).crm.taskId, 5_000);
    expect(objects(h.hs, 'calls')).toHaveLength(callsBefore);
    expect(objects(h.hs, 'tasks').filter((t) => t.properties.ringback_key?.startsWith(`rb:${c.id}`))).toHaveLength(1);
  });

  it('creates a lead for an unknown caller once, even when two of their calls are written before search sees the contact', async () => {
    h.hs.emulator.faults.searchLag(60_000);
    try {
      const caller = '+16025550188';
      const [a, b] = await Promise.all([
        postMiss(h.server, { caller, kind: 'voicemail', name: 'Dana Whitfield', tracking: '+14805550100', transcript: 'Hi, our AC stopped working, please call back' }),
        postMiss(h.server, { caller, name: 'Dana Whitfield', tracking: '+14805550101' }), // another location: a case of its own, not a repeat
      ]);
      const [ca, cb] = await Promise.all([written(h.server, a.body.missedCallId), written(h.server, b.body.missedCallId)]);
      expect(ca.crm.contactId).toBe(cb.crm.contactId);
      const mine = objects(h.hs, 'contacts').filter((c) => c.properties.phone === caller);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.properties).toMatchObject({ lifecyclestage: 'lead', ringback_created: 'true', firstname: 'Dana', lastname: 'Whitfield', ringback_source: 'Google Ads' });
      expect([ca.crm.contactCreated, cb.crm.contactCreated].sort()).toEqual([false, true]);
      const voicemail = h.hs.emulator.state.getObject(PORTAL, 'calls', ca.crm.callId)!;
      expect(voicemail.properties).toMatchObject({ hs_call_has_voicemail: 'true', hs_call_disposition: LEFT_VOICEMAIL, hs_call_status: 'NO_ANSWER' });
      expect(h.hs.emulator.state.getObject(PORTAL, 'tasks', ca.crm.taskId)!.properties.hs_task_body).toContain('our AC stopped working');
      // The new contact got its first task's owner, so the caller's next cases route to the same rep.
      const creator = ca.crm.contactCreated ? ca : cb;
      expect(mine[0]!.properties.hubspot_owner_id).toBe(creator.crm.ownerId);
    } finally {
      h.hs.emulator.faults.searchLag(null);
    }
  });

  it('logs a repeat dial as a second call on the same contact without a second task', async () => {
    const caller = '+16025550177';
    const first = await postMiss(h.server, { caller, startedAgoMs: 10 * 60_000 });
    const c = await written(h.server, first.body.missedCallId);
    const again = await postMiss(h.server, { caller, startedAgoMs: 60_000 });
    const repeat = await waitFor(async () => {
      const r = await caseOf(h.server, again.body.missedCallId);
      return r.crm.callId ? r : null;
    });
    expect(repeat.repeatOf).toBe(c.id);
    expect(repeat.crm.callId).not.toBe(c.crm.callId);
    const calls = assocIds(h.hs, 'contacts', c.crm.contactId, 'calls');
    expect(calls.map((a) => a.toObjectId).sort()).toEqual([c.crm.callId, repeat.crm.callId].sort());
    expect(assocIds(h.hs, 'contacts', c.crm.contactId, 'tasks')).toHaveLength(1);
  });

  it('closes the follow-up task with a note when the case turns out to be spam, without deleting anything', async () => {
    const id = callId();
    const first = await postMiss(h.server, { id, caller: '+16025550166' });
    const c = await written(h.server, first.body.missedCallId);
    await postMiss(h.server, { id, caller: '+16025550166', spam: true }, 'call_modified');
    const task = await waitFor(() => {
      const t = h.hs.emulator.state.getObject(PORTAL, 'tasks', c.crm.taskId)!;
      return t.properties.hs_task_status === 'COMPLETED' ? t : null;
    });
    expect(task.archived).toBe(false);
    expect(task.properties.hs_task_body).toContain('spam');
    expect(h.hs.emulator.state.getObject(PORTAL, 'calls', c.crm.callId)!.archived).toBe(false);
  });

  it('escalates a task once per tier: priority HIGH, the escalation owner and a note', async () => {
    const posted = await postMiss(h.server, { caller: '+16025550181' });
    const c = await written(h.server, posted.body.missedCallId);
    const ctx = h.server.running.ctx;
    const account = (await ctx.accounts.get('acme'))!;
    const port = await ctx.crm.portFor(ctx, account);
    const row = (await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, c.id)))[0]!;
    const request = { tier: 2 as const, ownerId: OWNERS[2]!, priority: 'HIGH' as const, note: 'Nobody has called this caller back.' };
    const session = createCrmSession(ctx, 'acme', 'hubspot');
    await port.escalate(toCrmCase(row, account), request, session);
    await port.escalate(toCrmCase(row, account), request, session);
    const task = h.hs.emulator.state.getObject(PORTAL, 'tasks', c.crm.taskId)!;
    expect(task.properties).toMatchObject({ hs_task_priority: 'HIGH', hubspot_owner_id: OWNERS[2] });
    expect(task.properties.hs_task_body!.split('Nobody has called this caller back.')).toHaveLength(2);
  });

  it('batches cases arriving together and stays within 3 requests per known caller and 4 per new one', async () => {
    const state = h.hs.emulator.state;
    const known = ['+16025550121', '+16025550122', '+16025550123', '+16025550124'];
    for (const phone of known) state.createObject(PORTAL, 'contacts', { phone, firstname: 'Known' });
    // Alone: one known caller, then one new caller.
    let mark = requests().length;
    const solo = await postMiss(h.server, { caller: known[0]! });
    await written(h.server, solo.body.missedCallId);
    const knownAlone = requests().length - mark;
    mark = requests().length;
    const fresh = await postMiss(h.server, { caller: '+16025550131' });
    await written(h.server, fresh.body.missedCallId);
    const newAlone = requests().length - mark;
    // Together: three known and three new callers at once.
    mark = requests().length;
    const posted = await Promise.all([
      ...known.slice(1).map((caller) => postMiss(h.server, { caller })),
      ...['+16025550132', '+16025550133', '+16025550134'].map((caller) => postMiss(h.server, { caller })),
    ]);
    await Promise.all(posted.map((p) => written(h.server, p.body.missedCallId)));
    const burst = requests().slice(mark);
    console.info(`[hubspot] API requests per missed call: known caller ${knownAlone}, new caller ${newAlone}, 6 together ${(burst.length / 6).toFixed(2)} (${burst.length})`);
    expect(knownAlone).toBeLessThanOrEqual(3);
    expect(newAlone).toBeLessThanOrEqual(4);
    expect(burst.length).toBeLessThan(6 * 3);
    expect(burst.filter((r) => r.path === '/crm/v3/objects/tasks/batch/create').length).toBeLessThan(6);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(0);
  });
  it('still writes one call and one task when the worker dies after HubSpot created them', async () => {
    h.hs.emulator.faults.searchLag(700); // the retry cannot see the records at first
    try {
      crashes = ['calls', 'tasks'];
      const posted = await postMiss(h.server, { caller: '+16025550201' });
      const c = await written(h.server, posted.body.missedCallId);
      expect(crashes).toEqual([]);
      expect(await actions(h.server, c.id)).toContain('crm.write_failed');
      const calls = keyed(h, 'calls', c.id);
      const tasks = keyed(h, 'tasks', c.id);
      expect(calls.map((o) => o.id)).toEqual([c.crm.callId]);
      expect(tasks.map((o) => o.id)).toEqual([c.crm.taskId]);
    } finally {
      h.hs.emulator.faults.searchLag(null);
    }
  });


  it('creates a new contact once when the worker dies after the contact was created', async () => {
    crashes = ['contacts'];
    const caller = '+16025550202';
    const posted = await postMiss(h.server, { caller });
    const c = await written(h.server, posted.body.missedCallId);
    expect(crashes).toEqual([]);
    expect(objects(h.hs, 'contacts').filter((o) => o.properties.phone === caller)).toHaveLength(1);
    expect(keyed(h, 'calls', c.id)).toHaveLength(1);
  });


  it('looks before creating again after a 5xx on a create, and creates once the lag window has passed', async () => {
    const posted = await postMiss(h.server, { caller: '+16025550203' });
    h.hs.emulator.faults.serverErrors(1, 503);
    const c = await written(h.server, posted.body.missedCallId);
    expect(keyed(h, 'calls', c.id)).toHaveLength(1);
    expect(keyed(h, 'tasks', c.id)).toHaveLength(1);
  });


  it("recreates Ringback's property when an admin deleted it, and writes the case", async () => {
    const del = await fetch(`${h.hs.url}/crm/v3/properties/tasks/ringback_key`, { method: 'DELETE', headers: { authorization: `Bearer ${h.hs.token}` } });
    expect(del.status).toBe(204);
    const posted = await postMiss(h.server, { caller: '+16025550221' });
    const c = await written(h.server, posted.body.missedCallId);
    expect(h.hs.emulator.state.getObject(PORTAL, 'tasks', c.crm.taskId)!.properties.ringback_key).toBe(`rb:${c.id}:task`);
  });


  it('gives the task to the next owner when the chosen one was deleted in HubSpot', async () => {
    const portal = h.hs.emulator.state.portal(PORTAL);
    const gone = portal.owners.get(OWNERS[0]!)!;
    gone.archived = true;
    try {
      const cases = [];
      for (const caller of ['+16025550231', '+16025550232']) {
        const posted = await postMiss(h.server, { caller });
        cases.push(await written(h.server, posted.body.missedCallId));
      }
      for (const c of cases) {
        expect(c.crm.error).toBeNull();
        expect(h.hs.emulator.state.getObject(PORTAL, 'tasks', c.crm.taskId)!.properties.hubspot_owner_id).toBe(OWNERS[1]);
      }
    } finally {
      gone.archived = false;
    }
  });

});
