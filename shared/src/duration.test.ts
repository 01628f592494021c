import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DurationError,
  formatAfterHoursOffset,
  formatDuration,
  parseAfterHoursOffset,
  parseDuration,
} from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['4h', 14_400_000],
    ['7d', 604_800_000],
    ['0m', 0],
    ['05m', 300_000],
  ])('parses %s', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });

  it.each(['5', '5 m', ' 5m', '5m ', '1.5h', '-5m', '+5m', '5w', 'm', '', '5M', '5mm', '99999999999999999999d'])(
    'rejects %j with a DurationError naming it',
    (s) => {
      expect(() => parseDuration(s)).toThrow(DurationError);
      expect(() => parseDuration(s)).toThrow(JSON.stringify(s));
    },
  );

  it('rejects non-strings that slipped through untyped config', () => {
    expect(() => parseDuration(5 as unknown as string)).toThrow(DurationError);
  });

  it('carries a code', () => {
    try {
      parseDuration('5');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DurationError);
      expect((err as DurationError).code).toBe('invalid_duration');
      expect((err as DurationError).value).toBe('5');
    }
  });
});

describe('parseAfterHoursOffset', () => {
  it('parses nextOpen+<duration>', () => {
    expect(parseAfterHoursOffset('nextOpen+15m')).toBe(900_000);
    expect(parseAfterHoursOffset('nextOpen+0s')).toBe(0);
  });

  it.each(['15m', 'nextOpen', 'nextOpen+', 'nextOpen+1.5h', 'nextopen+15m', 'nextOpen + 15m', 'nextOpen-15m'])(
    'rejects %j naming the whole value',
    (s) => {
      expect(() => parseAfterHoursOffset(s)).toThrow(DurationError);
      expect(() => parseAfterHoursOffset(s)).toThrow(JSON.stringify(s));
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [30_000, '30s'],
    [90_000, '90s'],
    [300_000, '5m'],
    [5_400_000, '90m'],
    [14_400_000, '4h'],
    [604_800_000, '7d'],
  ])('formats %d as %s', (ms, s) => {
    expect(formatDuration(ms)).toBe(s);
  });

  it.each([-1000, 1500, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (ms) => {
    expect(() => formatDuration(ms)).toThrow(DurationError);
  });

  it('round-trips through parseDuration with the largest exact unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        const ms = seconds * 1000;
        const s = formatDuration(ms);
        expect(parseDuration(s)).toBe(ms);
        // No larger unit would do: the number is not a multiple of the next unit up.
        const [, n = '', unit = ''] = /^(\d+)([smhd])$/.exec(s) ?? [];
        const next: Record<string, number> = { s: 60, m: 60, h: 24 };
        if (ms > 0 && unit in next) expect(Number(n) % (next[unit] ?? 1)).not.toBe(0);
      }),
    );
  });

  it('formats after-hours offsets back to their config form', () => {
    expect(formatAfterHoursOffset(900_000)).toBe('nextOpen+15m');
    expect(parseAfterHoursOffset(formatAfterHoursOffset(3_600_000))).toBe(3_600_000);
  });
});
