/** The shapes the console reads from the Ringback API (contract §4 and the setup routes). */

export type RateName = 'attemptRate' | 'slaMetRate' | 'contactRate' | 'bookingRate' | 'revenueRate' | 'recoveryRate';
export const RATE_NAMES: readonly RateName[] = [
  'attemptRate',
  'slaMetRate',
  'contactRate',
  'bookingRate',
  'revenueRate',
  'recoveryRate',
];

export type Ranks = Record<RateName, number | null>;

export interface Figures extends Record<RateName, number | null> {
  missed: number;
  attempted: number;
  attemptedWithinSla: number;
  contacted: number;
  booked: number;
  won: number;
  revenue: number;
  callbackSeconds: { p50: number | null; p90: number | null };
}

export interface RecoveryGroup extends Figures {
  key: string | null;
  benchmark?: Ranks;
}

export interface RecoveryResponse {
  groups: RecoveryGroup[];
}

export interface DailyPoint extends Omit<Figures, 'callbackSeconds'> {
  date: string;
}

export interface LocationSummary extends RecoveryGroup {
  benchmark: Ranks;
  verticalBenchmark: Ranks;
}

export interface MissedCall {
  id: string;
  provider: string;
  providerCallId: string;
  locationId: string | null;
  callerE164: string | null;
  callerName: string | null;
  trackingE164?: string | null;
  source: string | null;
  category: string;
  afterHours: boolean;
  intent: string;
  urgency: string;
  spam: boolean;
  repeatOf: string | null;
  repeatCount?: number;
  status: string;
  missedAt: string;
  slaDueAt: string;
  slaRule?: string;
  firstAttemptAt: string | null;
  contactedAt: string | null;
  bookedAt: string | null;
  wonAt?: string | null;
  revenue: number;
  escalationTier?: number;
  priorityScore?: number | null;
  priorityFactors?: string[];
  recordingUrl?: string | null;
  transcript?: string | null;
  reasons?: string[];
  owner?: { id: string | null; reason: string | null };
  crm: {
    kind: string | null;
    contactId: string | null;
    contactCreated: boolean;
    callId: string | null;
    taskId: string | null;
    ownerId: string | null;
    error: { code: string; message: string; at: string } | null;
  };
}

export interface LocationRecovery {
  locationId: string;
  name: string;
  vertical: string | null;
  timezone: string;
  currency: string;
  from: string;
  to: string;
  summary: LocationSummary;
  previous: LocationSummary | null;
  trend?: Partial<Record<RateName, number | null>>;
  daily: DailyPoint[];
  callbackHistogram: Array<{ bucket: string; count: number }>;
  openHighIntent: { count: number; cases: MissedCall[] };
  revenueAtRisk: { low: number; high: number; currency: string };
}

export interface TimelineItem {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface AccountItem {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  crmKind: string | null;
}

export interface PolicyConfig {
  sla?: { highUrgency?: string; newLead?: string; existingCustomer?: string; afterHours?: string };
  attributionWindow?: { booking?: string; revenue?: string };
  contactMinTalkSeconds?: number;
  repeatDialWindow?: string;
  noiseMaxSeconds?: number;
  lostAfter?: string;
  escalation?: { corporateAfter?: string };
}

export interface AccountSetup {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  origin: string;
  corporateOwnerId: string | null;
  crm: {
    kind: string | null;
    portalId: string | number | null;
    baseUrl: string | null;
    instanceUrl: string | null;
    install: { hubspot: string; salesforce: string };
  };
  policy: PolicyConfig;
  effectivePolicy: PolicyConfig;
}

export interface LocationSetup {
  id: string;
  name: string;
  timezone: string;
  vertical: string | null;
  trackingNumbers: string[];
  businessHours: Record<string, string> | null;
  holidays: string[];
  owners: string[];
  unavailableOwners: string[];
  managerOwnerId: string | null;
  crmRecordId: string | null;
  policy: PolicyConfig;
  effectivePolicy: PolicyConfig | null;
}

export interface SourceSetup {
  provider: 'callrail' | 'twilio' | 'invoca' | 'generic';
  webhookUrl: string;
  configured: boolean;
  fields: string[];
  verification: string;
  generatedSecret?: string;
}
