import { describe, expect, it } from 'vitest';
import { parsePeriod, parseRecoveryQuery } from './query.ts';

const NOW = new Date('2026-11-20T15:30:00Z');
const DAY = 86_400_000;

describe('recovery query', () => {
  it('defaults to the 30 days up to now, grouped by location, benchmarked against the account', () => {
    expect(parseRecoveryQuery({}, NOW)).toEqual({
      from: new Date(NOW.getTime() - 30 * DAY),
      to: NOW,
      groupBy: 'location',
      benchmark: 'account',
      filters: {},
    });
  });

  it('takes a bare date as 00:00Z, defaults a missing end to now and a missing start to 30 days before the end', () => {
    expect(parsePeriod({ from: '2026-11-01' }, NOW)).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: NOW });
    expect(parsePeriod({ to: '2026-11-10' }, NOW)).toEqual({
      from: new Date('2026-10-11T00:00:00Z'),
      to: new Date('2026-11-10T00:00:00Z'),
    });
  });

  it('reads the filters; locationId=null (or empty) selects unassigned calls', () => {
    const q = parseRecoveryQuery(
      {
        locationId: 'null',
        source: 'Google Ads',
        vertical: 'hvac',
        category: 'voicemail',
        groupBy: 'week',
        benchmark: 'vertical',
      },
      NOW,
    );
    expect(q.filters).toEqual({ locationId: '', source: 'Google Ads', vertical: 'hvac', category: 'voicemail' });
    expect([q.groupBy, q.benchmark]).toEqual(['week', 'vertical']);
  });

  it.each([
    [{ from: '2026-11-10', to: '2026-11-10' }, 'invalid_range'],
    [{ from: '2026-12-01' }, 'invalid_range'],
    [{ from: '11/01/2026' }, 'invalid_date'],
    [{ groupBy: 'zip' }, 'invalid_group_by'],
    [{ benchmark: 'peers' }, 'invalid_benchmark'],
    [{ category: 'missed' }, 'invalid_category'],
    [{ source: ['a', 'b'] }, 'invalid_parameter'],
  ])('refuses %j with %s (400)', (query, code) => {
    expect(() => parseRecoveryQuery(query, NOW)).toThrow(expect.objectContaining({ code, status: 400 }));
  });
});
