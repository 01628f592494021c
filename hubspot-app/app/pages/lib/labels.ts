/** The words the cards and pages use for Ringback's codes, in one place so every surface agrees. */
import type { CardCase, RateName } from './types.ts';

export const CATEGORY_LABEL: Record<CardCase['category'], string> = {
  no_answer: 'No answer',
  voicemail: 'Voicemail',
  abandoned: 'Abandoned',
  busy: 'Busy',
};

export const STATUS_LABEL: Record<CardCase['status'], string> = {
  open: 'Open',
  attempted: 'Called back',
  contacted: 'Reached',
  booked: 'Booked',
  won: 'Won',
  lost: 'Lost',
  spam: 'Spam',
};

export type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';

export const STATUS_TAG: Record<CardCase['status'], TagVariant> = {
  open: 'warning',
  attempted: 'info',
  contacted: 'info',
  booked: 'success',
  won: 'success',
  lost: 'error',
  spam: 'default',
};

export const ATTEMPT_RESULT_LABEL: Record<'connected' | 'short' | 'no_answer', string> = {
  connected: 'Connected',
  short: 'Answered, too short to count',
  no_answer: 'No answer',
};

export const OUTCOME_LABEL: Record<string, string> = {
  attempt: 'Callback attempt',
  contact: 'Reached',
  booking: 'Booked',
  revenue: 'Revenue',
};

export const OWNER_REASON_LABEL: Record<string, string> = {
  existing_owner: "contact's owner",
  round_robin: 'round robin',
  no_owners_configured: 'no owners configured for the location',
  previously_assigned: 'assigned earlier',
  escalation: 'escalated',
};

/**
 * The decomposition of contract §5, in funnel order: each rate is a share of the layer before it,
 * except the SLA rate and the recovery rate, which are shares of all missed calls.
 */
export const RATES: ReadonlyArray<{ name: RateName; label: string; of: string }> = [
  { name: 'attemptRate', label: 'Called back', of: 'of missed calls' },
  { name: 'slaMetRate', label: 'Within SLA', of: 'of missed calls' },
  { name: 'contactRate', label: 'Reached', of: 'of calls back' },
  { name: 'bookingRate', label: 'Booked', of: 'of reached' },
  { name: 'revenueRate', label: 'Won', of: 'of booked' },
  { name: 'recoveryRate', label: 'Recovery rate', of: 'reached of missed' },
];

export const PROVIDER_LABEL: Record<string, string> = {
  callrail: 'CallRail',
  twilio: 'Twilio',
  invoca: 'Invoca',
  generic: 'Generic webhook',
};

/** "signingKey" → "Signing key". */
export function fieldLabel(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const INTENT_LABEL: Record<string, string> = {
  new_lead: 'New lead',
  existing_customer: 'Existing customer',
  service: 'Service request',
  wrong_number: 'Wrong number',
  unknown: 'Intent unknown',
};
