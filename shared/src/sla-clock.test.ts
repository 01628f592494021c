import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addOpenTime, isOpenAt, nextOpeningAfter, parseBusinessHours } from './business-hours.ts';
import { DEFAULT_POLICY, WEEKDAYS } from './policy.ts';
import type { BusinessHours, SlaPolicy } from './policy.ts';
import { computeSla } from './sla-clock.ts';
import type { SlaInput, SlaIntent, SlaUrgency } from './sla-clock.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string): Date => new Date(iso);

// ---------------------------------------------------------------------------------------------
// Brute-force reference: a minute-by-minute bitmap of which minutes are open, built straight from
// the contract's rules (each local date's wall-clock intervals mapped to instants; a wall time that
// occurs twice means its first occurrence, one that does not exist is read in the offset before the
// jump, which is what luxon does), then stepped one minute at a time. No spans, no merging.

interface Reference {
  open(t: number): boolean;
  nextOpening(t: number): number | null;
  addOpen(t: number, ms: number): number;
  sla(input: SlaInput): { afterHours: boolean; slaDueAt: number; rule: string };
}

function refWallInstant(zone: IANAZone, y: number, m: number, d: number, minute: number): number {
  const wall = Date.UTC(y, m - 1, d, 0, minute); // minute 1440 rolls over to the next day's 00:00
  const candidates = [zone.offset(wall - 36 * HOUR), zone.offset(wall), zone.offset(wall + 36 * HOUR)]
    .map((offset) => wall - offset * MIN)
    .filter((t) => zone.offset(t) * MIN === wall - t);
  return candidates.length > 0 ? Math.min(...candidates) : wall - zone.offset(wall - 36 * HOUR) * MIN;
}

function buildReference(hours: BusinessHours, tz: string, from: number, days: number): Reference {
  const zone = IANAZone.create(tz);
  const base = from - 3 * DAY;
  const open = new Uint8Array(((days + 6) * DAY) / MIN);
  const local = DateTime.fromMillis(base, { zone: tz });
  for (let k = 0; k < days + 5; k++) {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + k));
    if (hours.holidays.includes(date.toISOString().slice(0, 10))) continue;
    const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7];
    for (const interval of (weekday && hours.days[weekday]) || []) {
      const ymd = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()] as const;
      const start = refWallInstant(zone, ...ymd, interval.openMinute);
      const end = refWallInstant(zone, ...ymd, interval.closeMinute);
      for (let t = start; t < end; t += MIN) {
        const i = (t - base) / MIN;
        if (i >= 0 && i < open.length) open[i] = 1;
      }
    }
  }
  const isOpen = (t: number): boolean => {
    const i = (t - base) / MIN;
    if (i < 0 || i >= open.length - DAY / MIN) throw new Error('reference window too small');
    return open[i] === 1;
  };
  const nextOpening = (t: number): number | null => {
    for (let m = t + MIN; m < base + (days + 5) * DAY; m += MIN) {
      if (isOpen(m) && !isOpen(m - MIN)) return m;
    }
    return null;
  };
  const addOpen = (t: number, ms: number): number => {
    let remaining = ms / MIN;
    if (remaining === 0) return t;
    for (let m = t; ; m += MIN) {
      if (isOpen(m) && --remaining === 0) return m + MIN;
    }
  };
  const sla = (input: SlaInput) => {
    const t = input.missedAt.getTime();
    if (!isOpen(t)) {
      const opening = nextOpening(t);
      if (opening === null) throw new Error('reference found no opening');
      return { afterHours: true, slaDueAt: opening + input.sla.afterHoursOffsetMs, rule: 'after_hours' };
    }
    if (input.urgency === 'high')
      return { afterHours: false, slaDueAt: addOpen(t, input.sla.highUrgencyMs), rule: 'high_urgency' };
    if (input.intent === 'existing_customer') {
      return { afterHours: false, slaDueAt: addOpen(t, input.sla.existingCustomerMs), rule: 'existing_customer' };
    }
    return { afterHours: false, slaDueAt: addOpen(t, input.sla.newLeadMs), rule: 'new_lead' };
  };
  return { open: isOpen, nextOpening, addOpen, sla };
}

// ---------------------------------------------------------------------------------------------
// Generators: random weekly schedules, zones with and without DST, instants around DST days.

const ZONES = [
  'America/New_York',
  'America/Phoenix',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Santiago', // DST changes at local midnight
  'Australia/Lord_Howe', // 30-minute DST shift
];
const DST_DAYS_2026 = [
  '2026-03-08',
  '2026-11-01',
  '2026-03-29',
  '2026-10-25',
  '2026-04-05',
  '2026-10-04',
  '2026-09-06',
];

const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * Boundaries around the usual DST change times (00:00-03:30) land in skipped and repeated hours;
 * the quarter-hour grid and any minute cover the rest.
 */
const boundary = fc.oneof(
  fc.constantFrom(0, 30, 60, 90, 120, 135, 150, 180, 210, 1440),
  fc.integer({ min: 0, max: 96 }).map((q) => q * 15),
  fc.integer({ min: 0, max: 1440 }),
);
const dayHours = fc.oneof(
  { weight: 1, arbitrary: fc.constant('00:00-24:00') },
  {
    weight: 6,
    arbitrary: fc.uniqueArray(boundary, { minLength: 2, maxLength: 6 }).map((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const parts: string[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) parts.push(`${hhmm(sorted[i] ?? 0)}-${hhmm(sorted[i + 1] ?? 0)}`);
      return parts.join(',');
    }),
  },
);
const weekSchedule = fc
  .tuple(...WEEKDAYS.map(() => fc.option(dayHours, { nil: undefined, freq: 3 })))
  .map((days) => Object.fromEntries(WEEKDAYS.flatMap((d, i) => (days[i] ? [[d, days[i]]] : []))))
  .filter((days) => Object.keys(days).length > 0);

const nearDstDay = (minutesAround: number) =>
  fc
    .tuple(fc.constantFrom(...DST_DAYS_2026), fc.integer({ min: -minutesAround, max: minutesAround }))
    .map(([day, minutes]) => Date.parse(`${day}T00:00:00Z`) + minutes * MIN);
const instant = fc.oneof(
  nearDstDay(36 * 60),
  nearDstDay(4 * 1440),
  fc.integer({ min: 0, max: 365 * 1440 }).map((minutes) => Date.parse('2026-01-01T00:00:00Z') + minutes * MIN),
);

const scenario = fc
  .record({
    days: weekSchedule,
    tz: fc.constantFrom(...ZONES),
    t: instant,
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -2, max: 10 }), { maxLength: 3 }),
  })
  .map(({ days, tz, t, holidayOffsets }) => {
    const holidays = holidayOffsets.map((k) => new Date(t + k * DAY).toISOString().slice(0, 10));
    const hours = parseBusinessHours(days, holidays) as BusinessHours;
    return { days, holidays, hours, tz, t };
  })
  // Keep the brute force bounded: at least two open hours a week.
  .filter(
    ({ hours }) =>
      WEEKDAYS.reduce(
        (sum, d) => sum + (hours.days[d] ?? []).reduce((s, i) => s + i.closeMinute - i.openMinute, 0),
        0,
      ) >= 120,
  );

const REFERENCE_DAYS = 80;
const minutes = (max: number) => fc.integer({ min: 0, max }).map((m) => m * MIN);

describe('business hours against the brute-force reference', () => {
  it('isOpenAt and nextOpeningAfter agree minute for minute', () => {
    fc.assert(
      fc.property(scenario, ({ hours, tz, t }) => {
        const ref = buildReference(hours, tz, t, REFERENCE_DAYS);
        expect(isOpenAt(hours, tz, new Date(t))).toBe(ref.open(t));
        expect(nextOpeningAfter(hours, tz, new Date(t))?.getTime()).toBe(ref.nextOpening(t));
      }),
      { numRuns: 400 },
    );
  });

  it('addOpenTime agrees with counting open minutes', () => {
    fc.assert(
      fc.property(scenario, minutes(8 * 60), ({ hours, tz, t }, ms) => {
        const ref = buildReference(hours, tz, t, REFERENCE_DAYS);
        expect(addOpenTime(hours, tz, new Date(t), ms).getTime()).toBe(ref.addOpen(t, ms));
      }),
      { numRuns: 300 },
    );
  });

  it('isOpenAt matches the plain wall clock away from DST changes', () => {
    fc.assert(
      fc.property(scenario, ({ hours, tz, t }) => {
        const zone = IANAZone.create(tz);
        fc.pre(zone.offset(t - 2 * DAY) === zone.offset(t + 2 * DAY));
        const local = DateTime.fromMillis(t, { zone: tz });
        const minute = local.hour * 60 + local.minute;
        const weekday = WEEKDAYS[local.weekday - 1];
        const wallOpen =
          !hours.holidays.includes(local.toISODate() ?? '') &&
          ((weekday && hours.days[weekday]) || []).some((i) => i.openMinute <= minute && minute < i.closeMinute);
        expect(isOpenAt(hours, tz, new Date(t))).toBe(wallOpen);
      }),
      { numRuns: 300 },
    );
  });
});

const policy = fc.record({
  highUrgencyMs: minutes(60),
  newLeadMs: minutes(4 * 60),
  existingCustomerMs: minutes(8 * 60),
  afterHoursOffsetMs: minutes(120),
});
const urgency = fc.constantFrom<SlaUrgency>('high', 'normal', 'low');
const intent = fc.constantFrom<SlaIntent>('new_lead', 'existing_customer', 'service', 'wrong_number', 'unknown');

describe('computeSla', () => {
  it('agrees with the brute-force reference on random schedules, zones and DST days', () => {
    fc.assert(
      fc.property(scenario, policy, urgency, intent, ({ hours, tz, t }, sla, u, i) => {
        const input: SlaInput = { missedAt: new Date(t), hours, timezone: tz, urgency: u, intent: i, sla };
        const expected = buildReference(hours, tz, t, REFERENCE_DAYS).sla(input);
        const actual = computeSla(input);
        expect({ ...actual, slaDueAt: actual.slaDueAt.getTime() }).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is plain addition when always open', () => {
    fc.assert(
      fc.property(instant, policy, urgency, intent, fc.constantFrom(...ZONES), (t, sla, u, i, tz) => {
        const out = computeSla({ missedAt: new Date(t), hours: null, timezone: tz, urgency: u, intent: i, sla });
        const ms =
          u === 'high' ? sla.highUrgencyMs : i === 'existing_customer' ? sla.existingCustomerMs : sla.newLeadMs;
        expect(out.afterHours).toBe(false);
        expect(out.slaDueAt.getTime()).toBe(t + ms);
      }),
    );
  });
});

describe('computeSla examples (default policy)', () => {
  const sla: SlaPolicy = DEFAULT_POLICY.sla;
  const hours = parseBusinessHours(
    {
      mon: '08:00-12:00,13:00-18:00',
      tue: '08:00-18:00',
      wed: '08:00-18:00',
      thu: '08:00-18:00',
      fri: '08:00-18:00',
      sat: '09:00-13:00',
    },
    ['2026-12-25'],
  );
  const sla0 = (missedAt: string, tz: string, u: SlaUrgency = 'normal', i: SlaIntent = 'new_lead') =>
    computeSla({ missedAt: at(missedAt), hours, timezone: tz, urgency: u, intent: i, sla });
  const ny = 'America/New_York';

  it('picks the in-hours duration by urgency, then intent', () => {
    // Tue 2026-06-16 10:00 EDT.
    expect(sla0('2026-06-16T14:00:00Z', ny, 'high', 'existing_customer')).toEqual({
      afterHours: false,
      slaDueAt: at('2026-06-16T14:05:00Z'),
      rule: 'high_urgency',
    });
    expect(sla0('2026-06-16T14:00:00Z', ny, 'normal', 'existing_customer')).toEqual({
      afterHours: false,
      slaDueAt: at('2026-06-16T18:00:00Z'),
      rule: 'existing_customer',
    });
    for (const i of ['new_lead', 'service', 'unknown', 'wrong_number'] as const) {
      expect(sla0('2026-06-16T14:00:00Z', ny, 'low', i)).toEqual({
        afterHours: false,
        slaDueAt: at('2026-06-16T14:30:00Z'),
        rule: 'new_lead',
      });
    }
  });

  it('a call exactly at opening is in hours; exactly at closing is after hours', () => {
    expect(sla0('2026-06-16T12:00:00Z', ny)).toEqual({
      afterHours: false,
      slaDueAt: at('2026-06-16T12:30:00Z'),
      rule: 'new_lead',
    });
    expect(sla0('2026-06-16T22:00:00Z', ny, 'high')).toEqual({
      afterHours: true,
      slaDueAt: at('2026-06-17T12:15:00Z'),
      rule: 'after_hours',
    });
  });

  it('stops over lunch and over the Saturday-to-Monday close', () => {
    // Mon 11:50 → 10m before lunch, 20m after 13:00.
    expect(sla0('2026-06-15T15:50:00Z', ny).slaDueAt).toEqual(at('2026-06-15T17:20:00Z'));
    // A call during lunch is after hours: next opening 13:00 + 15m.
    expect(sla0('2026-06-15T16:30:00Z', ny)).toEqual({
      afterHours: true,
      slaDueAt: at('2026-06-15T17:15:00Z'),
      rule: 'after_hours',
    });
    // Sat 12:45 → 15m Saturday, Mon 08:00 + 15m.
    expect(sla0('2026-06-20T16:45:00Z', ny).slaDueAt).toEqual(at('2026-06-22T12:15:00Z'));
  });

  it('treats a holiday as closed', () => {
    // Fri 2026-12-25 10:00 EST → Sat 26 09:00 EST + 15m.
    expect(sla0('2026-12-25T15:00:00Z', ny)).toEqual({
      afterHours: true,
      slaDueAt: at('2026-12-26T14:15:00Z'),
      rule: 'after_hours',
    });
  });

  it('US spring-forward 2026-03-08: Saturday-night call is due Monday 08:15 EDT', () => {
    // Sat 2026-03-07 20:00 EST (01:00Z Sunday).
    expect(sla0('2026-03-08T01:00:00Z', ny).slaDueAt).toEqual(at('2026-03-09T12:15:00Z'));
    // Phoenix keeps MST: the same call is due Monday 08:15 MST.
    expect(sla0('2026-03-08T01:00:00Z', 'America/Phoenix').slaDueAt).toEqual(at('2026-03-09T15:15:00Z'));
  });

  it('US fall-back 2026-11-01: Saturday 12:45 EDT + 4h spans the change', () => {
    // 15m Saturday, then Mon 08:00 EST (13:00Z) + 3h45 (lunch starts at 12:00, i.e. after 4h).
    expect(sla0('2026-10-31T16:45:00Z', ny, 'normal', 'existing_customer').slaDueAt).toEqual(
      at('2026-11-02T16:45:00Z'),
    );
  });

  it('EU spring-forward 2026-03-29 and fall-back 2026-10-25 in London', () => {
    // Sat 28 Mar 13:30 GMT (after hours) → Mon 30 Mar 08:00 BST (07:00Z) + 15m.
    expect(sla0('2026-03-28T13:30:00Z', 'Europe/London')).toEqual({
      afterHours: true,
      slaDueAt: at('2026-03-30T07:15:00Z'),
      rule: 'after_hours',
    });
    // Fri 23 Oct 17:45 BST (16:45Z) + 30m → 15m, Sat 24 Oct 09:00 BST (08:00Z) + 15m.
    expect(sla0('2026-10-23T16:45:00Z', 'Europe/London').slaDueAt).toEqual(at('2026-10-24T08:15:00Z'));
    // Sat 24 Oct 12:50 BST (11:50Z) + 30m → 10m, Mon 26 Oct 08:00 GMT + 20m.
    expect(sla0('2026-10-24T11:50:00Z', 'Europe/London').slaDueAt).toEqual(at('2026-10-26T08:20:00Z'));
  });

  it('after hours ignores urgency', () => {
    expect(sla0('2026-06-21T16:00:00Z', ny, 'high').rule).toBe('after_hours');
    expect(sla0('2026-06-21T16:00:00Z', ny, 'high').slaDueAt).toEqual(at('2026-06-22T12:15:00Z'));
  });

  it('always open is plain addition, also at 03:00', () => {
    expect(
      computeSla({
        missedAt: at('2026-06-21T07:00:00Z'),
        hours: null,
        timezone: ny,
        urgency: 'normal',
        intent: 'unknown',
        sla,
      }),
    ).toEqual({ afterHours: false, slaDueAt: at('2026-06-21T07:30:00Z'), rule: 'new_lead' });
  });
});
