import { randomUUID } from 'node:crypto';
import type { Clock, RateLimitOptions } from './types.ts';

// HubSpot's per-account request limits: a rolling 10-second window (burst), a per-second limit on CRM
// search, and a daily allocation for private apps. Every response reports the state in
// X-HubSpot-RateLimit-* headers; a refused request gets 429 with a policyName saying which limit it hit.

export type PolicyName = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
  perTenSeconds: 190,
  searchPerSecond: 5,
  daily: 1_000_000,
};

const TEN_SECONDS = 10_000;
const DAY = 86_400_000;

interface PortalUsage {
  /** Accepted request times within the last 10 s. */
  window: number[];
  /** Accepted search request times within the last second. */
  searches: number[];
  day: number;
  dailyCount: number;
}

export interface RateDecision {
  headers: Record<string, string>;
  /** Set when the request is refused. */
  refused?: { policyName: PolicyName; body: RateLimitBody };
}

export class RateLimiter {
  private readonly usage = new Map<number, PortalUsage>();
  readonly limits: Required<RateLimitOptions>;

  constructor(
    private readonly clock: Clock,
    limits: RateLimitOptions = {},
  ) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
  }

  private usageOf(portalId: number, now: number): PortalUsage {
    let u = this.usage.get(portalId);
    const day = Math.floor(now / DAY);
    if (!u) {
      u = { window: [], searches: [], day, dailyCount: 0 };
      this.usage.set(portalId, u);
    }
    if (u.day !== day) {
      u.day = day;
      u.dailyCount = 0;
    }
    u.window = u.window.filter((t) => t > now - TEN_SECONDS);
    u.searches = u.searches.filter((t) => t > now - 1000);
    return u;
  }

  /** Count a request against the portal's limits, or refuse it. Refused requests are not counted. */
  take(portalId: number, opts: { search: boolean; privateApp: boolean }): RateDecision {
    const now = this.clock();
    const u = this.usageOf(portalId, now);
    const { perTenSeconds, searchPerSecond, daily } = this.limits;
    let refused: PolicyName | null = null;
    if (opts.privateApp && u.dailyCount >= daily) refused = 'DAILY';
    else if (u.window.length >= perTenSeconds) refused = 'TEN_SECONDLY_ROLLING';
    else if (opts.search && u.searches.length >= searchPerSecond) refused = 'SECONDLY';
    if (refused === null) {
      u.window.push(now);
      if (opts.search) u.searches.push(now);
      u.dailyCount += 1;
    }
    const headers = this.headers(u, now, opts.privateApp);
    if (refused === null) return { headers };
    return { headers, refused: { policyName: refused, body: rateLimitBody(refused, portalId) } };
  }

  /** Headers describing a portal's state, with remaining forced to 0 (for injected 429 storms). */
  exhaustedHeaders(portalId: number, privateApp: boolean): Record<string, string> {
    const now = this.clock();
    const headers = this.headers(this.usageOf(portalId, now), now, privateApp);
    headers['X-HubSpot-RateLimit-Remaining'] = '0';
    headers['X-HubSpot-RateLimit-Secondly-Remaining'] = '0';
    return headers;
  }

  private headers(u: PortalUsage, now: number, privateApp: boolean): Record<string, string> {
    const { perTenSeconds, daily } = this.limits;
    const secondly = Math.ceil(perTenSeconds / 10);
    const lastSecond = u.window.filter((t) => t > now - 1000).length;
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(TEN_SECONDS),
      'X-HubSpot-RateLimit-Max': String(perTenSeconds),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, perTenSeconds - u.window.length)),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
    };
    // OAuth calls carry no daily headers: HubSpot applies the daily allocation to private apps only.
    if (privateApp) {
      headers['X-HubSpot-RateLimit-Daily'] = String(daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, daily - u.dailyCount));
    }
    return headers;
  }

  reset(): void {
    this.usage.clear();
  }
}

const MESSAGES: Record<PolicyName, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  // @hubspot/api-client recognises the search limit by exactly this message.
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

const GROUPS: Record<PolicyName, string> = {
  TEN_SECONDLY_ROLLING: 'publicapi:private-app-ten-secondly-rolling',
  SECONDLY: 'publicapi:crm-search-secondly',
  DAILY: 'publicapi:private-app-daily',
};

export interface RateLimitBody {
  status: 'error';
  message: string;
  errorType: 'RATE_LIMIT';
  correlationId: string;
  policyName: PolicyName;
  groupName: string;
}

/** HubSpot's 429 body (usage guidelines): no `category`, but `errorType`, `policyName` and `groupName`. */
export function rateLimitBody(policyName: PolicyName, portalId: number): RateLimitBody {
  return {
    status: 'error',
    message: MESSAGES[policyName],
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName,
    groupName: `${GROUPS[policyName]}:${portalId}`,
  };
}
