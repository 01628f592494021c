/**
 * Turns planned history calls into the rows ingest would have written had the calls arrived one by
 * one: each call is a real CallRail post-call body, parsed by the CallRail adapter and classified by
 * `buildCase` (so intent, urgency, SLA and spam are Ringback's own verdicts); callbacks become
 * `call_events`, bookings and revenue `outcomes` naming their case; each case's funnel is derived
 * from its events with the shared `deriveFunnel`, exactly as `syncCallerFunnel` would; and the audit
 * log tells each case's story. Only what happened before `now` is written.
 *
 * Written in bulk, without webhook_events rows (the raw bodies of a year of calls are no use to a
 * demo) and without CRM jobs (history is not pushed into the sandbox CRM).
 */
import { createHash } from 'node:crypto';
import { deriveFunnel, nextOpeningAfter, raisedUrgency, type FunnelEvent, type Urgency } from '@ringback/shared';
import type { AccountContext } from '../accounts/account-context.ts';
import { buildCase, type CallerHistory } from '../cases/build-case.ts';
import { callrail } from '../providers/index.ts';
import type { auditLog, callEvents, missedCalls, outcomes } from '../store/schema.ts';
import { caseFate, isConversation, type CaseFate } from './case-fate.ts';
import { callRailId, inboundDelivery } from './callrail-calls.ts';
import type { DemoPerson } from './demo-account.ts';
import type { PlannedMiss } from './history-plan.ts';
import { rngFor } from './random.ts';
import type { SimLocation } from './sim-locations.ts';

export interface HistoryBatch {
  cases: Array<typeof missedCalls.$inferInsert>;
  callEvents: Array<typeof callEvents.$inferInsert>;
  outcomes: Array<typeof outcomes.$inferInsert>;
  audit: Array<typeof auditLog.$inferInsert>;
}

export const HISTORY_ACTOR_NOTE = 'sandbox history';

/** Same shape as `newId('mc')`, but stable for a call: a regenerated day finds its own cases. */
export function historyCaseId(missedAt: Date, callId: string): string {
  const time = missedAt.getTime().toString(36).padStart(9, '0');
  return `mc_${time}${createHash('sha256').update(callId).digest('hex').slice(0, 16)}`;
}

export function emptyBatch(): HistoryBatch {
  return { cases: [], callEvents: [], outcomes: [], audit: [] };
}

interface ParentState {
  row: typeof missedCalls.$inferInsert;
  contactedAt: Date | null;
}

export function historyRows(
  account: AccountContext,
  locations: ReadonlyMap<string, SimLocation>,
  planned: readonly PlannedMiss[],
  options: { now: Date; ageOf(at: Date): number },
): HistoryBatch {
  const batch = emptyBatch();
  const accountId = account.account.id;
  const parents = new Map<string, ParentState>();
  const { now } = options;

  for (const miss of planned) {
    if (miss.call.startedAt.getTime() >= now.getTime()) continue;
    const location = locations.get(miss.locationId);
    if (!location) continue;
    const delivery = inboundDelivery(miss.call);
    const parsed = callrail.parse(
      {
        rawBody: Buffer.from(delivery.body),
        contentType: 'application/json',
        headers: {},
        query: { event: delivery.hint },
        publicUrl: '',
      },
      { receivedAt: miss.call.startedAt },
    );
    if (!parsed.ok || !parsed.event) continue;
    const event = parsed.event;
    const missedAt = event.startedAt;

    const parent = miss.repeatOfCallId ? parents.get(miss.repeatOfCallId) : undefined;
    if (miss.repeatOfCallId) {
      // Only a repeat of a case still owed a callback is a repeat; anything else would be a new case
      // whose events the parent already claimed, so the simulation leaves it out.
      if (!parent || parent.row.spam || (parent.contactedAt && parent.contactedAt < missedAt)) continue;
    }
    const history: CallerHistory = {
      priorCases: 0,
      knownCaller: miss.existingCustomer,
      repeatCandidates: parent
        ? [
            {
              id: parent.row.id,
              callerE164: event.callerE164!,
              locationId: parent.row.locationId ?? null,
              status: 'open',
              lastCallAt: parent.row.lastCallAt,
              missedAt: parent.row.missedAt,
            },
          ]
        : [],
    };
    const fields = buildCase(event, missedAt, account, history);
    const id = historyCaseId(missedAt, miss.call.callId);
    const row: typeof missedCalls.$inferInsert = {
      id,
      accountId,
      provider: 'callrail',
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
      createdAt: new Date(missedAt.getTime() + 2_000),
      updatedAt: new Date(missedAt.getTime() + 2_000),
    };
    batch.cases.push(row);
    batch.audit.push({
      accountId,
      missedCallId: id,
      at: row.createdAt!,
      actor: 'callrail',
      action: fields.repeatOf ? 'case.repeat_dial' : fields.spam ? 'case.spam' : 'case.created',
      detail: {
        category: fields.category,
        intent: fields.intent,
        urgency: fields.urgency,
        slaDueAt: fields.slaDueAt.toISOString(),
        repeatOf: fields.repeatOf,
        reasons: fields.reasons,
        note: HISTORY_ACTOR_NOTE,
      },
    });

    if (fields.repeatOf && parent) {
      parent.row.repeatCount = (parent.row.repeatCount ?? 0) + 1;
      parent.row.urgency = raisedUrgency(parent.row.urgency as Urgency, parent.row.repeatCount);
      parent.row.lastCallAt = missedAt;
      batch.audit.push({
        accountId,
        missedCallId: parent.row.id,
        at: row.createdAt!,
        actor: 'ringback',
        action: 'case.repeat_folded',
        detail: { repeatCount: parent.row.repeatCount, urgency: parent.row.urgency },
      });
      continue;
    }
    if (fields.spam) continue;

    const policy = (fields.locationId && account.locations.get(fields.locationId)?.policy) || account.policy;
    const nextOpen = fields.afterHours ? nextOpeningAfter(location.hours, location.timezone, missedAt) : null;
    const fate = caseFate(rngFor('fate', miss.call.callId), {
      // A year ago every location was a little sloppier: the trend lines show the improvement.
      discipline: location.discipline - 0.15 * options.ageOf(missedAt),
      vertical: location.vertical,
      existingCustomer: miss.existingCustomer,
      urgent: fields.urgency === 'high',
      untilOpenMs: nextOpen ? nextOpen.getTime() - missedAt.getTime() : 0,
    });
    const events = followUps(batch, {
      accountId,
      caseId: id,
      callId: miss.call.callId,
      callerE164: event.callerE164!,
      trackingE164: location.trackingE164,
      missedAt,
      fate,
      now,
    });
    const funnel = deriveFunnel({ missedAt, slaDueAt: fields.slaDueAt }, events, policy);
    Object.assign(row, {
      firstAttemptAt: funnel.firstAttemptAt,
      attemptedWithinSla: funnel.attemptedWithinSla,
      contactedAt: funnel.contactedAt,
      bookedAt: funnel.bookedAt,
      wonAt: funnel.wonAt,
      revenue: funnel.revenue,
      status: funnel.status,
      updatedAt: latest([row.updatedAt!, ...events.map((e) => e.at)]),
    });
    batch.audit.push(...transitions(accountId, id, funnel));
    parents.set(miss.call.callId, { row, contactedAt: funnel.contactedAt });
  }
  return batch;
}

interface FollowUpInput {
  accountId: string;
  caseId: string;
  callId: string;
  callerE164: string;
  trackingE164: string;
  missedAt: Date;
  fate: CaseFate;
  now: Date;
}

/** Writes the fate's callbacks and outcomes (those already in the past) and returns them as funnel events. */
function followUps(batch: HistoryBatch, f: FollowUpInput): FunnelEvent[] {
  const events: FunnelEvent[] = [];
  const past = (at: Date) => at.getTime() < f.now.getTime();
  let contactAt: Date | null = null;
  f.fate.attempts.forEach((a, i) => {
    const at = new Date(f.missedAt.getTime() + a.afterMs);
    if (!past(at)) return;
    batch.callEvents.push({
      accountId: f.accountId,
      provider: 'callrail',
      providerCallId: callRailId('history-callback', f.callId, i),
      kind: 'attempt',
      callerE164: f.callerE164,
      trackingE164: f.trackingE164,
      startedAt: at,
      answered: a.answered,
      talkSeconds: a.talkSeconds,
      createdAt: at,
    });
    events.push({ type: 'attempt', at, answered: a.answered, talkSeconds: a.talkSeconds });
    if (!contactAt && isConversation(a)) contactAt = at;
  });
  const contact = contactAt as Date | null;
  if (!contact || f.fate.bookingAfterContactMs === null) return events;
  const bookedAt = new Date(contact.getTime() + f.fate.bookingAfterContactMs);
  if (!past(bookedAt)) return events;
  batch.outcomes.push(outcomeRow(f, 'booking', bookedAt, null));
  events.push({ type: 'booking', at: bookedAt });
  if (!f.fate.revenue) return events;
  const wonAt = new Date(bookedAt.getTime() + f.fate.revenue.afterBookingMs);
  if (!past(wonAt)) return events;
  batch.outcomes.push(outcomeRow(f, 'revenue', wonAt, f.fate.revenue.amount));
  events.push({ type: 'revenue', at: wonAt, amount: f.fate.revenue.amount });
  return events;
}

function outcomeRow(
  f: FollowUpInput,
  type: 'booking' | 'revenue',
  at: Date,
  amount: number | null,
): typeof outcomes.$inferInsert {
  return {
    accountId: f.accountId,
    missedCallId: f.caseId,
    callerE164: f.callerE164,
    type,
    at,
    amount,
    source: 'sandbox',
    externalId: `${f.callId}:${type}`,
    createdAt: at,
  };
}

/** The status changes ingest would have logged as each event landed. */
function transitions(
  accountId: string,
  caseId: string,
  funnel: ReturnType<typeof deriveFunnel>,
): HistoryBatch['audit'] {
  const steps: Array<{ at: Date | null; to: string; actor: string }> = [
    { at: funnel.firstAttemptAt, to: 'attempted', actor: 'callrail' },
    { at: funnel.contactedAt, to: 'contacted', actor: 'callrail' },
    { at: funnel.bookedAt, to: 'booked', actor: 'sandbox' },
    { at: funnel.wonAt, to: 'won', actor: 'sandbox' },
  ];
  const rows: HistoryBatch['audit'] = [];
  let from = 'open';
  for (const [i, step] of steps.entries()) {
    if (!step.at) continue;
    // Two steps at the same instant (a first callback that is a conversation) are one change.
    const next = steps.slice(i + 1).find((s) => s.at && s.at.getTime() === step.at!.getTime());
    if (next) continue;
    rows.push({
      accountId,
      missedCallId: caseId,
      at: step.at,
      actor: step.actor,
      action: `case.${step.to}`,
      detail: { from, note: HISTORY_ACTOR_NOTE },
    });
    from = step.to;
  }
  return rows;
}

function latest(dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** An answered call from each known customer before the history starts: they are customers already. */
export function priorCustomerCalls(
  account: AccountContext,
  people: readonly DemoPerson[],
  locations: ReadonlyMap<string, SimLocation>,
  at: Date,
): HistoryBatch['callEvents'] {
  return people.flatMap((p) => {
    const location = locations.get(p.locationId);
    if (!location) return [];
    return [
      {
        accountId: account.account.id,
        provider: 'callrail',
        providerCallId: callRailId('history-prior', p.phone),
        kind: 'inbound_answered',
        callerE164: p.phone,
        trackingE164: location.trackingE164,
        startedAt: at,
        answered: true,
        talkSeconds: 240,
        createdAt: at,
      },
    ];
  });
}
