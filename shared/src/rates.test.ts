import { describe, expect, it } from 'vitest';
import { funnelRates, ratio } from './rates.ts';

describe('ratio', () => {
  it('divides, and is null (not 0, not NaN) over zero', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });
});

describe('funnelRates', () => {
  it('uses the contract denominators', () => {
    expect(
      funnelRates({
        missed: 10,
        attempted: 8,
        attemptedWithinSla: 6,
        attemptedAndContacted: 4,
        contacted: 5,
        contactedAndBooked: 2,
        booked: 3,
        bookedAndWon: 1,
      }),
    ).toEqual({
      attemptRate: 0.8,
      slaMetRate: 0.6,
      contactRate: 0.5, // attempted ∧ contacted / attempted
      bookingRate: 0.4, // contacted ∧ booked / contacted
      revenueRate: 1 / 3, // booked ∧ won / booked
      recoveryRate: 0.5, // contacted / missed
    });
  });

  it('nulls exactly the rates whose denominator is zero', () => {
    expect(
      funnelRates({
        missed: 2,
        attempted: 0,
        attemptedWithinSla: 0,
        attemptedAndContacted: 0,
        contacted: 1,
        contactedAndBooked: 0,
        booked: 0,
        bookedAndWon: 0,
      }),
    ).toEqual({
      attemptRate: 0,
      slaMetRate: 0,
      contactRate: null,
      bookingRate: 0,
      revenueRate: null,
      recoveryRate: 0.5,
    });
    const none = funnelRates({
      missed: 0,
      attempted: 0,
      attemptedWithinSla: 0,
      attemptedAndContacted: 0,
      contacted: 0,
      contactedAndBooked: 0,
      booked: 0,
      bookedAndWon: 0,
    });
    expect(Object.values(none).every((r) => r === null)).toBe(true);
  });
});
