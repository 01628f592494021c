/**
 * The shape of the `RINGBACK_CONFIG` file (contract §2). Every object is strict: a key the product
 * does not know stops the start with its path, so a typo never silently changes nothing.
 */
import { z } from 'zod';

const DURATION = /^\d+[smhd]$/;
const duration = z.string().regex(DURATION, 'a duration like 30s, 5m, 4h or 7d');
const afterHours = z.string().regex(/^nextOpen\+\d+[smhd]$/, 'nextOpen+<duration>, e.g. nextOpen+15m');
const hoursSpec = z
  .string()
  .regex(/^\d\d:\d\d-\d\d:\d\d(,\s*\d\d:\d\d-\d\d:\d\d)*$/, 'HH:MM-HH:MM, comma-separated for breaks');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

export const PolicySchema = z.strictObject({
  sla: z
    .strictObject({
      highUrgency: duration.optional(),
      newLead: duration.optional(),
      existingCustomer: duration.optional(),
      afterHours: afterHours.optional(),
    })
    .optional(),
  attributionWindow: z.strictObject({ booking: duration.optional(), revenue: duration.optional() }).optional(),
  contactMinTalkSeconds: z.number().int().min(0).max(86_400).optional(),
  repeatDialWindow: duration.optional(),
  noiseMaxSeconds: z.number().int().min(0).max(600).optional(),
  lostAfter: duration.optional(),
  /** Tier 3 (corporate owner) this long after slaDueAt when still not attempted; tier 2 is at slaDueAt. */
  escalation: z.strictObject({ corporateAfter: duration.optional() }).optional(),
});
export type PolicyInput = z.infer<typeof PolicySchema>;

export const BusinessHoursSchema = z.strictObject({
  mon: hoursSpec.optional(),
  tue: hoursSpec.optional(),
  wed: hoursSpec.optional(),
  thu: hoursSpec.optional(),
  fri: hoursSpec.optional(),
  sat: hoursSpec.optional(),
  sun: hoursSpec.optional(),
});

export const LocationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  timezone: z.string().min(1),
  vertical: z.string().min(1).optional(),
  trackingNumbers: z.array(z.string().min(1)).default([]),
  businessHours: BusinessHoursSchema.optional(),
  holidays: z.array(localDate).default([]),
  owners: z.array(z.string().min(1)).default([]),
  /** Owners temporarily skipped by round-robin (on leave, off shift). */
  unavailableOwners: z.array(z.string().min(1)).default([]),
  /** Escalation target at tier 2 (the location manager's CRM owner id). */
  managerOwnerId: z.string().min(1).optional(),
  /** The CRM record that represents this location (HubSpot company id, Salesforce Ringback_Location__c id). */
  crmRecordId: z.string().min(1).optional(),
  policy: PolicySchema.optional(),
});
export type LocationInput = z.infer<typeof LocationSchema>;

const HubSpotCrmSchema = z.strictObject({
  accessToken: z.string().min(1),
  portalId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
  baseUrl: z.url().optional(),
});
const SalesforceCrmSchema = z.strictObject({
  instanceUrl: z.url(),
  accessToken: z.string().min(1).optional(),
  loginUrl: z.url().optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  refreshToken: z.string().min(1).optional(),
  /** JWT bearer flow (server-to-server orgs): the integration user and the connected app's key. */
  username: z.string().min(1).optional(),
  privateKey: z.string().min(1).optional(),
  apiVersion: z
    .string()
    .regex(/^\d+\.\d$/)
    .optional(),
});
export const CrmSchema = z
  .strictObject({ hubspot: HubSpotCrmSchema.optional(), salesforce: SalesforceCrmSchema.optional() })
  .refine((c) => (c.hubspot ? 1 : 0) + (c.salesforce ? 1 : 0) === 1, 'exactly one of hubspot or salesforce');
export type CrmInput = z.infer<typeof CrmSchema>;

export const CallTrackingSchema = z.strictObject({
  callrail: z
    .strictObject({
      signingKey: z.string().min(1),
      apiKey: z.string().min(1).optional(),
      accountId: z.string().min(1).optional(),
      baseUrl: z.url().optional(),
    })
    .optional(),
  twilio: z.strictObject({ authToken: z.string().min(1) }).optional(),
  invoca: z.strictObject({ token: z.string().min(1), mapping: z.record(z.string(), z.string()).optional() }).optional(),
  generic: z.strictObject({ secret: z.string().min(1) }).optional(),
});
export type CallTrackingInput = z.infer<typeof CallTrackingSchema>;

export const AccountSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  timezone: z.string().min(1).default('UTC'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code like USD')
    .default('USD'),
  crm: CrmSchema.optional(),
  callTracking: CallTrackingSchema.default({}),
  locations: z.array(LocationSchema).default([]),
  policy: PolicySchema.optional(),
  /** Tier-3 escalation target (a corporate queue owner). */
  corporateOwnerId: z.string().min(1).optional(),
});
export type AccountInput = z.infer<typeof AccountSchema>;

export const ConfigFileSchema = z.strictObject({
  publicUrl: z.url().optional(),
  hubspotApp: z
    .strictObject({
      appId: z.string().min(1),
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      baseUrl: z.url().optional(),
    })
    .optional(),
  salesforceApp: z
    .strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1), loginUrl: z.url().optional() })
    .optional(),
  accounts: z.array(AccountSchema).default([]),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
