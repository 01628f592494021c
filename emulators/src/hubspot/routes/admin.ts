import express, { Router, type ErrorRequestHandler } from 'express';
import { HubSpotApiError } from '../errors.ts';
import type { Faults } from '../faults.ts';
import type { RequestLog } from '../request-log.ts';
import type { EmulatorState, OwnerInput, SeedAssociation } from '../state.ts';
import type { AutoEvent, Webhooks } from '../webhooks.ts';
import { toApiObject } from '../record-view.ts';
import { requireObjectType } from '../portal.ts';
import { ownerView } from '../owner-view.ts';

// /_emulator/*: seeding, fault injection, request log and the browsable state. Not HubSpot APIs — they
// exist so the sandbox, tests and benchmarks can drive the emulator over HTTP as well as in process.

export interface AdminDeps {
  state: EmulatorState;
  faults: Faults;
  log: RequestLog;
  webhooks: Webhooks;
}

const num = (v: unknown, name: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
};

export function adminRoutes({ state, faults, log, webhooks }: AdminDeps): Router {
  const r = Router();
  r.use(express.json({ limit: '5mb' }));

  r.get('/', (_req, res) => {
    res.json({
      description: 'HubSpot API emulator control endpoints (not part of the HubSpot API)',
      endpoints: [
        'GET /_emulator/state[?portalId=]',
        'POST /_emulator/portals {portalId, accessToken?}',
        'POST /_emulator/portals/:portalId/owners {email, firstName?, lastName?}',
        'POST /_emulator/portals/:portalId/objects/:type {properties, associations?}',
        'POST /_emulator/apps {clientId?, clientSecret?, appId?, scopes?}',
        'POST /_emulator/faults/rate-limit-storm {count? | durationMs?, portalId?, policyName?}',
        'POST /_emulator/faults/server-errors {count, status?, portalId?}',
        'POST /_emulator/faults/latency {ms}',
        'POST /_emulator/faults/expire-token {token}',
        'POST /_emulator/faults/search-lag {ms | null}',
        'POST /_emulator/faults/clear',
        'GET /_emulator/requests[?portalId=]',
        'POST /_emulator/webhooks/subscriptions {portalId, targetUrl, clientSecret?, events?}',
        'GET /_emulator/webhooks/deliveries',
      ],
    });
  });

  r.get('/state', (req, res) => {
    const portalId = req.query.portalId === undefined ? undefined : num(req.query.portalId, 'portalId');
    // Pretty-printed: this is what a person browsing the sandbox CRM reads.
    res.type('application/json').send(JSON.stringify(state.snapshot(portalId), null, 2));
  });

  r.post('/portals', (req, res) => {
    const body = (req.body ?? {}) as { portalId?: unknown; accessToken?: unknown };
    const portalId = num(body.portalId, 'portalId');
    const accessToken = state.addPortal(
      portalId,
      typeof body.accessToken === 'string' ? { accessToken: body.accessToken } : {},
    );
    res.status(201).json({ portalId, accessToken });
  });

  r.post('/portals/:portalId/owners', (req, res) => {
    const owner = state.addOwner(num(req.params.portalId, 'portalId'), req.body as OwnerInput);
    res.status(201).json(ownerView(owner));
  });

  r.post('/portals/:portalId/objects/:type', (req, res) => {
    const portalId = num(req.params.portalId, 'portalId');
    const body = (req.body ?? {}) as { properties?: Record<string, unknown>; associations?: SeedAssociation[] };
    const record = state.createObject(portalId, req.params.type, body.properties ?? {}, body.associations ?? []);
    const portal = state.portal(portalId);
    res.status(201).json(toApiObject(portal, requireObjectType(portal, req.params.type), record, { allValues: true }));
  });

  r.post('/apps', (req, res) => {
    res.status(201).json(state.addApp((req.body ?? {}) as Parameters<EmulatorState['addApp']>[0]));
  });

  r.post('/faults/rate-limit-storm', (req, res) => {
    faults.rateLimitStorm(req.body as Parameters<Faults['rateLimitStorm']>[0]);
    res.json(faults.describe());
  });

  r.post('/faults/server-errors', (req, res) => {
    const body = (req.body ?? {}) as { count?: unknown; status?: unknown; portalId?: unknown };
    faults.serverErrors(
      num(body.count, 'count'),
      body.status === undefined ? 500 : num(body.status, 'status'),
      body.portalId === undefined ? {} : { portalId: num(body.portalId, 'portalId') },
    );
    res.json(faults.describe());
  });

  r.post('/faults/latency', (req, res) => {
    faults.latency(num((req.body as { ms?: unknown }).ms, 'ms'));
    res.json(faults.describe());
  });

  r.post('/faults/expire-token', (req, res) => {
    const ok = faults.expireToken(String((req.body as { token?: unknown }).token));
    res.status(ok ? 200 : 404).json({ expired: ok });
  });

  r.post('/faults/search-lag', (req, res) => {
    const ms = (req.body as { ms?: unknown }).ms;
    faults.searchLag(ms === null || ms === undefined ? null : num(ms, 'ms'));
    res.json({ searchLagMs: state.searchLagMs() });
  });

  r.post('/faults/clear', (_req, res) => {
    faults.clear();
    res.json(faults.describe());
  });

  r.get('/requests', (req, res) => {
    const portalId = req.query.portalId === undefined ? undefined : num(req.query.portalId, 'portalId');
    res.json({ results: log.entries(portalId === undefined ? {} : { portalId }) });
  });

  r.delete('/requests', (_req, res) => {
    log.clear();
    res.status(204).end();
  });

  r.post('/webhooks/subscriptions', (req, res) => {
    const body = (req.body ?? {}) as {
      portalId?: unknown;
      targetUrl?: unknown;
      clientSecret?: unknown;
      events?: unknown;
    };
    if (typeof body.targetUrl !== 'string') throw new Error('targetUrl is required');
    const sub = webhooks.subscribe(
      num(body.portalId, 'portalId'),
      body.targetUrl,
      typeof body.clientSecret === 'string' ? body.clientSecret : undefined,
      Array.isArray(body.events) ? { events: body.events as AutoEvent[] } : {},
    );
    res.status(201).json({ ...sub, clientSecret: undefined });
  });

  r.get('/webhooks/deliveries', (_req, res) => {
    res.json({ results: webhooks.deliveries });
  });

  // Seeding mistakes are programmer errors: answer 400 with the reason rather than HubSpot's shape.
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    void _next;
    if (err instanceof HubSpotApiError) res.status(err.status).json(err.body);
    else res.status(400).json({ status: 'error', message: err instanceof Error ? err.message : String(err) });
  };
  r.use(onError);
  return r;
}
