/**
 * Contract §5 as code: which events belong to which case, and what a case's funnel looks like from
 * its events. Everything is a function of event times, so the answer is the same whatever order the
 * events arrived in; the server re-derives a caller's cases whenever one of their events lands.
 */
import type { RecoveryPolicy } from './policy.ts';

/** Something that happened with a caller after a miss. */
export interface FunnelEvent {
  /**
   * `attempt`: an outbound call to the caller (a contact too when answered with enough talk).
   * `contact`: an attempt that was a live conversation (outcome `contact`).
   * `inbound`: an answered inbound call from the caller (a contact with enough talk).
   * `booking`, `revenue`: as in the outcomes API.
   */
  type: 'attempt' | 'contact' | 'inbound' | 'booking' | 'revenue';
  at: Date;
  answered?: boolean | null;
  talkSeconds?: number | null;
  amount?: number | null;
}

export interface CaseAnchor {
  id: string;
  missedAt: Date;
}

/**
 * Assigns each event to the caller's latest case with `missedAt < at` (strict). Cases must be the
 * caller's real cases at the account: not spam, not repeat dials. Events before every case belong to
 * none. Returns a map case id → its events (every case present, possibly empty).
 */
export function assignEventsToCases<E extends { at: Date }>(cases: CaseAnchor[], events: E[]): Map<string, E[]> {
  const sorted = [...cases].sort((a, b) => a.missedAt.getTime() - b.missedAt.getTime());
  const result = new Map<string, E[]>(sorted.map((c) => [c.id, []]));
  for (const event of events) {
    const t = event.at.getTime();
    let owner: CaseAnchor | undefined;
    for (const c of sorted) {
      if (c.missedAt.getTime() < t) owner = c;
      else break;
    }
    if (owner) result.get(owner.id)!.push(event);
  }
  return result;
}

export interface CaseFunnel {
  firstAttemptAt: Date | null;
  attemptedWithinSla: boolean;
  contactedAt: Date | null;
  bookedAt: Date | null;
  /** Time of the first revenue inside the revenue window. */
  wonAt: Date | null;
  /** Sum of revenue amounts inside the revenue window. */
  revenue: number;
  /** Status from events alone; `lost` is decided at read time (see `listStatus`). */
  status: 'open' | 'attempted' | 'contacted' | 'booked' | 'won';
}

const earliest = (dates: Date[]): Date | null =>
  dates.length === 0 ? null : new Date(Math.min(...dates.map((d) => d.getTime())));

/** Whether an event is a live conversation under the policy's talk-time threshold. */
export function isContact(event: FunnelEvent, minTalkSeconds: number): boolean {
  if (event.type === 'contact') return true;
  if (event.type !== 'attempt' && event.type !== 'inbound') return false;
  return event.answered === true && (event.talkSeconds ?? 0) >= minTalkSeconds;
}

/**
 * The funnel of one case from the events assigned to it. Only events strictly after `missedAt`
 * count; bookings and revenue only inside their attribution windows (`missedAt < at ≤ missedAt + w`).
 */
export function deriveFunnel(
  c: { missedAt: Date; slaDueAt: Date },
  events: FunnelEvent[],
  policy: Pick<RecoveryPolicy, 'attributionWindow' | 'contactMinTalkSeconds'>,
): CaseFunnel {
  const m = c.missedAt.getTime();
  const after = events.filter((e) => e.at.getTime() > m);
  const firstAttemptAt = earliest(after.filter((e) => e.type === 'attempt' || e.type === 'contact').map((e) => e.at));
  const contactedAt = earliest(after.filter((e) => isContact(e, policy.contactMinTalkSeconds)).map((e) => e.at));
  const bookedAt = earliest(
    after.filter((e) => e.type === 'booking' && e.at.getTime() <= m + policy.attributionWindow.bookingMs).map((e) => e.at),
  );
  const revenueEvents = after.filter((e) => e.type === 'revenue' && e.at.getTime() <= m + policy.attributionWindow.revenueMs);
  const revenue = revenueEvents.reduce((sum, e) => sum + (e.amount ?? 0), 0);
  const wonAt = earliest(revenueEvents.map((e) => e.at));
  const status = wonAt ? 'won' : bookedAt ? 'booked' : contactedAt ? 'contacted' : firstAttemptAt ? 'attempted' : 'open';
  return {
    firstAttemptAt,
    attemptedWithinSla: firstAttemptAt !== null && firstAttemptAt.getTime() <= c.slaDueAt.getTime(),
    contactedAt,
    bookedAt,
    wonAt,
    revenue,
    status,
  };
}

export type ListStatus = 'open' | 'attempted' | 'contacted' | 'booked' | 'won' | 'lost' | 'spam';

/**
 * The status the list shows: spam wins; a case with no contact (and nothing later in the funnel) by
 * `missedAt + lostAfter` is `lost` — a list status only, which a later contact moves on.
 */
export function listStatus(
  c: { spam: boolean; missedAt: Date; status: CaseFunnel['status'] },
  lostAfterMs: number,
  now: Date,
): ListStatus {
  if (c.spam) return 'spam';
  if ((c.status === 'open' || c.status === 'attempted') && now.getTime() >= c.missedAt.getTime() + lostAfterMs) return 'lost';
  return c.status;
}
