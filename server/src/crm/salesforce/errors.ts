/**
 * Salesforce's answers turned into Ringback errors with a code and a retry decision. Two levels:
 * a whole request that failed (jsforce throws: limits, sessions, outages) and one record of a
 * composite or collection that failed (a DmlError: owner, person, rules, fields).
 */
import { NonRetryableError, RetryAfterError, RetryableError, RingbackError } from '../../lib/errors.ts';

/** One error of a failed record, as Salesforce reports it in composite subresponses. */
export interface SfRecordError {
  errorCode: string;
  message: string;
  fields?: string[];
  duplicateResult?: { matchResults?: Array<{ matchRecords?: Array<{ record?: { Id?: string } }> }> };
}

const TRANSIENT_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'UNABLE_TO_LOCK_ROW',
  'ERROR_HTTP_500',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
  'ERROR_HTTP_429',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ECONNABORTED',
]);

export function isLimitError(err: unknown): boolean {
  return (err as { errorCode?: unknown } | null)?.errorCode === 'REQUEST_LIMIT_EXCEEDED';
}

/** What kind of trouble one failed record is in. */
export type RecordTrouble = 'owner' | 'person' | 'key_taken' | 'fatal';

export function troubleOf(error: SfRecordError, sentOwner: boolean): RecordTrouble {
  const fields = error.fields ?? [];
  switch (error.errorCode) {
    case 'INACTIVE_OWNER_OR_USER':
      return 'owner';
    case 'INVALID_CROSS_REFERENCE_KEY':
      if (fields.includes('OwnerId') || (fields.length === 0 && sentOwner)) return 'owner';
      return fields.includes('WhoId') ? 'person' : 'fatal';
    case 'ENTITY_IS_DELETED':
    case 'CANNOT_UPDATE_CONVERTED_LEAD':
      return 'person';
    case 'DUPLICATE_VALUE':
      return fields.includes('Ringback_Key__c') || /Ringback_Key__c/.test(error.message) ? 'key_taken' : 'fatal';
    default:
      return 'fatal';
  }
}

/** The error a record failure becomes on the case when nothing else can be done about it. */
export function recordError(error: SfRecordError, what: string): RingbackError {
  const detail = `${what}: ${error.errorCode}: ${error.message}`;
  switch (error.errorCode) {
    case 'DUPLICATES_DETECTED': {
      const ids = (error.duplicateResult?.matchResults ?? [])
        .flatMap((m) => (m.matchRecords ?? []).map((r) => r.record?.Id))
        .filter(Boolean);
      return new NonRetryableError(
        'crm_duplicate_rule',
        `${detail}${ids.length ? ` (matches ${ids.join(', ')})` : ''}; the org's duplicate rule blocks Ringback's record`,
      );
    }
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return new NonRetryableError(
        'crm_validation_rule',
        `${detail}; an org validation rule rejects Ringback's record`,
      );
    case 'INVALID_FIELD':
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
    case 'INVALID_TYPE':
      return new NonRetryableError(
        'crm_field_missing',
        `${detail}; is the Ringback package (Ringback_Key__c, Ringback_Created__c) installed and visible to the integration user?`,
      );
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY':
      return new NonRetryableError('crm_access_denied', detail, 403);
    case 'UNABLE_TO_LOCK_ROW':
    case 'SERVER_UNAVAILABLE':
    case 'UNKNOWN_EXCEPTION':
      return new RetryableError('crm_unavailable', detail);
    default:
      return new NonRetryableError('crm_rejected', detail);
  }
}

/** How the API budget holds the account back after a limit refusal. */
export interface PauseInfo {
  reason: 'allocation_spent' | 'rate_limited' | null;
  afterMs: number;
}

/** A thrown request error (jsforce HttpApiError, a fetch failure, or ours). */
export function requestError(err: unknown, pause: PauseInfo | null): RingbackError {
  if (err instanceof RingbackError) return err;
  const e = (err ?? {}) as {
    errorCode?: string;
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string };
  };
  const code = e.errorCode ?? '';
  const message = e.message ?? String(err);
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return pause?.reason === 'rate_limited'
      ? new RetryAfterError('crm_rate_limited', `Salesforce: ${message}`, pause.afterMs, err)
      : new RetryAfterError(
          'crm_api_limit_exceeded',
          `Salesforce: ${message} (the org's daily API allocation is spent)`,
          pause?.afterMs ?? 3_000,
          err,
        );
  }
  if (code === 'INVALID_SESSION_ID')
    return new NonRetryableError('crm_auth_expired', `Salesforce: ${message}; the session cannot be renewed`, 401, err);
  if (code === 'API_DISABLED_FOR_ORG' || code === 'API_CURRENTLY_DISABLED' || code.startsWith('INSUFFICIENT_ACCESS')) {
    return new NonRetryableError('crm_access_denied', `Salesforce: ${code}: ${message}`, 403, err);
  }
  if (
    code === 'INVALID_FIELD' ||
    code === 'INVALID_TYPE' ||
    code === 'MALFORMED_QUERY' ||
    code === 'MALFORMED_SEARCH' ||
    code === 'NOT_FOUND'
  ) {
    return new NonRetryableError(
      'crm_field_missing',
      `Salesforce: ${code}: ${message}; is the Ringback package installed?`,
      400,
      err,
    );
  }
  if (TRANSIENT_CODES.has(code)) return new RetryableError('crm_unavailable', `Salesforce: ${code}: ${message}`, err);
  if (
    NETWORK_CODES.has(e.code ?? '') ||
    NETWORK_CODES.has(e.cause?.code ?? '') ||
    e.name === 'FetchError' ||
    /socket hang up|fetch failed|network/i.test(message)
  ) {
    return new RetryableError('crm_unreachable', `Salesforce could not be reached: ${message}`, err);
  }
  return new RetryableError('crm_error', `Salesforce: ${code ? `${code}: ` : ''}${message}`, err);
}
