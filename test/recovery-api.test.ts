/**
 * The recovery API end to end: a multi-location scenario replayed through signed webhooks and the
 * outcomes API into a real Ringback (worker running, rollups refreshed by their jobs), read back as
 * exact figures — by location with percentile ranks, by local day, by source — plus the location
 * page, the missed-call extensions (filters, timeline, priority), and account scoping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { waitFor } from './helpers/engines.ts';
import { ENGINE_NAMES } from './helpers/server.ts';
import { postGeneric } from './helpers/webhooks.ts';
import { casePriority, recoveryDirty } from '../server/src/store/schema-recovery.ts';
import { jobs, missedCalls } from '../server/src/store/schema.ts';
import { startClockedRingback, TestClock, type ClockedRingback } from './recovery-helpers.ts';

const CONFIG = `
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/New_York
    callTracking: { generic: { secret: "gen-secret" } }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, vertical: hvac, trackingNumbers: ["+14805550100"] }
      - { id: tempe, name: Tempe, timezone: America/Phoenix, vertical: plumbing, trackingNumbers: ["+14805550101"] }
      - { id: boston, name: Boston, timezone: America/New_York, vertical: hvac, trackingNumbers: ["+16175550100"] }
  - id: other
    name: Other Co
    callTracking: { generic: { secret: "other-secret" } }
`;

const NOW = '2026-11-09T12:00:00Z';
const RANGE = 'from=2026-11-01&to=2026-11-08';
const A = '+16025550201';
const B = '+16025550202';
const C = '+16025550203';
const D = '+16025550204';
const E = '+16175550301';
const F = '+16025550206';
const G = '+12125550999';

let seq = 0;
const call = (
  direction: 'inbound' | 'outbound',
  customer: string,
  business: string,
  startedAt: string,
  extra: Record<string, unknown> = {},
) =>
  JSON.stringify({
    version: 1,
    callId: `e2e-${++seq}`,
    direction,
    from: direction === 'inbound' ? customer : business,
    to: direction === 'inbound' ? business : customer,
    startedAt,
    durationSeconds: 25,
    ringSeconds: 25,
    result: 'no_answer',
    ...extra,
  });
const after = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

const RANKS = (values: number[]) => ({
  attemptRate: values[0],
  slaMetRate: values[1],
  contactRate: values[2],
  bookingRate: values[3],
  revenueRate: values[4],
  recoveryRate: values[5],
});

describe.each(ENGINE_NAMES)('recovery API on %s', (engine) => {
  let rb: ClockedRingback;
  const ids: Record<string, string> = {};
  const send = async (name: string | null, body: string) => {
    const res = await postGeneric(rb.url, 'acme', 'gen-secret', body);
    expect(res.status).toBe(200);
    if (name) ids[name] = res.body.missedCallId;
    return res.body;
  };

  beforeAll(async () => {
    const clock = new TestClock(Date.parse(NOW));
    rb = await startClockedRingback(engine, CONFIG, clock);
    const P1 = '2026-11-02T16:00:00Z';
    const P2 = '2026-11-02T18:00:00Z';
    const P3 = '2026-11-03T02:00:00Z'; // 19:00 on Nov 2 in Phoenix
    const T1 = '2026-11-03T17:00:00Z';
    const B1 = '2026-11-02T14:00:00Z';
    await send('P1', call('inbound', A, '+14805550100', P1, { source: 'Google Ads' }));
    await send('P2', call('inbound', B, '+14805550100', P2, { result: 'voicemail', source: 'Yelp' }));
    await send('P2r', call('inbound', B, '+14805550100', after(P2, 10))); // repeat dial: folded into P2
    await send('P3', call('inbound', C, '+14805550100', P3, { result: 'busy' }));
    await send('P4', call('inbound', A, '+14805550100', '2026-11-04T16:00:00Z', { source: 'Google Ads' }));
    await send('spam', call('inbound', 'anonymous', '+14805550100', '2026-11-02T20:00:00Z'));
    await send('T1', call('inbound', D, '+14805550101', T1, { source: 'Google Ads' }));
    await send('B1', call('inbound', E, '+16175550100', B1, { result: 'abandoned', ringSeconds: 20, source: 'Yelp' }));
    await send('U1', call('inbound', F, '+18005550000', '2026-11-03T12:00:00Z'));
    // Callbacks and conversations, some arriving before the misses they follow would be normal.
    await send(null, call('outbound', A, '+14805550100', after(P1, 3), { result: 'answered', talkSeconds: 120 }));
    await send(null, call('outbound', B, '+14805550100', after(P2, 45)));
    await send(null, call('inbound', C, '+14805550100', after(P3, 120), { result: 'answered', talkSeconds: 90 }));
    await send(null, call('outbound', D, '+14805550101', after(T1, 10), { result: 'answered', talkSeconds: 20 }));
    await send(null, call('outbound', E, '+16175550100', after(B1, 4), { result: 'answered', talkSeconds: 60 }));
    // Outcomes: by caller (attaches by time), by missed call (sticks), and one with no case yet.
    const booking = await rb.api('/api/accounts/acme/outcomes', {
      body: { callerE164: A, type: 'booking', at: after(P1, 24 * 60) },
    });
    expect(booking).toEqual({ status: 201, body: { accepted: true, missedCallId: ids.P1, duplicate: false } });
    const revenue = await rb.api('/api/accounts/acme/outcomes', {
      body: { missedCallId: ids.P1, type: 'revenue', at: '2026-11-06T00:00:00Z', amount: 350, externalId: 'inv-1' },
    });
    expect(revenue).toEqual({ status: 201, body: { accepted: true, missedCallId: ids.P1, duplicate: false } });
    const replay = await rb.api('/api/accounts/acme/outcomes', {
      body: { missedCallId: ids.P1, type: 'revenue', at: '2026-11-06T00:00:00Z', amount: 350, externalId: 'inv-1' },
    });
    expect(replay.body).toEqual({ accepted: true, missedCallId: ids.P1, duplicate: true });
    expect(
      (
        await rb.api('/api/accounts/acme/outcomes', {
          body: { missedCallId: ids.B1, type: 'booking', at: after(B1, 120) },
        })
      ).status,
    ).toBe(201);
    const early = await rb.api('/api/accounts/acme/outcomes', {
      body: { callerE164: G, type: 'booking', at: '2026-11-08T05:00:00Z' },
    });
    expect(early).toEqual({ status: 202, body: { accepted: true, missedCallId: null, duplicate: false } });
    await send('G1', call('inbound', G, '+16175550100', '2026-11-08T04:00:00Z'));
    // History at Phoenix, outside every range read below: what a callback after 15-60 minutes earned.
    for (const [name, at, minutes, amount] of [
      ['H1', '2026-09-01T16:00:00Z', 3, 200],
      ['H2', '2026-09-02T16:00:00Z', 30, 400],
      ['H3', '2026-09-03T16:00:00Z', 40, 0],
    ] as const) {
      const caller = `+1602555030${name.slice(1)}`;
      await send(name, call('inbound', caller, '+14805550100', at));
      await send(null, call('outbound', caller, '+14805550100', after(at, minutes)));
      if (amount)
        await rb.api('/api/accounts/acme/outcomes', {
          body: { missedCallId: ids[name], type: 'revenue', at: after(at, 3 * 24 * 60), amount },
        });
    }
    // Lost by now (no contact in 7 days): listed as lost, still counted (metrics follow events).
    await send('L1', call('inbound', '+16025550310', '+14805550100', '2026-10-20T16:00:00Z'));
    // Ingest asked for a refresh in the statement that marked each new case.
    const asked = await rb.running.ctx.database.db
      .select({ key: jobs.key })
      .from(jobs)
      .where(and(eq(jobs.kind, 'recovery.refresh'), eq(jobs.accountId, 'acme')));
    expect(asked.length).toBeGreaterThan(0);
    // A read that finds changes not folded in yet asks for a refresh; time passes until the refresh
    // jobs have folded every change into the rollups and scored every case (the queue runs them;
    // the test only moves the clock).
    expect((await rb.api(`/api/accounts/acme/recovery?${RANGE}`)).status).toBe(200);
    await waitFor(
      async () => {
        clock.advance(2_000);
        const db = rb.running.ctx.database.db;
        const marks = await db.select().from(recoveryDirty).where(eq(recoveryDirty.accountId, 'acme'));
        const unscored = await db
          .select({ id: missedCalls.id })
          .from(missedCalls)
          .leftJoin(casePriority, eq(casePriority.caseId, missedCalls.id))
          .where(
            and(
              eq(missedCalls.accountId, 'acme'),
              eq(missedCalls.spam, false),
              isNull(missedCalls.repeatOf),
              isNull(casePriority.caseId),
            ),
          );
        return marks.length === 0 && unscored.length === 0;
      },
      20_000,
      'rollups refreshed and cases scored',
    );
  });
  afterAll(async () => {
    await rb?.close();
  });

  it('answers exact figures and percentile ranks per location, unassigned last', async () => {
    const res = await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=location`);
    expect(res.status).toBe(200);
    const [boston, phoenix, tempe, unassigned] = res.body.groups;
    expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual(['boston', 'phoenix', 'tempe', null]);
    expect(phoenix).toMatchObject({
      key: 'phoenix',
      missed: 4,
      attempted: 2,
      attemptedWithinSla: 1,
      contacted: 2,
      booked: 1,
      won: 1,
      revenue: 350,
      attemptRate: 0.5,
      slaMetRate: 0.25,
      contactRate: 0.5,
      bookingRate: 0.5,
      revenueRate: 1,
      recoveryRate: 0.5,
    });
    expect(Math.abs(phoenix.callbackSeconds.p50 - 180) / 180).toBeLessThanOrEqual(0.01);
    expect(Math.abs(phoenix.callbackSeconds.p90 - 2700) / 2700).toBeLessThanOrEqual(0.01);
    expect(tempe).toMatchObject({
      missed: 1,
      attempted: 1,
      attemptedWithinSla: 1,
      contacted: 0,
      contactRate: 0,
      bookingRate: null,
      revenueRate: null,
      recoveryRate: 0,
    });
    expect(boston).toMatchObject({
      missed: 1,
      attempted: 1,
      contacted: 1,
      booked: 1,
      won: 0,
      revenue: 0,
      bookingRate: 1,
      revenueRate: 0,
      recoveryRate: 1,
    });
    expect(unassigned).toMatchObject({ key: null, missed: 1, attempted: 0, callbackSeconds: { p50: null, p90: null } });
    expect(unassigned.benchmark).toEqual(RANKS([null, null, null, null, null, null] as never));
    const third = 100 / 3;
    expect(phoenix.benchmark.attemptRate).toBeCloseTo(third / 2, 12);
    expect(tempe.benchmark.attemptRate).toBeCloseTo(2 * third, 12);
    expect(phoenix.benchmark).toMatchObject({ contactRate: 50, bookingRate: 25, revenueRate: 75, recoveryRate: 50 });
    expect(boston.benchmark).toMatchObject({ bookingRate: 75, revenueRate: 25 });
    expect(tempe.benchmark.bookingRate).toBeNull();
    const byVertical = (await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=location&benchmark=vertical`)).body
      .groups;
    expect(byVertical[1].benchmark).toEqual(RANKS([25, 25, 25, 25, 75, 25]));
    expect(byVertical[2].benchmark).toEqual(RANKS([50, 50, 50, null, null, 50] as never));
  });

  it('groups by each case’s local day, by source and by vertical, and applies filters', async () => {
    const days = (await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=day`)).body.groups;
    expect(days.map((g: { key: string; missed: number }) => [g.key, g.missed])).toEqual([
      ['2026-11-02', 4],
      ['2026-11-03', 2],
      ['2026-11-04', 1],
    ]);
    const weeks = (await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=week`)).body.groups;
    expect(weeks.map((g: { key: string; missed: number }) => [g.key, g.missed])).toEqual([['2026-W45', 7]]);
    const sources = (await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=source`)).body.groups;
    expect(sources.map((g: { key: string; missed: number }) => [g.key, g.missed])).toEqual([
      ['Google Ads', 3],
      ['Yelp', 2],
      [null, 2],
    ]);
    expect(sources[0].benchmark).toBeUndefined();
    const verticals = (await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=vertical`)).body.groups;
    expect(verticals.map((g: { key: string; missed: number }) => [g.key, g.missed])).toEqual([
      ['hvac', 5],
      ['plumbing', 1],
      [null, 1],
    ]);
    const filtered = (
      await rb.api(`/api/accounts/acme/recovery?${RANGE}&groupBy=location&source=Google%20Ads&vertical=hvac`)
    ).body.groups;
    expect(filtered.map((g: { key: string; missed: number }) => [g.key, g.missed])).toEqual([['phoenix', 2]]);
    // A range whose edges cut local days: from 17:30Z on Nov 2 (10:30 in Phoenix) takes P2, P3 only there.
    const edge = (
      await rb.api(
        '/api/accounts/acme/recovery?from=2026-11-02T17:30:00Z&to=2026-11-03T16:00:00Z&groupBy=location&locationId=phoenix',
      )
    ).body.groups;
    expect(edge).toMatchObject([{ key: 'phoenix', missed: 2, attempted: 1, contacted: 1 }]);
    // The unmatched outcome found its case when the later-arriving miss came in (outside RANGE).
    const g1 = (await rb.api(`/api/accounts/acme/missed-calls/${ids.G1}`)).body;
    expect(g1).toMatchObject({ status: 'booked', bookedAt: '2026-11-08T05:00:00.000Z' });
  });

  it('answers the location page with series, histogram, open cases by priority and revenue at risk', async () => {
    const res = await rb.api(`/api/accounts/acme/locations/phoenix/recovery?${RANGE}`);
    expect(res.status).toBe(200);
    const page = res.body;
    expect(page).toMatchObject({
      locationId: 'phoenix',
      name: 'Phoenix',
      vertical: 'hvac',
      timezone: 'America/Phoenix',
      currency: 'USD',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-08T00:00:00.000Z',
    });
    expect(page.summary).toMatchObject({
      key: 'phoenix',
      missed: 4,
      contacted: 2,
      revenue: 350,
      benchmark: { contactRate: 50 },
      verticalBenchmark: { contactRate: 25 },
    });
    expect(page.previous).toBeNull(); // nothing in the week before
    expect(page.daily).toHaveLength(8); // Oct 31 (17:00 local onwards) … Nov 7 in Phoenix
    expect(page.daily.find((d: { date: string }) => d.date === '2026-11-02')).toMatchObject({
      missed: 3,
      attempted: 2,
      contacted: 2,
      booked: 1,
      won: 1,
      revenue: 350,
      recoveryRate: 2 / 3,
    });
    expect(page.daily.find((d: { date: string }) => d.date === '2026-11-05')).toMatchObject({
      missed: 0,
      attemptRate: null,
    });
    expect(page.callbackHistogram).toEqual([
      { bucket: '0-5m', count: 1 },
      { bucket: '5-15m', count: 0 },
      { bucket: '15-60m', count: 1 },
      { bucket: '1-4h', count: 0 },
      { bucket: '4h+', count: 0 },
    ]);
    const open = page.openHighIntent.cases as Array<{
      id: string;
      priorityScore: number | null;
      priorityFactors: string[];
      status: string;
    }>;
    expect(page.openHighIntent.count).toBe(open.length);
    expect(open.map((c) => c.id)).toContain(ids.P2); // a new lead nobody has reached
    expect(open.every((c) => c.status === 'open' || c.status === 'attempted')).toBe(true);
    const scores = open.map((c) => c.priorityScore ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(open.find((c) => c.id === ids.P2)!.priorityFactors.at(-1)).toMatch(/^base \(/);
    // P2 waits in the 15-60m bucket, whose history earned [0, 400]: nearest-rank p25 0, p75 400.
    expect(page.revenueAtRisk).toMatchObject({ low: 0, high: 400, currency: 'USD' });
    const week2 = (await rb.api('/api/accounts/acme/locations/phoenix/recovery?from=2026-11-08&to=2026-11-15')).body;
    expect(week2.previous).toMatchObject({ key: 'phoenix', missed: 4 });
    expect(week2.trend.recoveryRate).toBeNull(); // nothing this week: no rate to compare
  });

  it('extends the missed-call list with caller and CRM person filters, priority factors and a timeline', async () => {
    const mine = (await rb.api(`/api/accounts/acme/missed-calls?callerE164=${encodeURIComponent(A)}`)).body.items;
    expect(mine.map((c: { id: string }) => c.id).sort()).toEqual([ids.P1, ids.P4].sort());
    expect(mine[0]).toHaveProperty('priorityFactors');
    expect((await rb.api('/api/accounts/acme/missed-calls?crmContactId=nobody')).body.items).toEqual([]);
    const timeline = (await rb.api(`/api/accounts/acme/missed-calls/${ids.P1}/timeline`)).body.items;
    const actions = timeline.map((t: { action: string }) => t.action);
    expect(actions[0]).toBe('case.created');
    expect(actions).toEqual(expect.arrayContaining(['case.contacted', 'outcome.recorded', 'case.booked', 'case.won']));
    const times = timeline.map((t: { at: string }) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await rb.api('/api/accounts/acme/missed-calls/mc_nope/timeline')).status).toBe(404);
  });

  it('counts a case listed as lost: metrics follow events', async () => {
    expect((await rb.api(`/api/accounts/acme/missed-calls/${ids.L1}`)).body.status).toBe('lost');
    const oct = (await rb.api('/api/accounts/acme/recovery?from=2026-10-15&to=2026-10-25')).body.groups;
    expect(oct).toMatchObject([{ key: 'phoenix', missed: 1, attempted: 0, recoveryRate: 0 }]);
  });

  it('answers 400 for malformed list parameters (contract §4)', async () => {
    const bad: Array<[string, string]> = [
      ['/api/accounts/acme/missed-calls?status=forgotten', 'invalid_status'],
      ['/api/accounts/acme/missed-calls?limit=0', 'invalid_limit'],
      ['/api/accounts/acme/missed-calls?limit=501', 'invalid_limit'],
      ['/api/accounts/acme/missed-calls?from=2026-11-08&to=2026-11-01', 'invalid_range'],
      ['/api/accounts/acme/missed-calls?to=noon', 'invalid_date'],
      ['/api/accounts/acme/events?status=some', 'invalid_status'],
    ];
    for (const [path, code] of bad) {
      const res = await rb.api(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, code]);
    }
  });

  it('answers 400 with a code for every malformed recovery query and 404 outside the account', async () => {
    const bad: Array<[string, string]> = [
      ['from=2026-11-08&to=2026-11-01', 'invalid_range'],
      ['from=2026-11-01&to=2026-11-01', 'invalid_range'],
      ['from=yesterday', 'invalid_date'],
      ['to=2026-02-30', 'invalid_date'],
      ['groupBy=county', 'invalid_group_by'],
      ['benchmark=world', 'invalid_benchmark'],
      ['category=chat', 'invalid_category'],
      ['groupBy=day&groupBy=week', 'invalid_parameter'],
    ];
    for (const [query, code] of bad) {
      const res = await rb.api(`/api/accounts/acme/recovery?${query}`);
      expect([query, res.status, res.body.error.code]).toEqual([query, 400, code]);
      expect(typeof res.body.error.message).toBe('string');
    }
    expect(
      (await rb.api('/api/accounts/acme/locations/phoenix/recovery?from=2026-11-08&to=2026-11-01')).body.error.code,
    ).toBe('invalid_range');
    expect((await rb.api('/api/accounts/acme/locations/mars/recovery')).status).toBe(404);
    const token = (await rb.api('/api/accounts/other/tokens', { body: {} })).body.token as string;
    expect((await rb.api('/api/accounts/acme/recovery', { token })).status).toBe(404);
    expect((await rb.api('/api/accounts/acme/locations/phoenix/recovery', { token })).status).toBe(404);
    expect(
      (await rb.api('/api/accounts/acme/outcomes', { token, body: { callerE164: A, type: 'booking', at: NOW } }))
        .status,
    ).toBe(404);
    expect((await rb.api('/api/accounts/other/recovery', { token })).body).toEqual({ groups: [] });
  });

  it('answers 400 for every malformed outcome and 404 for a missed call it does not know', async () => {
    const bad: Array<[unknown, string]> = [
      [[1, 2], 'invalid_outcome'],
      [{ type: 'booking', at: NOW }, 'invalid_outcome'],
      [{ callerE164: A, at: NOW }, 'invalid_outcome'],
      [{ callerE164: A, type: 'refund', at: NOW }, 'invalid_outcome'],
      [{ callerE164: A, type: 'booking' }, 'invalid_outcome'],
      [{ callerE164: A, type: 'booking', at: 'soon' }, 'invalid_date'],
      [{ callerE164: '602-555-0201', type: 'booking', at: NOW }, 'invalid_outcome'],
      [{ callerE164: A, type: 'revenue', at: NOW }, 'invalid_outcome'],
      [{ callerE164: A, type: 'revenue', at: NOW, amount: -5 }, 'invalid_outcome'],
      [{ callerE164: A, type: 'revenue', at: NOW, amount: '5' }, 'invalid_outcome'],
      [{ callerE164: A, type: 'attempt', at: NOW, talkSeconds: -1 }, 'invalid_outcome'],
      [{ callerE164: A, type: 'attempt', at: NOW, answered: 'yes' }, 'invalid_outcome'],
      [{ callerE164: A, type: 'booking', at: NOW, color: 'blue' }, 'invalid_outcome'],
      [{ missedCallId: ids.P4, callerE164: B, type: 'booking', at: NOW }, 'invalid_outcome'],
    ];
    for (const [body, code] of bad) {
      const res = await rb.api('/api/accounts/acme/outcomes', { body });
      expect([body, res.status, res.body.error.code]).toEqual([body, 400, code]);
    }
    const malformed = await rb.api('/api/accounts/acme/outcomes', { body: '{"type":' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'malformed_json']);
    expect(
      (await rb.api('/api/accounts/acme/outcomes', { body: { missedCallId: 'mc_nope', type: 'booking', at: NOW } }))
        .status,
    ).toBe(404);
  });
});
