/**
 * A Salesforce-compatible HTTP server that the real jsforce talks to through `instanceUrl`/`loginUrl`.
 * Salesforce endpoints live under `/services/…`; the emulator's own seeding, state and fault endpoints
 * under `/_emulator/…`.
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Express, NextFunction, Request, Response } from 'express';
import express from 'express';
import { SalesforceFaults } from './faults.ts';
import { dataApiHandler } from './http/data-api.ts';
import { emulatorRouter } from './http/emulator-routes.ts';
import { oauthRouter } from './http/oauth-routes.ts';
import { sendJson } from './http/send-json.ts';
import { RequestLog } from './request-log.ts';
import type { RequestLogEntry } from './request-log.ts';
import { SalesforceState } from './store/state.ts';
import type { StoredRecord } from './store/org.ts';

export interface SalesforceEmulatorOptions {
  /** Delay added to every Salesforce response (ms). Default 0. */
  latencyMs?: number;
  /** Latest API version served (`/services/data` lists 20.0 up to it); any `vNN.N` path is accepted. Default "62.0". */
  apiVersion?: string;
  /** Daily API request allocation per org. Default 100,000 (the Enterprise base allowance). */
  dailyApiLimit?: number;
  /** How long a write takes to reach the SOSL index (ms). Default 0: search sees writes at once. */
  soslLagMs?: number;
  /** Time source (ms since epoch). Default `Date.now`. */
  clock?: () => number;
  /**
   * Observer of every record write, called synchronously once the record is stored (benchmarks time
   * when a record becomes visible with it, without polling the store). It sees saves, not commits: a
   * record saved by an all-or-none request that then fails is reported and then rolled back, so a
   * caller that cares checks that the record still exists.
   */
  onRecordSaved?: (orgId: string, record: StoredRecord) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface SalesforceEmulator {
  app: Express;
  state: SalesforceState;
  faults: SalesforceFaults;
  requestLog: RequestLog;
  listen(port?: number, host?: string): Promise<RunningServer>;
}

function kindOf(path: string): RequestLogEntry['kind'] {
  if (path.startsWith('/services/data')) return 'data';
  if (path.startsWith('/services/oauth2')) return 'oauth';
  if (path.startsWith('/_emulator')) return 'emulator';
  return 'other';
}

export function createSalesforceEmulator(options: SalesforceEmulatorOptions = {}): SalesforceEmulator {
  const clock = options.clock ?? (() => Date.now());
  const apiVersion = options.apiVersion ?? '62.0';
  const faults = new SalesforceFaults(() => state, clock);
  const state: SalesforceState = new SalesforceState(
    clock,
    faults,
    options.dailyApiLimit ?? 100_000,
    options.onRecordSaved ?? null,
  );
  const requestLog = new RequestLog();
  const app = express();
  app.disable('x-powered-by');
  // Bodies are read raw: the data API must see the declared content type and the exact bytes to
  // answer 415/400 as Salesforce does, and the token endpoint reads form encoding itself.
  app.use(express.raw({ type: () => true, limit: '50mb' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    res.on('finish', () => {
      requestLog.push({
        at: clock(),
        method: req.method,
        path,
        status: res.statusCode,
        orgId: typeof res.locals['orgId'] === 'string' ? res.locals['orgId'] : null,
        apiCall: res.locals['apiCall'] === true,
        kind: kindOf(path),
      });
    });
    next();
  });
  app.use('/services', async (_req: Request, _res: Response, next: NextFunction) => {
    const delay = (options.latencyMs ?? 0) + faults.latencyMs;
    if (delay > 0) await sleep(delay);
    next();
  });
  app.use('/services/oauth2', oauthRouter(state));
  app.use(
    '/services/data',
    dataApiHandler({ state, faults, latestVersion: apiVersion, soslLagMs: options.soslLagMs ?? 0 }),
  );
  app.use('/_emulator', emulatorRouter(state, faults, requestLog));
  app.use((_req: Request, res: Response) => {
    sendJson(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  return {
    app,
    state,
    faults,
    requestLog,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const server = app.listen(port, host, (err?: Error) => {
          if (err) return reject(err);
          const { port: bound } = server.address() as AddressInfo;
          resolve({
            url: `http://${host}:${bound}`,
            close: () =>
              new Promise<void>((done, fail) => {
                server.closeAllConnections();
                server.close((e) => (e ? fail(e) : done()));
              }),
          });
        });
      });
    },
  };
}
