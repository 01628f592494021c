/**
 * How a case stands against its SLA at a given moment, in words a person reads at a glance: a live
 * countdown while the callback is due, "breached by 12 min" once it is late, or how the first
 * callback went. Pure, so the card re-renders it each second from a ticking clock.
 */
export type SlaState = 'due' | 'breached' | 'met' | 'late' | 'closed';

export interface SlaStatus {
  state: SlaState;
  label: string;
  /** Milliseconds to the due time (negative once past), for the countdown. */
  remainingMs: number;
}

export function slaStatus(
  c: { slaDueAt: string; firstAttemptAt: string | null; spam?: boolean; status?: string },
  now: Date,
): SlaStatus {
  const due = Date.parse(c.slaDueAt);
  const remainingMs = due - now.getTime();
  if (c.spam || c.status === 'spam') return { state: 'closed', label: 'Spam — no callback needed', remainingMs };
  if (c.firstAttemptAt) {
    const late = Date.parse(c.firstAttemptAt) - due;
    return late <= 0
      ? { state: 'met', label: `Called back within SLA (${duration(-late)} to spare)`, remainingMs }
      : { state: 'late', label: `Called back ${duration(late)} after the SLA`, remainingMs };
  }
  return remainingMs > 0
    ? { state: 'due', label: `Call back within ${countdown(remainingMs)}`, remainingMs }
    : { state: 'breached', label: `SLA breached by ${duration(-remainingMs)}`, remainingMs };
}

/** "12 min", "2 h 5 min", "3 d 4 h"; under a minute, "45 s". */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "4:05" for minutes and seconds under an hour, else the coarser duration. */
export function countdown(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s >= 3600) return duration(ms);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
