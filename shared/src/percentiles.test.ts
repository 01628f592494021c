import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, nearestRankIndex, percentileRank } from './percentiles.ts';

describe('nearestRank', () => {
  const values = [15, 20, 35, 40, 50];

  it.each([
    [0, 15],
    [5, 15],
    [20, 15],
    [21, 20],
    [30, 20],
    [40, 20],
    [50, 35],
    [90, 50],
    [100, 50],
  ])('p%d of [15,20,35,40,50] is %d', (p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });

  it('sorts numerically without modifying the input', () => {
    const unsorted = [100, 9, 20, 3];
    expect(nearestRank(unsorted, 50)).toBe(9);
    expect(nearestRank(unsorted, 90)).toBe(100);
    expect(unsorted).toEqual([100, 9, 20, 3]);
  });

  it('uses rank ⌈p·n/100⌉ exactly at integer boundaries', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank(ten, 90.0001)).toBe(10);
    expect(nearestRank(ten, 50)).toBe(5);
  });

  it('is null for an empty list and rejects bad percentiles', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(() => nearestRank([1], 101)).toThrow(RangeError);
    expect(() => nearestRank([1], -1)).toThrow(RangeError);
    expect(() => nearestRank([1], Number.NaN)).toThrow(RangeError);
    expect(() => nearestRank([1, Number.NaN], 50)).toThrow(RangeError);
  });

  it('returns a member with at least p% of the values at or below it, and fewer than p% strictly below', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 100 }),
        (list, p) => {
          const v = nearestRank(list, p) as number;
          expect(list).toContain(v);
          expect(list.filter((x) => x <= v).length * 100).toBeGreaterThanOrEqual(p * list.length);
          expect(list.filter((x) => x < v).length * 100).toBeLessThan(p * list.length);
        },
      ),
    );
  });

  it('exposes the rank rule', () => {
    expect(nearestRankIndex(10, 90)).toBe(9);
    expect(nearestRankIndex(3, 0)).toBe(1);
  });
});

describe('percentileRank', () => {
  it('counts below plus half of the equal ones, itself included', () => {
    expect(percentileRank(0.5, [0.2, 0.5, 0.9])).toBeCloseTo(50, 12);
    expect(percentileRank(0.9, [0.2, 0.5, 0.9])).toBe((100 * 2.5) / 3);
    expect(percentileRank(0.2, [0.2, 0.5, 0.9])).toBe((100 * 0.5) / 3);
    expect(percentileRank(0.5, [0.5, 0.5, 0.5, 0.1])).toBe((100 * (1 + 1.5)) / 4);
    expect(percentileRank(1, [1])).toBe(50);
  });

  it('compares values unrounded', () => {
    expect(percentileRank(0.3333334, [0.3333333, 0.3333334])).toBe(75);
  });

  it('rejects an empty peer list', () => {
    expect(() => percentileRank(1, [])).toThrow(RangeError);
  });

  it('is within (0, 100) for a member and ordered like the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), (peers) => {
        const [a = 0, b = 0] = peers;
        const ra = percentileRank(a, peers);
        expect(ra).toBeGreaterThan(0);
        expect(ra).toBeLessThan(100);
        if (a < b) expect(ra).toBeLessThan(percentileRank(b, peers));
        if (a === b) expect(ra).toBe(percentileRank(b, peers));
      }),
    );
  });
});
