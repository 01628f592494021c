import { describe, expect, it } from 'vitest';
import {
  buildPriorityModel,
  PRIOR_BOOKED,
  PRIOR_REACHED,
  scorePriority,
  type PriorityCase,
  type PriorityHistoryRow,
} from './recovery-priority.ts';

const window = {
  computedAt: new Date('2026-11-10T00:00:00Z'),
  from: new Date('2026-08-10T00:00:00Z'),
  to: new Date('2026-11-09T00:00:00Z'),
};
const row = (over: Partial<PriorityHistoryRow>): PriorityHistoryRow => ({
  locationKey: 'phx',
  hour: 10,
  source: 'Google Ads',
  category: 'no_answer',
  a: 0,
  ac: 0,
  c: 0,
  cb: 0,
  ...over,
});
const base: PriorityCase = {
  locationKey: 'phx',
  vertical: 'hvac',
  hour: 10,
  source: 'Google Ads',
  category: 'no_answer',
  urgency: 'normal',
  repeatCount: 0,
};
const vertical = (key: string) => (key === 'phx' || key === 'tempe' ? 'hvac' : null);

describe('priority score', () => {
  it('without history scores from the documented priors, with only the base as a factor', () => {
    const s = scorePriority(null, base);
    expect(s.score).toBe(Math.round(1000 * PRIOR_REACHED * PRIOR_BOOKED) / 10);
    expect(s.factors).toEqual(['base (defaults): 50% reached, 33% of those booked']);
  });

  it('ranks a source that books more above one that books less, and names it as the top factor', () => {
    const model = buildPriorityModel(
      [
        row({ source: 'Google Ads', a: 60, ac: 30, c: 30, cb: 24 }),
        row({ source: 'Yelp', a: 60, ac: 30, c: 30, cb: 3 }),
      ],
      vertical,
      window,
    );
    const google = scorePriority(model, base);
    const yelp = scorePriority(model, { ...base, source: 'Yelp' });
    expect(google.score).toBeGreaterThan(yelp.score);
    expect(google.factors[0]).toMatch(/^source Google Ads: \d+% booked vs \d+% \(n=30\) ×1\.\d\d$/);
    expect(yelp.factors[0]).toMatch(/^source Yelp: .* ×0\.\d\d$/);
    expect(google.factors.at(-1)).toMatch(/^base \(this location\)/);
  });

  it('learns hours of day from the location, borrowing from its vertical when the location has none', () => {
    const model = buildPriorityModel(
      [
        row({ locationKey: 'tempe', hour: 19, a: 80, ac: 8, c: 8, cb: 2 }),
        row({ locationKey: 'tempe', hour: 9, a: 80, ac: 64, c: 64, cb: 16 }),
        row({ locationKey: 'phx', hour: 9, a: 10, ac: 6, c: 6, cb: 2 }),
      ],
      vertical,
      window,
    );
    const evening = scorePriority(model, { ...base, hour: 19 });
    const morning = scorePriority(model, { ...base, hour: 9 });
    expect(morning.score).toBeGreaterThan(evening.score);
    expect(evening.factors.some((f) => f.startsWith('missed at 19:00: '))).toBe(true);
  });

  it('weights urgency and repeat dials, says so, and caps at 100', () => {
    const model = buildPriorityModel([row({ a: 100, ac: 95, c: 95, cb: 90 })], vertical, window);
    const normal = scorePriority(model, base);
    const urgent = scorePriority(model, { ...base, urgency: 'high', repeatCount: 2 });
    expect(urgent.score).toBeGreaterThan(normal.score);
    expect(urgent.factors).toContain('urgency high ×1.5');
    expect(urgent.factors).toContain('2 repeat dials ×1.5');
    expect(scorePriority(model, { ...base, urgency: 'high', repeatCount: 9 }).score).toBeLessThanOrEqual(100);
  });

  it('is deterministic: the same model and case give the same score and factors', () => {
    const rows = [
      row({ a: 5, ac: 2, c: 2, cb: 1 }),
      row({ source: null, category: 'voicemail', hour: 22, a: 7, ac: 1, c: 1, cb: 0 }),
    ];
    const a = scorePriority(buildPriorityModel(rows, vertical, window), {
      ...base,
      source: null,
      category: 'voicemail',
      hour: 22,
    });
    const b = scorePriority(buildPriorityModel([...rows].reverse(), vertical, window), {
      ...base,
      source: null,
      category: 'voicemail',
      hour: 22,
    });
    expect(a).toEqual(b);
  });
});
