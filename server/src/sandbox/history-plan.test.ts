import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '@ringback/shared';
import { DEMO_LOCATIONS, DEMO_PEOPLE, demoTrackingNumber } from './demo-account.ts';
import { leadNumber, planLocationDay } from './history-plan.ts';
import type { SimLocation } from './sim-locations.ts';
import { addDays, offsetMinutes } from './zone-time.ts';

const seed = DEMO_LOCATIONS.find((l) => l.id === 'phoenix')!;
const phoenix: SimLocation = {
  id: seed.id,
  name: seed.name,
  timezone: seed.timezone,
  vertical: seed.vertical,
  trackingE164: demoTrackingNumber(seed),
  areaCode: seed.areaCode,
  hours: parseBusinessHours(seed.businessHours, []),
  volume: seed.volume,
  discipline: seed.discipline,
};
const ctx = { companyName: 'Demo', people: DEMO_PEOPLE.filter((p) => p.locationId === 'phoenix') };

describe('planned history', () => {
  it('is the same day every time it is planned', () => {
    expect(planLocationDay(phoenix, '2026-06-09', ctx)).toEqual(planLocationDay(phoenix, '2026-06-09', ctx));
  });

  it('puts every call on its local date, mostly in open hours, at the location number', () => {
    let open = 0;
    let all = 0;
    for (let d = 0; d < 60; d++) {
      const date = addDays('2026-05-04', d);
      for (const miss of planLocationDay(phoenix, date, ctx)) {
        const local = new Date(
          miss.call.startedAt.getTime() + offsetMinutes(miss.call.startedAt, phoenix.timezone) * 60_000,
        );
        if (!miss.repeatOfCallId) expect(local.toISOString().slice(0, 10)).toBe(date);
        expect(miss.call.trackingE164).toBe('+14805550100');
        const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
        all++;
        if (minute >= 8 * 60 && minute < 18 * 60 && local.getUTCDay() >= 1 && local.getUTCDay() <= 5) open++;
      }
    }
    expect(all).toBeGreaterThan(150); // about 3–5 a day for a busy location
    expect(open / all).toBeGreaterThan(0.55);
  });

  it('has new leads, known customers, voicemails with words, spam and repeat dials', () => {
    const misses = Array.from({ length: 120 }, (_, d) =>
      planLocationDay(phoenix, addDays('2026-01-05', d), ctx),
    ).flat();
    expect(misses.some((m) => m.existingCustomer)).toBe(true);
    expect(misses.some((m) => m.repeatOfCallId !== null)).toBe(true);
    expect(misses.some((m) => m.call.spam)).toBe(true);
    expect(
      misses.filter((m) => m.call.result === 'voicemail').every((m) => (m.call.transcript ?? '').length > 10),
    ).toBe(true);
    expect(
      misses.filter((m) => m.existingCustomer).every((m) => ctx.people.some((p) => p.phone === m.call.callerE164)),
    ).toBe(true);
  });

  it('gives every new lead of a location its own number for over a year', () => {
    const numbers = new Set<string>();
    for (let d = 0; d < 390; d++)
      for (let i = 0; i < 20; i++) numbers.add(leadNumber('480', addDays('2026-01-01', d), i));
    expect(numbers.size).toBe(390 * 20);
  });
});
