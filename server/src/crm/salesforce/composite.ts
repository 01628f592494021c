/**
 * `/composite`: up to 25 subrequests in one API call, later ones able to use earlier results
 * (`@{lead.id}`). The adapter sends a case's whole write this way — one call — and reads every
 * subresponse itself: a composite answers 200 even when its subrequests fail.
 */
import type { Connection } from 'jsforce';
import type { AppContext } from '../../app-context.ts';
import type { RingbackError } from '../../lib/errors.ts';
import { salesforceError } from './connection.ts';
import { requestError, type SfRecordError } from './errors.ts';

/** A live connection and what requests on it need to know. */
export interface Sf {
  ctx: AppContext;
  accountId: string;
  conn: Connection;
}

export interface SubRequest {
  referenceId: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Below `/services/data/vNN.N`, e.g. `/sobjects/Task`. */
  url: string;
  body?: Record<string, unknown>;
}

export interface SubResponse {
  referenceId: string;
  status: number;
  body: unknown;
}

export type CompositeResult = Map<string, SubResponse>;

export function apiBase(conn: Connection): string {
  return `/services/data/v${conn.version}`;
}

export async function composite(sf: Sf, subrequests: SubRequest[], allOrNone: boolean): Promise<CompositeResult> {
  const base = apiBase(sf.conn);
  let answer: { compositeResponse?: Array<{ referenceId: string; httpStatusCode: number; body: unknown }> };
  try {
    answer = await sf.conn.requestPost('/composite', {
      allOrNone,
      compositeRequest: subrequests.map((s) => ({
        method: s.method,
        url: `${base}${s.url}`,
        referenceId: s.referenceId,
        ...(s.body ? { body: s.body } : {}),
      })),
    });
  } catch (err) {
    throw await salesforceError(sf.ctx, sf.accountId, sf.conn, err);
  }
  return new Map(
    (answer.compositeResponse ?? []).map((r) => [
      r.referenceId,
      { referenceId: r.referenceId, status: r.httpStatusCode, body: r.body },
    ]),
  );
}

export function errorsOf(r: SubResponse | undefined): SfRecordError[] {
  if (!r || r.status < 400) return [];
  return Array.isArray(r.body)
    ? (r.body as SfRecordError[])
    : [{ errorCode: `ERROR_HTTP_${r.status}`, message: JSON.stringify(r.body) }];
}

/** The first subrequest that failed for a reason of its own (not halted because another failed). */
export function firstFailure(result: CompositeResult): { referenceId: string; error: SfRecordError } | null {
  for (const r of result.values()) {
    const error = errorsOf(r).find((e) => e.errorCode !== 'PROCESSING_HALTED');
    if (error) return { referenceId: r.referenceId, error };
  }
  return null;
}

/** A read subrequest's body; its failure is thrown as a request error. */
export function readBody<T>(result: CompositeResult, referenceId: string): T {
  const r = result.get(referenceId);
  if (!r) throw requestError({ errorCode: 'UNKNOWN_EXCEPTION', message: `no subresponse ${referenceId}` }, null);
  const error = errorsOf(r)[0];
  if (error) throw requestError(error, null) as RingbackError;
  return r.body as T;
}

/** A single query, outside a composite. */
export async function query<T>(sf: Sf, soql: string): Promise<T[]> {
  try {
    const res = await sf.conn.query<T & Record<string, unknown>>(soql);
    return res.records as T[];
  } catch (err) {
    throw await salesforceError(sf.ctx, sf.accountId, sf.conn, err);
  }
}

export function queryUrl(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}

export function searchUrl(sosl: string): string {
  return `/search?q=${encodeURIComponent(sosl)}`;
}
