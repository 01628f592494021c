import { describe, expect, it } from 'vitest';
import type { RecoveryGroup } from '../api/types.ts';
import { isLaggard, sortGroups, totals } from './locations.ts';

function group(
  key: string | null,
  c: {
    missed: number;
    attempted: number;
    sla: number;
    attemptedAndContacted: number;
    contacted: number;
    contactedAndBooked: number;
    booked: number;
    bookedAndWon: number;
    won: number;
    revenue: number;
  },
  rank: number | null = 50,
): RecoveryGroup {
  const r = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    key,
    missed: c.missed,
    attempted: c.attempted,
    attemptedWithinSla: c.sla,
    contacted: c.contacted,
    booked: c.booked,
    won: c.won,
    revenue: c.revenue,
    attemptRate: r(c.attempted, c.missed),
    slaMetRate: r(c.sla, c.missed),
    contactRate: r(c.attemptedAndContacted, c.attempted),
    bookingRate: r(c.contactedAndBooked, c.contacted),
    revenueRate: r(c.bookedAndWon, c.booked),
    recoveryRate: r(c.contacted, c.missed),
    callbackSeconds: { p50: 60, p90: 600 },
    benchmark: {
      attemptRate: rank,
      slaMetRate: rank,
      contactRate: rank,
      bookingRate: rank,
      revenueRate: rank,
      recoveryRate: rank,
    },
  };
}

const a = {
  missed: 40,
  attempted: 30,
  sla: 20,
  attemptedAndContacted: 18,
  contacted: 20,
  contactedAndBooked: 9,
  booked: 10,
  bookedAndWon: 6,
  won: 7,
  revenue: 1200.5,
};
const b = {
  missed: 10,
  attempted: 4,
  sla: 1,
  attemptedAndContacted: 2,
  contacted: 3,
  contactedAndBooked: 1,
  booked: 1,
  bookedAndWon: 1,
  won: 1,
  revenue: 99.5,
};

describe('account totals from location groups', () => {
  it('add the counts and recompute every rate exactly, intersections included', () => {
    const t = totals([group('x', a), group(null, b)]);
    expect(t).toMatchObject({
      missed: 50,
      attempted: 34,
      attemptedWithinSla: 21,
      contacted: 23,
      booked: 11,
      won: 8,
      revenue: 1300,
    });
    expect(t.attemptRate).toBeCloseTo(34 / 50, 12);
    expect(t.slaMetRate).toBeCloseTo(21 / 50, 12);
    expect(t.contactRate).toBeCloseTo(20 / 34, 12);
    expect(t.bookingRate).toBeCloseTo(10 / 23, 12);
    expect(t.revenueRate).toBeCloseTo(7 / 11, 12);
    expect(t.recoveryRate).toBeCloseTo(23 / 50, 12);
  });

  it('has null rates when there is nothing to divide by', () => {
    expect(totals([])).toMatchObject({ missed: 0, attemptRate: null, recoveryRate: null });
  });
});

describe('laggards and sorting', () => {
  it('a laggard is a location in the bottom quarter on recovery; unassigned never is', () => {
    expect(isLaggard(group('x', a, 12.5))).toBe(true);
    expect(isLaggard(group('x', a, 25))).toBe(false);
    expect(isLaggard(group('x', a, null))).toBe(false);
    expect(isLaggard(group(null, a, 5))).toBe(false);
  });

  it('sorts by any column with nulls last in both directions', () => {
    const groups = [group('b', a, 60), group('a', b, 10), group(null, b, null)];
    const name = (id: string | null) => id ?? 'Unassigned';
    expect(sortGroups(groups, 'percentile', 'asc', name).map((g) => g.key)).toEqual(['a', 'b', null]);
    expect(sortGroups(groups, 'percentile', 'desc', name).map((g) => g.key)).toEqual(['b', 'a', null]);
    expect(sortGroups(groups, 'missed', 'desc', name).map((g) => g.key)).toEqual(['b', 'a', null]);
    expect(sortGroups(groups, 'name', 'asc', name).map((g) => g.key)).toEqual(['a', 'b', null]);
  });
});
