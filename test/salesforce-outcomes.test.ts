/**
 * Outcomes back from Salesforce (contract §5): a rep's logged callback, a booked meeting and a won
 * Opportunity on the caller's (converted) Lead advance the case through the real poll job; the Tasks
 * Ringback wrote itself never count, and a replayed poll records nothing twice. PostgreSQL + Redis
 * only: the path is the same on PGlite, whose start alone would double this file's time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { waitFor, uniqueName } from './helpers/engines.ts';
import { postMiss, startWorld, written, getCase, type World } from './salesforce-harness.ts';
import { jobs, outcomes } from '../server/src/store/schema.ts';
import { readOutcomeCursor, SALESFORCE_POLL_JOB } from '../server/src/jobs/salesforce-outcomes.ts';

describe('Salesforce outcome polling', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld('postgres+redis');
  });
  afterAll(async () => {
    await w?.close();
  });

  /** Runs one poll through the queue, as the periodic task does, and waits for it. */
  async function poll(): Promise<number> {
    const ctx = w.rb.running.ctx;
    const key = uniqueName('salesforce.outcomes:test');
    const before = w.apiCalls();
    await ctx.queue.enqueue({ kind: SALESFORCE_POLL_JOB, key, accountId: 'acme', payload: { accountId: 'acme' } });
    const status = await waitFor(
      async () => {
        const row = (await ctx.database.db.select().from(jobs).where(eq(jobs.key, key)))[0];
        return row && ['done', 'dead'].includes(row.status) ? row : null;
      },
      15_000,
      'the poll',
    );
    expect(status.lastError).toBeNull();
    return w.apiCalls() - before;
  }

  const recorded = async () =>
    w.rb.running.ctx.database.db
      .select()
      .from(outcomes)
      .where(and(eq(outcomes.accountId, 'acme'), eq(outcomes.source, 'salesforce')));

  it("advances the case from a rep's callback, a meeting and a won Opportunity, never from Ringback's own Tasks", async () => {
    const c = await written(
      w,
      await postMiss(w, { id: 'CALsfo0001', caller: '+16025550501', name: 'Olga Outcome', minutesAgo: 10 }),
    );
    await waitFor(() => readOutcomeCursor(w.rb.running.ctx, 'acme'), 15_000, 'the first poll to set the cursor');

    // Only Ringback's call Task and follow-up exist: nothing to record.
    expect(await poll()).toBe(1);
    expect(await recorded()).toHaveLength(0);
    expect((await getCase(w, c.id)).status).toBe('open');

    const org = { orgId: w.org.orgId, userId: w.owners[0] };
    const lead = c.crm.contactId as string;
    w.emu.state.insert(
      'Task',
      {
        Subject: 'Call back',
        TaskSubtype: 'Call',
        CallType: 'Outbound',
        Status: 'Completed',
        CallDurationInSeconds: 95,
        CallDisposition: 'Connected',
        WhoId: lead,
      },
      org,
    );
    const { contactId, accountId } = w.emu.state.convertLead(lead, w.org.orgId);
    w.emu.state.insert(
      'Event',
      {
        Subject: 'Estimate visit',
        WhoId: contactId,
        StartDateTime: new Date(Date.now() + 86_400_000).toISOString(),
        DurationInMinutes: 60,
      },
      org,
    );
    const today = new Date().toISOString().slice(0, 10);
    w.emu.state.insert(
      'Opportunity',
      {
        Name: 'AC replacement',
        StageName: 'Closed Won',
        CloseDate: today,
        Amount: 1200,
        ContactId: contactId,
        AccountId: accountId,
      },
      org,
    );

    expect(await poll()).toBe(1);
    const after = await getCase(w, c.id);
    expect(after).toMatchObject({ status: 'won', revenue: 1200 });
    expect(after.firstAttemptAt).not.toBeNull();
    expect(after.contactedAt).not.toBeNull();
    expect(after.bookedAt).not.toBeNull();
    const rows = await recorded();
    expect(rows.map((r) => `${r.type}:${r.externalId!.split(':')[0]}`).sort()).toEqual([
      'attempt:Task',
      'booking:Event',
      'booking:Opportunity',
      'revenue:Opportunity',
    ]);
    expect(rows.every((r) => r.callerE164 === '+16025550501')).toBe(true);
    expect(rows.map((r) => r.externalId)).not.toContain(`Task:${c.crm.callId}`);

    // The same records seen again record nothing twice.
    expect(await poll()).toBe(1);
    expect(await recorded()).toHaveLength(4);
  });
});
