/**
 * Folds one normalized call event into the account's cases, inside the caller's transaction:
 * a missed inbound call creates or updates its case (classified, repeat-checked, SLA set); an outbound
 * call to a caller is a callback attempt; an answered inbound call is a possible contact. The work
 * the change causes (CRM write, escalation) is written to the outbox in the same transaction.
 */
import { and, desc, eq, isNull, lt, min, sql } from 'drizzle-orm';
import { isMissedCall, type CallEvent, type Urgency } from '@ringback/shared';
import type { Db } from '../store/database.ts';
import { auditLog, callEvents, crmPeople, missedCalls, webhookEvents } from '../store/schema.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { caseIdFor } from '../lib/ids.ts';
import { buildCase, locationFor, urgencyAfterRepeat, type CallerHistory } from './build-case.ts';
import { lockCaller, syncCallerFunnel } from './funnel-sync.ts';
import type { JobSpec } from '../queue/outbox.ts';
import { markCaseIdsDirty, markCasesDirty } from '../recovery/dirty.ts';
import { escalationJobSpec } from '../jobs/escalate-case.ts';

export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface IngestResult {
  /** The case this event created or updated; null for events that are not missed calls. */
  missedCallId: string | null;
  created: boolean;
  /** Why nothing was created, for the stored event's note. */
  note: string | null;
  /** Jobs the change causes, for the caller to write to the outbox in this transaction. */
  jobs: JobSpec[];
}

export interface IngestOptions {
  /** Whether the account's CRM has an adapter: CRM jobs are only written when one can run them. */
  crm: boolean;
}

export async function ingestCallEvent(tx: Tx, account: AccountContext, event: CallEvent, now: Date, options: IngestOptions): Promise<IngestResult> {
  if (isMissedCall(event)) return ingestMissedCall(tx, account, event, now, options);
  if (!event.terminal) return { missedCallId: null, created: false, note: 'call still in progress', jobs: [] };
  if (!event.callerE164) return { missedCallId: null, created: false, note: 'no customer number on the call', jobs: [] };
  if (event.direction === 'outbound') return recordCallerCall(tx, account, event, 'attempt');
  if (event.result === 'answered') return recordCallerCall(tx, account, event, 'inbound_answered');
  return { missedCallId: null, created: false, note: `inbound call ended ${event.result}`, jobs: [] };
}

/** The earliest start any delivery reported for this provider call (Twilio's `initiated` rule). */
async function earliestStart(tx: Tx, accountId: string, event: CallEvent): Promise<Date> {
  const rows = await tx
    .select({ first: min(webhookEvents.occurredAt) })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.accountId, accountId),
        eq(webhookEvents.provider, event.provider),
        eq(webhookEvents.providerCallId, event.providerCallId),
      ),
    );
  const first = rows[0]?.first;
  return first && first.getTime() < event.startedAt.getTime() ? first : event.startedAt;
}

async function callerHistory(tx: Tx, account: AccountContext, callerE164: string | null, locationId: string | null, missedAt: Date): Promise<CallerHistory> {
  if (!callerE164) return { priorCases: 0, knownCaller: false, repeatCandidates: [] };
  const accountId = account.account.id;
  const prior = await tx
    .select({
      id: missedCalls.id,
      locationId: missedCalls.locationId,
      status: missedCalls.status,
      lastCallAt: missedCalls.lastCallAt,
      missedAt: missedCalls.missedAt,
    })
    .from(missedCalls)
    .where(
      and(
        eq(missedCalls.accountId, accountId),
        eq(missedCalls.callerE164, callerE164),
        eq(missedCalls.spam, false),
        isNull(missedCalls.repeatOf),
        lt(missedCalls.missedAt, missedAt),
      ),
    )
    .orderBy(desc(missedCalls.missedAt))
    .limit(50);
  const [calls, people] = await Promise.all([
    tx.select({ id: callEvents.id }).from(callEvents).where(and(eq(callEvents.accountId, accountId), eq(callEvents.callerE164, callerE164), lt(callEvents.startedAt, missedAt))).limit(1),
    tx.select({ id: crmPeople.externalId }).from(crmPeople).where(and(eq(crmPeople.accountId, accountId), eq(crmPeople.callerE164, callerE164))).limit(1),
  ]);
  return {
    priorCases: prior.length,
    knownCaller: prior.length > 0 || calls.length > 0 || people.length > 0,
    repeatCandidates: prior
      .filter((p) => p.locationId === locationId)
      .map((p) => ({ id: p.id, callerE164, locationId: p.locationId, status: p.status as 'open', lastCallAt: p.lastCallAt, missedAt: p.missedAt })),
  };
}

async function ingestMissedCall(tx: Tx, account: AccountContext, event: CallEvent, now: Date, options: IngestOptions): Promise<IngestResult> {
  const accountId = account.account.id;
  if (event.callerE164) await lockCaller(tx, accountId, event.callerE164);
  const existing = (
    await tx
      .select()
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, accountId), eq(missedCalls.provider, event.provider), eq(missedCalls.providerCallId, event.providerCallId)))
  )[0];
  if (existing) return updateMissedCall(tx, account, existing, event, now, options);

  const missedAt = await earliestStart(tx, accountId, event);
  const location = locationFor(account, event.trackingE164);
  const history = await callerHistory(tx, account, event.callerE164, location?.info.id ?? null, missedAt);
  const fields = buildCase(event, missedAt, account, history);
  const id = caseIdFor(accountId, event.provider, event.providerCallId);
  const inserted = await tx
    .insert(missedCalls)
    .values({
      id,
      accountId,
      provider: event.provider,
      providerCallId: event.providerCallId,
      ...fields,
      callerE164: event.callerE164,
      callerName: event.callerName,
      trackingE164: event.trackingE164,
      source: event.source,
      campaign: event.campaign,
      lastCallAt: missedAt,
      status: 'open',
      ringSeconds: event.ringSeconds,
      recordingUrl: event.recordingUrl,
      transcriptUrl: event.transcriptUrl,
      transcript: event.transcript,
      tags: event.tags,
      value: event.value,
      crmKind: account.account.crmKind,
      createdAt: now,
      updatedAt: now,
    })
    // A concurrent delivery of the same call may have won: the constraint decides, not a read.
    .onConflictDoNothing({ target: [missedCalls.accountId, missedCalls.provider, missedCalls.providerCallId] })
    .returning({ id: missedCalls.id });
  if (inserted.length === 0) {
    const winner = (
      await tx
        .select()
        .from(missedCalls)
        .where(and(eq(missedCalls.accountId, accountId), eq(missedCalls.provider, event.provider), eq(missedCalls.providerCallId, event.providerCallId)))
    )[0]!;
    return updateMissedCall(tx, account, winner, event, now, options);
  }

  // A call is either a miss or a conversation: an "answered" delivery for the same call (Twilio's
  // parent leg completes after an unanswered <Dial>) must not count as a contact.
  await tx
    .delete(callEvents)
    .where(and(eq(callEvents.accountId, accountId), eq(callEvents.provider, event.provider), eq(callEvents.providerCallId, event.providerCallId)));

  const jobs: JobSpec[] = [];
  if (fields.repeatOf) {
    await foldRepeat(tx, fields.repeatOf, missedAt, now);
    if (options.crm && !fields.spam) jobs.push({ kind: 'crm.repeat', key: `crm.repeat:${id}`, accountId, payload: { caseId: id } });
  } else if (!fields.spam && options.crm) {
    jobs.push({ kind: 'crm.write', key: `crm.write:${id}`, accountId, payload: { caseId: id }, maxAttempts: 25 });
  }
  // Rollups and priority (a new case, or a repeat that raised its case's urgency); a new case's
  // tier-2 escalation job is written by the same statement (recovery/dirty.ts).
  if (!fields.spam && fields.repeatOf) await markCaseIdsDirty(tx, account, [fields.repeatOf], now);
  else if (!fields.spam) await markCasesDirty(tx, account, [{ id, locationId: fields.locationId, missedAt }], now, [escalationJobSpec(id, accountId, 2, fields.slaDueAt)]);
  await tx.insert(auditLog).values({
    accountId,
    missedCallId: id,
    at: now,
    actor: event.provider,
    action: fields.repeatOf ? 'case.repeat_dial' : fields.spam ? 'case.spam' : 'case.created',
    detail: { category: fields.category, intent: fields.intent, urgency: fields.urgency, slaDueAt: fields.slaDueAt.toISOString(), repeatOf: fields.repeatOf, reasons: fields.reasons },
  });
  if (event.callerE164 && !fields.spam && !fields.repeatOf) await syncCallerFunnel(tx, account, event.callerE164);
  return { missedCallId: id, created: true, note: null, jobs };
}

/** A repeat dial raises the case's count (and maybe urgency); its missedAt and slaDueAt stay. */
async function foldRepeat(tx: Tx, parentId: string, at: Date, now: Date): Promise<void> {
  const parent = (await tx.select().from(missedCalls).where(eq(missedCalls.id, parentId)))[0];
  if (!parent) return;
  const repeatCount = parent.repeatCount + 1;
  const urgency = urgencyAfterRepeat(parent.urgency as Urgency, repeatCount);
  await tx
    .update(missedCalls)
    .set({ repeatCount, urgency, lastCallAt: at > parent.lastCallAt ? at : parent.lastCallAt, updatedAt: now })
    .where(eq(missedCalls.id, parentId));
  await tx.insert(auditLog).values({ accountId: parent.accountId, missedCallId: parentId, at: now, actor: 'ringback', action: 'case.repeat_folded', detail: { repeatCount, urgency } });
}

/** Another delivery about a call we already have (call-modified, a reconciled copy, a later status). */
async function updateMissedCall(
  tx: Tx,
  account: AccountContext,
  existing: typeof missedCalls.$inferSelect,
  event: CallEvent,
  now: Date,
  options: IngestOptions,
): Promise<IngestResult> {
  const becameSpam = event.providerSpam && !existing.spam;
  const tags = event.tags.length ? event.tags : existing.tags;
  await tx
    .update(missedCalls)
    .set({
      recordingUrl: event.recordingUrl ?? existing.recordingUrl,
      transcriptUrl: event.transcriptUrl ?? existing.transcriptUrl,
      transcript: event.transcript ?? existing.transcript,
      callerName: event.callerName ?? existing.callerName,
      value: event.value ?? existing.value,
      tags,
      ...(becameSpam ? { spam: true, spamReason: 'provider_flag' } : {}),
      updatedAt: now,
    })
    .where(eq(missedCalls.id, existing.id));
  const jobs: JobSpec[] = [];
  if (becameSpam && options.crm) {
    jobs.push({ kind: 'crm.spam', key: `crm.spam:${existing.id}`, accountId: existing.accountId, payload: { caseId: existing.id } });
  }
  if (becameSpam && !existing.repeatOf) await markCasesDirty(tx, account, [existing], now); // it leaves the metrics
  await tx.insert(auditLog).values({
    accountId: existing.accountId,
    missedCallId: existing.id,
    at: now,
    actor: event.provider,
    action: becameSpam ? 'case.marked_spam' : 'case.updated',
    detail: { kind: event.kind, recording: Boolean(event.recordingUrl), transcript: Boolean(event.transcript), tags },
  });
  if (becameSpam && existing.callerE164) await syncCallerFunnel(tx, account, existing.callerE164);
  return { missedCallId: existing.id, created: false, note: null, jobs };
}

/** An outbound call to the caller (attempt) or an answered inbound call from them. */
async function recordCallerCall(tx: Tx, account: AccountContext, event: CallEvent, kind: 'attempt' | 'inbound_answered'): Promise<IngestResult> {
  const accountId = account.account.id;
  const callerE164 = event.callerE164!;
  await lockCaller(tx, accountId, callerE164);
  if (kind === 'inbound_answered') {
    const sameCallMissed = await tx
      .select({ id: missedCalls.id })
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, accountId), eq(missedCalls.provider, event.provider), eq(missedCalls.providerCallId, event.providerCallId)));
    if (sameCallMissed.length) return { missedCallId: null, created: false, note: 'the same call is a recorded miss; not a contact', jobs: [] };
  }
  const talkSeconds = Math.max(0, Math.round(event.talkSeconds ?? (event.answered ? event.durationSeconds ?? 0 : 0)));
  const values = {
    accountId,
    provider: event.provider,
    providerCallId: event.providerCallId,
    kind,
    callerE164,
    trackingE164: event.trackingE164,
    startedAt: event.startedAt,
    answered: event.answered === true,
    talkSeconds,
  };
  await tx
    .insert(callEvents)
    .values(values)
    .onConflictDoUpdate({
      target: [callEvents.accountId, callEvents.provider, callEvents.providerCallId],
      set: { answered: values.answered, talkSeconds, startedAt: sql`least(${callEvents.startedAt}, ${event.startedAt.toISOString()}::timestamptz)` },
    });
  const changes = await syncCallerFunnel(tx, account, callerE164);
  if (changes.length) {
    await tx.insert(auditLog).values(
      changes.map((c) => ({ accountId, missedCallId: c.caseId, actor: event.provider, action: `case.${c.to}`, detail: { from: c.from, call: event.providerCallId, kind } })),
    );
  }
  return { missedCallId: null, created: false, note: kind === 'attempt' ? 'callback attempt' : 'answered inbound call', jobs: [] };
}

