import type { PolicyName } from './rate-limit.ts';
import type { Clock } from './types.ts';

// Programmatic fault injection: storms of 429s, 5xx answers, added latency, expired tokens and search lag.
// Faults affect the HubSpot-facing routes only, never /_emulator.

export interface StormSpec {
  /** Refuse this many requests… */
  count?: number;
  /** …or every request for this long. */
  durationMs?: number;
  /** Only this portal's requests (default: every portal). */
  portalId?: number;
  /** Which limit the 429s claim to come from (default TEN_SECONDLY_ROLLING). */
  policyName?: PolicyName;
}

interface Storm {
  remaining: number | null;
  until: number | null;
  portalId: number | null;
  policyName: PolicyName;
}

interface ErrorBurst {
  remaining: number;
  status: number;
  portalId: number | null;
}

export interface FaultHooks {
  expireToken: (token: string) => boolean;
  setSearchLag: (ms: number | null) => void;
}

export class Faults {
  private storms: Storm[] = [];
  private errors: ErrorBurst[] = [];
  private extraLatencyMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly hooks: FaultHooks,
  ) {}

  /** A number is a count of refused requests; an object may give a duration instead. */
  rateLimitStorm(spec: number | StormSpec): void {
    const s: StormSpec = typeof spec === 'number' ? { count: spec } : spec;
    if (s.count === undefined && s.durationMs === undefined)
      throw new Error('rateLimitStorm needs a count or a durationMs');
    this.storms.push({
      remaining: s.count ?? null,
      until: s.durationMs === undefined ? null : this.clock() + s.durationMs,
      portalId: s.portalId ?? null,
      policyName: s.policyName ?? 'TEN_SECONDLY_ROLLING',
    });
  }

  /** The next `count` requests (optionally of one portal) answer `status` (default 500). */
  serverErrors(count: number, status = 500, opts: { portalId?: number } = {}): void {
    if (status < 500 || status > 599) throw new Error(`serverErrors needs a 5xx status, got ${status}`);
    this.errors.push({ remaining: count, status, portalId: opts.portalId ?? null });
  }

  /** Extra delay before every HubSpot API response, on top of the emulator's latencyMs option. */
  latency(ms: number): void {
    this.extraLatencyMs = Math.max(0, ms);
  }

  /** Make a token answer 401 EXPIRED_AUTHENTICATION from now on. Returns false for an unknown token. */
  expireToken(token: string): boolean {
    return this.hooks.expireToken(token);
  }

  /** Switch search's eventual consistency at run time (null restores the emulator's option). */
  searchLag(ms: number | null): void {
    this.hooks.setSearchLag(ms);
  }

  clear(): void {
    this.storms = [];
    this.errors = [];
    this.extraLatencyMs = 0;
    this.hooks.setSearchLag(null);
  }

  get latencyMs(): number {
    return this.extraLatencyMs;
  }

  /** Consume one injected 429 for this request, if a storm applies. */
  takeStorm(portalId: number | null): PolicyName | null {
    const now = this.clock();
    this.storms = this.storms.filter(
      (s) => (s.remaining === null || s.remaining > 0) && (s.until === null || s.until > now),
    );
    const storm = this.storms.find((s) => s.portalId === null || s.portalId === portalId);
    if (!storm) return null;
    if (storm.remaining !== null) storm.remaining -= 1;
    return storm.policyName;
  }

  /** Consume one injected 5xx for this request, if any applies. */
  takeServerError(portalId: number | null): number | null {
    this.errors = this.errors.filter((e) => e.remaining > 0);
    const burst = this.errors.find((e) => e.portalId === null || e.portalId === portalId);
    if (!burst) return null;
    burst.remaining -= 1;
    return burst.status;
  }

  describe(): { storms: number; serverErrors: number; latencyMs: number } {
    return {
      storms: this.storms.length,
      serverErrors: this.errors.reduce((n, e) => n + e.remaining, 0),
      latencyMs: this.extraLatencyMs,
    };
  }
}
