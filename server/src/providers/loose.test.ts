import { describe, expect, it } from 'vitest';
import {
  epochInstant,
  looseBool,
  looseInstant,
  looseMoney,
  looseSeconds,
  looseString,
  looseTags,
  rfc2822Instant,
} from './loose.ts';

describe('loose readers', () => {
  it('reads strings, treating "" and whitespace as absent and numbers as ids', () => {
    expect(looseString('  Pat ')).toBe('Pat');
    expect(looseString('')).toBeNull();
    expect(looseString('   ')).toBeNull();
    expect(looseString(766970532)).toBe('766970532');
    expect(looseString(Number.NaN)).toBeNull();
    expect(looseString({})).toBeNull();
  });

  it("reads booleans from CallRail's string spellings", () => {
    expect(looseBool('false')).toBe(false);
    expect(looseBool(' TRUE ')).toBe(true);
    expect(looseBool(0)).toBe(false);
    expect(looseBool('')).toBeNull();
    expect(looseBool('maybe')).toBeNull();
  });

  it('reads seconds from numbers, numeric strings and clock strings', () => {
    expect(looseSeconds(27)).toBe(27);
    expect(looseSeconds('27')).toBe(27);
    expect(looseSeconds('27.6')).toBe(28);
    expect(looseSeconds('00:04:05')).toBe(245);
    expect(looseSeconds('1:05')).toBe(65);
    expect(looseSeconds('')).toBeNull();
    expect(looseSeconds(-1)).toBeNull();
    expect(looseSeconds('13s')).toBeNull();
    expect(looseSeconds(1e12)).toBeNull();
  });

  it('reads money with currency symbols and separators', () => {
    expect(looseMoney('$1,250.50')).toBe(1250.5);
    expect(looseMoney('150')).toBe(150);
    expect(looseMoney(75)).toBe(75);
    expect(looseMoney('--')).toBeNull();
    expect(looseMoney('')).toBeNull();
  });

  it('reads tags as strings, {name} objects or a comma list, without duplicates', () => {
    expect(looseTags(['a', { name: 'b' }, { name: '' }, 3, 'a'])).toEqual(['a', 'b']);
    expect(looseTags('Spam, Robocall,')).toEqual(['Spam', 'Robocall']);
    expect(looseTags(null)).toEqual([]);
  });

  it('reads ISO-like instants; no zone means UTC', () => {
    expect(looseInstant('2018-02-19T13:41:00.236-05:00')).toEqual(new Date('2018-02-19T18:41:00.236Z'));
    expect(looseInstant('2018-02-19 18:41:00')).toEqual(new Date('2018-02-19T18:41:00Z'));
    expect(looseInstant('2026-03-02 09:15:00 -0700')).toEqual(new Date('2026-03-02T16:15:00Z'));
    expect(looseInstant('2026-03-02')).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(looseInstant('2026-02-30T00:00:00Z')).toBeNull();
    expect(looseInstant('2026-03-02T25:00:00Z')).toBeNull();
    expect(looseInstant('0001-01-01T00:00:00Z')).toBeNull();
    expect(looseInstant('yesterday')).toBeNull();
  });

  it('reads RFC 2822 (Twilio Timestamp) and epoch times', () => {
    expect(rfc2822Instant('Mon, 16 Aug 2010 03:45:01 +0000')).toEqual(new Date('2010-08-16T03:45:01Z'));
    expect(rfc2822Instant('16 Aug 2010 05:45:01 +0200')).toEqual(new Date('2010-08-16T03:45:01Z'));
    expect(rfc2822Instant('Mon, 16 Foo 2010 03:45:01 +0000')).toBeNull();
    expect(epochInstant(1772468400000)).toEqual(new Date('2026-03-02T16:20:00Z'));
    expect(epochInstant('1772468400')).toEqual(new Date('2026-03-02T16:20:00Z'));
    expect(epochInstant(0)).toBeNull();
    expect(epochInstant('12abc')).toBeNull();
  });
});
