/**
 * The data API as plain functions: a request in, a response out. Express adapts HTTP to this shape
 * once; `/composite` calls the same functions for its subrequests, so a subrequest behaves exactly as
 * the standalone call would.
 */
import type { DmlContext } from '../dml/context.ts';
import type { Org } from '../store/org.ts';

export interface ApiRequest {
  method: string;
  /** Path below `/services/data/vXX.X`, starting with `/`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiContext {
  org: Org;
  userId: string;
  now: number;
  /** `62.0` */
  version: string;
  /** `/services/data/v62.0` */
  versionBase: string;
  soslLagMs: number;
  /** True inside `/composite`, where nesting another composite is not allowed. */
  inComposite: boolean;
  /** A composite with `allOrNone: true` imposes it on the collections inside it. */
  forceAllOrNone: boolean;
  dml(): DmlContext;
}

export type Handler = (ctx: ApiContext, req: ApiRequest, params: string[]) => ApiResponse;

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return headers ? { status, body, headers } : { status, body };
}
