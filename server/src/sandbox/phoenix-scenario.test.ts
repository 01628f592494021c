import { describe, expect, it } from 'vitest';
import { callrail } from '../providers/index.ts';
import { inboundDelivery } from './callrail-calls.ts';
import { lastTuesday, phoenixScenario } from './phoenix-scenario.ts';
import { offsetMinutes, weekdayOf } from './zone-time.ts';

describe('the Phoenix scenario', () => {
  it('is 12 misses on a Tuesday in open hours: 4 existing customers, 8 new leads, 4 voicemails', () => {
    const s = phoenixScenario(new Date('2026-11-22T18:00:00Z'));
    expect(weekdayOf(s.date)).toBe('tue');
    expect(s.misses).toHaveLength(12);
    expect(s.misses.filter((m) => m.existingCustomer)).toHaveLength(4);
    expect(s.misses.filter((m) => !m.existingCustomer)).toHaveLength(8);
    expect(s.misses.filter((m) => m.call.result === 'voicemail')).toHaveLength(4);
    expect(s.misses.every((m) => m.call.result !== 'answered')).toBe(true);
    for (const m of s.misses) {
      const local = new Date(m.call.startedAt.getTime() + offsetMinutes(m.call.startedAt, 'America/Phoenix') * 60_000);
      expect(local.toISOString().slice(0, 10)).toBe(s.date);
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(8);
      expect(local.getUTCHours()).toBeLessThan(18);
    }
    // The customers had an answered call before, so Ringback knows them.
    const customers = new Set(s.misses.filter((m) => m.existingCustomer).map((m) => m.call.callerE164));
    expect(s.priorCalls).toHaveLength(4);
    for (const prior of s.priorCalls) {
      const parsed = callrail.parse({
        rawBody: Buffer.from(prior.body),
        contentType: 'application/json',
        headers: {},
        query: {},
        publicUrl: '',
      });
      expect(parsed.ok && parsed.event?.result).toBe('answered');
      expect(customers.has(parsed.ok ? parsed.event!.callerE164! : '')).toBe(true);
    }
  });

  it('is the same calls when sent again (idempotent)', () => {
    const now = new Date('2026-11-22T18:00:00Z');
    expect(phoenixScenario(now).misses.map((m) => inboundDelivery(m.call).body)).toEqual(
      phoenixScenario(now).misses.map((m) => inboundDelivery(m.call).body),
    );
  });

  it('uses the latest Tuesday before today in Phoenix', () => {
    expect(lastTuesday(new Date('2026-11-22T18:00:00Z'))).toBe('2026-11-17'); // a Sunday
    expect(lastTuesday(new Date('2026-11-17T18:00:00Z'))).toBe('2026-11-10'); // a Tuesday: the one before
    expect(lastTuesday(new Date('2026-11-18T05:00:00Z'))).toBe('2026-11-10'); // still Tuesday evening in Phoenix
  });
});
