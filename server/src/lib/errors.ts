/**
 * Errors are values with a code and a retry decision. Job runners and HTTP handlers read the
 * decision, never the message: `retry` (transient, back off), `never` (fix the input or config
 * first), or a concrete `afterMs` (the remote told us when).
 */
export type RetryDecision = { kind: 'retry' } | { kind: 'never' } | { kind: 'after'; afterMs: number };

export class RingbackError extends Error {
  readonly code: string;
  readonly retry: RetryDecision;
  /** HTTP status when this error reaches an API client. */
  readonly status: number;

  constructor(
    code: string,
    message: string,
    options: { retry?: RetryDecision; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RingbackError';
    this.code = code;
    this.retry = options.retry ?? { kind: 'never' };
    this.status = options.status ?? 500;
  }
}

/** A transient failure: try again with backoff. */
export class RetryableError extends RingbackError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { retry: { kind: 'retry' }, status: 503, cause });
  }
}

/** The remote said when to come back (Retry-After, a rate-limit window). */
export class RetryAfterError extends RingbackError {
  constructor(code: string, message: string, afterMs: number, cause?: unknown) {
    super(code, message, { retry: { kind: 'after', afterMs: Math.max(0, afterMs) }, status: 503, cause });
  }
}

/** Retrying cannot help until something is fixed (bad input, missing config, a 4xx). */
export class NonRetryableError extends RingbackError {
  constructor(code: string, message: string, status = 400, cause?: unknown) {
    super(code, message, { retry: { kind: 'never' }, status, cause });
  }
}

/** The decision for any thrown value: unknown errors are treated as transient. */
export function retryDecisionOf(err: unknown): RetryDecision {
  return err instanceof RingbackError ? err.retry : { kind: 'retry' };
}

export function errorCodeOf(err: unknown): string {
  return err instanceof RingbackError ? err.code : 'internal_error';
}
