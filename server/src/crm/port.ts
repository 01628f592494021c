/**
 * `CrmPort`: what the case logic asks of a CRM, in the domain's terms. One adapter per CRM
 * (`crm/hubspot/`, `crm/salesforce/`) implements it and batches the way its API allows; the engine
 * (`crm-jobs.ts`) never knows which CRM it talks to.
 *
 * Idempotency is the adapter's duty, with the session's help: persist the person's id before the
 * next write (`savePerson`), record the intent to create a call/task before the request and its id
 * right after (`linkIntent` / `linkDone`), stamp the record with the link key, and after a crash look
 * for a record carrying that key before creating another.
 */
import type { Logger } from '../lib/logger.ts';

export type CrmKind = 'hubspot' | 'salesforce';

/** A missed-call case as a CRM adapter sees it. */
export interface CrmCase {
  id: string;
  accountId: string;
  provider: string;
  providerCallId: string;
  callerE164: string;
  callerName: string | null;
  trackingE164: string | null;
  source: string | null;
  campaign: string | null;
  category: 'no_answer' | 'voicemail' | 'abandoned' | 'busy';
  afterHours: boolean;
  intent: string;
  urgency: 'high' | 'normal' | 'low';
  missedAt: Date;
  slaDueAt: Date;
  /** IANA zone of the case's location (the account's when unassigned): local dates for due dates. */
  timezone: string;
  locationId: string | null;
  locationName: string | null;
  vertical: string | null;
  /** The CRM record representing the location (HubSpot company id, …), when configured. */
  locationRecordId: string | null;
  ringSeconds: number | null;
  recordingUrl: string | null;
  transcriptUrl: string | null;
  transcript: string | null;
  reasons: string[];
  priorityScore: number | null;
  repeatOf: string | null;
  repeatCount: number;
  escalationTier: number;
  /** What was written before (a retry, an update, an escalation). */
  links: CrmLinks;
}

export interface CrmLinks {
  contactId: string | null;
  contactCreated: boolean;
  callId: string | null;
  taskId: string | null;
  ownerId: string | null;
}

export interface PersonFound {
  id: string;
  created: boolean;
  /** Salesforce: Contact or Lead; HubSpot: always contact. */
  objectType: 'contact' | 'lead';
  /** The person's current owner in the CRM, if any. */
  ownerId: string | null;
  /** Other people who matched the number (noted on the case, never merged). */
  otherMatches: string[];
  /** The CRM says the caller is an existing customer (lifecycle stage, a won deal, a Contact not a Lead). */
  existingCustomer: boolean;
}

export interface OwnerChoice {
  ownerId: string | null;
  reason: 'existing_owner' | 'round_robin' | 'no_owners_configured' | 'previously_assigned' | 'escalation';
}

export type LinkRole = 'call' | 'task' | 'repeat_call';

export interface CrmLink {
  key: string;
  externalId: string | null;
  state: 'intent' | 'done';
}

/** Persistence and routing the engine gives an adapter for one account. */
export interface CrmSession {
  readonly accountId: string;
  readonly kind: CrmKind;
  readonly logger: Logger;
  now(): Date;
  /** Records the person on the case at once, so a retry never searches again. */
  savePerson(caseId: string, callerE164: string, person: PersonFound): Promise<void>;
  /** A person Ringback created earlier for this caller (the CRM's search may not see it yet). */
  rememberedPerson(callerE164: string): Promise<string | null>;
  getLink(caseId: string, role: LinkRole): Promise<CrmLink | null>;
  /** Before the create request: returns the stable key to stamp on the record. */
  linkIntent(caseId: string, role: LinkRole): Promise<CrmLink>;
  /** Right after the create request succeeded. */
  linkDone(caseId: string, role: LinkRole, externalId: string): Promise<void>;
  /** The owner of this case's task: existing owner if one of the location's, else round-robin. */
  chooseOwner(c: CrmCase, existingOwnerId: string | null): Promise<OwnerChoice>;
}

export interface CrmWriteResult {
  contactId: string;
  contactCreated: boolean;
  callId: string;
  taskId: string;
  ownerId: string | null;
  ownerReason: OwnerChoice['reason'];
}

export interface EscalationRequest {
  tier: 2 | 3;
  /** The new owner of the follow-up task (location manager, corporate queue), if any. */
  ownerId: string | null;
  priority: 'HIGH';
  note: string;
}

/** Something the CRM knows happened with a caller (contract §5 outcomes). */
export interface CrmOutcome {
  /** Stable id in the CRM (engagement/deal/task id + the change), so a replay records once. */
  externalId: string;
  type: 'attempt' | 'contact' | 'booking' | 'revenue';
  at: Date;
  /** Who it is about: the caller's number, or the CRM person id the engine maps to a caller. */
  callerE164?: string | null;
  personId?: string | null;
  amount?: number | null;
  answered?: boolean | null;
  talkSeconds?: number | null;
}

export interface CrmPort {
  readonly kind: CrmKind;
  /** Find or create the person, write the call activity and the follow-up task. Idempotent. */
  writeCase(c: CrmCase, session: CrmSession): Promise<CrmWriteResult>;
  /** A repeat dial: its own call activity on the parent case's person; no task. */
  logRepeatCall(c: CrmCase, parent: CrmLinks, session: CrmSession): Promise<{ callId: string }>;
  /** The case turned out to be spam after its writes: close its task with a note (never delete). */
  closeTaskAsSpam(c: CrmCase, note: string, session: CrmSession): Promise<void>;
  /** Raise priority, reassign, note on the task. Idempotent per tier. */
  escalate(c: CrmCase, request: EscalationRequest, session: CrmSession): Promise<void>;
  /** Outcomes since the cursor (null = start from now); returns the next cursor. */
  pollOutcomes(cursor: string | null, session: CrmSession): Promise<{ outcomes: CrmOutcome[]; cursor: string }>;
}
