/**
 * The org's daily API allocation as a value: what `Sforce-Limit-Info: api-usage=N/MAX` last said,
 * and whether Ringback holds its requests back. Pure functions, so the policy is tested exactly.
 *
 * The allocation is shared with everything else the customer runs against the org, and counted over
 * a rolling 24 hours that no header dates, so Ringback keeps clear of its end:
 * - below the background reserve (10% left), outcome polls and snapshot syncs wait;
 * - below the write reserve (2% left), case writes wait too, leaving the rest to the org's people;
 * - a refusal (REQUEST_LIMIT_EXCEEDED) pauses the account, 3 s at first, doubling to 10 min while the
 *   org keeps refusing; refused requests are not counted by Salesforce, so probing costs nothing.
 * Usage older than the reserve pause is not trusted to hold requests back: the next request is the
 * probe that learns the new figure.
 */

export type Purpose = 'write' | 'background';

export interface BudgetState {
  used: number | null;
  max: number | null;
  observedAt: Date | null;
  pausedUntil: Date | null;
  pauseReason: 'allocation_spent' | 'rate_limited' | null;
  pauseMs: number;
}

export const BUDGET_POLICY = {
  backgroundReserveShare: 0.1,
  writeReserveShare: 0.02,
  /** How long usage figures hold requests back before the next request probes again. */
  reserveHoldMs: 5 * 60_000,
  firstPauseMs: 3_000,
  maxPauseMs: 10 * 60_000,
  /** A refusal while the allocation still has room (concurrency, bursts): a short fixed pause. */
  ratePauseMs: 2_000,
} as const;

export const EMPTY_BUDGET: BudgetState = {
  used: null,
  max: null,
  observedAt: null,
  pausedUntil: null,
  pauseReason: null,
  pauseMs: 0,
};

export function reservesOf(max: number): { background: number; writes: number } {
  return {
    background: Math.ceil(max * BUDGET_POLICY.backgroundReserveShare),
    writes: Math.ceil(max * BUDGET_POLICY.writeReserveShare),
  };
}

export type Admission =
  | { ok: true }
  | {
      ok: false;
      code: 'crm_api_limit_exceeded' | 'crm_rate_limited' | 'crm_api_budget_reserve';
      afterMs: number;
      message: string;
    };

/** May a request for `purpose` go out now? */
export function admit(s: BudgetState, purpose: Purpose, now: Date): Admission {
  const t = now.getTime();
  if (s.pausedUntil && s.pausedUntil.getTime() > t) {
    const afterMs = s.pausedUntil.getTime() - t;
    return s.pauseReason === 'rate_limited'
      ? {
          ok: false,
          code: 'crm_rate_limited',
          afterMs,
          message: 'Salesforce refused requests for rate; paused briefly',
        }
      : {
          ok: false,
          code: 'crm_api_limit_exceeded',
          afterMs,
          message: "the org's daily API allocation is spent; writes resume when Salesforce accepts again",
        };
  }
  // A lapsed refusal pause lets the next request probe, whatever the last (refused) usage said.
  if (s.pauseReason !== null) return { ok: true };
  if (s.used === null || s.max === null || !s.observedAt) return { ok: true };
  const age = t - s.observedAt.getTime();
  if (age >= BUDGET_POLICY.reserveHoldMs) return { ok: true };
  const remaining = s.max - s.used;
  const reserve = reservesOf(s.max)[purpose === 'write' ? 'writes' : 'background'];
  if (remaining > reserve) return { ok: true };
  return {
    ok: false,
    code: 'crm_api_budget_reserve',
    afterMs: BUDGET_POLICY.reserveHoldMs - age,
    message: `${remaining} of ${s.max} daily API requests left: ${purpose === 'write' ? 'writes' : 'background work'} wait to keep ${reserve} for the org`,
  };
}

export function observed(s: BudgetState, usage: { used: number; max: number }, now: Date): BudgetState {
  return { ...s, used: usage.used, max: usage.max, observedAt: now };
}

/** A request went through: a pause the org has lifted is over. */
export function succeeded(s: BudgetState): BudgetState {
  return s.pauseMs === 0 && s.pausedUntil === null ? s : { ...s, pausedUntil: null, pauseReason: null, pauseMs: 0 };
}

/** REQUEST_LIMIT_EXCEEDED: a spent allocation (usage at the max) backs off; anything else pauses briefly. */
export function refused(s: BudgetState, now: Date): BudgetState {
  const spent = s.used !== null && s.max !== null && s.used >= s.max;
  if (!spent) {
    return { ...s, pausedUntil: new Date(now.getTime() + BUDGET_POLICY.ratePauseMs), pauseReason: 'rate_limited' };
  }
  const pauseMs = Math.min(BUDGET_POLICY.maxPauseMs, s.pauseMs > 0 ? s.pauseMs * 2 : BUDGET_POLICY.firstPauseMs);
  return { ...s, pausedUntil: new Date(now.getTime() + pauseMs), pauseReason: 'allocation_spent', pauseMs };
}

/** The budget as the API shows it. */
export function budgetView(s: BudgetState, now: Date) {
  const reserves = s.max === null ? null : reservesOf(s.max);
  const paused = s.pausedUntil !== null && s.pausedUntil.getTime() > now.getTime();
  const remaining = s.used === null || s.max === null ? null : Math.max(0, s.max - s.used);
  const state = paused
    ? 'paused'
    : remaining === null || reserves === null
      ? 'unknown'
      : remaining <= reserves.writes
        ? 'writes_held'
        : remaining <= reserves.background
          ? 'background_held'
          : 'ok';
  return {
    used: s.used,
    max: s.max,
    remaining,
    reserve: reserves,
    state,
    pausedUntil: paused ? s.pausedUntil!.toISOString() : null,
    pauseReason: paused ? s.pauseReason : null,
    observedAt: s.observedAt?.toISOString() ?? null,
  };
}
