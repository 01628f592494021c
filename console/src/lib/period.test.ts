import { describe, expect, it } from 'vitest';
import { chartGrouping, periodRange, trendGrouping } from './period.ts';

describe('periods', () => {
  it('end at the next whole minute and span the period before it', () => {
    const r = periodRange('30d', new Date('2026-11-22T10:15:30Z'));
    expect(r).toEqual({ from: '2026-10-23T10:16:00.000Z', to: '2026-11-22T10:16:00.000Z' });
    // Polls within the same minute ask the same question.
    expect(periodRange('30d', new Date('2026-11-22T10:15:59Z'))).toEqual(r);
    expect(periodRange('7d', new Date('2026-11-22T10:15:30Z'), 3_600_000).to).toBe('2026-11-22T11:00:00.000Z');
  });

  it('group long periods by week', () => {
    expect(trendGrouping('7d')).toBe('day');
    expect(trendGrouping('30d')).toBe('week');
    expect(chartGrouping('90d')).toBe('day');
    expect(chartGrouping('365d')).toBe('week');
  });
});
