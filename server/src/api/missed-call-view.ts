/** The public shape of a missed call (contract §4), from its row. */
import { listStatus } from '@ringback/shared';
import type { MissedCallRow } from '../store/schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `priorityFactors`: why the case has its priority score (recovery/priority.ts), strongest first. */
export function missedCallView(row: MissedCallRow, now: Date, priorityFactors: string[] = []) {
  return {
    id: row.id,
    provider: row.provider,
    providerCallId: row.providerCallId,
    locationId: row.locationId,
    callerE164: row.callerE164,
    callerName: row.callerName,
    trackingE164: row.trackingE164,
    source: row.source,
    campaign: row.campaign,
    category: row.category,
    afterHours: row.afterHours,
    intent: row.intent,
    urgency: row.urgency,
    spam: row.spam,
    spamReason: row.spamReason,
    repeatOf: row.repeatOf,
    repeatCount: row.repeatCount,
    status: listStatus(
      { spam: row.spam, missedAt: row.missedAt, status: row.status as 'open' },
      row.lostAt.getTime() - row.missedAt.getTime(),
      now,
    ),
    missedAt: row.missedAt.toISOString(),
    slaDueAt: row.slaDueAt.toISOString(),
    slaRule: row.slaRule,
    firstAttemptAt: iso(row.firstAttemptAt),
    attemptedWithinSla: row.attemptedWithinSla,
    contactedAt: iso(row.contactedAt),
    bookedAt: iso(row.bookedAt),
    wonAt: iso(row.wonAt),
    revenue: row.revenue,
    escalationTier: row.escalationTier,
    priorityScore: row.priorityScore,
    priorityFactors,
    recordingUrl: row.recordingUrl,
    transcriptUrl: row.transcriptUrl,
    tags: row.tags,
    value: row.value,
    reasons: row.reasons,
    owner: { id: row.ownerId, reason: row.ownerReason },
    crm: {
      kind: row.crmKind,
      contactId: row.crmContactId,
      contactCreated: row.crmContactCreated,
      callId: row.crmCallId,
      taskId: row.crmTaskId,
      ownerId: row.crmOwnerId,
      error: row.crmError ?? null,
    },
  };
}
