/**
 * What kind of miss a call was, in the four categories of the API (contract §4). The category drives
 * the CRM call status (§6: no answer and voicemail → NO_ANSWER, busy → BUSY, abandoned → CANCELED).
 *
 * Mapping, first rule that applies:
 * 1. A voicemail was left (`voicemail` flag, or result `voicemail`) → `voicemail`, whatever else the
 *    provider says: the message exists and is what the callback answers.
 * 2. Result `busy` → `busy`.
 * 3. Result `abandoned` (CallRail: the caller hung up within 15 s) or `canceled` (Twilio: the caller
 *    hung up while it was ringing) → `abandoned`.
 * 4. Result `unknown` with a known ring time under 15 s → `abandoned`: CallRail's definition, for
 *    providers (generic, Invoca) that send timings but no verdict.
 * 5. Everything else → `no_answer`: `no_answer`, and `failed` (the call never reached anyone, which to the
 *    caller is the same unanswered call). Non-misses (`answered`, `in_progress`) also land here, so the
 *    function is total; whether an event is a miss at all is `isMissedCall`'s decision, not this one's.
 */
import type { CallEvent } from './call-event.ts';

export type Category = 'no_answer' | 'voicemail' | 'abandoned' | 'busy';

export const CATEGORIES: readonly Category[] = ['no_answer', 'voicemail', 'abandoned', 'busy'];

/** CallRail counts a caller who hangs up before 15 s of ringing as abandoned; a longer ring is a miss. */
export const ABANDON_RING_SECONDS = 15;

/**
 * How long the call rang before the caller gave up: `ringSeconds` when the provider sends it, else the
 * whole duration (for an unanswered call the two are the same). Null when neither is a usable number.
 */
export function ringSecondsOf(event: CallEvent): number | null {
  for (const seconds of [event.ringSeconds, event.durationSeconds]) {
    if (seconds !== null && Number.isFinite(seconds) && seconds >= 0) return seconds;
  }
  return null;
}

export interface CategoryVerdict {
  category: Category;
  reason: string;
}

/** The category and the rule that chose it. */
export function explainCategory(event: CallEvent): CategoryVerdict {
  if (event.voicemail || event.result === 'voicemail') {
    return { category: 'voicemail', reason: 'category voicemail: the caller left a voicemail' };
  }
  switch (event.result) {
    case 'busy':
      return { category: 'busy', reason: 'category busy: the line was busy' };
    case 'abandoned':
      return { category: 'abandoned', reason: 'category abandoned: the caller hung up before the ring threshold' };
    case 'canceled':
      return { category: 'abandoned', reason: 'category abandoned: the caller hung up while it rang (canceled)' };
    case 'failed':
      return { category: 'no_answer', reason: 'category no_answer: the call failed to connect' };
    case 'unknown': {
      const ring = ringSecondsOf(event);
      if (ring !== null && ring < ABANDON_RING_SECONDS) {
        return {
          category: 'abandoned',
          reason: `category abandoned: no provider verdict and it rang ${ring} s (< ${ABANDON_RING_SECONDS} s)`,
        };
      }
      return { category: 'no_answer', reason: 'category no_answer: no provider verdict, nobody answered' };
    }
    default:
      return { category: 'no_answer', reason: `category no_answer: result ${event.result}` };
  }
}

export function categoryOf(event: CallEvent): Category {
  return explainCategory(event).category;
}
