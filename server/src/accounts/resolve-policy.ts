/**
 * Turns configured policy layers (duration strings; a location's keys deep-merged over the account's)
 * into the domain's `RecoveryPolicy` in milliseconds, defaults filling whatever neither layer sets.
 */
import { DEFAULT_POLICY, parseAfterHoursOffset, parseDuration, type RecoveryPolicy } from '@ringback/shared';
import type { PolicyInput } from '../config/file-schema.ts';

type Plain = Record<string, unknown>;

function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prior = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && prior && typeof prior === 'object'
        ? deepMerge(prior as Plain, value as Plain)
        : value;
  }
  return out;
}

export function mergePolicyInputs(...layers: Array<PolicyInput | Plain | null | undefined>): PolicyInput {
  return layers.reduce<Plain>((acc, layer) => (layer ? deepMerge(acc, layer as Plain) : acc), {}) as PolicyInput;
}

export function resolvePolicy(input: PolicyInput): RecoveryPolicy {
  const d = DEFAULT_POLICY;
  const ms = (value: string | undefined, fallback: number) => (value === undefined ? fallback : parseDuration(value));
  return {
    sla: {
      highUrgencyMs: ms(input.sla?.highUrgency, d.sla.highUrgencyMs),
      newLeadMs: ms(input.sla?.newLead, d.sla.newLeadMs),
      existingCustomerMs: ms(input.sla?.existingCustomer, d.sla.existingCustomerMs),
      afterHoursOffsetMs:
        input.sla?.afterHours === undefined ? d.sla.afterHoursOffsetMs : parseAfterHoursOffset(input.sla.afterHours),
    },
    attributionWindow: {
      bookingMs: ms(input.attributionWindow?.booking, d.attributionWindow.bookingMs),
      revenueMs: ms(input.attributionWindow?.revenue, d.attributionWindow.revenueMs),
    },
    contactMinTalkSeconds: input.contactMinTalkSeconds ?? d.contactMinTalkSeconds,
    repeatDialWindowMs: ms(input.repeatDialWindow, d.repeatDialWindowMs),
    noiseMaxSeconds: input.noiseMaxSeconds ?? d.noiseMaxSeconds,
    lostAfterMs: ms(input.lostAfter, d.lostAfterMs),
    escalation: { corporateAfterMs: ms(input.escalation?.corporateAfter, d.escalation.corporateAfterMs) },
  };
}
