/**
 * sObject Collections: create, update and delete up to 200 records, retrieve many by id, and upsert
 * many by external id, each answering 200 with one SaveResult per record. With `allOrNone: true` a
 * single failure rolls every change back and the other records report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK; without it each record stands alone.
 */
import { createRecord, deleteRecord, updateRecord, upsertRecord } from '../dml/save.ts';
import type { SaveOutcome, UpsertOutcome } from '../dml/save.ts';
import type { DmlError } from '../errors.ts';
import { ApiError, dmlError, toSaveResultError } from '../errors.ts';
import { fieldOf } from '../schema/types.ts';
import type { ApiContext, ApiRequest, Handler } from './types.ts';
import { json } from './types.ts';
import { recordBody, requireBodyObject, requireObject, selectedFields } from './sobject-routes.ts';

const MAX_RECORDS = 200;
const ROLLED_BACK = dmlError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
  [],
);

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function readCollection(req: ApiRequest): CollectionBody {
  const body = requireBodyObject(req.body);
  const records = body['records'];
  if (!Array.isArray(records) || records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw ApiError.of(400, 'JSON_PARSER_ERROR', 'records must be an array of sObjects');
  }
  if (records.length > MAX_RECORDS) {
    throw ApiError.of(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  return { allOrNone: body['allOrNone'] === true, records: records as Record<string, unknown>[] };
}

function typeOf(record: Record<string, unknown>): string | null {
  const attributes = record['attributes'];
  const type =
    attributes && typeof attributes === 'object' ? (attributes as Record<string, unknown>)['type'] : undefined;
  return typeof type === 'string' ? type : null;
}

function withoutMeta(record: Record<string, unknown>, drop: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== 'attributes' && !drop.includes(k)) out[k] = v;
  return out;
}

/** Runs one save per item, then applies all-or-none: undo everything if any item failed. */
function runAll(ctx: ApiContext, requested: boolean, items: (() => UpsertOutcome)[], upsert: boolean) {
  const allOrNone = requested || ctx.forceAllOrNone;
  const snapshot = ctx.org.snapshot();
  const outcomes = items.map((run) => run());
  const failed = outcomes.some((o) => !o.ok);
  if (allOrNone && failed) ctx.org.restore(snapshot);
  return outcomes.map((o) => {
    const created = upsert ? { created: o.ok ? o.created : false } : {};
    if ('multiple' in o) {
      const err = dmlError(
        'DUPLICATE_EXTERNAL_ID',
        `more than one record found for external id field: [${o.multiple.join(', ')}]`,
        [],
      );
      return { success: false, errors: [toSaveResultError(err)], ...created };
    }
    if (o.ok && allOrNone && failed) return { success: false, errors: [toSaveResultError(ROLLED_BACK)], ...created };
    if (o.ok) return { id: o.id, success: true, errors: [], ...created };
    return { ...(o.id ? { id: o.id } : {}), success: false, errors: o.errors.map(toSaveResultError), ...created };
  });
}

function failure(error: DmlError, id?: string): SaveOutcome {
  return id ? { ok: false, id, errors: [error] } : { ok: false, errors: [error] };
}

function objectFor(ctx: ApiContext, record: Record<string, unknown>) {
  const type = typeOf(record);
  if (!type) return { error: dmlError('INVALID_TYPE', 'Must send a concrete entity type.', []) };
  const def = ctx.org.objectDef(type);
  return def ? { def } : { error: dmlError('INVALID_TYPE', `sObject type '${type}' is not supported.`, []) };
}

export const createMany: Handler = (ctx, req) => {
  const { allOrNone, records } = readCollection(req);
  const items = records.map((record) => () => {
    const found = objectFor(ctx, record);
    if ('error' in found) return failure(found.error as DmlError);
    return createRecord(ctx.dml(), found.def, withoutMeta(record, []));
  });
  return json(200, runAll(ctx, allOrNone, items, false));
};

export const updateMany: Handler = (ctx, req) => {
  const { allOrNone, records } = readCollection(req);
  const items = records.map((record) => () => {
    const id = record['id'] ?? record['Id'];
    if (typeof id !== 'string' || id === '')
      return failure(dmlError('MISSING_ARGUMENT', 'Id not specified in an update call', []));
    const found = objectFor(ctx, record);
    if ('error' in found) return failure(found.error as DmlError, id);
    return updateRecord(ctx.dml(), found.def, id, withoutMeta(record, ['id', 'Id']));
  });
  return json(200, runAll(ctx, allOrNone, items, false));
};

export const deleteMany: Handler = (ctx, req) => {
  const ids = (req.query['ids'] ?? '').split(',').filter((s) => s !== '');
  if (ids.length === 0) throw ApiError.of(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  if (ids.length > MAX_RECORDS) {
    throw ApiError.of(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  const items = ids.map((id) => () => deleteRecord(ctx.dml(), id));
  return json(200, runAll(ctx, req.query['allOrNone'] === 'true', items, false));
};

/** GET with `?ids=&fields=` or POST with `{ids, fields}`: one record (or null) per id, in order. */
export const retrieveMany: Handler = (ctx, req, [type]) => {
  const def = requireObject(ctx, type as string);
  let ids: unknown = req.query['ids']?.split(',');
  let fields: unknown = req.query['fields'];
  if (req.method === 'POST') {
    const body = requireBodyObject(req.body);
    ids = body['ids'];
    fields = Array.isArray(body['fields']) ? body['fields'].join(',') : body['fields'];
  }
  if (!Array.isArray(ids) || typeof fields !== 'string' || fields === '') {
    throw ApiError.of(400, 'MISSING_ARGUMENT', 'Both ids and fields are required');
  }
  const wanted = selectedFields(def, fields);
  return json(
    200,
    ids.map((id) => {
      const rec = typeof id === 'string' ? ctx.org.find(id) : undefined;
      return rec && rec.type === def.name && !rec.deleted ? recordBody(ctx, rec, wanted) : null;
    }),
  );
};

export const upsertMany: Handler = (ctx, req, [type, fieldName]) => {
  const def = requireObject(ctx, type as string);
  const field = fieldOf(def, fieldName as string);
  if (!field || !(field.externalId || field.type === 'id')) {
    throw ApiError.of(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const { allOrNone, records } = readCollection(req);
  const items = records.map((record) => (): UpsertOutcome => {
    const key = Object.keys(record).find((k) => k.toLowerCase() === field.name.toLowerCase());
    const value = key ? record[key] : undefined;
    if (value === undefined || value === null || value === '') {
      return failure(dmlError('MISSING_ARGUMENT', `${field.name} not specified`, [field.name]));
    }
    const recordType = typeOf(record);
    if (recordType && recordType.toLowerCase() !== def.name.toLowerCase()) {
      return failure(dmlError('INVALID_TYPE', `Record type ${recordType} does not match ${def.name}`, []));
    }
    return upsertRecord(ctx.dml(), def, field, String(value), withoutMeta(record, key ? [key] : []));
  });
  return json(200, runAll(ctx, allOrNone, items, true));
};
