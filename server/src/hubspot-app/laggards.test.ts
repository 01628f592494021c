import { describe, expect, it } from 'vitest';
import { laggardVerdicts } from './laggards.ts';

const row = (key: string, recoveryRate: number | null, missed = 20) => ({ key, missed, recoveryRate });

describe('laggardVerdicts', () => {
  it('flags the bottom quartile of a large operator', () => {
    const rows = Array.from({ length: 8 }, (_, i) => row(`l${i}`, 0.5 + i * 0.01));
    const { verdicts } = laggardVerdicts(rows);
    const flagged = [...verdicts].filter(([, v]) => v.laggard).map(([k]) => k);
    // ranks: l0 = 6.25, l1 = 18.75, l2 = 31.25 → the two lowest only
    expect(flagged).toEqual(['l0', 'l1']);
    expect(verdicts.get('l0')).toEqual({ laggard: true, percentile: 6.25, reason: 'bottom_quartile' });
  });

  it('flags a location more than 10 points under the median even when it is not in the quartile', () => {
    const rows = [row('a', 0.6), row('b', 0.62), row('c', 0.49)];
    const { median, verdicts } = laggardVerdicts(rows);
    expect(median).toBe(0.6);
    // c: rank 100*(0+0.5)/3 = 16.7 → bottom quartile already; b and a are not laggards
    expect(verdicts.get('c')?.laggard).toBe(true);
    expect(verdicts.get('a')?.laggard).toBe(false);
    const two = laggardVerdicts([row('x', 0.7), row('y', 0.55), row('z', 0.7), row('w', 0.7), row('v', 0.7)]);
    expect(two.verdicts.get('y')).toMatchObject({ laggard: true });
    expect(two.verdicts.get('x')).toMatchObject({ laggard: false, reason: null });
  });

  it('does not rank locations with too few cases or no rate, and flags nobody when all tie', () => {
    const { verdicts, median } = laggardVerdicts([row('few', 0, 4), row('none', null), row('p', 0.5), row('q', 0.5)]);
    expect(verdicts.get('few')).toEqual({ laggard: false, percentile: null, reason: null });
    expect(verdicts.get('none')?.percentile).toBeNull();
    expect(median).toBe(0.5);
    expect(verdicts.get('p')?.laggard).toBe(false);
    expect(verdicts.get('q')?.laggard).toBe(false);
  });
});
