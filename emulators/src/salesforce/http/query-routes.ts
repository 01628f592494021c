/**
 * `/query`, `/queryAll`, their `nextRecordsUrl` locators, `/search` (SOSL) and `/limits`.
 * Query results are cut into batches of 2,000 rows by default; `Sforce-Query-Options: batchSize=n`
 * asks for 200–2,000 (Salesforce treats the size as a hint and clamps it).
 */
import { ApiError } from '../errors.ts';
import type { RecordFields } from '../schema/types.ts';
import { runSoql } from '../soql/execute.ts';
import { parseSosl } from '../sosl/parser.ts';
import { runSosl } from '../sosl/execute.ts';
import type { ApiContext, ApiResponse, Handler } from './types.ts';
import { json } from './types.ts';

const DEFAULT_BATCH = 2000;
const CURSOR_TTL_MS = 15 * 60_000;

function batchSize(header: string | undefined): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!m) return DEFAULT_BATCH;
  return Math.min(2000, Math.max(200, Number(m[1])));
}

function page(
  ctx: ApiContext,
  cursorId: string,
  records: RecordFields[],
  from: number,
  size: number,
  scanAll: boolean,
): ApiResponse {
  const slice = records.slice(from, from + size);
  const next = from + size;
  const done = next >= records.length;
  return json(200, {
    totalSize: records.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `${ctx.versionBase}/${scanAll ? 'queryAll' : 'query'}/${cursorId}-${next}` }),
    records: slice,
  });
}

function runQuery(ctx: ApiContext, q: string | undefined, scanAll: boolean, header: string | undefined): ApiResponse {
  if (!q) throw ApiError.of(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const run = runSoql(ctx.org, q, { scanAll, now: ctx.now, versionBase: ctx.versionBase });
  if (run.records.length === 0) return json(200, { totalSize: run.totalSize, done: true, records: [] });
  const size = batchSize(header);
  const cursorId = ctx.org.nextCursorId();
  if (run.records.length > size) {
    ctx.org.cursors.set(cursorId, { records: run.records, batchSize: size, scanAll, createdAt: ctx.now });
  }
  return page(ctx, cursorId, run.records, 0, size, scanAll);
}

export const query: Handler = (ctx, req) => runQuery(ctx, req.query['q'], false, req.headers['sforce-query-options']);
export const queryAll: Handler = (ctx, req) => runQuery(ctx, req.query['q'], true, req.headers['sforce-query-options']);

export const queryMore: Handler = (ctx, _req, [locator]) => {
  const m = /^(.+)-(\d+)$/.exec(locator ?? '');
  const cursor = m ? ctx.org.cursors.get(m[1] as string) : undefined;
  if (!m || !cursor || ctx.now - cursor.createdAt > CURSOR_TTL_MS) {
    throw ApiError.of(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  return page(ctx, m[1] as string, cursor.records, Number(m[2]), cursor.batchSize, cursor.scanAll);
};

export const search: Handler = (ctx, req) => {
  const q = req.query['q'];
  if (!q)
    throw ApiError.of(400, 'MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
  return json(
    200,
    runSosl(ctx.org, parseSosl(q), { now: ctx.now, lagMs: ctx.soslLagMs, versionBase: ctx.versionBase }),
  );
};

export const limits: Handler = (ctx) =>
  json(200, {
    DailyApiRequests: { Max: ctx.org.dailyApiLimit, Remaining: Math.max(0, ctx.org.dailyApiLimit - ctx.org.apiUsage) },
    DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    DataStorageMB: { Max: 1024, Remaining: 1024 },
    SingleEmail: { Max: 5000, Remaining: 5000 },
  });
