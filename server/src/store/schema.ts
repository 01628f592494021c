/**
 * The database schema, one typed definition for PostgreSQL and PGlite. Migrations in
 * server/migrations are generated from this file (`npm run db:generate`) and are forward-only.
 */

import {
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Key/value settings of the installation (admin token hash, sandbox state). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  currency: text('currency').notNull().default('USD'),
  /** 'hubspot' | 'salesforce' | null (not connected yet). */
  crmKind: text('crm_kind'),
  /** Non-secret CRM settings (portal id, instance URL, base URL). Secrets live in `credentials`. */
  crmSettings: jsonb('crm_settings').notNull().default({}),
  /** The account's policy as configured (duration strings), merged under each location's. */
  policy: jsonb('policy').notNull().default({}),
  corporateOwnerId: text('corporate_owner_id'),
  /** Where this account came from: 'config', 'api', 'oauth', 'sandbox'. */
  origin: text('origin').notNull().default('api'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Secrets per account and kind (crm, callrail, twilio, invoca, generic), encrypted at rest. */
export const credentials = pgTable(
  'credentials',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** AES-256-GCM envelope (`v1:<iv>:<tag>:<ciphertext>`, base64 parts) of the JSON secret. */
    sealed: text('sealed').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind] })],
);

export const locations = pgTable(
  'locations',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull(),
    vertical: text('vertical'),
    /** As configured: `{mon: "08:00-18:00", …}`, or null for always open. */
    businessHours: jsonb('business_hours'),
    holidays: jsonb('holidays').$type<string[]>().notNull().default([]),
    owners: jsonb('owners').$type<string[]>().notNull().default([]),
    unavailableOwners: jsonb('unavailable_owners').$type<string[]>().notNull().default([]),
    managerOwnerId: text('manager_owner_id'),
    crmRecordId: text('crm_record_id'),
    /** Overrides deep-merged over the account's policy. */
    policy: jsonb('policy').notNull().default({}),
    /** Round-robin cursor: index of the next owner. */
    nextOwnerIndex: integer('next_owner_index').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] })],
);

/** Tracking numbers (E.164) → location; unique per account so a number means one place. */
export const trackingNumbers = pgTable(
  'tracking_numbers',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    e164: text('e164').notNull(),
    locationId: text('location_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.e164] })],
);

/** Every authenticated webhook delivery, stored before it is acknowledged. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id').notNull(),
    provider: text('provider').notNull(),
    kind: text('kind').notNull(),
    providerCallId: text('provider_call_id'),
    /** The call start the event reports (Twilio's missedAt is the earliest one for its CallSid). */
    occurredAt: ts('occurred_at'),
    /** provider-independent replay key: kind + call id + body digest. */
    idempotencyKey: text('idempotency_key').notNull(),
    body: bytea('body').notNull(),
    contentType: text('content_type'),
    /** The headers that matter for audit (signature presence, user agent), never secrets. */
    headers: jsonb('headers').notNull().default({}),
    query: jsonb('query').notNull().default({}),
    receivedAt: ts('received_at').notNull().defaultNow(),
    /** pending → processed | unprocessed (stored but not understood) | failed. */
    status: text('status').notNull().default('pending'),
    note: text('note'),
    missedCallId: text('missed_call_id'),
    processedAt: ts('processed_at'),
  },
  (t) => [
    uniqueIndex('webhook_events_replay').on(t.accountId, t.provider, t.idempotencyKey),
    index('webhook_events_account_received').on(t.accountId, t.receivedAt),
    index('webhook_events_call').on(t.accountId, t.provider, t.providerCallId),
  ],
);

/** Missed-call cases: one per account, provider and provider call id. */
export const missedCalls = pgTable(
  'missed_calls',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    provider: text('provider').notNull(),
    providerCallId: text('provider_call_id').notNull(),
    locationId: text('location_id'),
    callerE164: text('caller_e164'),
    callerName: text('caller_name'),
    trackingE164: text('tracking_e164'),
    source: text('source'),
    campaign: text('campaign'),
    category: text('category').notNull(),
    afterHours: boolean('after_hours').notNull(),
    intent: text('intent').notNull(),
    urgency: text('urgency').notNull(),
    spam: boolean('spam').notNull().default(false),
    spamReason: text('spam_reason'),
    repeatOf: text('repeat_of'),
    repeatCount: integer('repeat_count').notNull().default(0),
    /** Start of the latest call folded into this case (repeat-dial window anchor). */
    lastCallAt: ts('last_call_at').notNull(),
    status: text('status').notNull().default('open'),
    missedAt: ts('missed_at').notNull(),
    slaDueAt: ts('sla_due_at').notNull(),
    slaRule: text('sla_rule').notNull(),
    /** missedAt + the policy's lostAfter: without contact by then the list shows `lost`. */
    lostAt: ts('lost_at').notNull(),
    firstAttemptAt: ts('first_attempt_at'),
    attemptedWithinSla: boolean('attempted_within_sla').notNull().default(false),
    contactedAt: ts('contacted_at'),
    bookedAt: ts('booked_at'),
    wonAt: ts('won_at'),
    revenue: doublePrecision('revenue').notNull().default(0),
    escalationTier: integer('escalation_tier').notNull().default(1),
    priorityScore: doublePrecision('priority_score'),
    ringSeconds: integer('ring_seconds'),
    recordingUrl: text('recording_url'),
    transcriptUrl: text('transcript_url'),
    transcript: text('transcript'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    value: doublePrecision('value'),
    /** Why it was classified so: factor list for humans. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    ownerId: text('owner_id'),
    ownerReason: text('owner_reason'),
    crmKind: text('crm_kind'),
    crmContactId: text('crm_contact_id'),
    crmContactCreated: boolean('crm_contact_created').notNull().default(false),
    crmCallId: text('crm_call_id'),
    crmTaskId: text('crm_task_id'),
    crmOwnerId: text('crm_owner_id'),
    /** `{code, message, at}` of the last CRM error while the write is not done. */
    crmError: jsonb('crm_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('missed_calls_provider_call').on(t.accountId, t.provider, t.providerCallId),
    index('missed_calls_account_missed_at').on(t.accountId, t.missedAt),
    index('missed_calls_location_missed_at').on(t.accountId, t.locationId, t.missedAt),
    index('missed_calls_caller').on(t.accountId, t.callerE164, t.missedAt),
    // Snapshot sync and rollup refresh read "cases changed since".
    index('missed_calls_account_updated').on(t.accountId, t.updatedAt),
    // CRM outcomes are matched back to cases by the task and person Ringback wrote.
    index('missed_calls_crm_task').on(t.accountId, t.crmTaskId),
    index('missed_calls_crm_contact').on(t.accountId, t.crmContactId),
  ],
);

/** Calls that are not misses but matter to a case: callback attempts and answered inbound calls. */
export const callEvents = pgTable(
  'call_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id').notNull(),
    provider: text('provider').notNull(),
    providerCallId: text('provider_call_id').notNull(),
    /** 'attempt' (outbound to the caller) | 'inbound_answered'. */
    kind: text('kind').notNull(),
    callerE164: text('caller_e164'),
    trackingE164: text('tracking_e164'),
    startedAt: ts('started_at').notNull(),
    answered: boolean('answered').notNull().default(false),
    talkSeconds: integer('talk_seconds').notNull().default(0),
    missedCallId: text('missed_call_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_events_provider_call').on(t.accountId, t.provider, t.providerCallId),
    index('call_events_caller').on(t.accountId, t.callerE164, t.startedAt),
  ],
);

/** Outcomes from the CRM, the API or a provider: attempt, contact, booking, revenue. */
export const outcomes = pgTable(
  'outcomes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id').notNull(),
    missedCallId: text('missed_call_id'),
    callerE164: text('caller_e164'),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    amount: doublePrecision('amount'),
    answered: boolean('answered'),
    talkSeconds: integer('talk_seconds'),
    /** 'api' | 'hubspot' | 'salesforce' | provider id. */
    source: text('source').notNull(),
    /** Id in the source system, so a replayed outcome is recorded once. */
    externalId: text('external_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outcomes_external').on(t.accountId, t.source, t.externalId),
    index('outcomes_caller').on(t.accountId, t.callerE164, t.at),
  ],
);

/**
 * CRM records Ringback wrote or found, per case and role ('person', 'call', 'task'). A row is
 * written with state 'intent' before the request and 'done' with the external id after it, so a
 * retry after a crash knows to look for a half-made record instead of making a second.
 */
export const crmLinks = pgTable(
  'crm_links',
  {
    accountId: text('account_id').notNull(),
    missedCallId: text('missed_call_id').notNull(),
    role: text('role').notNull(),
    crmKind: text('crm_kind').notNull(),
    /** The marker stamped on the CRM record (`ringback_key` / `Ringback_Key__c`). */
    key: text('key').notNull(),
    externalId: text('external_id'),
    state: text('state').notNull().default('intent'),
    createdByRingback: boolean('created_by_ringback').notNull().default(false),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.missedCallId, t.role] }), index('crm_links_external').on(t.accountId, t.externalId)],
);

/** People Ringback created in a CRM, by caller number, so a second call never creates a twin. */
export const crmPeople = pgTable(
  'crm_people',
  {
    accountId: text('account_id').notNull(),
    callerE164: text('caller_e164').notNull(),
    crmKind: text('crm_kind').notNull(),
    externalId: text('external_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.callerE164] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id'),
    missedCallId: text('missed_call_id'),
    at: ts('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('audit_log_case').on(t.missedCallId, t.id), index('audit_log_account').on(t.accountId, t.id)],
);

/**
 * The outbox: every piece of work still to do, written in the same transaction as the change that
 * causes it. Queues only deliver job ids; this table is the truth about what is pending, running
 * (leased), done or dead.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** Idempotency key: enqueueing an existing key is a no-op (derive keys from the case and step). */
    key: text('key').notNull(),
    accountId: text('account_id'),
    payload: jsonb('payload').notNull().default({}),
    status: text('status').notNull().default('pending'),
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(10),
    leaseUntil: ts('lease_until'),
    deliveredAt: ts('delivered_at'),
    lastError: jsonb('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [uniqueIndex('jobs_key').on(t.key), index('jobs_due').on(t.status, t.runAt)],
);

/** Account-scoped API tokens (hash only). */
export const apiTokens = pgTable('api_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  label: text('label'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Cursors of periodic pulls (CallRail reconciliation, CRM outcome polls), per account and source. */
export const cursors = pgTable(
  'cursors',
  {
    accountId: text('account_id').notNull(),
    name: text('name').notNull(),
    value: text('value').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.name] })],
);

export type JobRow = typeof jobs.$inferSelect;
export type MissedCallRow = typeof missedCalls.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
