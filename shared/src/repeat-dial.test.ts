import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRepeatOf, raisedUrgency } from './repeat-dial.ts';
import type { CaseStatus, RepeatCall, RepeatCandidate } from './repeat-dial.ts';
import type { Urgency } from './urgency.ts';

const MINUTE = 60_000;
const WINDOW = 30 * MINUTE;
const T0 = Date.parse('2026-03-02T15:00:00Z');
const CALLER = '+14805550123';

function at(minutes: number): Date {
  return new Date(T0 + minutes * MINUTE);
}

function candidate(overrides: Partial<RepeatCandidate> = {}): RepeatCandidate {
  return {
    id: 'case-1',
    callerE164: CALLER,
    locationId: 'phoenix',
    status: 'open',
    lastCallAt: at(0),
    missedAt: at(0),
    ...overrides,
  };
}

function callAt(minutes: number, overrides: Partial<RepeatCall> = {}): RepeatCall {
  return { callerE164: CALLER, locationId: 'phoenix', startedAt: at(minutes), ...overrides };
}

describe('findRepeatOf', () => {
  it.each([
    ['10 minutes later', callAt(10), [candidate()], 'case-1'],
    ['exactly the window later (inclusive)', callAt(30), [candidate()], 'case-1'],
    ['one ms past the window', { ...callAt(30), startedAt: new Date(T0 + WINDOW + 1) }, [candidate()], null],
    ['the same instant (never itself)', callAt(0), [candidate()], null],
    ['earlier than the case', callAt(-5), [candidate()], null],
    ['another caller', callAt(5, { callerE164: '+14805550999' }), [candidate()], null],
    ['another location', callAt(5, { locationId: 'tucson' }), [candidate()], null],
    ['unassigned to assigned', callAt(5, { locationId: null }), [candidate()], null],
    ['unassigned to unassigned', callAt(5, { locationId: null }), [candidate({ locationId: null })], 'case-1'],
    ['an unknown caller', callAt(5, { callerE164: null }), [candidate()], null],
    ['no candidates', callAt(5), [], null],
  ] as const)('%s → %s', (_name, call, candidates, expected) => {
    expect(findRepeatOf(call, candidates, WINDOW)).toBe(expected);
  });

  it.each<[CaseStatus, boolean]>([
    ['open', true],
    ['attempted', true],
    ['contacted', false],
    ['booked', false],
    ['won', false],
    ['lost', false],
    ['spam', false],
  ])('a %s case takes repeats: %s', (status, repeats) => {
    expect(findRepeatOf(callAt(5), [candidate({ status })], WINDOW)).toBe(repeats ? 'case-1' : null);
  });

  it('measures from the latest call folded into the case, not from its missedAt', () => {
    const folded = candidate({ missedAt: at(0), lastCallAt: at(25) });
    expect(findRepeatOf(callAt(50), [folded], WINDOW)).toBe('case-1');
    expect(findRepeatOf(callAt(56), [folded], WINDOW)).toBeNull();
  });

  it('picks the latest qualifying case whatever the order', () => {
    const older = candidate({ id: 'older', lastCallAt: at(0), missedAt: at(0) });
    const newer = candidate({ id: 'newer', lastCallAt: at(10), missedAt: at(10) });
    const settled = candidate({ id: 'settled', status: 'contacted', lastCallAt: at(15), missedAt: at(15) });
    expect(findRepeatOf(callAt(20), [older, newer, settled], WINDOW)).toBe('newer');
    expect(findRepeatOf(callAt(20), [settled, newer, older], WINDOW)).toBe('newer');
  });

  it('breaks ties on missedAt, then id', () => {
    const a = candidate({ id: 'a', lastCallAt: at(10), missedAt: at(0) });
    const b = candidate({ id: 'b', lastCallAt: at(10), missedAt: at(5) });
    const c = candidate({ id: 'c', lastCallAt: at(10), missedAt: at(5) });
    expect(findRepeatOf(callAt(20), [a, b], WINDOW)).toBe('b');
    expect(findRepeatOf(callAt(20), [c, b, a], WINDOW)).toBe('c');
  });

  /** The rule written as directly as possible, to check the real one against. */
  function reference(call: RepeatCall, candidates: readonly RepeatCandidate[], windowMs: number): string | null {
    if (call.callerE164 === null) return null;
    const start = call.startedAt.getTime();
    const qualifying = candidates.filter(
      (c) =>
        c.callerE164 === call.callerE164 &&
        c.locationId === call.locationId &&
        (c.status === 'open' || c.status === 'attempted') &&
        c.lastCallAt.getTime() < start &&
        start <= c.lastCallAt.getTime() + windowMs,
    );
    qualifying.sort(
      (x, y) =>
        y.lastCallAt.getTime() - x.lastCallAt.getTime() ||
        y.missedAt.getTime() - x.missedAt.getTime() ||
        (x.id < y.id ? 1 : x.id > y.id ? -1 : 0),
    );
    return qualifying[0]?.id ?? null;
  }

  it('agrees with a brute-force reference on random candidate lists', () => {
    // Small pools of callers, locations, ids and minutes so that matches, boundaries and ties are common.
    const callers = fc.constantFrom('+14805550001', '+14805550002');
    const locations = fc.constantFrom<string | null>('phoenix', 'tucson', null);
    const minute = fc.integer({ min: -40, max: 40 });
    const candidateArb = fc.record({
      id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'),
      callerE164: callers,
      locationId: locations,
      status: fc.constantFrom<CaseStatus>('open', 'attempted', 'contacted', 'booked', 'won', 'lost', 'spam'),
      lastCallAt: minute.map(at),
      missedAt: minute.map(at),
    });
    const callArb = fc.record({
      callerE164: fc.option(callers, { freq: 6 }),
      locationId: locations,
      startedAt: minute.map(at),
    });
    const windowArb = fc.constantFrom(0, 1, 10 * MINUTE, WINDOW);
    fc.assert(
      fc.property(callArb, fc.array(candidateArb, { maxLength: 8 }), windowArb, (call, candidates, windowMs) => {
        expect(findRepeatOf(call, candidates, windowMs)).toBe(reference(call, candidates, windowMs));
      }),
      { seed: 20260302, numRuns: 2000 },
    );
  });
});

describe('raisedUrgency', () => {
  it.each<[Urgency, number, Urgency]>([
    ['low', 0, 'low'],
    ['normal', 0, 'normal'],
    ['high', 0, 'high'],
    ['low', 1, 'high'],
    ['normal', 1, 'high'],
    ['normal', 4, 'high'],
    ['high', 2, 'high'],
  ])('%s with %s repeat(s) → %s', (current, repeats, expected) => {
    expect(raisedUrgency(current, repeats)).toBe(expected);
  });
});
