import { describe, expect, it } from 'vitest';
import {
  admit,
  BUDGET_POLICY,
  budgetView,
  EMPTY_BUDGET,
  observed,
  refused,
  reservesOf,
  succeeded,
  type BudgetState,
} from './budget.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, 0) + ms);
const usage = (used: number, max = 100_000, when = at(0)): BudgetState => observed(EMPTY_BUDGET, { used, max }, when);

describe('API budget', () => {
  it('holds background work below 10% left and writes below 2% left', () => {
    expect(reservesOf(100_000)).toEqual({ background: 10_000, writes: 2_000 });
    expect(admit(usage(89_999), 'background', at(1)).ok).toBe(true);
    expect(admit(usage(90_000), 'background', at(1))).toMatchObject({ ok: false, code: 'crm_api_budget_reserve' });
    expect(admit(usage(90_000), 'write', at(1)).ok).toBe(true);
    expect(admit(usage(98_000), 'write', at(1))).toMatchObject({ ok: false, code: 'crm_api_budget_reserve' });
  });

  it('lets a request probe again once the usage it holds back on is old', () => {
    const s = usage(99_000);
    expect(admit(s, 'write', at(BUDGET_POLICY.reserveHoldMs - 1)).ok).toBe(false);
    expect(admit(s, 'write', at(BUDGET_POLICY.reserveHoldMs)).ok).toBe(true);
  });

  it('pauses on a spent allocation, doubling while refused, and lifts the pause on success', () => {
    let s = refused(usage(100_000), at(0));
    expect(s).toMatchObject({ pauseReason: 'allocation_spent', pauseMs: 3_000 });
    expect(admit(s, 'write', at(2_999))).toMatchObject({ ok: false, code: 'crm_api_limit_exceeded', afterMs: 1 });
    // The pause over, the next request probes even though the last usage said "spent".
    expect(admit(s, 'write', at(3_000)).ok).toBe(true);
    s = refused(s, at(3_000));
    expect(s.pauseMs).toBe(6_000);
    for (let i = 0; i < 20; i++) s = refused(s, at(0));
    expect(s.pauseMs).toBe(BUDGET_POLICY.maxPauseMs);
    s = succeeded(observed(s, { used: 10, max: 100_000 }, at(1)));
    expect(s).toMatchObject({ pausedUntil: null, pauseReason: null, pauseMs: 0 });
    expect(admit(s, 'background', at(2)).ok).toBe(true);
  });

  it('pauses briefly for a refusal while the allocation has room', () => {
    const s = refused(usage(10), at(0));
    expect(s).toMatchObject({ pauseReason: 'rate_limited', pauseMs: 0 });
    expect(admit(s, 'write', at(1))).toMatchObject({ ok: false, code: 'crm_rate_limited' });
  });

  it('shows the state an operator needs', () => {
    expect(budgetView(EMPTY_BUDGET, at(0))).toMatchObject({ state: 'unknown', remaining: null });
    expect(budgetView(usage(95_000), at(0))).toMatchObject({ state: 'background_held', remaining: 5_000 });
    expect(budgetView(refused(usage(100_000), at(0)), at(1))).toMatchObject({
      state: 'paused',
      pauseReason: 'allocation_spent',
    });
  });
});
