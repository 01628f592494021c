/**
 * What the setup API shows: an account's settings, its locations and its call-tracking sources, in
 * the config file's own terms (duration strings, `HH:MM-HH:MM` hours), plus the effective policy after
 * defaults and overrides. Secrets never appear: a source says which of its fields are set, not what.
 */
import { formatAfterHoursOffset, formatDuration, type RecoveryPolicy } from '@ringback/shared';
import type { AccountRow, LocationRow } from '../store/schema.ts';

export const SOURCE_PROVIDERS = ['callrail', 'twilio', 'invoca', 'generic'] as const;
export type SourceProvider = (typeof SOURCE_PROVIDERS)[number];

/** The config-file form of a resolved policy: what the location actually runs on. */
export function policyView(p: RecoveryPolicy) {
  return {
    sla: {
      highUrgency: formatDuration(p.sla.highUrgencyMs),
      newLead: formatDuration(p.sla.newLeadMs),
      existingCustomer: formatDuration(p.sla.existingCustomerMs),
      afterHours: formatAfterHoursOffset(p.sla.afterHoursOffsetMs),
    },
    attributionWindow: {
      booking: formatDuration(p.attributionWindow.bookingMs),
      revenue: formatDuration(p.attributionWindow.revenueMs),
    },
    contactMinTalkSeconds: p.contactMinTalkSeconds,
    repeatDialWindow: formatDuration(p.repeatDialWindowMs),
    noiseMaxSeconds: p.noiseMaxSeconds,
    lostAfter: formatDuration(p.lostAfterMs),
    ...(p.escalation ? { escalation: { corporateAfter: formatDuration(p.escalation.corporateAfterMs) } } : {}),
  };
}

export function accountView(row: AccountRow, effectivePolicy: RecoveryPolicy, publicUrl: string) {
  const crm = (row.crmSettings ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    currency: row.currency,
    origin: row.origin,
    corporateOwnerId: row.corporateOwnerId,
    crm: {
      kind: row.crmKind,
      portalId: crm.portalId ?? null,
      baseUrl: crm.baseUrl ?? null,
      instanceUrl: crm.instanceUrl ?? null,
      install: {
        hubspot: `${publicUrl}/oauth/hubspot/install?account=${encodeURIComponent(row.id)}`,
        salesforce: `${publicUrl}/oauth/salesforce/install?account=${encodeURIComponent(row.id)}`,
      },
    },
    policy: row.policy,
    effectivePolicy: policyView(effectivePolicy),
  };
}

export function locationView(row: LocationRow, trackingNumbers: string[], effectivePolicy: RecoveryPolicy | null) {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    vertical: row.vertical,
    trackingNumbers,
    businessHours: row.businessHours ?? null,
    holidays: row.holidays,
    owners: row.owners,
    unavailableOwners: row.unavailableOwners,
    managerOwnerId: row.managerOwnerId,
    crmRecordId: row.crmRecordId,
    policy: row.policy,
    effectivePolicy: effectivePolicy ? policyView(effectivePolicy) : null,
  };
}

/** Which fields of a provider's configuration are set (names only). */
export function sourceView(
  provider: SourceProvider,
  secret: Record<string, unknown> | undefined,
  publicUrl: string,
  accountId: string,
) {
  const fields = secret
    ? Object.keys(secret).filter((k) => secret[k] !== undefined && secret[k] !== null && secret[k] !== '')
    : [];
  return {
    provider,
    webhookUrl: `${publicUrl}/webhooks/${provider}/${accountId}`,
    configured: fields.length > 0,
    fields,
    verification: VERIFICATION[provider],
  };
}

const VERIFICATION: Record<SourceProvider, string> = {
  callrail: 'Signature header: base64 HMAC-SHA1 of the raw body with the company signing key',
  twilio: 'X-Twilio-Signature over the webhook URL and the sorted form parameters, with the auth token',
  invoca: 'the shared token as ?token= on the URL or an X-Ringback-Token header',
  generic: 'X-Ringback-Signature: hex HMAC-SHA256 of the raw body with the secret',
};
