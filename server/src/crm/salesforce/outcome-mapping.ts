/**
 * Which Salesforce records are outcomes of a missed call (contract §5), as a pure mapping:
 * - a completed call Task a person logged (TaskSubtype Call or a CallType; Outbound or unspecified)
 *   → an attempt, answered when it has talk time and its result does not say otherwise. Inbound
 *   calls are left to the call-tracking provider, which reports them itself;
 * - an Event (a booked appointment) → a booking; an Opportunity → a booking when created, and
 *   revenue (its Amount) once won.
 * Records Ringback wrote are never outcomes: its call Tasks carry a Ringback_Key__c. Its follow-up
 * Task counts only when a person completed it as a call (a call result or duration on it).
 */
import type { CrmOutcome } from '../port.ts';

export interface TaskRecord {
  Id: string;
  WhoId: string | null;
  TaskSubtype?: string | null;
  CallType?: string | null;
  CallDurationInSeconds?: number | null;
  CallDisposition?: string | null;
  Ringback_Key__c?: string | null;
  CreatedDate: string;
  LastModifiedDate: string;
}

export interface EventRecord {
  Id: string;
  WhoId: string | null;
  Ringback_Key__c?: string | null;
  CreatedDate: string;
}

export interface OpportunityRecord {
  Id: string;
  ContactId?: string | null;
  AccountId?: string | null;
  IsWon?: boolean | null;
  Amount?: number | null;
  CreatedDate: string;
  LastModifiedDate: string;
}

/** Finds the caller a Salesforce person or Account stands for. */
export interface CallerLookup {
  byPerson(id: string | null | undefined): string | null;
  byAccount(id: string | null | undefined): string | null;
}

/** Salesforce writes `…+0000`; parse it whatever the runtime's leniency. */
export function sfTime(value: string): Date {
  return new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

const NOT_REACHED = /no answer|not reached|unreachable|voicemail|left message|busy|wrong number|disconnected|failed/i;

function roleOfKey(key: string | null | undefined): string | null {
  return key ? (key.split(':').pop() ?? null) : null;
}

export function taskOutcome(t: TaskRecord, lookup: CallerLookup): CrmOutcome | null {
  const role = roleOfKey(t.Ringback_Key__c);
  const callFields = Boolean(t.CallType) || t.CallDurationInSeconds != null || Boolean(t.CallDisposition);
  if (role !== null && (role !== 'task' || !callFields)) return null;
  if (role === null && t.TaskSubtype !== 'Call' && !callFields) return null;
  if (t.CallType === 'Inbound' || t.CallType === 'Internal') return null;
  const callerE164 = lookup.byPerson(t.WhoId);
  if (!callerE164) return null;
  const talkSeconds = t.CallDurationInSeconds ?? null;
  const answered = talkSeconds !== null && talkSeconds > 0 && !NOT_REACHED.test(t.CallDisposition ?? '');
  return {
    externalId: `Task:${t.Id}`,
    type: 'attempt',
    // Ringback's follow-up was completed when last changed; a logged call is created when it happened.
    at: sfTime(role === 'task' ? t.LastModifiedDate : t.CreatedDate),
    callerE164,
    personId: t.WhoId,
    answered,
    talkSeconds,
  };
}

export function eventOutcome(e: EventRecord, lookup: CallerLookup): CrmOutcome | null {
  if (e.Ringback_Key__c) return null;
  const callerE164 = lookup.byPerson(e.WhoId);
  if (!callerE164) return null;
  return { externalId: `Event:${e.Id}`, type: 'booking', at: sfTime(e.CreatedDate), callerE164, personId: e.WhoId };
}

export function opportunityOutcomes(o: OpportunityRecord, lookup: CallerLookup): CrmOutcome[] {
  const callerE164 = lookup.byPerson(o.ContactId) ?? lookup.byAccount(o.AccountId);
  if (!callerE164) return [];
  const out: CrmOutcome[] = [
    {
      externalId: `Opportunity:${o.Id}:created`,
      type: 'booking',
      at: sfTime(o.CreatedDate),
      callerE164,
      personId: o.ContactId ?? null,
    },
  ];
  if (o.IsWon && typeof o.Amount === 'number' && o.Amount > 0) {
    out.push({
      externalId: `Opportunity:${o.Id}:won`,
      type: 'revenue',
      at: sfTime(o.LastModifiedDate),
      callerE164,
      personId: o.ContactId ?? null,
      amount: o.Amount,
    });
  }
  return out;
}
