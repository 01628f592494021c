import { Router, type Response } from 'express';
import { HubSpotApiError, validationError } from '../errors.ts';
import { auth, batchInputs, boolParam, param } from '../http.ts';
import type { ObjectTypeInfo } from '../object-types.ts';
import { requireObjectType } from '../portal.ts';
import { toApiObject } from '../record-view.ts';
import {
  archiveRecord,
  assertIdProperty,
  assertUnique,
  commitCreate,
  findRecord,
  prepareCreate,
  updateRecord,
  validateProperties,
  type RecordContext,
} from '../records.ts';
import type { StoredRecord } from '../types.ts';

// CRM v3 batch endpoints: create, read, update, upsert, archive, at most 100 inputs each. Validation
// failures refuse the whole batch (400); ids that do not exist come back as errors in a 207 multi-status.

interface StandardError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  links: Record<string, string>;
  errors: unknown[];
}

function batchResponse(res: Response, started: number, okStatus: number, results: unknown[], errors: StandardError[]) {
  const body: Record<string, unknown> = {
    status: 'COMPLETE',
    results,
    startedAt: new Date(started).toISOString(),
    completedAt: new Date(started).toISOString(),
  };
  if (errors.length > 0) {
    body.errors = errors;
    body.numErrors = errors.length;
  }
  res.status(errors.length > 0 ? 207 : okStatus).json(body);
}

function notFoundError(type: ObjectTypeInfo, ids: string[], action: string): StandardError {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not ${action} some ${type.enumName} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
    links: {},
    errors: [],
  };
}

function inputId(input: unknown): string {
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' && typeof id !== 'number')
    throw validationError('Invalid input JSON: each input needs an "id"');
  return String(id);
}

/** Unique values may not repeat inside one batch either. */
function assertUniqueWithinBatch(type: ObjectTypeInfo, all: Array<Record<string, string>>, uniqueNames: string[]) {
  for (const name of uniqueNames) {
    const seen = new Set<string>();
    for (const values of all) {
      const v = values[name];
      if (!v) continue;
      const k = name === 'email' ? v.toLowerCase() : v;
      if (seen.has(k)) {
        throw new HubSpotApiError(409, {
          message: `Duplicate value '${v}' for unique property '${name}' within one ${type.enumName} batch`,
          category: 'CONFLICT',
        });
      }
      seen.add(k);
    }
  }
}

export function batchRoutes(records: RecordContext): Router {
  const r = Router();

  r.post('/v3/objects/:objectType/batch/create', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const inputs = batchInputs(req);
    const prepared = inputs.map((input) => {
      const i = (input ?? {}) as { properties?: unknown; associations?: unknown };
      return prepareCreate(portal, type, { properties: i.properties, associations: i.associations });
    });
    const uniques = [...portal.properties.get(type.objectTypeId)!.values()]
      .filter((d) => d.hasUniqueValue)
      .map((d) => d.name);
    assertUniqueWithinBatch(
      type,
      prepared.map((p) => p.values),
      type.objectTypeId === '0-1' ? [...uniques, 'email'] : uniques,
    );
    const created = prepared.map((p) => commitCreate(records, portal, p));
    batchResponse(
      res,
      started,
      201,
      created.map((rec) => toApiObject(portal, type, rec, { allValues: true })),
      [],
    );
  });

  r.post('/v3/objects/:objectType/batch/read', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const body = req.body as { properties?: unknown; propertiesWithHistory?: unknown; idProperty?: unknown };
    const inputs = batchInputs(req);
    const idProperty = typeof body.idProperty === 'string' ? body.idProperty : undefined;
    if (idProperty) assertIdProperty(portal, type, idProperty);
    const archived = boolParam(req.query.archived);
    const view = {
      properties: Array.isArray(body.properties) ? body.properties.map(String) : undefined,
      propertiesWithHistory: Array.isArray(body.propertiesWithHistory)
        ? body.propertiesWithHistory.map(String)
        : undefined,
    };
    const found: StoredRecord[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = inputId(input);
      const record = findRecord(portal, type, id, idProperty, archived);
      if (record && record.archived === archived) {
        if (!found.includes(record)) found.push(record);
      } else missing.push(id);
    }
    const errors = missing.length > 0 ? [notFoundError(type, missing, 'get')] : [];
    batchResponse(
      res,
      started,
      200,
      found.map((rec) => toApiObject(portal, type, rec, view)),
      errors,
    );
  });

  r.post('/v3/objects/:objectType/batch/update', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const inputs = batchInputs(req);
    const planned: Array<{ record: StoredRecord; values: Record<string, string> }> = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = inputId(input);
      const i = input as { properties?: unknown; idProperty?: unknown };
      const idProperty = typeof i.idProperty === 'string' ? i.idProperty : undefined;
      if (idProperty) assertIdProperty(portal, type, idProperty);
      const values = validateProperties(portal, type, i.properties);
      const record = findRecord(portal, type, id, idProperty);
      if (!record) {
        missing.push(id);
        continue;
      }
      assertUnique(portal, type, values, record.id);
      planned.push({ record, values });
    }
    const updated = planned.map(({ record, values }) => updateRecord(records, portal, type, record, values));
    const errors = missing.length > 0 ? [notFoundError(type, missing, 'update')] : [];
    batchResponse(
      res,
      started,
      200,
      updated.map((rec) => toApiObject(portal, type, rec, { allValues: true })),
      errors,
    );
  });

  // Upsert by a unique identifier: update the record holding `id` in `idProperty`, or create one with it.
  r.post('/v3/objects/:objectType/batch/upsert', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const inputs = batchInputs(req);
    const plans = inputs.map((input) => {
      const i = (input ?? {}) as { properties?: unknown; idProperty?: unknown };
      const id = inputId(input);
      const idProperty = typeof i.idProperty === 'string' ? i.idProperty : 'hs_object_id';
      assertIdProperty(portal, type, idProperty);
      const existing = findRecord(portal, type, id, idProperty);
      if (existing) {
        const values = validateProperties(portal, type, i.properties);
        assertUnique(portal, type, values, existing.id);
        return { kind: 'update' as const, record: existing, values };
      }
      if (idProperty === 'hs_object_id') {
        throw validationError(
          `No ${type.enumName} with hs_object_id ${id}; upsert creates records only by a unique property`,
        );
      }
      const properties = { ...((i.properties ?? {}) as Record<string, unknown>), [idProperty]: id };
      return { kind: 'create' as const, prepared: prepareCreate(portal, type, { properties }) };
    });
    const results = plans.map((plan) => {
      const isNew = plan.kind === 'create';
      const record =
        plan.kind === 'create'
          ? commitCreate(records, portal, plan.prepared)
          : updateRecord(records, portal, type, plan.record, plan.values);
      return { ...toApiObject(portal, type, record, { allValues: true }), new: isNew };
    });
    batchResponse(res, started, 200, results, []);
  });

  r.post('/v3/objects/:objectType/batch/archive', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    for (const input of batchInputs(req)) {
      const record = findRecord(portal, type, inputId(input));
      if (record) archiveRecord(records, portal, record);
    }
    res.status(204).end();
  });

  return r;
}
