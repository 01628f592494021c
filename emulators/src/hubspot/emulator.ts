import express, { type Express } from 'express';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults.ts';
import {
  authenticate,
  errorHandler,
  injectLatencyAndErrors,
  logRequests,
  notFoundRoute,
  rateLimit,
  type PipelineDeps,
} from './pipeline.ts';
import { RateLimiter } from './rate-limit.ts';
import { RequestLog } from './request-log.ts';
import { adminRoutes } from './routes/admin.ts';
import { associationRoutes } from './routes/associations.ts';
import { batchRoutes } from './routes/batch.ts';
import { objectRoutes } from './routes/objects.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { ownerRoutes } from './routes/owners.ts';
import { propertyRoutes } from './routes/properties.ts';
import { schemaRoutes } from './routes/schemas.ts';
import { searchRoutes } from './routes/search.ts';
import { EmulatorState } from './state.ts';
import type { HubSpotEmulatorOptions, OAuthApp } from './types.ts';
import { Webhooks } from './webhooks.ts';

// Wiring: one in-memory state, the HubSpot-facing routes behind the request pipeline, and /_emulator.
// The same object serves tests (listen on port 0), the sandbox (mount `app`) and benchmarks (latency).

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface HubSpotEmulator {
  /** An express app; mount it (`parent.use('/hubspot', emulator.app)`) or call listen(). */
  app: Express;
  listen(port?: number, host?: string): Promise<RunningServer>;
  state: EmulatorState;
  faults: Faults;
  requestLog: RequestLog;
  webhooks: Webhooks;
  rateLimiter: RateLimiter;
  /** The OAuth app registered from the options (clientId / clientSecret). */
  defaultApp: OAuthApp;
  /** Stop webhook retries; servers from listen() are closed by their own close(). */
  close(): Promise<void>;
}

export function createHubSpotEmulator(options: HubSpotEmulatorOptions = {}): HubSpotEmulator {
  const clock = options.clock ?? Date.now;
  const clientSecret = options.clientSecret ?? 'emulator-client-secret';
  const appId = options.appId ?? 1;
  const webhooks = new Webhooks(clock, {
    clientSecret,
    appId,
    retryDelayMs: options.webhookRetryDelayMs ?? 1000,
    maxRetries: options.webhookMaxRetries ?? 3,
  });
  const state = new EmulatorState({
    clock,
    searchLagMs: options.searchLagMs ?? 0,
    onRecordEvent: (e) => {
      webhooks.onRecordEvent(e);
      options.onRecordEvent?.(e);
    },
  });
  const defaultApp = state.addApp({ appId, clientId: options.clientId ?? 'emulator-client-id', clientSecret });
  const faults = new Faults(clock, {
    expireToken: (token) => state.expireToken(token),
    setSearchLag: (ms) => state.setSearchLag(ms),
  });
  const requestLog = new RequestLog();
  const rateLimiter = new RateLimiter(clock, options.rateLimit);
  const deps: PipelineDeps = {
    state,
    faults,
    limiter: rateLimiter,
    log: requestLog,
    clock,
    latencyMs: options.latencyMs ?? 0,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use('/_emulator', adminRoutes({ state, faults, log: requestLog, webhooks }));
  app.use(logRequests(deps));
  app.use(injectLatencyAndErrors(deps));
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(oauthRoutes(state, clock));

  const crm = express.Router();
  crm.use(objectRoutes(state.records));
  crm.use(batchRoutes(state.records));
  crm.use(searchRoutes(state.records));
  crm.use(associationRoutes(state.records));
  crm.use(propertyRoutes(state.records));
  crm.use(ownerRoutes());
  crm.use('/v3/schemas', schemaRoutes(state.records));
  app.use('/crm', authenticate(deps), rateLimit(deps), crm);
  app.use('/crm-object-schemas/v3/schemas', authenticate(deps), rateLimit(deps), schemaRoutes(state.records));
  app.use(notFoundRoute);
  app.use(errorHandler);

  const listen = (port = 0, host = '127.0.0.1'): Promise<RunningServer> =>
    new Promise((resolve, reject) => {
      const server = app.listen(port, host);
      server.once('error', reject);
      server.once('listening', () => {
        const address = server.address() as AddressInfo;
        resolve({
          url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.closeAllConnections();
              server.close((err) => (err ? fail(err) : done()));
            }),
        });
      });
    });

  return {
    app,
    listen,
    state,
    faults,
    requestLog,
    webhooks,
    rateLimiter,
    defaultApp,
    close: async () => webhooks.close(),
  };
}
