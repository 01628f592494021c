/**
 * The fields of a new missed-call case, from the normalized event and what the database knows about
 * the caller. Pure: the ingest transaction gathers the inputs and writes the result.
 */
import {
  classifyMissedCall,
  computeSla,
  findRepeatOf,
  isOpenAt,
  raisedUrgency,
  type CallEvent,
  type RepeatCandidate,
  type Urgency,
} from '@ringback/shared';
import type { AccountContext, ResolvedLocation } from '../accounts/account-context.ts';

export interface CallerHistory {
  /** The caller's real cases (not spam, not repeats) at the account missed before this call. */
  priorCases: number;
  /** The caller already exists for us: prior cases, calls, or a CRM person Ringback knows. */
  knownCaller: boolean;
  /** Open cases of this caller at this location that a repeat dial could fold into. */
  repeatCandidates: RepeatCandidate[];
}

export interface NewCaseFields {
  locationId: string | null;
  missedAt: Date;
  category: string;
  afterHours: boolean;
  intent: string;
  urgency: Urgency;
  spam: boolean;
  spamReason: string | null;
  repeatOf: string | null;
  slaDueAt: Date;
  slaRule: string;
  lostAt: Date;
  reasons: string[];
}

export function locationFor(account: AccountContext, trackingE164: string | null): ResolvedLocation | null {
  const id = trackingE164 ? account.locationByTrackingNumber.get(trackingE164) : undefined;
  return (id && account.locations.get(id)) || null;
}

export function buildCase(event: CallEvent, missedAt: Date, account: AccountContext, history: CallerHistory): NewCaseFields {
  const location = locationFor(account, event.trackingE164);
  // Unassigned calls: the account's zone and policy, no business hours (contract §2).
  const timezone = location?.info.timezone ?? account.account.timezone;
  const hours = location?.hours ?? null;
  const policy = location?.policy ?? account.policy;
  const afterHours = !isOpenAt(hours, timezone, missedAt);
  const repeatOf = findRepeatOf(
    { callerE164: event.callerE164, locationId: location?.info.id ?? null, startedAt: missedAt },
    history.repeatCandidates,
    policy.repeatDialWindowMs,
  );
  const classification = classifyMissedCall(event, {
    location: location?.info ?? null,
    policy,
    afterHours,
    knownCaller: history.knownCaller,
    priorCasesForCaller: history.priorCases,
    repeatCount: repeatOf ? 1 : 0,
  });
  const sla = computeSla({
    missedAt,
    hours,
    timezone,
    urgency: classification.urgency,
    intent: classification.intent,
    sla: policy.sla,
  });
  return {
    locationId: location?.info.id ?? null,
    missedAt,
    category: classification.category,
    afterHours: sla.afterHours,
    intent: classification.intent,
    urgency: classification.urgency,
    spam: classification.spam,
    spamReason: classification.spamReason,
    repeatOf,
    slaDueAt: sla.slaDueAt,
    slaRule: sla.rule,
    lostAt: new Date(missedAt.getTime() + policy.lostAfterMs),
    reasons: [...classification.reasons, `SLA ${sla.rule}: due ${sla.slaDueAt.toISOString()}`],
  };
}

/** The urgency a case gets when one more repeat dial folds into it. */
export function urgencyAfterRepeat(current: Urgency, repeatCount: number): Urgency {
  return raisedUrgency(current, repeatCount);
}
