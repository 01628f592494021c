/**
 * Missed calls into Salesforce end to end (contract §6): CallRail posts into a real Ringback whose
 * account is connected to the Salesforce emulator; the org must then hold exactly the expected
 * Leads, Contacts and Tasks, linked to the right people, and each case its CRM ids. API calls per
 * missed call are measured from the emulator's request log (target ≤ 2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import jsforce from 'jsforce';
import { ENGINE_NAMES } from './helpers/server.ts';
import { postCallRail } from './helpers/webhooks.ts';
import { waitFor } from './helpers/engines.ts';
import {
  getCase,
  leadsWithPhone,
  missBody,
  postMiss,
  startWorld,
  tasksWithKeyFor,
  written,
  type World,
} from './salesforce-harness.ts';
import { missedCalls } from '../server/src/store/schema.ts';
import { toCrmCase } from '../server/src/crm/crm-case.ts';
import { createCrmSession } from '../server/src/crm/session.ts';

const PRIORITY: Record<string, string> = { high: 'High', normal: 'Normal', low: 'Low' };
const localDate = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
const role = (t: Record<string, unknown>) => String(t['Ringback_Key__c']).split(':').pop();

describe.each(ENGINE_NAMES)('Salesforce writes on %s', (engine) => {
  let w: World;
  const measured: Record<string, number> = {};
  beforeAll(async () => {
    w = await startWorld(engine);
  });
  afterAll(async () => {
    console.info(`[${engine}] Salesforce API calls per missed call: ${JSON.stringify(measured)}`);
    await w?.close();
  });

  /** Posts a miss, waits for its write, and records how many API calls it cost. */
  async function writeMeasured(label: string, m: Parameters<typeof postMiss>[1]) {
    const before = w.apiCalls();
    const id = await postMiss(w, m);
    const c = await written(w, id);
    measured[label] = w.apiCalls() - before;
    return c;
  }

  it('makes a new caller one Lead with a call Task and an open follow-up, in two API calls; a replay adds nothing', async () => {
    const body = missBody({ id: 'CALsfw0001', caller: '+16025550101', name: 'Dana Diaz', source: 'Yelp' });
    const before = w.apiCalls();
    const first = await postCallRail(w.rb.url, 'acme', 'cr-key', body, 'post_call');
    const c = await written(w, first.body.missedCallId);
    measured.newCaller = w.apiCalls() - before;
    expect(measured.newCaller).toBeLessThanOrEqual(2);

    const leads = leadsWithPhone(w, '+16025550101');
    expect(leads).toHaveLength(1);
    const lead = leads[0]!;
    // 'Yelp' is not in the org's restricted LeadSource picklist: the documented fallback.
    expect(lead).toMatchObject({
      LastName: 'Dana Diaz',
      Company: 'Dana Diaz',
      LeadSource: 'Phone Inquiry',
      Ringback_Created__c: true,
      OwnerId: c.crm.ownerId,
    });
    expect(w.owners).toContain(c.crm.ownerId);
    expect(c.crm).toMatchObject({ kind: 'salesforce', contactId: lead['Id'], contactCreated: true, error: null });

    const tasks = tasksWithKeyFor(w, c.id);
    expect(tasks.map(role).sort()).toEqual(['call', 'task']);
    const call = tasks.find((t) => role(t) === 'call')!;
    const task = tasks.find((t) => role(t) === 'task')!;
    expect(call).toMatchObject({
      Id: c.crm.callId,
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      Status: 'Completed',
      CallObject: 'CALsfw0001',
      CallDisposition: 'No answer',
      WhoId: lead['Id'],
    });
    expect(String(call['Description'])).toContain('Location: Phoenix');
    expect(String(call['Description'])).toContain('Source: Yelp');
    expect(call['ActivityDate']).toBe(localDate(c.missedAt, 'America/Phoenix'));
    expect(task).toMatchObject({
      Id: c.crm.taskId,
      Status: 'Not Started',
      Priority: PRIORITY[c.urgency],
      IsReminderSet: true,
      WhoId: lead['Id'],
      OwnerId: c.crm.ownerId,
      ActivityDate: localDate(c.slaDueAt, 'America/Phoenix'),
    });
    expect(task['TaskSubtype']).not.toBe('Call');
    expect(Date.parse(String(task['ReminderDateTime']).replace('+0000', 'Z'))).toBe(Date.parse(c.slaDueAt));

    const replay = await postCallRail(w.rb.url, 'acme', 'cr-key', body, 'post_call');
    expect(replay.body).toMatchObject({ duplicate: true, missedCallId: c.id });
    const modified = await postCallRail(
      w.rb.url,
      'acme',
      'cr-key',
      body.replace('"tags":[]', '"tags":["callback"]'),
      'call_modified',
    );
    expect(modified.body.missedCallId).toBe(c.id);
    // Another case written after the replays: by then any second write of the first would have run.
    await written(w, await postMiss(w, { id: 'CALsfw0001b', caller: '+16025550109', name: null }));
    expect(leadsWithPhone(w, '+16025550101')).toHaveLength(1);
    expect(tasksWithKeyFor(w, c.id)).toHaveLength(2);
    // No caller name: the Lead is named for what is known.
    expect(leadsWithPhone(w, '+16025550109')[0]).toMatchObject({ LastName: 'Unknown caller', Company: '+16025550109' });
  });

  it('attaches a later call from the same caller to the remembered Lead in one API call, keeping its owner', async () => {
    const firstCase = (await w.rb.api('/api/accounts/acme/missed-calls?limit=500')).body.items.find(
      (i: any) => i.providerCallId === 'CALsfw0001',
    );
    // Another location, so not a repeat dial: a new case for a known caller.
    const c = await writeMeasured('knownCaller', {
      id: 'CALsfw0002',
      caller: '+16025550101',
      name: 'Dana Diaz',
      tracking: '+14805550101',
      minutesAgo: 1,
    });
    expect(measured.knownCaller).toBe(1);
    expect(c.crm).toMatchObject({
      contactId: firstCase.crm.contactId,
      contactCreated: false,
      ownerId: firstCase.crm.ownerId,
    });
    expect(leadsWithPhone(w, '+16025550101')).toHaveLength(1);
    expect(tasksWithKeyFor(w, c.id).every((t) => t['WhoId'] === firstCase.crm.contactId)).toBe(true);
  });

  it('logs a repeat dial as its own call Task on the same person, without a follow-up', async () => {
    const parent = (await w.rb.api('/api/accounts/acme/missed-calls?limit=500')).body.items.find(
      (i: any) => i.providerCallId === 'CALsfw0001',
    );
    const id = await postMiss(w, { id: 'CALsfw0003', caller: '+16025550101', name: 'Dana Diaz', minutesAgo: 2 });
    const c = await written(w, id, 'crm.repeat');
    expect(c.repeatOf).toBe(parent.id);
    const tasks = tasksWithKeyFor(w, id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      Id: c.crm.callId,
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      WhoId: parent.crm.contactId,
    });
    expect(role(tasks[0]!)).toBe('repeat_call');
  });

  it('prefers the most recently modified Contact over a Lead with the same number, in any stored format', async () => {
    const org = { orgId: w.org.orgId };
    w.emu.state.insert(
      'Lead',
      { LastName: 'Old Lead', Company: 'Old', Phone: '602-555-0177', LastModifiedDate: '2026-11-01T10:00:00.000+0000' },
      org,
    );
    w.emu.state.insert(
      'Contact',
      { LastName: 'Older Carla', MobilePhone: '+1 602 555 0177', LastModifiedDate: '2025-01-01T10:00:00.000+0000' },
      org,
    );
    const carla = w.emu.state.insert(
      'Contact',
      {
        LastName: 'Carla',
        Phone: '(602) 555-0177',
        OwnerId: w.owners[1],
        LastModifiedDate: '2026-10-01T10:00:00.000+0000',
      },
      org,
    );
    const c = await writeMeasured('existingContact', { id: 'CALsfw0004', caller: '+16025550177', name: 'Carla' });
    expect(measured.existingContact).toBeLessThanOrEqual(2);
    expect(c.crm).toMatchObject({ contactId: carla, contactCreated: false, ownerId: w.owners[1] });
    expect(c.intent).toBe('existing_customer');
    expect(leadsWithPhone(w, '+16025550177')).toHaveLength(0);
    expect(tasksWithKeyFor(w, c.id).every((t) => t['WhoId'] === carla && t['OwnerId'] === w.owners[1])).toBe(true);
  });

  it('follows a converted Lead to its Contact', async () => {
    const lead = w.emu.state.insert(
      'Lead',
      { LastName: 'Conv', Company: 'Conv Co', Phone: '+16025550188' },
      { orgId: w.org.orgId },
    );
    const { contactId } = w.emu.state.convertLead(lead, w.org.orgId);
    const c = await written(w, await postMiss(w, { id: 'CALsfw0005', caller: '+16025550188', name: 'Conv' }));
    expect(c.crm).toMatchObject({ contactId, contactCreated: false });
    expect(tasksWithKeyFor(w, c.id).map((t) => t['WhoId'])).toEqual([contactId, contactId]);
  });

  it('finds a remembered Lead again after it was converted, and after its Contact was merged away', async () => {
    const first = await written(w, await postMiss(w, { id: 'CALsfw0012', caller: '+16025550112', name: 'Mo Moved' }));
    const lead = first.crm.contactId as string;
    const { contactId } = w.emu.state.convertLead(lead, w.org.orgId);
    // Remembered as the Lead; the write is refused for it and follows the conversion.
    const second = await written(
      w,
      await postMiss(w, {
        id: 'CALsfw0013',
        caller: '+16025550112',
        name: 'Mo Moved',
        tracking: '+14805550101',
        minutesAgo: 1,
      }),
    );
    expect(second.crm).toMatchObject({ contactId, contactCreated: false, error: null });
    expect(tasksWithKeyFor(w, second.id).map((t) => t['WhoId'])).toEqual([contactId, contactId]);

    // The Contact is merged into another one (the loser is deleted): the next call searches again.
    const survivor = w.emu.state.insert(
      'Contact',
      { LastName: 'Mo Survivor', MobilePhone: '602.555.0112' },
      { orgId: w.org.orgId },
    );
    const admin = new jsforce.Connection({
      instanceUrl: w.sf.url,
      accessToken: w.emu.state.issueAccessToken({ orgId: w.org.orgId }),
      version: '62.0',
    });
    await admin.sobject('Contact').destroy(contactId);
    // An unassigned tracking number: a new case, not a repeat dial of the first two.
    const third = await written(
      w,
      await postMiss(w, {
        id: 'CALsfw0014',
        caller: '+16025550112',
        name: 'Mo Moved',
        tracking: '+14805550199',
        minutesAgo: 0,
      }),
    );
    expect(third.crm).toMatchObject({ contactId: survivor, contactCreated: false, error: null });
    expect(leadsWithPhone(w, '+16025550112')).toHaveLength(1);
  });

  it("gives a new Lead the call's source when the restricted picklist lists it", async () => {
    const c = await written(
      w,
      await postMiss(w, { id: 'CALsfw0006', caller: '+16025550166', name: 'Web Walker', source: 'Web' }),
    );
    expect(leadsWithPhone(w, '+16025550166')).toEqual([
      expect.objectContaining({ Id: c.crm.contactId, LeadSource: 'Web' }),
    ]);
  });

  it('closes the follow-up with a note when the call turns out to be spam, and deletes nothing', async () => {
    const body = missBody({ id: 'CALsfw0007', caller: '+16025550155', name: 'Spammy' });
    const id = (await postCallRail(w.rb.url, 'acme', 'cr-key', body, 'post_call')).body.missedCallId;
    const c = await written(w, id);
    const flagged = JSON.stringify({ ...JSON.parse(body), spam: true });
    expect((await postCallRail(w.rb.url, 'acme', 'cr-key', flagged, 'call_modified')).body.missedCallId).toBe(id);
    const task = await waitFor(
      () => {
        const t = w.emu.state.get(c.crm.taskId, w.org.orgId);
        return t && t['Status'] === 'Completed' ? t : null;
      },
      15_000,
      'the follow-up closed as spam',
    );
    expect(String(task['Description'])).toMatch(/spam/i);
    expect(tasksWithKeyFor(w, id)).toHaveLength(2);
    expect(leadsWithPhone(w, '+16025550155')).toHaveLength(1);
  });

  it('escalates the follow-up once per tier: priority, owner and one note', async () => {
    const c = await written(w, await postMiss(w, { id: 'CALsfw0008', caller: '+16025550144', name: 'Eve' }));
    const ctx = w.rb.running.ctx;
    const account = (await ctx.accounts.get('acme'))!;
    const row = (await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.id, c.id)))[0]!;
    const port = await ctx.crm.portFor(ctx, account);
    const session = createCrmSession(ctx, 'acme', 'salesforce');
    const target = c.crm.ownerId === w.owners[0] ? w.owners[1] : w.owners[0];
    const request = {
      tier: 2 as const,
      ownerId: target,
      priority: 'HIGH' as const,
      note: 'Not called back by the deadline.',
    };
    await port.escalate(toCrmCase(row, account), request, session);
    await port.escalate(toCrmCase(row, account), request, session);
    const task = w.emu.state.get(c.crm.taskId, w.org.orgId)!;
    expect(task).toMatchObject({ Priority: 'High', OwnerId: target });
    expect(String(task['Description']).split('[Ringback escalation tier 2]')).toHaveLength(2);
  });

  it('falls back to the next owner when the chosen one is inactive', async () => {
    const org = { orgId: w.org.orgId };
    const contact = w.emu.state.insert(
      'Contact',
      { LastName: 'Fay', Phone: '+16025550133', OwnerId: w.owners[0] },
      org,
    );
    w.emu.state.update('User', w.owners[0], { IsActive: false }, org);
    try {
      const c = await written(w, await postMiss(w, { id: 'CALsfw0009', caller: '+16025550133', name: 'Fay' }));
      expect(c.crm).toMatchObject({ contactId: contact, ownerId: w.owners[1] });
      expect(tasksWithKeyFor(w, c.id).map((t) => t['OwnerId'])).toEqual([w.owners[1], w.owners[1]]);
    } finally {
      w.emu.state.update('User', w.owners[0], { IsActive: true }, org);
    }
  });

  it("puts the org's validation and duplicate rules on the case as clear errors, writing nothing", async () => {
    w.emu.faults.validationRule('Lead', (r) => r['Company'] === 'Blocked Co', 'Company is blocked', {
      orgId: w.org.orgId,
    });
    w.emu.state.insert('Lead', { LastName: 'Twin', Company: 'Twin Co', Phone: '+14155550100' }, { orgId: w.org.orgId });
    w.emu.faults.duplicateRule('Lead', ['Company'], { orgId: w.org.orgId });
    try {
      const blocked = await postMiss(w, { id: 'CALsfw0010', caller: '+16025550122', name: 'Blocked Co' });
      const twin = await postMiss(w, { id: 'CALsfw0011', caller: '+16025550123', name: 'Twin Co' });
      const errorOf = (id: string) =>
        waitFor(async () => (await getCase(w, id)).crm.error, 15_000, `the CRM error of ${id}`);
      expect(await errorOf(blocked)).toMatchObject({ code: 'crm_validation_rule' });
      expect(await errorOf(twin)).toMatchObject({ code: 'crm_duplicate_rule' });
      expect(tasksWithKeyFor(w, blocked)).toHaveLength(0);
      expect(leadsWithPhone(w, '+16025550122')).toHaveLength(0);
    } finally {
      w.emu.faults.clear();
    }
  });
});
