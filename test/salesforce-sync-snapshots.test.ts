/**
 * The snapshot sync end to end, on both engine pairs: missed calls, callbacks and outcomes go in
 * through the real webhooks and API; the sync writes Ringback_Location__c and
 * Ringback_Recovery_Snapshot__c into the Salesforce emulator, whose objects are defined from the
 * package's own field metadata (so a field the package lacks is rejected as a real org would).
 * Figures must equal the recovery API's for the same location and local day; a replay — even with
 * the sync's memory wiped — changes nothing; a change re-sends only its day; a location deleted in
 * the org is recreated; an org without the package pauses the account with a clear error.
 */
import jsforce from 'jsforce';
import { DateTime } from 'luxon';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickPeriodic } from '../server/src/jobs/periodic.ts';
import { cursors, jobs } from '../server/src/store/schema.ts';
import { salesforceSyncedRecords } from '../server/src/store/schema-salesforce-sync.ts';
import {
  clearSnapshotPause,
  salesforceSnapshotTask,
  snapshotSyncSpec,
  syncSnapshots,
} from '../server/src/salesforce-sync/index.ts';
import { waitFor } from './helpers/engines.ts';
import { ENGINE_NAMES } from './helpers/server.ts';
import {
  TRACKING,
  apiDay,
  call,
  callback,
  miss,
  post,
  records,
  snapshotFigures,
  startWorld,
  syncRequests,
  type World,
} from './salesforce-sync-world.ts';

describe.each(ENGINE_NAMES)('salesforce snapshot sync (%s)', (engine) => {
  let w: World;
  const phx = DateTime.now()
    .setZone('America/Phoenix')
    .minus({ days: 2 })
    .set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  // 00:30 in Boston is the evening before in Phoenix: the day must be read in the location's own zone.
  const den = DateTime.now()
    .setZone('America/New_York')
    .minus({ days: 1 })
    .set({ hour: 0, minute: 30, second: 0, millisecond: 0 });
  const d1 = phx.toISODate()!;
  const d0 = den.toISODate()!;

  beforeAll(async () => {
    w = await startWorld(engine);
    const statuses = [
      await call(w, 'acme', miss('m-1', '+16025550001', TRACKING.phoenix, phx)),
      await call(w, 'acme', callback('cb-1', TRACKING.phoenix, '+16025550001', phx.plus({ minutes: 10 }), 80)),
      await call(w, 'acme', miss('m-2', '+16025550002', TRACKING.phoenix, phx.plus({ minutes: 30 }))),
      await call(w, 'acme', miss('m-3', '+16025550003', TRACKING.tempe, phx.plus({ minutes: 5 }))),
      await call(w, 'acme', callback('cb-3', TRACKING.tempe, '+16025550003', phx.plus({ minutes: 50 }), 0)),
      await call(w, 'acme', miss('m-4', '+17205550004', TRACKING.boston, den)),
      await call(w, 'bare', miss('m-5', '+16025550005', TRACKING.solo, phx)),
    ];
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    const auth = { authorization: `Bearer ${w.adminToken}` };
    expect(
      await post(
        w,
        '/api/accounts/acme/outcomes',
        { callerE164: '+16025550001', type: 'booking', at: phx.plus({ hours: 2 }).toUTC().toISO() },
        auth,
      ),
    ).toBe(201);
    expect(
      await post(
        w,
        '/api/accounts/acme/outcomes',
        { callerE164: '+16025550001', type: 'revenue', amount: 425.5, at: phx.plus({ days: 1 }).toUTC().toISO() },
        auth,
      ),
    ).toBe(201);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('writes every location and each location-day with the recovery API figures and ranks', async () => {
    const report = await syncSnapshots(w.rb.ctx, 'acme');
    expect(report).toMatchObject({ locationsWritten: 3, snapshotsWritten: 3, requests: 2 });

    const locations = records(w, 'Ringback_Location__c');
    expect(locations.map((l) => [l['Location_Id__c'], l['Name'], l['Time_Zone__c'], l['Vertical__c']]).sort()).toEqual([
      ['boston', 'Boston', 'America/New_York', 'plumbing'],
      ['phoenix', 'Phoenix', 'America/Phoenix', 'hvac'],
      ['tempe', 'Tempe', 'America/Phoenix', 'hvac'],
    ]);
    const idOf = Object.fromEntries(locations.map((l) => [l['Location_Id__c'], l['Id']]));

    const snaps = snapshotFigures(w);
    expect(Object.keys(snaps).sort()).toEqual([`boston|${d0}`, `phoenix|${d1}`, `tempe|${d1}`].sort());
    const phoenix = snaps[`phoenix|${d1}`]!;
    expect(phoenix).toMatchObject({
      Location__c: idOf['phoenix'],
      Date__c: d1,
      Name: `Phoenix ${d1}`,
      Missed__c: 2,
      Attempted__c: 1,
      Contacted__c: 1,
      Booked__c: 1,
      Won__c: 1,
      Revenue__c: 425.5,
    });
    for (const [location, tz, date] of [
      ['phoenix', 'America/Phoenix', d1],
      ['tempe', 'America/Phoenix', d1],
      ['boston', 'America/New_York', d0],
    ] as const) {
      const truth = await apiDay(w, location, tz, date);
      const snap = snaps[`${location}|${date}`]!;
      expect(snap, `${location} ${date}`).toMatchObject({
        Missed__c: truth.missed,
        Attempted__c: truth.attempted,
        Attempted_Within_SLA__c: truth.attemptedWithinSla,
        Contacted__c: truth.contacted,
        Booked__c: truth.booked,
        Won__c: truth.won,
        Revenue__c: truth.revenue,
        Recovery_Rate__c: truth.recoveryRate === null ? null : Math.round(truth.recoveryRate * 10_000) / 100,
        Attempt_Rate__c: truth.attemptRate === null ? null : Math.round(truth.attemptRate * 10_000) / 100,
        Callback_P50_Seconds__c: truth.callbackSeconds.p50 === null ? null : Math.round(truth.callbackSeconds.p50),
      });
    }
    // Phoenix recovered 1 of 2, Tempe 0 of 1, that day: ranks among the account and within hvac.
    expect([phoenix['Recovery_Rank_Account__c'], snaps[`tempe|${d1}`]!['Recovery_Rank_Account__c']]).toEqual([75, 25]);
    expect([phoenix['Recovery_Rank_Vertical__c'], snaps[`tempe|${d1}`]!['Recovery_Rank_Vertical__c']]).toEqual([
      75, 25,
    ]);
    expect(snaps[`boston|${d0}`]!['Recovery_Rank_Account__c']).toBe(50);
  });

  it('a replay changes nothing and sends nothing', async () => {
    const before = {
      locations: records(w, 'Ringback_Location__c'),
      snapshots: records(w, 'Ringback_Recovery_Snapshot__c'),
    };
    const sent = syncRequests(w);
    const report = await syncSnapshots(w.rb.ctx, 'acme');
    expect(report).toMatchObject({ locationsWritten: 0, snapshotsWritten: 0, requests: 0 });
    expect(syncRequests(w)).toBe(sent);
    expect(records(w, 'Ringback_Location__c')).toEqual(before.locations);
    expect(records(w, 'Ringback_Recovery_Snapshot__c')).toEqual(before.snapshots);
  });

  it('with its memory wiped, a full replay upserts onto the same records with the same values', async () => {
    const figures = snapshotFigures(w);
    const ids = records(w, 'Ringback_Recovery_Snapshot__c')
      .map((r) => r['Id'])
      .sort();
    await w.rb.ctx.database.db.delete(salesforceSyncedRecords).where(eq(salesforceSyncedRecords.accountId, 'acme'));
    await w.rb.ctx.database.exec(`delete from cursors where account_id = 'acme'`);
    const report = await syncSnapshots(w.rb.ctx, 'acme');
    expect(report).toMatchObject({ locationsWritten: 3, snapshotsWritten: 3 });
    expect(records(w, 'Ringback_Location__c')).toHaveLength(3);
    expect(
      records(w, 'Ringback_Recovery_Snapshot__c')
        .map((r) => r['Id'])
        .sort(),
    ).toEqual(ids);
    expect(snapshotFigures(w)).toEqual(figures);
  });

  it('spreads a large sync over runs, oldest days first, and moves the cursor only when done', async () => {
    const ctx = w.rb.ctx;
    await ctx.database.db.delete(salesforceSyncedRecords).where(eq(salesforceSyncedRecords.accountId, 'acme'));
    await ctx.database.exec(`delete from cursors where account_id = 'acme'`);
    const first = await syncSnapshots(ctx, 'acme', { maxRecords: 4 });
    expect(first).toMatchObject({ locationsWritten: 3, snapshotsWritten: 1, more: true });
    expect(await ctx.database.db.select().from(cursors).where(eq(cursors.accountId, 'acme'))).toEqual([]);
    const followUps = await ctx.database.db.select().from(jobs).where(like(jobs.key, 'salesforce.snapshots:acme:m%'));
    expect(followUps.length).toBeGreaterThan(0);
    const second = await syncSnapshots(ctx, 'acme', { maxRecords: 4 });
    expect(second).toMatchObject({ locationsWritten: 0, snapshotsWritten: 2, more: false });
    expect(await ctx.database.db.select().from(cursors).where(eq(cursors.accountId, 'acme'))).toHaveLength(1);
    expect(records(w, 'Ringback_Recovery_Snapshot__c')).toHaveLength(3);
  });

  it("a change re-sends only that day's changed snapshots, peers whose ranks moved included, in one API call", async () => {
    const auth = { authorization: `Bearer ${w.adminToken}` };
    expect(
      await post(
        w,
        '/api/accounts/acme/outcomes',
        { callerE164: '+16025550002', type: 'contact', at: phx.plus({ hours: 1 }).toUTC().toISO() },
        auth,
      ),
    ).toBe(201);
    const sent = syncRequests(w);
    const report = await syncSnapshots(w.rb.ctx, 'acme');
    // The contact is also an attempt: Phoenix's attempt rate ties Tempe's, so Tempe's rank moves too.
    expect(report).toMatchObject({ locationsWritten: 0, snapshotsWritten: 2, requests: 1 });
    expect(syncRequests(w)).toBe(sent + 1);
    const snaps = snapshotFigures(w);
    expect(Object.keys(snaps)).toHaveLength(3);
    expect(snaps[`phoenix|${d1}`]).toMatchObject({
      Contacted__c: 2,
      Recovery_Rate__c: 100,
      Attempt_Rank_Account__c: 50,
    });
    expect(snaps[`tempe|${d1}`]).toMatchObject({ Attempt_Rank_Account__c: 50, Recovery_Rank_Account__c: 25 });
    expect(snaps[`boston|${d0}`]).toMatchObject({ Missed__c: 1 });
    expect(snaps[`phoenix|${d1}`]!['Contacted__c']).toBe((await apiDay(w, 'phoenix', 'America/Phoenix', d1)).contacted);
  });

  it('recreates a location deleted in the org and points its snapshots at the new record', async () => {
    const conn = new jsforce.Connection({ instanceUrl: w.sf.url, accessToken: w.org.accessToken, version: '62.0' });
    const phoenix = records(w, 'Ringback_Location__c').find((l) => l['Location_Id__c'] === 'phoenix')!;
    await conn.sobject('Ringback_Location__c').destroy(phoenix['Id'] as string);
    expect(await call(w, 'acme', miss('m-6', '+16025550006', TRACKING.phoenix, phx.plus({ hours: 3 })))).toBe(200);
    await expect(syncSnapshots(w.rb.ctx, 'acme')).rejects.toMatchObject({ code: 'salesforce_location_missing' });
    await syncSnapshots(w.rb.ctx, 'acme');
    const recreated = records(w, 'Ringback_Location__c').find((l) => l['Location_Id__c'] === 'phoenix')!;
    expect(recreated['Id']).not.toBe(phoenix['Id']);
    expect(snapshotFigures(w)[`phoenix|${d1}`]).toMatchObject({ Location__c: recreated['Id'], Missed__c: 3 });
  });

  it('pauses an account whose org lacks the package, with an error saying what to deploy', async () => {
    const err = await syncSnapshots(w.rb.ctx, 'bare').then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(err?.code).toBe('salesforce_package_missing');
    expect(err?.message).toMatch(/sf project deploy start/);
    expect(await salesforceSnapshotTask.accounts(w.rb.ctx)).toEqual(['acme']);
    await clearSnapshotPause(w.rb.ctx, 'bare');
    expect((await salesforceSnapshotTask.accounts(w.rb.ctx)).sort()).toEqual(['acme', 'bare']);
  });

  it('runs as an outbox job, one per account and time bucket', async () => {
    const ctx = w.rb.ctx;
    expect(await tickPeriodic(ctx, salesforceSnapshotTask)).toBe(2);
    expect(await tickPeriodic(ctx, salesforceSnapshotTask)).toBe(0);
    const spec = snapshotSyncSpec('acme', new Date());
    await ctx.queue.enqueue(spec); // may exist already: the sync above asked for a follow-up this minute
    expect(await ctx.queue.enqueue(spec)).toBeNull();
    expect(await call(w, 'acme', miss('m-7', '+13035550007', TRACKING.boston, den.plus({ hours: 1 })))).toBe(200);
    // Run it now instead of at the end of its minute.
    await ctx.queue.enqueue({ ...spec, key: `${spec.key}:now`, runAt: new Date() });
    await ctx.queue.startWorker(2);
    await waitFor(
      () => snapshotFigures(w)[`boston|${d0}`]?.['Missed__c'] === 2,
      15_000,
      'the job to sync the new Boston miss',
    );
    await waitFor(
      async () =>
        (
          await ctx.database.db
            .select()
            .from(jobs)
            .where(eq(jobs.key, `${spec.key}:now`))
        )[0]?.status === 'done',
      10_000,
      'the job to finish',
    );
  });
});
