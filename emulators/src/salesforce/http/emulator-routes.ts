/**
 * `/_emulator/*`: NOT a Salesforce API. Browse the state as JSON, seed orgs and records, and switch
 * faults over HTTP, for the sandbox and for tests in another process. Errors here are plain
 * `{error: {code, message}}` so nobody mistakes them for Salesforce's.
 */
import type { Request, Response, Router } from 'express';
import express from 'express';
import { SeedError } from '../errors.ts';
import type { SalesforceFaults } from '../faults.ts';
import type { RequestLog } from '../request-log.ts';
import type { SalesforceState } from '../store/state.ts';

function body(req: Request): Record<string, unknown> {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) return {};
  const parsed: unknown = JSON.parse(req.body.toString('utf8'));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function emulatorRouter(state: SalesforceState, faults: SalesforceFaults, log: RequestLog): Router {
  const router = express.Router();
  const route = (method: 'get' | 'post', path: string, fn: (req: Request) => unknown) => {
    router[method](path, (req: Request, res: Response) => {
      try {
        res.status(200).json(fn(req) ?? { ok: true });
      } catch (err) {
        const code = err instanceof SeedError ? err.code : 'bad_request';
        res.status(400).json({ error: { code, message: (err as Error).message } });
      }
    });
  };
  const orgParam = (req: Request) => str(req.params['orgId']);

  route('get', '/state', () => state.toJSON());
  route('get', '/requests', () => ({ entries: log.entries }));
  route('post', '/orgs', (req) => state.addOrg(body(req) as Parameters<SalesforceState['addOrg']>[0]));
  route('get', '/orgs/:orgId', (req) => state.org(orgParam(req)).toJSON());
  route('get', '/orgs/:orgId/records/:sobject', (req) => ({
    records: state.records(String(req.params['sobject']), { orgId: orgParam(req) as string, includeDeleted: true }),
  }));
  route('post', '/orgs/:orgId/records/:sobject', (req) => ({
    id: state.insert(String(req.params['sobject']), body(req), { orgId: orgParam(req) as string }),
  }));
  route('post', '/orgs/:orgId/leads/:leadId/convert', (req) =>
    state.convertLead(String(req.params['leadId']), orgParam(req)),
  );
  route('post', '/orgs/:orgId/tokens', (req) => ({
    accessToken: state.issueAccessToken({ orgId: orgParam(req) as string }),
  }));
  route('post', '/faults/server-errors', (req) => {
    const b = body(req);
    faults.serverErrors(num(b['count'], 1), num(b['status'], 500));
  });
  route('post', '/faults/storm', (req) => {
    const b = body(req);
    faults.rateLimitStorm({
      ...(typeof b['count'] === 'number' ? { count: b['count'] } : {}),
      ...(typeof b['durationMs'] === 'number' ? { durationMs: b['durationMs'] } : {}),
      status: b['status'] === 429 ? 429 : 503,
    });
  });
  route('post', '/faults/latency', (req) => faults.latency(num(body(req)['ms'], 0)));
  route('post', '/faults/expire-access-tokens', () => ({ expired: faults.expireAccessTokens() }));
  route('post', '/faults/spend-daily-limit', (req) => faults.spendDailyLimit(str(body(req)['orgId'])));
  route('post', '/faults/duplicate-rule', (req) => {
    const b = body(req);
    const fields = Array.isArray(b['fields']) ? b['fields'].map(String) : [];
    const orgId = str(b['orgId']);
    faults.duplicateRule(String(b['sobject']), fields, orgId ? { orgId } : {});
  });
  route('post', '/faults/clear', () => faults.clear());
  return router;
}
