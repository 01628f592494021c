/**
 * Single-record resources: `/sobjects`, `/sobjects/{T}`, `/sobjects/{T}/describe`, `/sobjects/{T}/{id}`
 * and `/sobjects/{T}/{externalIdField}/{value}` (upsert, get and delete by external id).
 */
import { createRecord, deleteRecord, updateRecord, upsertRecord } from '../dml/save.ts';
import type { SaveOutcome } from '../dml/save.ts';
import { ApiError, notFound, toRestError } from '../errors.ts';
import { isIdFormat, keyPrefixOf } from '../ids.ts';
import { describeGlobalEntry, describeObject } from '../schema/describe.ts';
import type { FieldDef, ObjectDef, RecordFields } from '../schema/types.ts';
import { fieldOf } from '../schema/types.ts';
import { recordUrl } from '../soql/execute.ts';
import { sameValue } from '../dml/org-rules.ts';
import type { StoredRecord } from '../store/org.ts';
import type { ApiContext, ApiResponse, Handler } from './types.ts';
import { json } from './types.ts';

export function requireObject(ctx: ApiContext, name: string): ObjectDef {
  const def = ctx.org.objectDef(name);
  if (!def) throw notFound();
  return def;
}

export function requireBodyObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiError.of(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function saveFailure(outcome: Extract<SaveOutcome, { ok: false }>): ApiResponse {
  const first = outcome.errors[0];
  const status = first && ['ENTITY_IS_DELETED', 'NOT_FOUND'].includes(first.errorCode) ? 404 : 400;
  if (first?.errorCode === 'INVALID_CROSS_REFERENCE_KEY' && first.fields.length === 0) throw notFound();
  return json(status, outcome.errors.map(toRestError));
}

export function recordBody(ctx: ApiContext, rec: StoredRecord, fields?: FieldDef[]): RecordFields {
  const def = ctx.org.requireObject(rec.type);
  const out: RecordFields = { attributes: { type: rec.type, url: recordUrl(ctx.versionBase, rec.type, rec.id) } };
  for (const f of fields ?? def.fields.values()) out[f.name] = rec.fields[f.name] ?? null;
  return out;
}

export function selectedFields(def: ObjectDef, raw: string | undefined): FieldDef[] | undefined {
  if (!raw) return undefined;
  return raw.split(',').map((name) => {
    const f = fieldOf(def, name.trim());
    if (!f) throw ApiError.of(400, 'INVALID_FIELD', `No such column '${name.trim()}' on sobject of type ${def.name}`);
    return f;
  });
}

/** The record a path id names, after the checks Salesforce makes on the id itself. */
function recordForPath(ctx: ApiContext, def: ObjectDef, id: string): StoredRecord {
  if (keyPrefixOf(id) !== def.keyPrefix) {
    throw ApiError.of(400, 'MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${id}`, ['Id']);
  }
  const rec = ctx.org.find(id);
  if (!rec || rec.type !== def.name || rec.deleted) throw notFound();
  return rec;
}

function externalIdField(def: ObjectDef, name: string): FieldDef {
  const f = fieldOf(def, name);
  if (!f || !(f.externalId || f.type === 'id')) {
    throw ApiError.of(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  return f;
}

export const describeGlobal: Handler = (ctx) =>
  json(200, {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: ctx.org.objectDefs().map((d) => describeGlobalEntry(d, ctx.versionBase)),
  });

export const sobjectInfo: Handler = (ctx, _req, [type]) => {
  const def = requireObject(ctx, type as string);
  return json(200, { objectDescribe: describeGlobalEntry(def, ctx.versionBase), recentItems: [] });
};

export const describe: Handler = (ctx, _req, [type]) =>
  json(200, describeObject(requireObject(ctx, type as string), ctx.versionBase));

export const create: Handler = (ctx, req, [type]) => {
  const def = requireObject(ctx, type as string);
  const outcome = createRecord(ctx.dml(), def, requireBodyObject(req.body));
  if (!outcome.ok) return saveFailure(outcome);
  return json(201, { id: outcome.id, success: true, errors: [] });
};

export const retrieve: Handler = (ctx, req, [type, id]) => {
  const def = requireObject(ctx, type as string);
  if (!isIdFormat(id)) externalIdField(def, id as string);
  const rec = recordForPath(ctx, def, id as string);
  return json(200, recordBody(ctx, rec, selectedFields(def, req.query['fields'])));
};

export const update: Handler = (ctx, req, [type, id]) => {
  const def = requireObject(ctx, type as string);
  if (!isIdFormat(id)) externalIdField(def, id as string);
  if (keyPrefixOf(id as string) !== def.keyPrefix) recordForPath(ctx, def, id as string);
  const outcome = updateRecord(ctx.dml(), def, id as string, requireBodyObject(req.body));
  return outcome.ok ? { status: 204 } : saveFailure(outcome);
};

export const destroy: Handler = (ctx, _req, [type, id]) => {
  const def = requireObject(ctx, type as string);
  if (!isIdFormat(id)) externalIdField(def, id as string);
  if (keyPrefixOf(id as string) !== def.keyPrefix) recordForPath(ctx, def, id as string);
  const outcome = deleteRecord(ctx.dml(), id as string, def.name);
  return outcome.ok ? { status: 204 } : saveFailure(outcome);
};

function matchesByExternalId(ctx: ApiContext, def: ObjectDef, field: FieldDef, value: string): StoredRecord[] {
  if (field.type === 'id') {
    const rec = ctx.org.find(value);
    return rec && rec.type === def.name && !rec.deleted ? [rec] : [];
  }
  return ctx.org.all(def.name).filter((r) => sameValue(field, r.fields[field.name], value));
}

function multipleChoices(ctx: ApiContext, def: ObjectDef, ids: string[]): ApiResponse {
  return json(
    300,
    ids.map((id) => recordUrl(ctx.versionBase, def.name, id)),
  );
}

export const upsert: Handler = (ctx, req, [type, fieldName, value]) => {
  const def = requireObject(ctx, type as string);
  const field = externalIdField(def, fieldName as string);
  const body = requireBodyObject(req.body);
  if (req.query['updateOnly'] === 'true' && matchesByExternalId(ctx, def, field, value as string).length === 0)
    throw notFound();
  const outcome = upsertRecord(ctx.dml(), def, field, value as string, body);
  if ('multiple' in outcome) return multipleChoices(ctx, def, outcome.multiple);
  if (!outcome.ok) return saveFailure(outcome);
  if (outcome.created) return json(201, { id: outcome.id, success: true, errors: [], created: true });
  // Before API 46.0 an update by external id answered 204 with no body.
  if (Number(ctx.version) < 46) return { status: 204 };
  return json(200, { id: outcome.id, success: true, errors: [], created: false });
};

export const retrieveByExternalId: Handler = (ctx, req, [type, fieldName, value]) => {
  const def = requireObject(ctx, type as string);
  const field = externalIdField(def, fieldName as string);
  const matches = matchesByExternalId(ctx, def, field, value as string);
  if (matches.length > 1)
    return multipleChoices(
      ctx,
      def,
      matches.map((m) => m.id),
    );
  const rec = matches[0];
  if (!rec) throw notFound();
  return json(200, recordBody(ctx, rec, selectedFields(def, req.query['fields'])));
};

export const destroyByExternalId: Handler = (ctx, _req, [type, fieldName, value]) => {
  const def = requireObject(ctx, type as string);
  const field = externalIdField(def, fieldName as string);
  const matches = matchesByExternalId(ctx, def, field, value as string);
  if (matches.length > 1)
    return multipleChoices(
      ctx,
      def,
      matches.map((m) => m.id),
    );
  const rec = matches[0];
  if (!rec) throw notFound();
  const outcome = deleteRecord(ctx.dml(), rec.id, def.name);
  return outcome.ok ? { status: 204 } : saveFailure(outcome);
};
