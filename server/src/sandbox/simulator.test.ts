import { describe, expect, it } from 'vitest';
import type { CallEvent } from '@ringback/shared';
import { callrail } from '../providers/index.ts';
import type { CallRailDelivery } from './callrail-calls.ts';
import { DEMO_LOCATIONS, DEMO_PEOPLE, demoTrackingNumber } from './demo-account.ts';
import type { SimLocation } from './sim-locations.ts';
import { TrafficSimulator, type ListedCase, type OutcomePost, type SimTarget } from './simulator.ts';

const locations: SimLocation[] = DEMO_LOCATIONS.slice(0, 4).map((l) => ({
  id: l.id,
  name: l.name,
  timezone: l.timezone,
  vertical: l.vertical,
  trackingE164: demoTrackingNumber(l),
  areaCode: l.areaCode,
  hours: null,
  volume: l.volume,
  discipline: l.discipline,
}));

/** A server stand-in that records what arrives, the way Ringback would answer it. */
class RecordingTarget implements SimTarget {
  readonly inbound: CallEvent[] = [];
  readonly outbound: CallEvent[] = [];
  readonly outcomes: OutcomePost[] = [];
  readonly cases = new Map<string, CallEvent>();
  private bodies = new Set<string>();
  listed: ListedCase[] = [];

  async postCallRail(d: CallRailDelivery) {
    const parsed = callrail.parse({
      rawBody: Buffer.from(d.body),
      contentType: 'application/json',
      headers: {},
      query: { event: d.hint },
      publicUrl: '',
    });
    if (!parsed.ok || !parsed.event) return { status: 400, missedCallId: null };
    const duplicate = this.bodies.has(d.body);
    this.bodies.add(d.body);
    const e = parsed.event;
    if (e.direction === 'outbound') {
      if (!duplicate) this.outbound.push(e);
      return { status: 200, missedCallId: null };
    }
    if (!duplicate) this.inbound.push(e);
    if (e.result === 'answered') return { status: 200, missedCallId: null };
    const id = `mc_${e.providerCallId}`;
    this.cases.set(id, e);
    return { status: 200, missedCallId: id };
  }

  postOutcome = async (o: OutcomePost) => {
    if (!this.outcomes.some((x) => x.externalId === o.externalId)) this.outcomes.push(o);
    return 201;
  };

  recentCases = async () => this.listed;
}

describe('the traffic simulator', () => {
  it('sends inbound calls at the asked rate, about four in ten missed, to the locations by volume', async () => {
    const target = new RecordingTarget();
    const sim = new TrafficSimulator({
      target,
      locations,
      people: DEMO_PEOPLE,
      ratePerSecond: 10,
      companyName: 'Demo',
      seed: 7,
    });
    const now = new Date('2026-11-20T17:00:00Z');
    for (let i = 0; i < 6; i++) await sim.tick(new Date(now.getTime() + i * 10_000), 10_000);
    expect(target.inbound.length).toBeGreaterThan(480);
    expect(target.inbound.length).toBeLessThan(720);
    const missed = target.inbound.filter((e) => e.result !== 'answered').length / target.inbound.length;
    expect(missed).toBeGreaterThan(0.32);
    expect(missed).toBeLessThan(0.52);
    const tracking = new Set(target.inbound.map((e) => e.trackingE164));
    expect(tracking).toEqual(new Set(locations.map((l) => l.trackingE164)));
    // The webhook arrives after the call: every call started before the tick that sent it.
    expect(target.inbound.every((e) => e.startedAt.getTime() < now.getTime() + 60_000)).toBe(true);
    expect(sim.stats.inbound).toBe(target.inbound.length);
  });

  it('plays each miss out in order: callbacks from the location, then bookings after a conversation, then revenue', async () => {
    const target = new RecordingTarget();
    const sim = new TrafficSimulator({
      target,
      locations,
      people: DEMO_PEOPLE,
      ratePerSecond: 3,
      companyName: 'Demo',
      seed: 11,
    });
    const t0 = Date.parse('2026-11-20T17:00:00Z');
    await sim.tick(new Date(t0), 60_000);
    const missedCases = [...target.cases.keys()];
    expect(missedCases.length).toBeGreaterThan(30);
    // Three simulated hours, one tick a minute, no new calls.
    for (let m = 1; m <= 180; m++) await sim.tick(new Date(t0 + m * 60_000), 60_000, 0);
    expect(target.outbound.length).toBeGreaterThan(missedCases.length * 0.5);
    for (const cb of target.outbound) {
      const original = [...target.cases.values()].find(
        (c) => c.callerE164 === cb.callerE164 && c.trackingE164 === cb.trackingE164,
      );
      expect(original, 'a callback goes to a caller who was missed, from the number they called').toBeDefined();
      expect(cb.startedAt.getTime()).toBeGreaterThan(original!.startedAt.getTime());
    }
    const bookings = target.outcomes.filter((o) => o.type === 'booking');
    const revenue = target.outcomes.filter((o) => o.type === 'revenue');
    expect(bookings.length).toBeGreaterThan(0);
    expect(revenue.length).toBeGreaterThan(0);
    for (const r of revenue) {
      const booking = bookings.find((b) => b.missedCallId === r.missedCallId);
      expect(booking, 'revenue only after a booking').toBeDefined();
      expect(Date.parse(r.at)).toBeGreaterThan(Date.parse(booking!.at));
      expect(r.amount).toBeGreaterThan(0);
    }
    for (const b of bookings) {
      const c = target.cases.get(b.missedCallId)!;
      const talked = target.outbound.some(
        (cb) =>
          cb.callerE164 === c.callerE164 &&
          cb.answered &&
          (cb.talkSeconds ?? 0) >= 30 &&
          cb.startedAt.getTime() < Date.parse(b.at),
      );
      expect(talked, 'a booking follows a conversation').toBe(true);
    }
    expect(sim.trackedCases).toBe(0);
    expect(sim.stats.failures).toBe(0);
  });

  it('adopts recent cases at its first tick: open ones get their callbacks, finished ones nothing again', async () => {
    const target = new RecordingTarget();
    const missedAt = new Date('2026-11-20T16:00:00Z');
    target.listed = [
      {
        id: 'mc_done',
        providerCallId: 'CALdone',
        locationId: 'phoenix',
        callerE164: '+14805552222',
        trackingE164: '+14805550100',
        missedAt: missedAt.toISOString(),
        firstAttemptAt: '2026-11-20T16:02:00Z',
        contactedAt: '2026-11-20T16:02:00Z',
        bookedAt: '2026-11-20T16:05:00Z',
        wonAt: '2026-11-20T16:09:00Z',
        spam: false,
        repeatOf: null,
        urgency: 'normal',
        intent: 'new_lead',
      },
      {
        id: 'mc_spam',
        providerCallId: 'CALspam',
        locationId: 'phoenix',
        callerE164: '+14805553333',
        trackingE164: '+14805550100',
        missedAt: missedAt.toISOString(),
        firstAttemptAt: null,
        contactedAt: null,
        bookedAt: null,
        wonAt: null,
        spam: true,
        repeatOf: null,
        urgency: 'low',
        intent: 'new_lead',
      },
      ...Array.from({ length: 10 }, (_, i): ListedCase => ({
        id: `mc_open${i}`,
        providerCallId: `CALopen${i}`,
        locationId: 'phoenix',
        callerE164: `+1480555300${i}`,
        trackingE164: '+14805550100',
        missedAt: missedAt.toISOString(),
        firstAttemptAt: null,
        contactedAt: null,
        bookedAt: null,
        wonAt: null,
        spam: false,
        repeatOf: null,
        urgency: 'normal',
        intent: 'new_lead',
      })),
    ];
    const sim = new TrafficSimulator({ target, locations, people: [], ratePerSecond: 0, companyName: 'Demo' });
    for (let m = 0; m < 120; m++) await sim.tick(new Date(missedAt.getTime() + m * 60_000), 60_000);
    const called = new Set(target.outbound.map((e) => e.callerE164));
    expect(called.has('+14805552222')).toBe(false);
    expect(called.has('+14805553333')).toBe(false);
    expect(called.size).toBeGreaterThan(5);
    expect(target.outcomes.some((o) => o.missedCallId === 'mc_done' || o.missedCallId === 'mc_spam')).toBe(false);
  });
});
