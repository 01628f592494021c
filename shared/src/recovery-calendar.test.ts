import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  daysOverlapping,
  isoWeekOf,
  localDay,
  localDaySpan,
  monthOf,
  planRange,
  startOfLocalDay,
} from './recovery-calendar.ts';

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Phoenix',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kathmandu',
  'Pacific/Apia',
];
const instant = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
  .map((t) => new Date(t));

describe('local days', () => {
  it('reads the calendar date of the zone', () => {
    const at = new Date('2026-11-02T03:30:00Z');
    expect(localDay(at, 'UTC')).toBe('2026-11-02');
    expect(localDay(at, 'America/Phoenix')).toBe('2026-11-01');
  });

  it('gives 23- and 25-hour days across US daylight-saving changes', () => {
    const spring = localDaySpan('2026-03-08', 'America/New_York');
    const fall = localDaySpan('2026-11-01', 'America/New_York');
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    expect((fall.end.getTime() - fall.start.getTime()) / 3_600_000).toBe(25);
  });

  it('starts a day whose midnight does not exist at its first real instant (Santiago springs forward at 00:00)', () => {
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDay(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDay(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('tiles the time line: every instant lies in its own local day and nowhere else', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, tz) => {
        const day = localDay(at, tz);
        const { start, end } = localDaySpan(day, tz);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(end.getTime());
        expect(localDay(new Date(start.getTime() - 1), tz)).toBe(addDays(day, -1));
        expect(localDay(end, tz)).toBe(addDays(day, 1));
      }),
      { numRuns: 300 },
    );
  });

  it('names ISO weeks by their week-numbering year', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(monthOf('2026-02-28')).toBe('2026-02');
  });
});

describe('planRange', () => {
  it('cuts a range into whole local days and the partial edges, covering each instant exactly once', () => {
    fc.assert(
      fc.property(
        instant,
        fc.oneof(fc.integer({ min: 1, max: 2 * 86_400_000 }), fc.integer({ min: 1, max: 20 * 86_400_000 })),
        fc.constantFrom(...ZONES),
        instant,
        (from, length, tz, probe) => {
          const to = new Date(from.getTime() + length);
          const plan = planRange(from, to, tz);
          const full =
            plan.firstDay < plan.endDay
              ? { start: startOfLocalDay(plan.firstDay, tz), end: startOfLocalDay(plan.endDay, tz) }
              : null;
          const t = new Date(from.getTime() + (((probe.getTime() % length) + length) % length));
          const inFull = full !== null && full.start <= t && t < full.end;
          const inEdges = plan.edges.filter((e) => e.start <= t && t < e.end).length;
          expect(Number(inFull) + inEdges).toBe(1);
          if (full) {
            expect(full.start.getTime()).toBeGreaterThanOrEqual(from.getTime());
            expect(full.end.getTime()).toBeLessThanOrEqual(to.getTime());
          }
          for (const e of plan.edges) {
            expect(e.start.getTime()).toBeGreaterThanOrEqual(from.getTime());
            expect(e.end.getTime()).toBeLessThanOrEqual(to.getTime());
            expect(e.start.getTime()).toBeLessThan(e.end.getTime());
            expect(localDay(e.start, tz)).toBe(localDay(new Date(e.end.getTime() - 1), tz));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('serves an aligned range entirely from whole days', () => {
    const tz = 'America/Phoenix';
    const plan = planRange(startOfLocalDay('2026-11-01', tz), startOfLocalDay('2026-11-08', tz), tz);
    expect(plan).toEqual({ firstDay: '2026-11-01', endDay: '2026-11-08', edges: [] });
  });

  it('lists every day that overlaps a range', () => {
    expect(daysOverlapping(new Date('2026-11-01T12:00:00Z'), new Date('2026-11-03T00:00:00Z'), 'UTC')).toEqual([
      '2026-11-01',
      '2026-11-02',
    ]);
    expect(daysOverlapping(new Date('2026-11-01T12:00:00Z'), new Date('2026-11-03T00:00:01Z'), 'UTC')).toHaveLength(3);
  });
});
