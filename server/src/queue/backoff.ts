/**
 * When to try a failed job again: exponential from `baseMs`, capped, with "equal jitter" (half fixed,
 * half random) so a burst of failures does not come back as a burst of retries.
 */
import type { RetryDecision } from '../lib/errors.ts';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 10 * 60_000 };

export function backoffDelayMs(
  attempt: number,
  decision: RetryDecision,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (decision.kind === 'after') return Math.min(decision.afterMs, options.maxMs);
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
