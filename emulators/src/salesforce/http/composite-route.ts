/**
 * `/composite`: up to 25 subrequests in one API call, run in order through the same handlers as the
 * standalone endpoints. A subrequest can use an earlier one's result as `@{referenceId.path}`
 * (e.g. `@{newLead.id}`, `@{q.records[0].Id}`). With `allOrNone: true` the first failure rolls back
 * everything and every other subrequest answers PROCESSING_HALTED; without it, only subrequests that
 * reference a failed one are halted.
 */
import { ApiError } from '../errors.ts';
import type { ApiContext, ApiRequest, ApiResponse, Handler } from './types.ts';
import { json } from './types.ts';

const MAX_SUBREQUESTS = 25;
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

export type Dispatch = (ctx: ApiContext, req: ApiRequest) => ApiResponse;

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

class HaltedReference extends Error {
  readonly code = 'PROCESSING_HALTED';
}

function readSubrequests(body: unknown): { allOrNone: boolean; subrequests: SubRequest[] } {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  const list = b?.['compositeRequest'];
  if (!Array.isArray(list) || list.length === 0) {
    throw ApiError.of(400, 'JSON_PARSER_ERROR', 'compositeRequest must be a non-empty array of subrequests');
  }
  if (list.length > MAX_SUBREQUESTS) {
    throw ApiError.of(400, 'INVALID_INPUT', `The number of subrequests exceeds the limit of ${MAX_SUBREQUESTS}`);
  }
  const seen = new Set<string>();
  const subrequests = list.map((raw: unknown) => {
    const s = (raw ?? {}) as Record<string, unknown>;
    const { method, url, referenceId } = s;
    if (typeof method !== 'string' || typeof url !== 'string' || typeof referenceId !== 'string') {
      throw ApiError.of(400, 'JSON_PARSER_ERROR', 'Each subrequest needs method, url and referenceId');
    }
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(referenceId) || seen.has(referenceId)) {
      throw ApiError.of(400, 'INVALID_INPUT', `Invalid or duplicate referenceId: ${referenceId}`);
    }
    seen.add(referenceId);
    return {
      method: method.toUpperCase(),
      url,
      referenceId,
      ...(s['body'] !== undefined ? { body: s['body'] } : {}),
      ...(s['httpHeaders'] && typeof s['httpHeaders'] === 'object'
        ? { httpHeaders: s['httpHeaders'] as Record<string, string> }
        : {}),
    };
  });
  return { allOrNone: b?.['allOrNone'] === true, subrequests };
}

function lookup(results: Map<string, SubResult>, refId: string, path: string): unknown {
  const result = results.get(refId);
  if (!result || result.httpStatusCode >= 400) {
    throw new HaltedReference(
      `Invalid reference specified. No value for ${refId}${path} found in ${refId}. Provided referenceId ${refId} refers to a subrequest that failed or did not run.`,
    );
  }
  let value: unknown = result.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    const key = step.startsWith('.') ? step.slice(1) : Number(step.slice(1, -1));
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  if (value === undefined || value === null) {
    throw new HaltedReference(`Invalid reference specified. No value for ${refId}${path} found in ${refId}.`);
  }
  return value;
}

function substitute(value: unknown, results: Map<string, SubResult>): unknown {
  if (typeof value === 'string') {
    // A string that is exactly one reference takes the referenced value's type (numbers stay numbers).
    const whole = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(value);
    if (whole) return lookup(results, whole[1] as string, whole[2] ?? '');
    return value.replace(REFERENCE, (_m, ref: string, path: string) => String(lookup(results, ref, path)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  }
  return value;
}

function toApiRequest(sub: SubRequest, url: string, body: unknown): { version: string; req: ApiRequest } {
  const m = /^\/services\/data\/v(\d+\.\d)(\/[^?]*)(?:\?(.*))?$/.exec(url);
  if (!m) throw ApiError.of(404, 'NOT_FOUND', 'The requested resource does not exist');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = String(v);
  return {
    version: m[1] as string,
    req: {
      method: sub.method,
      path: m[2] as string,
      query: Object.fromEntries(new URLSearchParams(m[3] ?? '')),
      headers,
      body,
    },
  };
}

/** A collection subrequest answers 200 even when records fail; under allOrNone that is a failure. */
function hasFailedRecord(body: unknown): boolean {
  return (
    Array.isArray(body) &&
    body.some((r) => r && typeof r === 'object' && (r as { success?: unknown }).success === false)
  );
}

function halted(referenceId: string, message: string): SubResult {
  return { body: [{ errorCode: 'PROCESSING_HALTED', message }], httpHeaders: {}, httpStatusCode: 400, referenceId };
}

export function compositeHandler(dispatch: Dispatch): Handler {
  return (ctx, req) => {
    if (ctx.inComposite)
      throw ApiError.of(400, 'INVALID_INPUT', 'A composite request cannot contain another composite request');
    const { allOrNone, subrequests } = readSubrequests(req.body);
    const snapshot = ctx.org.snapshot();
    const results = new Map<string, SubResult>();
    let failedAt: number | null = null;
    for (const [i, sub] of subrequests.entries()) {
      if (allOrNone && failedAt !== null) break;
      let result: SubResult;
      try {
        const url = substitute(sub.url, results) as string;
        const body = sub.body === undefined ? undefined : substitute(sub.body, results);
        const { version, req: subReq } = toApiRequest(sub, url, body);
        const inner: ApiContext = {
          ...ctx,
          version,
          versionBase: `/services/data/v${version}`,
          inComposite: true,
          forceAllOrNone: allOrNone,
        };
        const res = dispatch(inner, subReq);
        result = {
          body: res.body ?? null,
          httpHeaders: res.headers ?? {},
          httpStatusCode: res.status,
          referenceId: sub.referenceId,
        };
        if (
          res.status === 201 &&
          res.body &&
          typeof res.body === 'object' &&
          'id' in res.body &&
          subReq.method === 'POST'
        ) {
          result.httpHeaders = {
            ...result.httpHeaders,
            Location: `${inner.versionBase}${subReq.path}/${String((res.body as { id: unknown }).id)}`,
          };
        }
      } catch (err) {
        if (!(err instanceof HaltedReference) && !(err instanceof ApiError)) throw err;
        result =
          err instanceof HaltedReference
            ? halted(sub.referenceId, err.message)
            : { body: err.body, httpHeaders: {}, httpStatusCode: err.status, referenceId: sub.referenceId };
      }
      results.set(sub.referenceId, result);
      if (failedAt === null && (result.httpStatusCode >= 400 || (allOrNone && hasFailedRecord(result.body))))
        failedAt = i;
    }
    if (allOrNone && failedAt !== null) {
      ctx.org.restore(snapshot);
      const out = subrequests.map((sub, i) =>
        i === failedAt ? (results.get(sub.referenceId) as SubResult) : halted(sub.referenceId, ROLLED_BACK),
      );
      return json(200, { compositeResponse: out });
    }
    return json(200, { compositeResponse: subrequests.map((sub) => results.get(sub.referenceId) as SubResult) });
  };
}
