import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countCase, emptyCounts, type CaseFacts } from '../../../shared/src/recovery-metrics.ts';
import { cellFromDigest, DigestBuilder } from './day-digest.ts';
import { cellFromAggregate } from './cells.ts';

const DAY_START = Date.parse('2026-03-08T08:00:00Z');
const within = fc.integer({ min: 0, max: 25 * 3_600_000 });

const caseFacts = fc
  .record({
    offset: within,
    attemptAfter: fc.option(fc.integer({ min: -60_000, max: 50_000_000 }), { nil: null }),
    inSla: fc.boolean(),
    contacted: fc.boolean(),
    booked: fc.boolean(),
    won: fc.boolean(),
    revenue: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 100),
    ),
  })
  .map((r): CaseFacts => ({
    missedAt: new Date(DAY_START + r.offset),
    firstAttemptAt: r.attemptAfter === null ? null : new Date(DAY_START + r.offset + r.attemptAfter),
    attemptedWithinSla: r.inSla,
    contactedAt: r.contacted ? new Date(DAY_START + r.offset + 1) : null,
    bookedAt: r.booked ? new Date(DAY_START + r.offset + 2) : null,
    wonAt: r.won ? new Date(DAY_START + r.offset + 3) : null,
    revenue: r.revenue,
  }));

describe('day digests', () => {
  it('give for any part of the day exactly the cell of the cases in it', () => {
    fc.assert(
      fc.property(fc.array(caseFacts, { maxLength: 40 }), within, within, (cases, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const builder = new DigestBuilder();
        for (const c of cases) builder.add(c, DAY_START);
        const inside = cases.filter(
          (c) => c.missedAt.getTime() - DAY_START >= from && c.missedAt.getTime() - DAY_START < to,
        );
        const counts = emptyCounts();
        for (const c of inside) countCase(counts, c);
        const seconds = inside.flatMap((c) =>
          c.firstAttemptAt ? [(c.firstAttemptAt.getTime() - c.missedAt.getTime()) / 1000] : [],
        );
        const cell = cellFromDigest('loc', '2026-03-08', builder.result(), from, to);
        if (inside.length === 0) {
          expect(cell).toBeNull();
          return;
        }
        const want = cellFromAggregate('loc', '2026-03-08', null, null, counts, seconds);
        // Digests list cases by time; callbacks are a multiset and revenue a float sum.
        const normal = (c: typeof want) => ({
          ...c,
          counts: { ...c.counts, revenue: 0 },
          callbacks: c.callbacks ? [...(c.callbacks as number[])].sort((x, y) => x - y) : null,
        });
        expect(normal(cell!)).toEqual(normal(want));
        expect(cell!.counts.revenue).toBeCloseTo(counts.revenue, 6);
      }),
    );
  });

  it('refuses a malformed digest', () => {
    for (const digest of ['x', '12', '12,', ',3', '12,3x', '12,1']) {
      expect(() => cellFromDigest('loc', '2026-03-08', digest, 0, 1e9), digest).toThrow(/invalid day digest/);
    }
  });
});
