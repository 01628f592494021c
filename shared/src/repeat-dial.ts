/**
 * Repeat dials (contract §5): a missed call from the same caller to the same location within
 * `repeatDialWindow` (start to start) of the latest call folded into an open case. It is folded into
 * that case (`repeatOf`), is not a case of its own, and may raise the case's urgency.
 *
 * Decisions:
 * - Window: `lastCallAt < startedAt ≤ lastCallAt + window`, the contract's "a window w means
 *   missedAt < at ≤ missedAt + w". Exactly `window` later still repeats; the same instant does not,
 *   which also keeps a call from ever repeating the case it created itself.
 * - Open: `open` and `attempted` (the callback is still owed). A contacted, booked, won, lost or spam
 *   case is settled, so a new call starts a new case.
 * - Same location: equal `locationId`; unassigned (`null`) equals unassigned, one bucket as in §4.
 * - An unknown caller (`null` number) never repeats: there is nothing to match on.
 * - Several qualify: the latest `lastCallAt` wins, then the latest `missedAt`, then the greatest id, so
 *   the answer never depends on the candidates' order.
 */
import type { Urgency } from './urgency.ts';
import { isRepeatBurst } from './urgency.ts';

export type CaseStatus = 'open' | 'attempted' | 'contacted' | 'booked' | 'won' | 'lost' | 'spam';

/** Statuses whose callback is still owed: a new call within the window joins them. */
export const OPEN_CASE_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['open', 'attempted']);

export interface RepeatCall {
  callerE164: string | null;
  locationId: string | null;
  startedAt: Date;
}

export interface RepeatCandidate {
  id: string;
  callerE164: string;
  locationId: string | null;
  status: CaseStatus;
  /** Start of the latest call folded into this case (its own call or its latest repeat). */
  lastCallAt: Date;
  missedAt: Date;
}

function qualifies(call: RepeatCall, candidate: RepeatCandidate, windowMs: number): boolean {
  if (candidate.callerE164 !== call.callerE164 || candidate.locationId !== call.locationId) return false;
  if (!OPEN_CASE_STATUSES.has(candidate.status)) return false;
  const gap = call.startedAt.getTime() - candidate.lastCallAt.getTime();
  return gap > 0 && gap <= windowMs;
}

/** True when `a` is the later of two qualifying candidates (see the tie-breaks above). */
function later(a: RepeatCandidate, b: RepeatCandidate): boolean {
  const byLastCall = a.lastCallAt.getTime() - b.lastCallAt.getTime();
  if (byLastCall !== 0) return byLastCall > 0;
  const byMissed = a.missedAt.getTime() - b.missedAt.getTime();
  if (byMissed !== 0) return byMissed > 0;
  return a.id > b.id;
}

/** The id of the open case this call repeats, or null when it starts (or is) a case of its own. */
export function findRepeatOf(
  call: RepeatCall,
  candidates: readonly RepeatCandidate[],
  windowMs: number,
): string | null {
  if (call.callerE164 === null || Number.isNaN(call.startedAt.getTime())) return null;
  let best: RepeatCandidate | null = null;
  for (const candidate of candidates) {
    if (!qualifies(call, candidate, windowMs)) continue;
    if (best === null || later(candidate, best)) best = candidate;
  }
  return best?.id ?? null;
}

/**
 * The case's urgency once `repeatCount` repeat dials have been folded into it: two calls within the
 * window make it high; below that it keeps its own. Never lowers it.
 */
export function raisedUrgency(current: Urgency, repeatCount: number): Urgency {
  return isRepeatBurst(repeatCount) ? 'high' : current;
}
