/**
 * Maps a data-API path below `/services/data/vXX.X` to its handler. Unknown paths answer 404
 * NOT_FOUND and known paths with an unsupported method 405, as Salesforce does.
 */
import { ApiError, notFound } from '../errors.ts';
import * as collections from './collection-routes.ts';
import { compositeHandler } from './composite-route.ts';
import * as queries from './query-routes.ts';
import * as sobjects from './sobject-routes.ts';
import type { ApiContext, ApiRequest, ApiResponse, Handler } from './types.ts';
import { json } from './types.ts';

type Route = { pattern: RegExp; methods: Record<string, Handler> };

const SEG = '([^/]+)';

function resources(ctx: ApiContext): ApiResponse {
  const base = ctx.versionBase;
  return json(200, {
    sobjects: `${base}/sobjects`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    search: `${base}/search`,
    composite: `${base}/composite`,
    limits: `${base}/limits`,
  });
}

function buildRoutes(): Route[] {
  const routes: Route[] = [
    { pattern: /^\/?$/, methods: { GET: resources } },
    { pattern: /^\/limits\/?$/, methods: { GET: queries.limits } },
    { pattern: /^\/query\/?$/, methods: { GET: queries.query } },
    { pattern: new RegExp(`^/query/${SEG}$`), methods: { GET: queries.queryMore } },
    { pattern: /^\/queryAll\/?$/, methods: { GET: queries.queryAll } },
    { pattern: new RegExp(`^/queryAll/${SEG}$`), methods: { GET: queries.queryMore } },
    { pattern: /^\/search\/?$/, methods: { GET: queries.search } },
    {
      pattern: /^\/composite\/sobjects\/?$/,
      methods: { POST: collections.createMany, PATCH: collections.updateMany, DELETE: collections.deleteMany },
    },
    {
      pattern: new RegExp(`^/composite/sobjects/${SEG}$`),
      methods: { GET: collections.retrieveMany, POST: collections.retrieveMany },
    },
    { pattern: new RegExp(`^/composite/sobjects/${SEG}/${SEG}$`), methods: { PATCH: collections.upsertMany } },
    { pattern: /^\/sobjects\/?$/, methods: { GET: sobjects.describeGlobal } },
    { pattern: new RegExp(`^/sobjects/${SEG}/describe/?$`), methods: { GET: sobjects.describe } },
    { pattern: new RegExp(`^/sobjects/${SEG}/?$`), methods: { GET: sobjects.sobjectInfo, POST: sobjects.create } },
    {
      pattern: new RegExp(`^/sobjects/${SEG}/${SEG}$`),
      methods: { GET: sobjects.retrieve, PATCH: sobjects.update, DELETE: sobjects.destroy },
    },
    {
      pattern: new RegExp(`^/sobjects/${SEG}/${SEG}/${SEG}$`),
      methods: { GET: sobjects.retrieveByExternalId, PATCH: sobjects.upsert, DELETE: sobjects.destroyByExternalId },
    },
  ];
  routes.push({ pattern: /^\/composite\/?$/, methods: { POST: compositeHandler(dispatch) } });
  return routes;
}

let routes: Route[] | null = null;

/** Runs one data-API request (top-level or a composite subrequest); request-level errors become responses. */
export function dispatch(ctx: ApiContext, req: ApiRequest): ApiResponse {
  routes ??= buildRoutes();
  try {
    for (const route of routes) {
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      const handler = route.methods[req.method];
      if (!handler) {
        const allowed = Object.keys(route.methods).join(',');
        throw ApiError.of(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are ${allowed}`);
      }
      const params = m.slice(1).map((p) => decodeURIComponent(p));
      return handler(ctx, req, params);
    }
    throw notFound();
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, body: err.body };
    throw err;
  }
}
