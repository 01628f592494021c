import { describe, expect, it } from 'vitest';
import {
  BusinessHoursError,
  addOpenTime,
  isOpenAt,
  isValidTimeZone,
  nextOpeningAfter,
  parseBusinessHours,
} from './business-hours.ts';
import type { BusinessHours } from './policy.ts';

const MIN = 60_000;
const at = (iso: string): Date => new Date(iso);

function hoursOf(days: Record<string, string> | null, holidays: string[] = []): BusinessHours {
  const parsed = parseBusinessHours(days, holidays);
  if (!parsed) throw new Error('test schedule unexpectedly always open');
  return parsed;
}

const WEEK = { mon: '08:00-18:00', tue: '08:00-18:00', wed: '08:00-18:00', thu: '08:00-18:00', fri: '08:00-18:00' };

describe('parseBusinessHours', () => {
  it('parses days, breaks, 24:00 and holidays', () => {
    expect(
      parseBusinessHours({ mon: '08:00-12:00, 13:00-17:30', sat: '09:00-13:00', sun: '20:00-24:00' }, [
        '2026-12-25',
        '2026-01-01',
        '2026-12-25',
      ]),
    ).toEqual({
      days: {
        mon: [
          { openMinute: 480, closeMinute: 720 },
          { openMinute: 780, closeMinute: 1050 },
        ],
        sat: [{ openMinute: 540, closeMinute: 780 }],
        sun: [{ openMinute: 1200, closeMinute: 1440 }],
      },
      holidays: ['2026-01-01', '2026-12-25'],
    });
  });

  it('accepts touching intervals', () => {
    expect(parseBusinessHours({ mon: '08:00-12:00,12:00-13:00' })?.days.mon).toHaveLength(2);
  });

  it('gives null (always open) when no hours are configured', () => {
    expect(parseBusinessHours(undefined)).toBeNull();
    expect(parseBusinessHours(null, [])).toBeNull();
  });

  it('keeps holidays closed when only holidays are configured', () => {
    const hours = hoursOf(null, ['2026-12-25']);
    expect(isOpenAt(hours, 'UTC', at('2026-12-24T23:59:00Z'))).toBe(true);
    expect(isOpenAt(hours, 'UTC', at('2026-12-25T12:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, 'UTC', at('2026-12-26T00:00:00Z'))).toBe(true);
  });

  it.each([
    [{ mon: '8:00-17:00' }, 'mon', 'not HH:MM-HH:MM'],
    [{ mon: '08:00-25:00' }, 'mon', 'not a closing time'],
    [{ mon: '08:00-24:30' }, 'mon', 'not a closing time'],
    [{ mon: '24:00-24:00' }, 'mon', 'not a time of day'],
    [{ tue: '08:60-17:00' }, 'tue', 'not a time of day'],
    [{ mon: '08:00-08:00' }, 'mon', 'not before closing'],
    [{ mon: '17:00-08:00' }, 'mon', 'not before closing'],
    [{ mon: '13:00-17:00,08:00-12:00' }, 'mon', 'in order'],
    [{ mon: '08:00-13:00,12:00-17:00' }, 'mon', 'overlap'],
    [{ mon: '' }, 'mon', 'not HH:MM-HH:MM'],
    [{ mon: '08:00-12:00,' }, 'mon', 'not HH:MM-HH:MM'],
    [{ monday: '08:00-17:00' }, 'monday', 'unknown day'],
    [{ Mon: '08:00-17:00' }, 'Mon', 'unknown day'],
    [{ mon: 8 }, 'mon', 'expected'],
  ])('rejects %j naming key %s', (days, key, reason) => {
    const run = () => parseBusinessHours(days as unknown as Record<string, string>);
    expect(run).toThrow(BusinessHoursError);
    expect(run).toThrow(`businessHours.${key}`);
    expect(run).toThrow(reason);
    try {
      run();
    } catch (err) {
      expect((err as BusinessHoursError).code).toBe('invalid_business_hours');
      expect((err as BusinessHoursError).key).toBe(key);
      expect((err as BusinessHoursError).value).toBe((days as Record<string, unknown>)[key]);
    }
  });

  it('rejects an empty object: never open is a config error', () => {
    expect(() => parseBusinessHours({})).toThrow(/never open/);
  });

  it.each([['2026-02-30'], ['2026/12/25'], ['2026-12-5'], ['tomorrow']])('rejects holiday %s', (day) => {
    expect(() => parseBusinessHours(WEEK, [day])).toThrow(`businessHours.holidays "${day}"`);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('makes the clock functions throw a coded error', () => {
    expect(() => isOpenAt(null, 'Mars/Olympus', at('2026-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'invalid_time_zone' }),
    );
  });
});

describe('isOpenAt', () => {
  const hours = hoursOf({ ...WEEK, mon: '08:00-12:00,13:00-18:00', sat: '09:00-13:00' }, ['2026-12-25']);
  const ny = 'America/New_York';

  it.each([
    ['2026-06-15T12:00:00Z', true], // Mon 08:00 EDT, exactly at opening
    ['2026-06-15T11:59:00Z', false], // Mon 07:59
    ['2026-06-15T15:59:00Z', true], // Mon 11:59
    ['2026-06-15T16:00:00Z', false], // Mon 12:00, lunch starts
    ['2026-06-15T17:00:00Z', true], // Mon 13:00, back from lunch
    ['2026-06-15T21:59:59Z', true], // Mon 17:59:59
    ['2026-06-15T22:00:00Z', false], // Mon 18:00, exactly at closing
    ['2026-06-20T16:59:00Z', true], // Sat 12:59
    ['2026-06-20T17:00:00Z', false], // Sat 13:00
    ['2026-06-21T16:00:00Z', false], // Sun
    ['2026-12-25T15:00:00Z', false], // Fri 10:00 EST, holiday
    ['2026-12-24T15:00:00Z', true], // Thu 10:00 EST
  ])('at %s is %s', (iso, open) => {
    expect(isOpenAt(hours, ny, at(iso))).toBe(open);
  });

  it('follows a schedule changed in place (no stale cached days)', () => {
    const mutable = hoursOf({ mon: '08:00-09:00' });
    expect(isOpenAt(mutable, 'UTC', at('2026-06-15T10:00:00Z'))).toBe(false);
    mutable.days.mon = [{ openMinute: 600, closeMinute: 660 }];
    expect(isOpenAt(mutable, 'UTC', at('2026-06-15T10:00:00Z'))).toBe(true);
  });

  it('is always true for null hours', () => {
    expect(isOpenAt(null, ny, at('2026-06-21T07:00:00Z'))).toBe(true);
  });

  it('reads the schedule in the location zone', () => {
    // 15:00Z is 08:00 in Phoenix (MST all year) but 11:00 in New York (EDT).
    expect(isOpenAt(hoursOf({ mon: '08:00-09:00' }), 'America/Phoenix', at('2026-06-15T15:00:00Z'))).toBe(true);
    expect(isOpenAt(hoursOf({ mon: '08:00-09:00' }), ny, at('2026-06-15T15:00:00Z'))).toBe(false);
  });
});

describe('nextOpeningAfter', () => {
  const hours = hoursOf({ ...WEEK, sat: '09:00-13:00' }, ['2026-12-25']);
  const ny = 'America/New_York';

  it('is strictly after: at an opening it gives the following one', () => {
    expect(nextOpeningAfter(hours, ny, at('2026-06-15T12:00:00Z'))).toEqual(at('2026-06-16T12:00:00Z'));
    expect(nextOpeningAfter(hours, ny, at('2026-06-15T11:59:59.999Z'))).toEqual(at('2026-06-15T12:00:00Z'));
  });

  it('skips Sunday and holidays', () => {
    expect(nextOpeningAfter(hours, ny, at('2026-06-20T18:00:00Z'))).toEqual(at('2026-06-22T12:00:00Z'));
    // Thu 24 Dec 19:00 EST → Fri is a holiday → Sat 26 Dec 09:00 EST.
    expect(nextOpeningAfter(hours, ny, at('2026-12-25T00:00:00Z'))).toEqual(at('2026-12-26T14:00:00Z'));
  });

  it('does not treat a 00:00 open after a 24:00 close as an opening', () => {
    const late = hoursOf({ fri: '20:00-24:00', sat: '00:00-02:00', mon: '09:00-10:00' });
    // Fri 2026-06-19 21:00Z is 21:00 in UTC: open through Sat 02:00; next real opening is Mon 09:00.
    expect(nextOpeningAfter(late, 'UTC', at('2026-06-19T21:00:00Z'))).toEqual(at('2026-06-22T09:00:00Z'));
    expect(nextOpeningAfter(late, 'UTC', at('2026-06-19T19:00:00Z'))).toEqual(at('2026-06-19T20:00:00Z'));
  });

  it('is null when the hours never close again, and for null hours', () => {
    const allDay = hoursOf(null, ['2026-12-25']);
    expect(nextOpeningAfter(allDay, 'UTC', at('2026-12-20T00:00:00Z'))).toEqual(at('2026-12-26T00:00:00Z'));
    expect(nextOpeningAfter(allDay, 'UTC', at('2026-12-27T00:00:00Z'))).toBeNull();
    expect(nextOpeningAfter(null, 'UTC', at('2026-12-27T00:00:00Z'))).toBeNull();
  });

  it('is null for hours that have no interval at all', () => {
    const never: BusinessHours = { days: { mon: [] }, holidays: [] };
    expect(nextOpeningAfter(never, 'UTC', at('2026-06-15T00:00:00Z'))).toBeNull();
    expect(isOpenAt(never, 'UTC', at('2026-06-15T00:00:00Z'))).toBe(false);
    expect(() => addOpenTime(never, 'UTC', at('2026-06-15T00:00:00Z'), MIN)).toThrow(
      expect.objectContaining({ code: 'never_open' }),
    );
  });
});

describe('addOpenTime', () => {
  const hours = hoursOf({ ...WEEK, mon: '08:00-12:00,13:00-18:00', sat: '09:00-13:00' }, ['2026-12-25']);
  const ny = 'America/New_York';

  it('counts only open time across a lunch break', () => {
    // Mon 11:50 EDT + 30m → 10m before lunch, 20m after 13:00.
    expect(addOpenTime(hours, ny, at('2026-06-15T15:50:00Z'), 30 * MIN)).toEqual(at('2026-06-15T17:20:00Z'));
  });

  it('ends exactly at the close when the time runs out there', () => {
    expect(addOpenTime(hours, ny, at('2026-06-15T21:30:00Z'), 30 * MIN)).toEqual(at('2026-06-15T22:00:00Z'));
  });

  it('carries over a Saturday half day and a closed Sunday', () => {
    // Sat 12:45 EDT + 30m → 15m Saturday, 15m from Mon 08:00.
    expect(addOpenTime(hours, ny, at('2026-06-20T16:45:00Z'), 30 * MIN)).toEqual(at('2026-06-22T12:15:00Z'));
  });

  it('starts counting at the next opening when started while closed', () => {
    expect(addOpenTime(hours, ny, at('2026-06-16T02:00:00Z'), 30 * MIN)).toEqual(at('2026-06-16T12:30:00Z'));
  });

  it('returns the start for zero and plain addition for null hours', () => {
    expect(addOpenTime(hours, ny, at('2026-06-16T02:00:00Z'), 0)).toEqual(at('2026-06-16T02:00:00Z'));
    expect(addOpenTime(null, ny, at('2026-06-16T02:00:00Z'), 5 * MIN)).toEqual(at('2026-06-16T02:05:00Z'));
  });

  it('rejects negative time', () => {
    expect(() => addOpenTime(hours, ny, at('2026-06-16T02:00:00Z'), -1)).toThrow(RangeError);
  });

  it('runs through midnight when a 24:00 close meets a 00:00 open', () => {
    const late = hoursOf({ fri: '20:00-24:00', sat: '00:00-02:00' });
    expect(addOpenTime(late, 'UTC', at('2026-06-19T23:50:00Z'), 30 * MIN)).toEqual(at('2026-06-20T00:20:00Z'));
  });
});

describe('daylight-saving days', () => {
  const ny = 'America/New_York';

  it('US spring-forward 2026-03-08: 01:00-03:00 is one real hour', () => {
    const hours = hoursOf({ sun: '01:00-03:00', mon: '09:00-17:00' });
    expect(isOpenAt(hours, ny, at('2026-03-08T06:00:00Z'))).toBe(true); // 01:00 EST
    expect(isOpenAt(hours, ny, at('2026-03-08T07:00:00Z'))).toBe(false); // 03:00 EDT
    // 01:30 EST + 60m → 30m left on Sunday, 30m from Mon 09:00 EDT (13:00Z).
    expect(addOpenTime(hours, ny, at('2026-03-08T06:30:00Z'), 60 * MIN)).toEqual(at('2026-03-09T13:30:00Z'));
  });

  it('US spring-forward: a close inside the gap maps to luxon’s instant (02:30 → 03:30 EDT)', () => {
    const hours = hoursOf({ sun: '00:00-02:30' });
    expect(isOpenAt(hours, ny, at('2026-03-08T07:29:00Z'))).toBe(true);
    expect(isOpenAt(hours, ny, at('2026-03-08T07:30:00Z'))).toBe(false);
    // An interval wholly inside the gap that maps backwards is closed that day.
    const gap = hoursOf({ sun: '02:30-03:00' });
    expect(isOpenAt(gap, ny, at('2026-03-08T07:15:00Z'))).toBe(false);
    expect(nextOpeningAfter(gap, ny, at('2026-03-08T05:00:00Z'))).toEqual(at('2026-03-15T06:30:00Z'));
  });

  it('US spring-forward: intervals that overlap once mapped are not counted twice', () => {
    // 01:00-02:30 → [06:00Z, 07:30Z); 03:00-04:00 → [07:00Z, 08:00Z): two real hours in all.
    const hours = hoursOf({ sun: '01:00-02:30,03:00-04:00', mon: '09:00-17:00' });
    expect(addOpenTime(hours, ny, at('2026-03-08T06:00:00Z'), 120 * MIN)).toEqual(at('2026-03-08T08:00:00Z'));
    expect(addOpenTime(hours, ny, at('2026-03-08T06:00:00Z'), 121 * MIN)).toEqual(at('2026-03-09T13:01:00Z'));
  });

  it('US fall-back 2026-11-01: 01:00-03:00 is three real hours, opening at the first 01:00', () => {
    const hours = hoursOf({ sun: '01:00-03:00' });
    expect(nextOpeningAfter(hours, ny, at('2026-11-01T04:00:00Z'))).toEqual(at('2026-11-01T05:00:00Z')); // 01:00 EDT
    expect(isOpenAt(hours, ny, at('2026-11-01T06:30:00Z'))).toBe(true); // the second 01:30 (EST)
    expect(addOpenTime(hours, ny, at('2026-11-01T05:00:00Z'), 180 * MIN)).toEqual(at('2026-11-01T08:00:00Z'));
  });

  it('US fall-back: a close in the repeated hour is its first occurrence', () => {
    const hours = hoursOf({ sun: '00:00-01:30' });
    expect(isOpenAt(hours, ny, at('2026-11-01T05:29:00Z'))).toBe(true); // 01:29 EDT
    expect(isOpenAt(hours, ny, at('2026-11-01T05:30:00Z'))).toBe(false); // 01:30 EDT
    expect(isOpenAt(hours, ny, at('2026-11-01T06:15:00Z'))).toBe(false); // 01:15 EST
  });

  it('EU spring-forward 2026-03-29 (London): Saturday half day to Monday in BST', () => {
    const hours = hoursOf({ ...WEEK, sat: '09:00-13:00' });
    // Sat 12:45 GMT + 30m → 15m, then Mon 08:00 BST = 07:00Z.
    expect(addOpenTime(hours, 'Europe/London', at('2026-03-28T12:45:00Z'), 30 * MIN)).toEqual(
      at('2026-03-30T07:15:00Z'),
    );
  });

  it('EU fall-back 2026-10-25 (London and Berlin): Friday evening to Monday in winter time', () => {
    const hours = hoursOf(WEEK);
    // Fri 17:45 BST + 4h → 15m, then Mon 08:00 GMT + 3h45.
    expect(addOpenTime(hours, 'Europe/London', at('2026-10-23T16:45:00Z'), 240 * MIN)).toEqual(
      at('2026-10-26T11:45:00Z'),
    );
    // Europe/Berlin: Fri 17:45 CEST = 15:45Z; Mon 08:00 CET = 07:00Z.
    expect(addOpenTime(hours, 'Europe/Berlin', at('2026-10-23T15:45:00Z'), 240 * MIN)).toEqual(
      at('2026-10-26T10:45:00Z'),
    );
  });

  it('EU fall-back in London: an interval over the repeated hour is an hour longer', () => {
    const hours = hoursOf({ sun: '00:00-03:00' });
    // 00:00 BST (23:00Z Sat) to 03:00 GMT (03:00Z): 4 real hours.
    expect(addOpenTime(hours, 'Europe/London', at('2026-10-24T23:00:00Z'), 240 * MIN)).toEqual(
      at('2026-10-25T03:00:00Z'),
    );
    expect(isOpenAt(hours, 'Europe/London', at('2026-10-25T03:00:00Z'))).toBe(false);
  });

  it('Australia/Sydney and Asia/Kolkata follow their own zones', () => {
    const hours = hoursOf(WEEK);
    // Sydney DST starts Sun 2026-10-04. Fri 17:50 AEST (07:50Z) + 30m → Mon 08:20 AEDT (Sun 21:20Z).
    expect(addOpenTime(hours, 'Australia/Sydney', at('2026-10-02T07:50:00Z'), 30 * MIN)).toEqual(
      at('2026-10-04T21:20:00Z'),
    );
    // Kolkata (+05:30, no DST): Mon 17:50 IST (12:20Z) + 30m → Tue 08:20 IST (02:50Z).
    expect(addOpenTime(hours, 'Asia/Kolkata', at('2026-06-15T12:20:00Z'), 30 * MIN)).toEqual(
      at('2026-06-16T02:50:00Z'),
    );
  });
});
