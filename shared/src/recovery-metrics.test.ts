import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { percentileRank } from './percentiles.ts';
import { DDSketch } from './dd-sketch.ts';
import {
  addCounts,
  callbackBucketIndex,
  countCase,
  emptyCounts,
  percentileRanks,
  recoveryFigures,
  roundMoney,
  type CaseFacts,
} from './recovery-metrics.ts';
import { funnelRates } from './rates.ts';

const T = Date.parse('2026-11-02T15:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  missedAt: at(0),
  firstAttemptAt: null,
  attemptedWithinSla: false,
  contactedAt: null,
  bookedAt: null,
  wonAt: null,
  revenue: 0,
  ...over,
});

describe('recovery counts and figures', () => {
  it('counts each layer and the intersections the conditional rates divide', () => {
    const c = emptyCounts();
    countCase(c, facts()); // missed only
    countCase(c, facts({ firstAttemptAt: at(3), attemptedWithinSla: true })); // attempted in SLA, not reached
    countCase(
      c,
      facts({ firstAttemptAt: at(40), contactedAt: at(40), bookedAt: at(100), wonAt: at(2000), revenue: 350 }),
    );
    countCase(c, facts({ contactedAt: at(20), bookedAt: at(30) })); // they called back in: contact without attempt
    expect(c).toEqual({
      missed: 4,
      attempted: 2,
      attemptedWithinSla: 1,
      attemptedAndContacted: 1,
      contacted: 2,
      contactedAndBooked: 2,
      booked: 2,
      bookedAndWon: 1,
      won: 1,
      revenue: 350,
    });
    const f = recoveryFigures(c, new DDSketch(0.01).add(180).add(2400));
    expect(f).toMatchObject({
      attemptRate: 0.5,
      slaMetRate: 0.25,
      contactRate: 0.5,
      bookingRate: 1,
      revenueRate: 0.5,
      recoveryRate: 0.5,
      revenue: 350,
    });
    expect(f.callbackSeconds.p50).toBeCloseTo(180, -1);
    expect(Math.abs(f.callbackSeconds.p50! - 180) / 180).toBeLessThanOrEqual(0.01);
    expect(Math.abs(f.callbackSeconds.p90! - 2400) / 2400).toBeLessThanOrEqual(0.01);
  });

  it('answers null rates and null callback times when nothing was attempted', () => {
    const f = recoveryFigures(emptyCounts(), null);
    expect(f.attemptRate).toBeNull();
    expect(f.callbackSeconds).toEqual({ p50: null, p90: null });
  });

  it('adds counts of two groups into the counts of their union', () => {
    const a = emptyCounts();
    const b = emptyCounts();
    const all = emptyCounts();
    const cases = [
      facts({ firstAttemptAt: at(1), attemptedWithinSla: true }),
      facts({ contactedAt: at(2) }),
      facts({ bookedAt: at(9), wonAt: at(10), revenue: 0.1 }),
    ];
    cases.forEach((c, i) => countCase(i % 2 ? a : b, c));
    cases.forEach((c) => countCase(all, c));
    addCounts(a, b);
    expect(a).toEqual(all);
  });

  it('buckets callback delays at 5m, 15m, 1h and 4h (lower bound inclusive)', () => {
    expect([0, 299, 300, 899, 900, 3599, 3600, 14_399, 14_400, 1e6].map(callbackBucketIndex)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
  });
});

describe('percentileRanks', () => {
  const member = (key: string, peerGroup: string, contacted: number, missed: number) => ({
    key,
    peerGroup,
    rates: funnelRates({
      missed,
      attempted: 0,
      attemptedWithinSla: 0,
      attemptedAndContacted: 0,
      contacted,
      contactedAndBooked: 0,
      booked: 0,
      bookedAndWon: 0,
    }),
  });

  it('is 100 × (B + 0.5·E) / N within each peer group, unrounded, nulls excluded and null for a null rate', () => {
    const ranks = percentileRanks([
      member('a', 'x', 1, 3),
      member('b', 'x', 2, 3),
      member('c', 'x', 2, 3),
      member('d', 'y', 0, 1),
      member('e', 'x', 0, 0),
    ]);
    expect(ranks.get('a')!.recoveryRate).toBeCloseTo((100 * 0.5) / 3, 12);
    expect(ranks.get('b')!.recoveryRate).toBeCloseTo((100 * (1 + 0.5 * 2)) / 3, 12);
    expect(ranks.get('d')!.recoveryRate).toBe(50);
    expect(ranks.get('e')!.recoveryRate).toBeNull();
    expect(ranks.get('a')!.attemptRate).toBe(50); // all of group x tie at 0
    expect(ranks.get('a')!.contactRate).toBeNull(); // nothing attempted: no rate, no rank
  });

  it('equals percentileRank of each member among its peer group, exactly', () => {
    const rate = fc.option(fc.constantFrom(0, 0.25, 1 / 3, 0.5, 2 / 3, 1), { nil: null });
    const counts = fc.record({ a: rate, b: rate, g: fc.constantFrom('x', 'y') });
    fc.assert(
      fc.property(fc.array(counts, { minLength: 1, maxLength: 40 }), (rows) => {
        const members = rows.map((r, i) => ({
          key: i,
          peerGroup: r.g,
          rates: {
            attemptRate: r.a,
            slaMetRate: r.b,
            contactRate: r.a,
            bookingRate: null,
            revenueRate: r.b,
            recoveryRate: r.a,
          },
        }));
        const ranks = percentileRanks(members);
        for (const m of members) {
          const peers = members
            .filter((p) => p.peerGroup === m.peerGroup && p.rates.attemptRate !== null)
            .map((p) => p.rates.attemptRate!);
          const want = m.rates.attemptRate === null ? null : percentileRank(m.rates.attemptRate, peers);
          expect(ranks.get(m.key)!.attemptRate).toBe(want);
          expect(ranks.get(m.key)!.bookingRate).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
