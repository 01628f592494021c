/**
 * One request budget per installed CRM account, shared by every process: rate-limiter-flexible on
 * Redis when `REDIS_URL` is set (all servers and workers draw from the same counters), in memory
 * otherwise (a single process). Callers `take` a slot before each request, `observe` what the CRM's
 * own headers say about its limits, and `pause` a key after a refusal so every process backs off.
 *
 * Why one-second fixed windows: CRMs count in rolling windows (HubSpot: N per 10 s), which no fixed
 * window reproduces. Any rolling window of W seconds overlaps at most W+1 one-second windows, so
 * allowing max/(W+1) per second can never exceed max in any rolling window — a little capacity is
 * traded for never being refused. Per-key capacity varies (each portal has its own limit), while a
 * limiter has one `points`: every window holds SCALE points and a request costs SCALE/allowed.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { RetryAfterError } from '../lib/errors.ts';

/** `write` counts every request; `search` additionally the CRM's search endpoints. */
export type Lane = 'general' | 'search';

export interface RateBudgetOptions {
  /** Shared counters; null keeps them in this process. */
  redis: Redis | null;
  /** Key prefix (`RINGBACK_REDIS_PREFIX`), so deployments and tests sharing a Redis stay apart. */
  prefix: string;
  /** Requests per second per key before the CRM has told us its limits. */
  defaultPerSecond: Record<Lane, number>;
  /** How long `take` may wait for a slot before giving the job back with a retry-after. Default 10 s. */
  maxWaitMs?: number;
}

/** What a CRM's response headers say about the caller's budget (any field may be unknown). */
export interface ObservedLimits {
  /** Requests allowed per interval. */
  max?: number | undefined;
  intervalMs?: number | undefined;
  /** Requests left in the current interval. */
  remaining?: number | undefined;
  /** A per-second limit, when the CRM states one. */
  perSecond?: number | undefined;
}

const SCALE = 1000;
/** Below this share of the interval's allowance left, slow down for a second. */
const LOW_REMAINING_SHARE = 0.05;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateBudget {
  private readonly limiters: Record<Lane, RateLimiterAbstract>;
  private readonly perSecond = new Map<string, number>();
  private readonly maxWaitMs: number;

  constructor(private readonly options: RateBudgetOptions) {
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    const make = (lane: Lane): RateLimiterAbstract => {
      const keyPrefix = `${options.prefix}:crm-budget:${lane}`;
      const memory = new RateLimiterMemory({ keyPrefix, points: SCALE, duration: 1 });
      if (!options.redis) return memory;
      // If Redis is briefly unreachable the process falls back to its own counters rather than stalling.
      return new RateLimiterRedis({ storeClient: options.redis, keyPrefix, points: SCALE, duration: 1, insuranceLimiter: memory });
    };
    this.limiters = { general: make('general'), search: make('search') };
  }

  /** Requests per second `key` may currently make on `lane`. */
  allowance(key: string, lane: Lane): number {
    return lane === 'search' ? this.options.defaultPerSecond.search : (this.perSecond.get(key) ?? this.options.defaultPerSecond.general);
  }

  /**
   * Waits for a slot on each lane given (search requests take both). Throws `RetryAfterError`
   * (`crm_rate_limited`) when the wait would exceed `maxWaitMs`, so a job gives its worker back.
   */
  async take(key: string, lanes: Lane[] = ['general']): Promise<void> {
    const started = Date.now();
    for (const lane of lanes) {
      for (;;) {
        const cost = Math.max(1, Math.floor(SCALE / Math.max(1, this.allowance(key, lane))));
        try {
          await this.limiters[lane].consume(key, cost);
          break;
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) throw err;
          // Spread waiters over the next window instead of releasing them all at its first instant.
          const wait = err.msBeforeNext + Math.floor(Math.random() * 100);
          if (Date.now() - started + wait > this.maxWaitMs) {
            throw new RetryAfterError('crm_rate_limited', `request budget for ${key} is spent; retrying later`, wait);
          }
          await sleep(wait);
        }
      }
    }
  }

  /** Adjusts the key's allowance from the CRM's headers and slows down when it says little is left. */
  async observe(key: string, limits: ObservedLimits): Promise<void> {
    const { max, intervalMs, remaining, perSecond } = limits;
    if (max && intervalMs && max > 0 && intervalMs > 0) {
      const windows = Math.ceil(intervalMs / 1000) + 1;
      let allowed = Math.max(1, Math.floor(max / windows));
      if (perSecond && perSecond > 0) allowed = Math.min(allowed, perSecond);
      this.perSecond.set(key, allowed);
      if (remaining !== undefined && remaining <= Math.max(1, Math.floor(max * LOW_REMAINING_SHARE))) {
        await this.pause(key, 1_000);
      }
    }
  }

  /** Stops every process from using `key` (on `lanes`) for `ms` — after the CRM refused a request. */
  async pause(key: string, ms: number, lanes: Lane[] = ['general']): Promise<void> {
    // Whole seconds: a zero-second block would never expire in the Redis store.
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    await Promise.all(lanes.map((lane) => this.limiters[lane].block(key, seconds).catch(() => undefined)));
  }
}
