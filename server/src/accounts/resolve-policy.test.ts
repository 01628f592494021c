import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@ringback/shared';
import { mergePolicyInputs, resolvePolicy } from './resolve-policy.ts';

describe('policy resolution', () => {
  it('deep-merges a location over the account, key by key, over the defaults', () => {
    const merged = mergePolicyInputs(
      { sla: { highUrgency: '5m', newLead: '20m' }, repeatDialWindow: '1h' },
      { sla: { newLead: '10m' } },
    );
    const policy = resolvePolicy(merged);
    expect(policy.sla.highUrgencyMs).toBe(5 * 60_000);
    expect(policy.sla.newLeadMs).toBe(10 * 60_000);
    expect(policy.sla.existingCustomerMs).toBe(DEFAULT_POLICY.sla.existingCustomerMs);
    expect(policy.repeatDialWindowMs).toBe(3_600_000);
    expect(resolvePolicy({ sla: { afterHours: 'nextOpen+1h' } }).sla.afterHoursOffsetMs).toBe(3_600_000);
  });

  it('gives the contract defaults when nothing is set', () => {
    expect(resolvePolicy({})).toEqual(DEFAULT_POLICY);
  });
});
