/**
 * HubSpot answers as Ringback errors: a code the case shows (`crm.error.code`) and a retry decision
 * the outbox follows. 4xx other than auth are never retried (the input must change first); an
 * expired or revoked token is retried after a pause, so a case recovers by itself once an admin
 * reconnects; 5xx and network failures back off and retry.
 */
import { RingbackError, type RetryDecision } from '../../lib/errors.ts';
import type { ObservedLimits } from '../rate-budget.ts';

export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  category?: string;
  subCategory?: string;
  errorType?: string;
  policyName?: string;
  context?: Record<string, unknown>;
  errors?: Array<{ message?: string; code?: string; context?: Record<string, unknown> }>;
}

/** How long a case waits before trying a rejected token again (an admin has to reconnect). */
export const AUTH_RETRY_MS = 5 * 60_000;
/** After HubSpot's daily allowance is spent, look again in a quarter of an hour. */
export const DAILY_RETRY_MS = 15 * 60_000;

export class HubSpotError extends RingbackError {
  constructor(
    code: string,
    message: string,
    readonly httpStatus: number | null,
    readonly body: HubSpotErrorBody | null,
    retry: RetryDecision,
  ) {
    super(code, message, { retry, status: retry.kind === 'never' ? 502 : 503 });
    this.name = 'HubSpotError';
  }
}

const describe = (what: string, status: number, body: HubSpotErrorBody | null) =>
  `HubSpot ${what} answered ${status}${body?.category ? ` ${body.category}` : ''}: ${body?.message ?? 'no message'}`;

/** The error for a non-2xx answer that is not handled by a retry in place. */
export function hubspotError(what: string, status: number, body: HubSpotErrorBody | null, retryAfterMs?: number): HubSpotError {
  const message = describe(what, status, body);
  if (status === 401) return new HubSpotError('crm_auth', message, status, body, { kind: 'after', afterMs: AUTH_RETRY_MS });
  if (status === 403) return new HubSpotError('crm_forbidden', message, status, body, { kind: 'after', afterMs: AUTH_RETRY_MS });
  if (status === 429) {
    const daily = body?.policyName === 'DAILY';
    const afterMs = daily ? DAILY_RETRY_MS : (retryAfterMs ?? 2_000);
    return new HubSpotError(daily ? 'crm_daily_limit' : 'crm_rate_limited', message, status, body, { kind: 'after', afterMs });
  }
  if (status >= 500) return new HubSpotError('crm_unavailable', message, status, body, { kind: 'retry' });
  const code = status === 404 ? 'crm_not_found' : status === 409 ? 'crm_conflict' : 'crm_validation';
  return new HubSpotError(code, message, status, body, { kind: 'never' });
}

export function unreachable(what: string, cause: unknown): HubSpotError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new HubSpotError('crm_unreachable', `HubSpot ${what} failed: ${reason}`, null, null, { kind: 'retry' });
}

function bodyText(err: unknown): string {
  return err instanceof HubSpotError && err.body ? JSON.stringify(err.body) : '';
}

/**
 * A write refused over one of Ringback's own properties — deleted by an admin, never created (a
 * private-app token's first write), or no longer unique. HubSpot words these differently by
 * endpoint ("does not exist", "not a unique identifier property"), so any 400 naming a `ringback_`
 * property counts: recreating the properties and retrying once is cheap, and a second refusal stands.
 */
export function isMissingRingbackProperty(err: unknown): boolean {
  return err instanceof HubSpotError && err.httpStatus === 400 && /ringback_/.test(bodyText(err));
}

/** A write refused because `hubspot_owner_id` names an owner that no longer exists. */
export function isInvalidOwner(err: unknown): boolean {
  return err instanceof HubSpotError && err.httpStatus === 400 && /INVALID_OWNER_ID|not a valid owner/i.test(bodyText(err));
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The `X-HubSpot-RateLimit-*` headers as budget observations. */
export function rateLimitHeaders(headers: Headers): ObservedLimits {
  const num = (name: string) => {
    const value = headers.get(name);
    if (value === null || value.trim() === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  };
  return {
    max: num('x-hubspot-ratelimit-max'),
    intervalMs: num('x-hubspot-ratelimit-interval-milliseconds'),
    remaining: num('x-hubspot-ratelimit-remaining'),
    perSecond: num('x-hubspot-ratelimit-secondly'),
  };
}
