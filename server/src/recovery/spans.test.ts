import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childrenOf, dayNumber, dayOfNumber, decompose, decomposeAround, MAX_SPAN_LEVEL, spanStart } from './spans.ts';

const day = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2030-12-31') }).map(dayOfNumber);

/** The days a list of pieces covers, in order. */
const covered = (pieces: Array<{ level: number; start: string }>) =>
  pieces.flatMap((p) => Array.from({ length: 2 ** p.level }, (_, i) => dayOfNumber(dayNumber(p.start) + i)));

const daysFrom = (first: string, end: string) =>
  Array.from({ length: Math.max(0, dayNumber(end) - dayNumber(first)) }, (_, i) => dayOfNumber(dayNumber(first) + i));

describe('dyadic day spans', () => {
  it('cover a run of days exactly, with aligned spans, at most two per level', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (first, length) => {
        const end = dayOfNumber(dayNumber(first) + length);
        const pieces = decompose(first, end);
        expect(covered(pieces)).toEqual(daysFrom(first, end));
        for (const p of pieces) {
          expect(p.level).toBeLessThanOrEqual(MAX_SPAN_LEVEL);
          expect(spanStart(p.start, p.level)).toBe(p.start);
        }
        for (let level = 0; level < MAX_SPAN_LEVEL; level++)
          expect(pieces.filter((p) => p.level === level).length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('leave out marked days and nothing else', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.integer({ min: -5, max: 205 })),
        (first, length, offsets) => {
          const end = dayOfNumber(dayNumber(first) + length);
          const holes = offsets.map((o) => dayOfNumber(dayNumber(first) + o));
          const holeSet = new Set(holes);
          expect(covered(decomposeAround(first, end, holes))).toEqual(
            daysFrom(first, end).filter((d) => !holeSet.has(d)),
          );
        },
      ),
    );
  });

  it('number days from 1970-01-01 and split a span into its two halves', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayOfNumber(20_480)).toBe('2026-01-27'); // 20,480 = 2^12 × 5: aligned at every level
    expect(spanStart('2026-02-03', 3)).toBe('2026-01-27');
    expect(spanStart('2026-02-04', 3)).toBe('2026-02-04');
    expect(childrenOf({ level: 3, start: '2026-01-27' })).toEqual([
      { level: 2, start: '2026-01-27' },
      { level: 2, start: '2026-01-31' },
    ]);
  });
});
