/**
 * Classifying a missed call: category, intent, spam and urgency, with the reason for each, so that
 * every SLA Ringback sets can be explained from the call itself.
 *
 * Order: category and intent first (spam needs both: the noise rule reads the category, the
 * wrong-number rule the intent), then spam, then urgency. Spam wins: a spam call is low urgency,
 * whatever its words or repeats, because nobody will work it (contract §5/§6).
 */
import type { CallEvent } from './call-event.ts';
import type { Category } from './category.ts';
import { explainCategory } from './category.ts';
import type { Intent } from './intent.ts';
import { inferIntent } from './intent.ts';
import type { LocationInfo, RecoveryPolicy } from './policy.ts';
import type { SpamReason } from './spam.ts';
import { spamVerdict } from './spam.ts';
import type { Urgency } from './urgency.ts';
import { inferUrgency } from './urgency.ts';

export interface ClassifyContext {
  /** The location the call's tracking number belongs to; null when unassigned. */
  location: LocationInfo | null;
  /** The effective policy (location over account). */
  policy: RecoveryPolicy;
  /** Whether the call started outside the location's open hours (computed by the SLA clock). */
  afterHours: boolean;
  /** The caller already exists as a CRM contact/customer or has past cases. */
  knownCaller: boolean;
  priorCasesForCaller: number;
  /** Earlier calls from this caller folded into the same open case within the window (0 for a first call). */
  repeatCount: number;
}

export interface Classification {
  category: Category;
  spam: boolean;
  spamReason: SpamReason | null;
  intent: Intent;
  urgency: Urgency;
  /** One line per decision, in the order above. */
  reasons: string[];
}

export function classifyMissedCall(event: CallEvent, ctx: ClassifyContext): Classification {
  const vertical = ctx.location?.vertical ?? null;
  const category = explainCategory(event);
  const intent = inferIntent({
    event,
    vertical,
    knownCaller: ctx.knownCaller,
    priorCasesForCaller: ctx.priorCasesForCaller,
  });
  const spam = spamVerdict(event, { policy: ctx.policy, intent: intent.intent });
  const reasons = [category.reason, ...intent.reasons, spam.detail];

  if (spam.spam) {
    return {
      category: category.category,
      spam: true,
      spamReason: spam.reason,
      intent: intent.intent,
      urgency: 'low',
      reasons: [...reasons, 'urgency low: spam is never called back'],
    };
  }

  const urgency = inferUrgency({
    event,
    vertical,
    intent: intent.intent,
    category: category.category,
    afterHours: ctx.afterHours,
    repeatCount: ctx.repeatCount,
  });
  return {
    category: category.category,
    spam: false,
    spamReason: null,
    intent: intent.intent,
    urgency: urgency.urgency,
    reasons: [...reasons, ...urgency.reasons],
  };
}
