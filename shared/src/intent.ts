/**
 * Why the caller called, as far as a missed call can tell. Intent picks the SLA (contract §5: an
 * existing customer gets `existingCustomer`, anyone else `newLead`) and `wrong_number` makes a call spam.
 *
 * Rules, in order; the first that applies decides, later ones only add reasons:
 * 1. `wrong_number`: the transcript (voicemail or call) says so: "wrong number", "sorry wrong", a misdial.
 * 2. `service`: the transcript asks about existing work: "status of my", "reschedul…", "appointment
 *    time", "invoice", "billing", "warranty", "follow up on". Read before the CRM lookup because a
 *    service call is a service call whoever places it (a tenant calling about the landlord's job).
 * 3. `existing_customer`: the caller is a CRM contact/customer (`knownCaller`) or has past cases.
 * 4. `new_lead`: the provider flags a first-time caller, or the number is known but matches no CRM
 *    contact and no past case; with a withheld number (nobody to look up) only a first-call flag or a
 *    new-demand source label makes it a lead.
 * 5. `unknown`: a withheld number with nothing else to go on.
 * A source label that implies new demand (Google Ads, Local Services Ads, Google Business Profile/GMB,
 * Yelp, Facebook, Bing) supports `new_lead` and is named in the reasons.
 * Keyword matching is whole-word and negation-aware (vertical-keywords.ts).
 */
import type { CallEvent } from './call-event.ts';
import type { Vertical } from './policy.ts';
import { containsKeyword, scanKeywords } from './vertical-keywords.ts';

export type Intent = 'new_lead' | 'existing_customer' | 'service' | 'wrong_number' | 'unknown';

export const INTENTS: readonly Intent[] = ['new_lead', 'existing_customer', 'service', 'wrong_number', 'unknown'];

export const WRONG_NUMBER_KEYWORDS: readonly string[] = [
  'wrong number',
  'sorry wrong',
  'wrong numbers',
  'misdial*',
  'dialed the wrong',
  'dialled the wrong',
];

export const SERVICE_KEYWORDS: readonly string[] = [
  'status of my',
  'reschedul*',
  'appointment time',
  'invoice',
  'billing',
  'warranty',
  'follow up on',
  'invoices',
  'following up on',
  'followup on',
];

export interface IntentInput {
  event: CallEvent;
  /**
   * The location's vertical. No intent rule reads it today (the keyword lists hold across verticals);
   * it is part of the input so a vertical-specific phrase list can be added without changing callers.
   */
  vertical: Vertical | null;
  /** The caller already exists as a CRM contact/customer or has past cases. */
  knownCaller: boolean;
  /** How many earlier cases this caller has at the account. */
  priorCasesForCaller: number;
}

export interface IntentVerdict {
  intent: Intent;
  reasons: string[];
}

/** What a source label says about demand: the platform it names and whether it is paid advertising. */
export interface SourceSignal {
  platform: string;
  paid: boolean;
}

interface SourcePlatform {
  platform: string;
  keywords: readonly string[];
  /** Advertising whatever the label adds (Google Ads, LSA); otherwise paid only when the label says so. */
  alwaysPaid: boolean;
}

/** Checked in order: the specific Google products before Google's other labels. */
const NEW_DEMAND_SOURCES: readonly SourcePlatform[] = [
  {
    platform: 'Google Local Services Ads',
    keywords: ['lsa', 'local services*', 'local service ads', 'google guaranteed'],
    alwaysPaid: true,
  },
  {
    platform: 'Google Ads',
    keywords: ['google ads', 'google ad', 'adwords', 'google adwords', 'google paid', 'google ppc', 'google cpc'],
    alwaysPaid: true,
  },
  {
    platform: 'Google Business Profile',
    keywords: ['google business profile', 'google my business', 'business profile', 'gmb', 'gbp'],
    alwaysPaid: false,
  },
  { platform: 'Yelp', keywords: ['yelp'], alwaysPaid: false },
  { platform: 'Facebook', keywords: ['facebook', 'fb'], alwaysPaid: false },
  { platform: 'Bing', keywords: ['bing', 'microsoft ads', 'microsoft advertising'], alwaysPaid: false },
];

const PAID_WORDS: readonly string[] = ['paid', 'ppc', 'cpc', 'ads', 'ad', 'advertising', 'sponsored'];

/**
 * The new-demand platform a provider's source label names ("Google Ads", "Yelp Paid", "GMB"), or null
 * for labels that do not imply new demand (Direct, Referral, Google Organic, a campaign name).
 */
export function sourceSignal(source: string | null): SourceSignal | null {
  if (source === null) return null;
  for (const { platform, keywords, alwaysPaid } of NEW_DEMAND_SOURCES) {
    if (!keywords.some((k) => containsKeyword(source, k))) continue;
    return { platform, paid: alwaysPaid || PAID_WORDS.some((w) => containsKeyword(source, w)) };
  }
  return null;
}

function quoted(keywords: readonly string[]): string {
  return keywords.map((k) => `"${k}"`).join(', ');
}

export function inferIntent(input: IntentInput): IntentVerdict {
  const { event, knownCaller, priorCasesForCaller } = input;
  const text = event.transcript;

  const wrong = scanKeywords(text, WRONG_NUMBER_KEYWORDS);
  if (wrong.matched.length > 0) {
    return { intent: 'wrong_number', reasons: [`intent wrong_number: transcript says ${quoted(wrong.matched)}`] };
  }

  const service = scanKeywords(text, SERVICE_KEYWORDS);
  if (service.matched.length > 0) {
    return { intent: 'service', reasons: [`intent service: transcript mentions ${quoted(service.matched)}`] };
  }

  const priorCases = Number.isFinite(priorCasesForCaller) && priorCasesForCaller > 0 ? priorCasesForCaller : 0;
  if (knownCaller || priorCases > 0) {
    const why = [knownCaller ? 'the caller is a known CRM contact or customer' : null];
    if (priorCases > 0) why.push(`${priorCases} past case(s) for this caller`);
    return {
      intent: 'existing_customer',
      reasons: [`intent existing_customer: ${why.filter((w) => w !== null).join('; ')}`],
    };
  }

  const support: string[] = [];
  if (event.firstCall === true) support.push('provider flags a first-time caller');
  if (event.callerE164 !== null) {
    support.push('the number matches no CRM contact and no past case');
    if (event.firstCall === false)
      support.push('provider has seen the number before, but Ringback has no record of it');
  }
  const demand = sourceSignal(event.source);
  const demandReason =
    demand === null
      ? null
      : `source "${event.source ?? ''}" is new demand (${demand.platform}${demand.paid ? ', paid' : ''})`;

  if (support.length > 0 || demandReason !== null) {
    if (demandReason !== null) support.push(demandReason);
    return { intent: 'new_lead', reasons: [`intent new_lead: ${support.join('; ')}`] };
  }
  return {
    intent: 'unknown',
    reasons: ['intent unknown: withheld number, no first-call flag and no new-demand source'],
  };
}
