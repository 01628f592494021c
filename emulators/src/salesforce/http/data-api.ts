/**
 * `/services/data`: the REST API pipeline in the order Salesforce applies it. Version listing needs no
 * session; everything else needs a valid bearer token (401 INVALID_SESSION_ID), then counts against
 * the org's daily allocation (403 REQUEST_LIMIT_EXCEEDED once spent), then must carry a JSON body
 * when it carries one (415), and every answer after authentication reports `Sforce-Limit-Info`.
 */
import type { Request, Response } from 'express';
import type { SalesforceFaults } from '../faults.ts';
import type { SalesforceState } from '../store/state.ts';
import { dispatch } from './router.ts';
import { sendJson } from './send-json.ts';
import type { ApiContext, ApiRequest, ApiResponse } from './types.ts';

export interface DataApiOptions {
  state: SalesforceState;
  faults: SalesforceFaults;
  latestVersion: string;
  soslLagMs: number;
}

function send(res: Response, r: ApiResponse): void {
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  if (r.status === 204 || r.body === undefined) {
    res.status(r.status).end();
    return;
  }
  sendJson(res, r.status, r.body);
}

function versions(latest: string) {
  const out = [];
  for (let v = 20; v <= Math.floor(Number(latest)); v++) {
    const step = v - 20;
    const season = ['Winter', 'Spring', 'Summer'][step % 3] as string;
    const year = String(11 + Math.floor(step / 3)).padStart(2, '0');
    out.push({ label: `${season} '${year}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

function bearer(req: Request): string | null {
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.get('authorization') ?? '');
  return m ? (m[1] as string).trim() : null;
}

function parseBody(req: Request): { body: unknown } | ApiResponse {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (raw.length === 0) return { body: undefined };
  const contentType = req.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    const media = contentType.split(';')[0]?.trim() ?? '';
    return {
      status: 415,
      body: [
        { message: `MediaType of '${media}' is not supported by this resource`, errorCode: 'UNSUPPORTED_MEDIA_TYPE' },
      ],
    };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')) };
  } catch (err) {
    return {
      status: 400,
      body: [
        { message: `Unexpected character in JSON body: ${(err as Error).message}`, errorCode: 'JSON_PARSER_ERROR' },
      ],
    };
  }
}

export function dataApiHandler(opts: DataApiOptions) {
  const { state, faults } = opts;
  return (req: Request, res: Response): void => {
    if (req.path === '/' || req.path === '') {
      if (req.method !== 'GET')
        return send(res, { status: 405, body: [{ message: 'Method not allowed', errorCode: 'METHOD_NOT_ALLOWED' }] });
      return send(res, { status: 200, body: versions(opts.latestVersion) });
    }
    const m = /^\/v(\d+\.\d)(\/.*)?$/.exec(req.path);
    if (!m)
      return send(res, {
        status: 404,
        body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }],
      });
    const token = bearer(req);
    const grant = token ? state.auth.validAccess(token) : null;
    const org = grant ? state.orgs.get(grant.orgId) : undefined;
    if (!grant || !org) {
      return send(res, {
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      });
    }
    res.locals['orgId'] = org.orgId;
    const limitHeader = () => ({ 'Sforce-Limit-Info': `api-usage=${org.apiUsage}/${org.dailyApiLimit}` });
    const injected = faults.takeFailure();
    if (injected)
      return send(res, {
        status: injected.status,
        body: injected.body,
        headers: { ...injected.headers, ...limitHeader() },
      });
    if (org.apiUsage >= org.dailyApiLimit) {
      return send(res, {
        status: 403,
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
        headers: limitHeader(),
      });
    }
    org.apiUsage += 1;
    res.locals['apiCall'] = true;
    const parsed = parseBody(req);
    if ('status' in parsed) return send(res, { ...parsed, headers: limitHeader() });
    const version = m[1] as string;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const apiReq: ApiRequest = {
      method: req.method,
      path: m[2] ?? '/',
      query: Object.fromEntries(
        Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      headers,
      body: parsed.body,
    };
    const ctx: ApiContext = {
      org,
      userId: grant.userId,
      now: state.now(),
      version,
      versionBase: `/services/data/v${version}`,
      soslLagMs: opts.soslLagMs,
      inComposite: false,
      forceAllOrNone: false,
      dml: () => state.dmlContext(org, grant.userId),
    };
    const result = dispatch(ctx, apiReq);
    send(res, { ...result, headers: { ...(result.headers ?? {}), ...limitHeader() } });
  };
}
