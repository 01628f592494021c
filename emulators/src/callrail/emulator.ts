/**
 * A CallRail API v3 emulator for the reconciliation job, its tests and the sandbox:
 *   GET /v3/a/{account_id}/calls.json       list (query semantics in query.ts)
 *   GET /v3/a/{account_id}/calls/{id}.json  one call
 * Auth is CallRail's header `Authorization: Token token="KEY"` (quotes optional); a missing or wrong
 * key, or a key of another account, answers 401. Faults are consumed one per request, before auth:
 * `serverErrors(n)` answers the next n requests 500, `rateLimit(n)` answers them 429 with `Retry-After`.
 */
import type { Server } from 'node:http';
import express from 'express';
import type { Request, Response } from 'express';
import { parseListQuery, projectCall, selectCalls } from './query.ts';
import { CallRailStore } from './store.ts';

export interface CallRailEmulatorOptions {
  /** The clock for `date_range` and open-ended date filters; defaults to the real time. */
  now?: () => Date;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  accountId: string | null;
}

export interface CallRailFaults {
  serverErrors(count: number): void;
  rateLimit(count: number, retryAfterSeconds?: number): void;
  clear(): void;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface CallRailEmulator {
  app: express.Express;
  state: CallRailStore;
  requestLog: LoggedRequest[];
  faults: CallRailFaults;
  listen(port?: number): Promise<RunningEmulator>;
}

const TOKEN_HEADER = /^Token\s+token="?([^"\s]+)"?\s*$/i;

function apiKeyFrom(req: Request): string | null {
  const header = req.get('authorization');
  return header === undefined ? null : (TOKEN_HEADER.exec(header)?.[1] ?? null);
}

export function createCallRailEmulator(options: CallRailEmulatorOptions = {}): CallRailEmulator {
  const now = options.now ?? ((): Date => new Date());
  const state = new CallRailStore();
  const requestLog: LoggedRequest[] = [];
  let serverErrors = 0;
  let rateLimited = 0;
  let retryAfter = 1;
  const faults: CallRailFaults = {
    serverErrors(count) {
      serverErrors = count;
    },
    rateLimit(count, retryAfterSeconds = 1) {
      rateLimited = count;
      retryAfter = retryAfterSeconds;
    },
    clear() {
      serverErrors = 0;
      rateLimited = 0;
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const params = /^\/v3\/a\/([^/]+)\//.exec(req.path);
    res.on('finish', () => {
      requestLog.push({
        method: req.method,
        path: req.path,
        query: { ...req.query },
        status: res.statusCode,
        accountId: params?.[1] ?? null,
      });
    });
    if (rateLimited > 0) {
      rateLimited -= 1;
      res.set('Retry-After', String(retryAfter)).status(429).json({ error: 'API rate limit exceeded' });
      return;
    }
    if (serverErrors > 0) {
      serverErrors -= 1;
      res.status(500).json({ error: 'Internal server error' });
      return;
    }
    next();
  });

  /** True when the request may read `accountId`; otherwise the 401 has been sent. */
  function authorize(req: Request, res: Response, accountId: string): boolean {
    const key = apiKeyFrom(req);
    const expected = state.apiKeyOf(accountId);
    if (key === null || expected === null || key !== expected) {
      res
        .set('WWW-Authenticate', 'Token realm="Application"')
        .status(401)
        .json({ error: 'HTTP Token: Access denied.' });
      return false;
    }
    return true;
  }

  app.get('/v3/a/:accountId/calls.json', (req, res) => {
    const accountId = req.params.accountId;
    if (!authorize(req, res, accountId)) return;
    const parsed = parseListQuery(req.query, now());
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
      return;
    }
    const query = parsed.query;
    const selected = selectCalls(state.listCalls(accountId), query);
    const pageIndex = query.relative ? query.offset : query.page - 1;
    const start = pageIndex * query.perPage;
    const calls = selected.slice(start, start + query.perPage).map((call) => projectCall(call, query.fields));
    if (query.relative) {
      const hasNext = start + query.perPage < selected.length;
      const next = new URL(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`);
      next.searchParams.set('offset', String(query.offset + 1));
      next.searchParams.set('relative_pagination', 'true');
      res.json({ per_page: query.perPage, has_next_page: hasNext, next_page: hasNext ? next.toString() : null, calls });
      return;
    }
    res.json({
      page: query.page,
      per_page: query.perPage,
      total_pages: Math.max(1, Math.ceil(selected.length / query.perPage)),
      total_records: selected.length,
      calls,
    });
  });

  app.get('/v3/a/:accountId/calls/:callId.json', (req, res) => {
    const accountId = req.params.accountId;
    if (!authorize(req, res, accountId)) return;
    const call = state.getCall(accountId, req.params.callId);
    if (call === null) {
      res.status(404).json({ error: 'Not found' });
      return;
    }
    const fields = typeof req.query['fields'] === 'string' ? req.query['fields'].split(',').map((f) => f.trim()) : [];
    res.json(projectCall(call, fields));
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });

  function listen(port = 0): Promise<RunningEmulator> {
    return new Promise((resolve, reject) => {
      const server: Server = app.listen(port, '127.0.0.1', (error?: Error) => {
        if (error) {
          reject(error);
          return;
        }
        const address = server.address();
        const actual = typeof address === 'object' && address !== null ? address.port : port;
        resolve({
          url: `http://127.0.0.1:${actual}`,
          port: actual,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((err) => (err ? fail(err) : done()));
              server.closeAllConnections();
            }),
        });
      });
    });
  }

  return { app, state, requestLog, faults, listen };
}
