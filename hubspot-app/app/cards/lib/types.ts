/** The JSON the `/hubspot/*` backend answers (server/src/hubspot-app), as the UI reads it. */
export type Rate = number | null;
export type RateName = 'attemptRate' | 'slaMetRate' | 'contactRate' | 'bookingRate' | 'revenueRate' | 'recoveryRate';

export interface CardAttempt {
  at: string;
  answered: boolean;
  talkSeconds: number;
  result: 'connected' | 'short' | 'no_answer';
}

export interface CardCase {
  id: string;
  locationId: string | null;
  locationName: string | null;
  callerE164: string | null;
  callerName: string | null;
  source: string | null;
  category: 'no_answer' | 'voicemail' | 'abandoned' | 'busy';
  afterHours: boolean;
  intent: string;
  urgency: 'high' | 'normal' | 'low';
  spam: boolean;
  status: 'open' | 'attempted' | 'contacted' | 'booked' | 'won' | 'lost' | 'spam';
  missedAt: string;
  slaDueAt: string;
  firstAttemptAt: string | null;
  contactedAt: string | null;
  repeatCount: number;
  priorityScore: number | null;
  priorityFactors: string[];
  /** 1 = the routed owner; 2 = the location manager; 3 = the corporate queue. */
  escalationTier?: number | null;
  owner: { id: string | null; reason: string | null };
  crm: { ownerId: string | null; taskId: string | null };
  attempts: CardAttempt[];
  outcomes: Array<{ type: string; at: string; amount: number | null; source: string }>;
}

export interface ContactCardResponse {
  contactId: string;
  now: string;
  currency: string;
  cases: CardCase[];
}

export interface Funnel {
  missed: number;
  attempted: number;
  attemptedWithinSla: number;
  contacted: number;
  booked: number;
  won: number;
  revenue: number;
  attemptRate: Rate;
  slaMetRate: Rate;
  contactRate: Rate;
  bookingRate: Rate;
  revenueRate: Rate;
  recoveryRate: Rate;
}

export interface LocationSummary extends Funnel {
  key: string | null;
  callbackSeconds: { p50: number | null; p90: number | null };
  benchmark: Record<RateName, number | null>;
  verticalBenchmark: Record<RateName, number | null>;
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
  trend: Record<RateName, number | null>;
  daily: Array<Funnel & { date: string }>;
  callbackHistogram: Array<{ bucket: string; count: number }>;
  openHighIntent: { count: number; cases: Array<Partial<CardCase> & { id: string }> };
  revenueAtRisk: { low: number; high: number; currency: string; byBucket?: Array<{ bucket: string; cases: number }> };
}

export type LocationCardResponse =
  | { mapped: true; companyId: string; recovery: LocationRecovery }
  | { mapped: false; companyId: string; locations: Array<{ id: string; name: string }> };

export interface DashboardRow {
  id: string;
  name: string;
  vertical: string | null;
  missed: number;
  attempted: number;
  contacted: number;
  booked: number;
  revenue: number;
  recoveryRate: Rate;
  slaMetRate: Rate;
  callbackSeconds: { p50: number | null; p90: number | null };
  percentile: number | null;
  laggard: boolean;
  laggardReason: 'bottom_quartile' | 'below_median' | null;
}

export interface DashboardResponse {
  currency: string;
  median: { recoveryRate: Rate };
  laggardRule: { minCases: number; bottomPercentile: number; medianMargin: number };
  locations: DashboardRow[];
  filters: { sources: string[]; verticals: string[] };
}

export interface SettingsResponse {
  account: { id: string; name: string; timezone: string; currency: string };
  callTracking: Array<{
    provider: string;
    webhookUrl: string;
    configured: boolean;
    fields: Array<{ name: string; secret: boolean; required: boolean }>;
  }>;
  locations: Array<{
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
  }>;
  policy: Record<string, unknown>;
  fileManaged: boolean;
}
