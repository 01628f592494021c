/**
 * The SLA clock of contract §5: when a missed call must have had its first callback attempt.
 * In hours the policy duration runs in open time only; after hours the due time is pinned to the
 * next opening plus an offset, whatever the urgency, because nobody is there to call back sooner.
 */
import { BusinessHoursError, addOpenTime, isOpenAt, nextOpeningAfter } from './business-hours.ts';
import type { BusinessHours, SlaPolicy } from './policy.ts';

export type SlaUrgency = 'high' | 'normal' | 'low';
export type SlaIntent = 'new_lead' | 'existing_customer' | 'service' | 'wrong_number' | 'unknown';
export type SlaRule = 'high_urgency' | 'existing_customer' | 'new_lead' | 'after_hours';

export interface SlaInput {
  /** The call's start, UTC. */
  missedAt: Date;
  /** The location's hours; `null` = always open. */
  hours: BusinessHours | null;
  /** The location's IANA zone. */
  timezone: string;
  urgency: SlaUrgency;
  intent: SlaIntent;
  sla: SlaPolicy;
}

export interface SlaResult {
  afterHours: boolean;
  slaDueAt: Date;
  /** Which policy line set the due time, for display and audit. */
  rule: SlaRule;
}

/** The in-hours rule: urgency first, then the customer relationship; everything else is a new lead. */
function inHoursRule(urgency: SlaUrgency, intent: SlaIntent): Exclude<SlaRule, 'after_hours'> {
  if (urgency === 'high') return 'high_urgency';
  if (intent === 'existing_customer') return 'existing_customer';
  return 'new_lead';
}

function ruleDuration(rule: Exclude<SlaRule, 'after_hours'>, sla: SlaPolicy): number {
  switch (rule) {
    case 'high_urgency':
      return sla.highUrgencyMs;
    case 'existing_customer':
      return sla.existingCustomerMs;
    case 'new_lead':
      return sla.newLeadMs;
  }
}

export function computeSla(input: SlaInput): SlaResult {
  const { missedAt, hours, timezone, sla } = input;
  if (!isOpenAt(hours, timezone, missedAt)) {
    const opening = nextOpeningAfter(hours, timezone, missedAt);
    if (opening === null) {
      throw new BusinessHoursError(
        'never_open',
        'business hours never open: no SLA can be set',
        'businessHours',
        hours,
      );
    }
    return { afterHours: true, slaDueAt: new Date(opening.getTime() + sla.afterHoursOffsetMs), rule: 'after_hours' };
  }
  const rule = inHoursRule(input.urgency, input.intent);
  return { afterHours: false, slaDueAt: addOpenTime(hours, timezone, missedAt, ruleDuration(rule, sla)), rule };
}
