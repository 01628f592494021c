/**
 * Salesforce's two error shapes. A request-level failure answers an HTTP status with a JSON array of
 * `{message, errorCode, fields?}`; a record-level failure inside a save result (collections) carries
 * `{statusCode, message, fields}`. Both are built from the same `DmlError` value.
 */

export interface DmlError {
  errorCode: string;
  message: string;
  fields: string[];
  /** Extra members some errors carry, such as `duplicateResult` for DUPLICATES_DETECTED. */
  extra?: Record<string, unknown>;
}

export interface RestErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
  [extra: string]: unknown;
}

export function dmlError(
  errorCode: string,
  message: string,
  fields: string[] = [],
  extra?: Record<string, unknown>,
): DmlError {
  return extra ? { errorCode, message, fields, extra } : { errorCode, message, fields };
}

/** The REST array element for a record-level error (single-record endpoints). */
export function toRestError(e: DmlError): RestErrorBody {
  return { ...(e.extra ?? {}), message: e.message, errorCode: e.errorCode, fields: e.fields };
}

/** The element of a SaveResult's `errors` array (collections and composite collections). */
export function toSaveResultError(e: DmlError): Record<string, unknown> {
  return { ...(e.extra ?? {}), statusCode: e.errorCode, message: e.message, fields: e.fields };
}

/** A request-level failure: thrown by handlers, turned into an HTTP answer by the router. */
export class ApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly body: RestErrorBody[] | Record<string, unknown>,
  ) {
    super(Array.isArray(body) ? (body[0]?.message ?? 'error') : 'error');
    this.code = Array.isArray(body) ? (body[0]?.errorCode ?? 'UNKNOWN') : 'UNKNOWN';
  }

  static of(status: number, errorCode: string, message: string, fields?: string[]): ApiError {
    return new ApiError(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);
  }
}

export const notFound = () => ApiError.of(404, 'NOT_FOUND', 'The requested resource does not exist');

/** Raised by the seed API when a record it was asked to insert would not be saved by Salesforce. */
export class SeedError extends Error {
  readonly code = 'seed_rejected';
  constructor(readonly errors: DmlError[]) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
  }
}
