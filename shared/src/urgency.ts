/**
 * How soon a missed call must be called back. High urgency gets the `highUrgency` SLA (5 min by
 * default, contract §2/§5); normal and low follow the intent's SLA, low marking calls that probably
 * need no callback at all.
 *
 * Rules, in order; the first that applies decides:
 * 1. Wrong number → low: nobody to help, whatever else was said.
 * 2. An emergency keyword in the transcript → high. The location's vertical list plus the generic
 *    one (vertical-keywords.ts): whole words, negation-aware, so "not an emergency" does not count.
 * 3. A repeat dial, ≥ 2 calls from the caller within the repeat window (`repeatCount ≥ 1`) → high: a
 *    caller who keeps trying is in a hurry.
 * 4. A voicemail left by a new lead from a paid source → normal: an ad-paid lead who took the time
 *    to leave details is worth the new-lead SLA, and no rule below may demote it.
 * 5. After hours without an emergency → normal: the SLA clock runs from the next opening anyway, and
 *    an after-hours caller who hangs up on the closed greeting is still a lead.
 * 6. A short abandoned call (hung up within 15 s, or ring time unknown) → low.
 * 7. Unknown intent → low.
 * 8. Otherwise → normal.
 */
import type { CallEvent } from './call-event.ts';
import { ABANDON_RING_SECONDS, ringSecondsOf } from './category.ts';
import type { Category } from './category.ts';
import { sourceSignal } from './intent.ts';
import type { Intent } from './intent.ts';
import type { Vertical } from './policy.ts';
import { emergencyKeywordsFor, normalizeVertical, scanKeywords } from './vertical-keywords.ts';

export type Urgency = 'high' | 'normal' | 'low';

export const URGENCIES: readonly Urgency[] = ['high', 'normal', 'low'];

/** Calls from one caller within the repeat window (this one included) that make a case high urgency. */
export const REPEAT_CALLS_FOR_HIGH = 2;

export interface UrgencyInput {
  event: CallEvent;
  vertical: Vertical | null;
  intent: Intent;
  category: Category;
  afterHours: boolean;
  /**
   * Earlier calls from this caller already folded into the same open case within the repeat window,
   * not counting this call: 0 for a first call, 1 for the first repeat. Calls in the window =
   * `repeatCount + 1`.
   */
  repeatCount: number;
}

export interface UrgencyVerdict {
  urgency: Urgency;
  reasons: string[];
}

/** Whether `repeatCount` earlier calls plus this one reach the repeat-dial threshold. */
export function isRepeatBurst(repeatCount: number): boolean {
  return Number.isFinite(repeatCount) && repeatCount + 1 >= REPEAT_CALLS_FOR_HIGH;
}

function quoted(keywords: readonly string[]): string {
  return keywords.map((k) => `"${k}"`).join(', ');
}

export function inferUrgency(input: UrgencyInput): UrgencyVerdict {
  const { event, vertical, intent, category, afterHours, repeatCount } = input;

  if (intent === 'wrong_number') {
    return { urgency: 'low', reasons: ['urgency low: wrong number'] };
  }

  const scan = scanKeywords(event.transcript, emergencyKeywordsFor(vertical));
  const negatedNote = scan.negated.length > 0 ? [`urgency: ignored negated keyword(s) ${quoted(scan.negated)}`] : [];
  if (scan.matched.length > 0) {
    const list = normalizeVertical(vertical) ?? 'generic';
    return {
      urgency: 'high',
      reasons: [`urgency high: emergency keyword(s) ${quoted(scan.matched)} (${list} list)`, ...negatedNote],
    };
  }

  if (isRepeatBurst(repeatCount)) {
    return {
      urgency: 'high',
      reasons: [`urgency high: repeat dial, ${repeatCount + 1} calls within the repeat window`, ...negatedNote],
    };
  }

  const source = sourceSignal(event.source);
  if (category === 'voicemail' && intent === 'new_lead' && source?.paid === true) {
    return {
      urgency: 'normal',
      reasons: [`urgency normal: voicemail from a new lead via paid source ${source.platform}`, ...negatedNote],
    };
  }

  if (afterHours) {
    return { urgency: 'normal', reasons: ['urgency normal: after hours, no emergency', ...negatedNote] };
  }

  const ring = ringSecondsOf(event);
  if (category === 'abandoned' && (ring === null || ring < ABANDON_RING_SECONDS)) {
    const rang = ring === null ? 'ring time unknown' : `rang ${ring} s`;
    return { urgency: 'low', reasons: [`urgency low: short abandoned call (${rang})`, ...negatedNote] };
  }

  if (intent === 'unknown') {
    return { urgency: 'low', reasons: ['urgency low: unknown intent', ...negatedNote] };
  }

  return { urgency: 'normal', reasons: [`urgency normal: ${intent.replace('_', ' ')}, no emergency`, ...negatedNote] };
}
