import { Router } from 'express';
import {
  addAssociation,
  associationsFrom,
  defaultTypeBetween,
  removeAssociation,
  requireTypeForPair,
  typesBetween,
} from '../associations-store.ts';
import type { AssociationTypeDef } from '../association-types.ts';
import { validationError } from '../errors.ts';
import { auth, batchInputs, intParam, param, stringParam } from '../http.ts';
import type { ObjectTypeInfo } from '../object-types.ts';
import { recordsOf, requireObjectType, type Portal } from '../portal.ts';
import { invalidObjectIds, type RecordContext } from '../records.ts';

// Associations v4: single and batch create (labeled or default), read, archive, and the label definitions
// of a pair. Type ids are checked against the pair; record ids against the portal's live records.

const iso = (ms: number) => new Date(ms).toISOString();

function requireRecord(portal: Portal, type: ObjectTypeInfo, id: string): void {
  const record = recordsOf(portal, type.objectTypeId).get(id);
  if (!record || record.archived) throw invalidObjectIds(type, [id]);
}

function typeView(t: AssociationTypeDef) {
  return { category: t.category, typeId: t.typeId, label: t.label };
}

function labelsBetween(from: ObjectTypeInfo, fromId: string, to: ObjectTypeInfo, toId: string, labels: string[]) {
  return {
    fromObjectTypeId: from.objectTypeId,
    fromObjectId: Number(fromId),
    toObjectTypeId: to.objectTypeId,
    toObjectId: Number(toId),
    labels,
  };
}

function pair(req: { params: Record<string, string | undefined> }, portal: Portal, fromKey: string, toKey: string) {
  return {
    from: requireObjectType(portal, String(req.params[fromKey])),
    to: requireObjectType(portal, String(req.params[toKey])),
  };
}

function objectId(raw: unknown, what: string): string {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' && typeof id !== 'number')
    throw validationError(`Invalid input JSON: "${what}.id" is required`);
  return String(id);
}

export function associationRoutes(records: RecordContext): Router {
  const r = Router();

  // Labeled (or explicitly typed) association between two records.
  r.put('/v4/objects/:fromType/:fromId/associations/:toType/:toId', (req, res) => {
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    const fromId = param(req, 'fromId');
    const toId = param(req, 'toId');
    if (!Array.isArray(req.body) || req.body.length === 0) {
      throw validationError('Invalid input JSON: an array of association specs was expected');
    }
    const defs = (req.body as unknown[]).map((spec) => requireTypeForPair(portal, spec, from, to));
    requireRecord(portal, from, fromId);
    requireRecord(portal, to, toId);
    for (const def of defs) addAssociation(portal, def, fromId, toId);
    const labels = defs.map((d) => d.label).filter((l): l is string => l !== null);
    res.status(201).json(labelsBetween(from, fromId, to, toId, labels));
  });

  r.put('/v4/objects/:fromType/:fromId/associations/default/:toType/:toId', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    const fromId = param(req, 'fromId');
    const toId = param(req, 'toId');
    const def = defaultTypeBetween(portal, from.objectTypeId, to.objectTypeId);
    if (!def) throw validationError(`${from.enumName} records cannot be associated with ${to.enumName} records`);
    requireRecord(portal, from, fromId);
    requireRecord(portal, to, toId);
    addAssociation(portal, def, fromId, toId);
    res.json({
      status: 'COMPLETE',
      results: [
        {
          from: { id: fromId },
          to: { id: toId },
          associationSpec: { associationCategory: def.category, associationTypeId: def.typeId },
        },
      ],
      startedAt: iso(started),
      completedAt: iso(started),
    });
  });

  r.delete('/v4/objects/:fromType/:fromId/associations/:toType/:toId', (req, res) => {
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    removeAssociation(portal, from.objectTypeId, param(req, 'fromId'), to.objectTypeId, param(req, 'toId'));
    res.status(204).end();
  });

  r.get('/v4/objects/:fromType/:fromId/associations/:toType', (req, res) => {
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    const limit = intParam(req.query.limit, 'limit', 500, 1, 500);
    const after = stringParam(req.query.after);
    const all = associationsFrom(portal, from.objectTypeId, param(req, 'fromId'), to.objectTypeId).filter(
      (a) => after === undefined || Number(a.toObjectId) > Number(after),
    );
    const page = all.slice(0, limit);
    const body: Record<string, unknown> = {
      results: page.map((a) => ({ toObjectId: Number(a.toObjectId), associationTypes: a.types.map(typeView) })),
    };
    const last = page[page.length - 1];
    if (all.length > limit && last)
      body.paging = { next: { after: last.toObjectId, link: `?after=${last.toObjectId}` } };
    res.json(body);
  });

  r.post('/v4/associations/:fromType/:toType/batch/create', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    const planned = batchInputs(req).map((input) => {
      const i = (input ?? {}) as { from?: unknown; to?: unknown; types?: unknown };
      if (!Array.isArray(i.types) || i.types.length === 0)
        throw validationError('Invalid input JSON: "types" is required');
      const defs = (i.types as unknown[]).map((spec) => requireTypeForPair(portal, spec, from, to));
      const fromId = objectId(i.from, 'from');
      const toId = objectId(i.to, 'to');
      requireRecord(portal, from, fromId);
      requireRecord(portal, to, toId);
      return { fromId, toId, defs };
    });
    const results = planned.map(({ fromId, toId, defs }) => {
      for (const def of defs) addAssociation(portal, def, fromId, toId);
      return labelsBetween(
        from,
        fromId,
        to,
        toId,
        defs.map((d) => d.label).filter((l): l is string => l !== null),
      );
    });
    res.status(201).json({ status: 'COMPLETE', results, startedAt: iso(started), completedAt: iso(started) });
  });

  r.post('/v4/associations/:fromType/:toType/batch/associate/default', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    const def = defaultTypeBetween(portal, from.objectTypeId, to.objectTypeId);
    if (!def) throw validationError(`${from.enumName} records cannot be associated with ${to.enumName} records`);
    const planned = batchInputs(req, 2000).map((input) => {
      const i = (input ?? {}) as { from?: unknown; to?: unknown };
      const fromId = objectId(i.from, 'from');
      const toId = objectId(i.to, 'to');
      requireRecord(portal, from, fromId);
      requireRecord(portal, to, toId);
      return { fromId, toId };
    });
    const results = planned.map(({ fromId, toId }) => {
      addAssociation(portal, def, fromId, toId);
      return {
        from: { id: fromId },
        to: { id: toId },
        associationSpec: { associationCategory: def.category, associationTypeId: def.typeId },
      };
    });
    res.json({ status: 'COMPLETE', results, startedAt: iso(started), completedAt: iso(started) });
  });

  r.post('/v4/associations/:fromType/:toType/batch/read', (req, res) => {
    const started = records.clock();
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of batchInputs(req, 1000)) {
      const id = objectId(input, 'inputs[]');
      const found = associationsFrom(portal, from.objectTypeId, id, to.objectTypeId);
      if (found.length === 0) {
        missing.push(id);
        continue;
      }
      results.push({
        from: { id },
        to: found.map((a) => ({ toObjectId: Number(a.toObjectId), associationTypes: a.types.map(typeView) })),
      });
    }
    const body: Record<string, unknown> = {
      status: 'COMPLETE',
      results,
      startedAt: iso(started),
      completedAt: iso(started),
    };
    if (missing.length > 0) {
      body.errors = missing.map((id) => ({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: `No ${to.enumName} is associated with ${from.enumName} ${id}.`,
        context: { fromObjectId: [id] },
        links: {},
        errors: [],
      }));
      body.numErrors = missing.length;
    }
    res.status(missing.length > 0 ? 207 : 200).json(body);
  });

  r.post('/v4/associations/:fromType/:toType/batch/archive', (req, res) => {
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    for (const input of batchInputs(req, 2000)) {
      const i = (input ?? {}) as { from?: unknown; to?: unknown };
      const fromId = objectId(i.from, 'from');
      const targets = Array.isArray(i.to) ? i.to : [i.to];
      for (const t of targets) removeAssociation(portal, from.objectTypeId, fromId, to.objectTypeId, objectId(t, 'to'));
    }
    res.status(204).end();
  });

  // Association type definitions of a pair (the schema API), so clients can discover valid type ids.
  r.get('/v4/associations/:fromType/:toType/labels', (req, res) => {
    const { portal } = auth(res);
    const { from, to } = pair(req, portal, 'fromType', 'toType');
    res.json({ results: typesBetween(portal, from.objectTypeId, to.objectTypeId).map(typeView) });
  });

  return r;
}
