import { describe, expect, it } from 'vitest';
import { countdown, duration, slaStatus } from './sla.ts';

const due = '2026-11-02T15:30:00.000Z';
const at = (iso: string) => new Date(iso);

describe('slaStatus', () => {
  it('counts down while the callback is due', () => {
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: null }, at('2026-11-02T15:25:55Z'))).toEqual({ state: 'due', label: 'Call back within 4:05', remainingMs: 245_000 });
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: null }, at('2026-11-02T13:00:00Z')).label).toBe('Call back within 2 h 30 min');
  });
  it('says by how much an unanswered SLA is breached', () => {
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: null }, at('2026-11-02T15:42:10Z'))).toMatchObject({ state: 'breached', label: 'SLA breached by 12 min' });
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: null }, at('2026-11-04T16:30:00Z')).label).toBe('SLA breached by 2 d 1 h');
  });
  it('reports how the first callback went, whatever the time now', () => {
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: '2026-11-02T15:26:00Z' }, at('2026-11-03T00:00:00Z'))).toMatchObject({ state: 'met', label: 'Called back within SLA (4 min to spare)' });
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: '2026-11-02T15:47:00Z' }, at('2026-11-03T00:00:00Z'))).toMatchObject({ state: 'late', label: 'Called back 17 min after the SLA' });
  });
  it('needs no callback for spam', () => {
    expect(slaStatus({ slaDueAt: due, firstAttemptAt: null, spam: true }, at('2026-11-02T16:00:00Z')).state).toBe('closed');
  });
});

describe('duration and countdown', () => {
  it('reads naturally at each scale', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(-12 * 60_000)).toBe('12 min');
    expect(duration(3 * 3_600_000)).toBe('3 h');
    expect(countdown(59_500)).toBe('1:00');
    expect(countdown(5_000)).toBe('0:05');
  });
});
