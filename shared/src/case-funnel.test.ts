import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignEventsToCases, deriveFunnel, listStatus, type FunnelEvent } from './case-funnel.ts';
import { DEFAULT_POLICY } from './policy.ts';

const t = (iso: string) => new Date(iso);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('assignEventsToCases', () => {
  const cases = [
    { id: 'b', missedAt: t('2026-11-02T10:00:00Z') },
    { id: 'a', missedAt: t('2026-11-01T10:00:00Z') },
  ];

  it('gives each event to the latest case missed strictly before it', () => {
    const events = [
      { at: t('2026-11-01T09:00:00Z'), n: 0 }, // before every case: nobody's
      { at: t('2026-11-01T10:00:00Z'), n: 1 }, // at a's missedAt: not after it
      { at: t('2026-11-01T10:00:01Z'), n: 2 },
      { at: t('2026-11-02T10:00:00Z'), n: 3 }, // at b's missedAt: still a's
      { at: t('2026-11-02T10:00:01Z'), n: 4 },
    ];
    const assigned = assignEventsToCases(cases, events);
    expect(assigned.get('a')!.map((e) => e.n)).toEqual([2, 3]);
    expect(assigned.get('b')!.map((e) => e.n)).toEqual([4]);
  });

  it('agrees with the definition on random cases and events', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 0, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 20 }),
        (caseTimes, eventTimes) => {
          const cs = caseTimes.map((m, i) => ({ id: `c${i}`, missedAt: new Date(m) }));
          const es = eventTimes.map((at, i) => ({ at: new Date(at), i }));
          const assigned = assignEventsToCases(cs, es);
          for (const e of es) {
            const eligible = cs.filter((c) => c.missedAt.getTime() < e.at.getTime());
            const latest = eligible.sort((x, y) => y.missedAt.getTime() - x.missedAt.getTime())[0];
            const holder = [...assigned.entries()].find(([, list]) => list.includes(e))?.[0];
            expect(holder).toBe(latest?.id);
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('deriveFunnel', () => {
  const c = { missedAt: t('2026-11-01T10:00:00Z'), slaDueAt: t('2026-11-01T10:30:00Z') };
  const at = (minutes: number) => new Date(c.missedAt.getTime() + minutes * MIN);

  it('counts the first attempt, SLA met at the due time, and a contact by talk time', () => {
    const events: FunnelEvent[] = [
      { type: 'attempt', at: at(45), answered: true, talkSeconds: 120 },
      { type: 'attempt', at: at(30), answered: true, talkSeconds: 29 },
    ];
    const f = deriveFunnel(c, events, DEFAULT_POLICY);
    expect(f.firstAttemptAt).toEqual(at(30));
    expect(f.attemptedWithinSla).toBe(true);
    expect(f.contactedAt).toEqual(at(45));
    expect(f.status).toBe('contacted');
  });

  it('misses the SLA one millisecond late', () => {
    const f = deriveFunnel(c, [{ type: 'attempt', at: new Date(c.slaDueAt.getTime() + 1) }], DEFAULT_POLICY);
    expect(f.attemptedWithinSla).toBe(false);
    expect(f.status).toBe('attempted');
  });

  it('treats an answered inbound call with enough talk as a contact but not an attempt', () => {
    const f = deriveFunnel(c, [{ type: 'inbound', at: at(5), answered: true, talkSeconds: 30 }], DEFAULT_POLICY);
    expect(f.firstAttemptAt).toBeNull();
    expect(f.contactedAt).toEqual(at(5));
  });

  it('attributes bookings and revenue only inside their windows, summing revenue', () => {
    const events: FunnelEvent[] = [
      { type: 'contact', at: at(10) },
      { type: 'booking', at: new Date(c.missedAt.getTime() + 7 * DAY) },
      { type: 'revenue', at: at(60), amount: 200 },
      { type: 'revenue', at: new Date(c.missedAt.getTime() + 30 * DAY), amount: 50.5 },
      { type: 'revenue', at: new Date(c.missedAt.getTime() + 30 * DAY + 1), amount: 1000 },
    ];
    const f = deriveFunnel(c, events, DEFAULT_POLICY);
    expect(f.bookedAt).toEqual(new Date(c.missedAt.getTime() + 7 * DAY));
    expect(f.revenue).toBe(250.5);
    expect(f.wonAt).toEqual(at(60));
    expect(f.status).toBe('won');
    const late = deriveFunnel(c, [{ type: 'booking', at: new Date(c.missedAt.getTime() + 7 * DAY + 1) }], DEFAULT_POLICY);
    expect(late.bookedAt).toBeNull();
  });

  it('ignores events at or before the miss', () => {
    const f = deriveFunnel(c, [{ type: 'contact', at: c.missedAt }], DEFAULT_POLICY);
    expect(f.status).toBe('open');
  });
});

describe('listStatus', () => {
  const missedAt = t('2026-11-01T10:00:00Z');
  it('shows lost after the horizon without contact, and never hides spam or progress', () => {
    const later = new Date(missedAt.getTime() + 7 * DAY);
    expect(listStatus({ spam: false, missedAt, status: 'attempted' }, 7 * DAY, later)).toBe('lost');
    expect(listStatus({ spam: false, missedAt, status: 'open' }, 7 * DAY, new Date(later.getTime() - 1))).toBe('open');
    expect(listStatus({ spam: false, missedAt, status: 'contacted' }, 7 * DAY, later)).toBe('contacted');
    expect(listStatus({ spam: true, missedAt, status: 'open' }, 7 * DAY, later)).toBe('spam');
  });
});
