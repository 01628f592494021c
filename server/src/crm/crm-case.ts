/** Builds the adapter's view of a case from its row and the account's configuration. */
import type { MissedCallRow } from '../store/schema.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import type { CrmCase } from './port.ts';

export function toCrmCase(row: MissedCallRow, account: AccountContext): CrmCase {
  const location = row.locationId ? account.locations.get(row.locationId) : undefined;
  return {
    id: row.id,
    accountId: row.accountId,
    provider: row.provider,
    providerCallId: row.providerCallId,
    callerE164: row.callerE164 ?? '',
    callerName: row.callerName,
    trackingE164: row.trackingE164,
    source: row.source,
    campaign: row.campaign,
    category: row.category as CrmCase['category'],
    afterHours: row.afterHours,
    intent: row.intent,
    urgency: row.urgency as CrmCase['urgency'],
    missedAt: row.missedAt,
    slaDueAt: row.slaDueAt,
    timezone: location?.info.timezone ?? account.account.timezone,
    locationId: row.locationId,
    locationName: location?.info.name ?? null,
    vertical: location?.info.vertical ?? null,
    locationRecordId: location?.row.crmRecordId ?? null,
    ringSeconds: row.ringSeconds,
    recordingUrl: row.recordingUrl,
    transcriptUrl: row.transcriptUrl,
    transcript: row.transcript,
    reasons: row.reasons,
    priorityScore: row.priorityScore,
    repeatOf: row.repeatOf,
    repeatCount: row.repeatCount,
    escalationTier: row.escalationTier,
    links: {
      contactId: row.crmContactId,
      contactCreated: row.crmContactCreated,
      callId: row.crmCallId,
      taskId: row.crmTaskId,
      ownerId: row.crmOwnerId,
    },
  };
}
