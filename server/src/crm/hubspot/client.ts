/**
 * Every HubSpot request of one account goes through here: a slot from the account's shared budget
 * first, then @hubspot/api-client's `apiRequest` (its retries off: this layer owns them), then the
 * answer's rate-limit headers back into the budget. `apiRequest` rather than the generated typed
 * APIs because those reduce a 429's body to the generic error model and drop its `policyName`,
 * which decides whether to pause the search lane, the 10-second lane or the day.
 *
 * Retries in place are limited to what cannot duplicate anything: 429s (HubSpot refused before
 * doing anything), a rejected token after a refresh, and 5xx/timeouts of idempotent requests. A
 * create that fails with a 5xx or a timeout may have happened, so it goes back to the job, whose
 * next run looks for the record by its `ringback_key` before creating again.
 */
import { Client } from '@hubspot/api-client';
import type { Logger } from '../../lib/logger.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { RateBudget } from '../rate-budget.ts';
import { hubspotError, rateLimitHeaders, retryAfterMs, unreachable, type HubSpotErrorBody } from './errors.ts';

export interface TokenSource {
  /** The access token to use now (refreshed first when it is about to expire). */
  current(): Promise<string>;
  /** HubSpot rejected `stale`: a fresh token when the account can get one (OAuth), else null. */
  refreshAfterRejection(stale: string): Promise<string | null>;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  qs?: Record<string, string>;
  /** What the request does, for error messages ("create calls"). */
  what: string;
  /** Search endpoints also draw on the search budget (HubSpot: 5 per second per account). */
  search?: boolean;
  /** Safe to send again after a 5xx or a timeout. */
  idempotent?: boolean;
}

export interface HubSpotClientOptions {
  baseUrl: string;
  budget: RateBudget;
  /** The budget is per HubSpot portal: every process and account using it shares one. */
  budgetKey: string;
  tokens: TokenSource;
  logger: Logger;
  metrics: Metrics;
  timeoutMs?: number;
}

const ATTEMPTS_IN_PLACE = 3;
const MAX_PAUSE_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HubSpotClient {
  private consecutiveRefusals = 0;
  private pausedUntil = 0;

  constructor(private readonly options: HubSpotClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request<T = Record<string, unknown>>(spec: RequestSpec): Promise<T> {
    const { budget, budgetKey, tokens, logger } = this.options;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      await budget.take(budgetKey, spec.search ? ['search', 'general'] : ['general']);
      const token = await tokens.current();
      let response: Response;
      try {
        response = await this.send(token, spec);
      } catch (err) {
        this.count('unreachable');
        if (spec.idempotent && attempt < ATTEMPTS_IN_PLACE) {
          await sleep(backoff(attempt));
          continue;
        }
        throw unreachable(spec.what, err);
      }
      await budget.observe(budgetKey, rateLimitHeaders(response.headers));
      const body = await readJson(response);
      if (response.ok) {
        this.count('ok');
        this.consecutiveRefusals = 0;
        return body as T;
      }
      const status = response.status;
      const errorBody = body as HubSpotErrorBody | null;
      const waitHint = retryAfterMs(response.headers.get('retry-after'));
      if (status === 429) {
        this.count('rate_limited');
        // Requests already in flight when the last pause began say nothing new: only a refusal
        // after resuming makes the next pause longer.
        if (Date.now() >= this.pausedUntil) this.consecutiveRefusals += 1;
        const policy = errorBody?.policyName;
        logger.warn({ what: spec.what, policy, refusals: this.consecutiveRefusals }, 'HubSpot refused a request for rate');
        if (policy === 'DAILY') throw hubspotError(spec.what, status, errorBody);
        // Every process pauses this portal: 1 s, 2 s, 4 s… while HubSpot keeps refusing (capped).
        const pauseMs = waitHint ?? (policy === 'SECONDLY' ? 1_000 : Math.min(MAX_PAUSE_MS, 1_000 * 2 ** Math.min(this.consecutiveRefusals - 1, 5)));
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + pauseMs);
        await budget.pause(budgetKey, pauseMs, policy === 'SECONDLY' ? ['search'] : ['general']);
        if (attempt < ATTEMPTS_IN_PLACE) continue;
        // Give the worker back until the pause is over.
        throw hubspotError(spec.what, status, errorBody, pauseMs + Math.floor(Math.random() * 1_000));
      }
      this.count(status >= 500 ? 'server_error' : 'client_error');
      if (status === 401 && !refreshed) {
        refreshed = true;
        const fresh = await tokens.refreshAfterRejection(token);
        if (fresh) continue;
      }
      if (status >= 500 && spec.idempotent && attempt < ATTEMPTS_IN_PLACE) {
        await sleep(backoff(attempt));
        continue;
      }
      throw hubspotError(spec.what, status, errorBody, waitHint);
    }
  }

  private async send(token: string, spec: RequestSpec): Promise<Response> {
    // A Client per request: its decorators (retries, limiter) are process-wide and set at
    // construction, so building it here guarantees none of another client's settings apply.
    const client = new Client({ accessToken: token, basePath: this.options.baseUrl, numberOfApiCallRetries: 0 });
    const request = client.apiRequest({
      method: spec.method,
      path: spec.path,
      ...(spec.body === undefined ? {} : { body: spec.body }),
      ...(spec.qs ? { qs: spec.qs } : {}),
    });
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([request, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private count(outcome: string): void {
    this.options.metrics.inc('ringback_crm_requests_total', 'CRM API requests by outcome', { crm: 'hubspot', outcome });
  }
}

/** Exponential with full jitter: 250 ms, 500 ms, … */
function backoff(attempt: number): number {
  return Math.round(Math.random() * 250 * 2 ** (attempt - 1)) + 50;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
}
