/**
 * Programmatic fault injection and org configuration that tests switch on and off: server errors,
 * 429/503 storms, latency, expired sessions, a spent daily allocation, duplicate and validation rules.
 * Injected failures hit Salesforce API endpoints (data and OAuth), never `/_emulator`.
 */
import type { DuplicateRule, RuleSource, ValidationRule } from './dml/context.ts';
import type { RestErrorBody } from './errors.ts';
import type { SalesforceState } from './store/state.ts';

export interface InjectedFailure {
  status: number;
  body: RestErrorBody[];
  headers: Record<string, string>;
}

function failureFor(status: number): InjectedFailure {
  if (status === 429) {
    return {
      status,
      body: [{ message: 'Too many requests. Slow down and retry later.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      headers: { 'Retry-After': '1' },
    };
  }
  if (status === 503) {
    return {
      status,
      body: [{ message: 'Server temporarily unavailable. Retry later.', errorCode: 'SERVER_UNAVAILABLE' }],
      headers: {},
    };
  }
  return {
    status,
    body: [
      {
        message:
          'An unexpected error occurred. Please include this ErrorId if you contact support: 1967246711-8812 (-1330547823)',
        errorCode: 'UNKNOWN_EXCEPTION',
      },
    ],
    headers: {},
  };
}

export class SalesforceFaults implements RuleSource {
  private queued: number[] = [];
  private storm: { remaining: number | null; until: number | null; status: number } | null = null;
  private extraLatencyMs = 0;
  private dupRules: DuplicateRule[] = [];
  private valRules: ValidationRule[] = [];

  constructor(
    private readonly state: () => SalesforceState,
    private readonly clock: () => number,
  ) {}

  /** The next `count` API requests fail with `status` (500 by default). */
  serverErrors(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.queued.push(status);
  }

  /**
   * Every API request fails with 503 (or 429) for `count` requests and/or `durationMs`; a bare number
   * is a count. Salesforce itself answers overload with 503 and spent allocations with 403.
   */
  rateLimitStorm(countOrOpts: number | { count?: number; durationMs?: number; status?: 429 | 503 } = {}): void {
    const opts = typeof countOrOpts === 'number' ? { count: countOrOpts } : countOrOpts;
    this.storm = {
      remaining: opts.count ?? null,
      until: opts.durationMs !== undefined ? this.clock() + opts.durationMs : null,
      status: opts.status ?? 503,
    };
  }

  /** Adds this much delay to every API response, on top of the emulator's `latencyMs` option. */
  latency(ms: number): void {
    this.extraLatencyMs = Math.max(0, ms);
  }

  get latencyMs(): number {
    return this.extraLatencyMs;
  }

  /** Ends every session issued so far: the next call with any of them answers 401 INVALID_SESSION_ID. */
  expireAccessTokens(): number {
    return this.state().auth.expireAll();
  }

  /** Uses up the org's daily API allocation: the next call answers 403 REQUEST_LIMIT_EXCEEDED. */
  spendDailyLimit(orgId?: string): void {
    const org = this.state().org(orgId);
    org.apiUsage = org.dailyApiLimit;
  }

  /** Rejects a save with DUPLICATES_DETECTED when another live record has the same values in all `fields`. */
  duplicateRule(sobject: string, fields: string[], opts: { orgId?: string; name?: string } = {}): void {
    this.dupRules.push({
      sobject,
      fields,
      name: opts.name ?? `${sobject}_Duplicate_Rule`,
      ...(opts.orgId ? { orgId: opts.orgId } : {}),
    });
  }

  /** Rejects a save with FIELD_CUSTOM_VALIDATION_EXCEPTION when `predicate` returns true (Salesforce's error condition). */
  validationRule(
    sobject: string,
    predicate: ValidationRule['predicate'],
    message: string,
    opts: { field?: string; orgId?: string } = {},
  ): void {
    this.valRules.push({ sobject, predicate, message, ...opts });
  }

  clear(): void {
    this.queued = [];
    this.storm = null;
    this.extraLatencyMs = 0;
    this.dupRules = [];
    this.valRules = [];
  }

  /** Consumes and returns the failure the next API request should get, if any. */
  takeFailure(): InjectedFailure | null {
    const queued = this.queued.shift();
    if (queued !== undefined) return failureFor(queued);
    const storm = this.storm;
    if (!storm) return null;
    const expired = storm.until !== null && this.clock() >= storm.until;
    if (expired || storm.remaining === 0) {
      this.storm = null;
      return null;
    }
    if (storm.remaining !== null) storm.remaining -= 1;
    return failureFor(storm.status);
  }

  duplicateRules(orgId: string, sobject: string): DuplicateRule[] {
    return this.dupRules.filter(
      (r) => r.sobject.toLowerCase() === sobject.toLowerCase() && (!r.orgId || r.orgId === orgId),
    );
  }

  validationRules(orgId: string, sobject: string): ValidationRule[] {
    return this.valRules.filter(
      (r) => r.sobject.toLowerCase() === sobject.toLowerCase() && (!r.orgId || r.orgId === orgId),
    );
  }
}
