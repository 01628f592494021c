import { Router } from 'express';
import { HubSpotApiError, notFound, validationError } from '../errors.ts';
import { auth, batchInputs, bodyObject, boolParam, param } from '../http.ts';
import { groupsOf, propertiesOf, requireObjectType } from '../portal.ts';
import { createPropertyDefinition, propertyView, updatePropertyDefinition } from '../property-definitions.ts';
import type { RecordContext } from '../records.ts';
import type { PropertyGroup } from '../types.ts';

// Properties API: /crm/v3/properties/{objectType}[/{propertyName}], /groups, and batch create/read/archive.

const groupView = (g: PropertyGroup) => ({
  name: g.name,
  label: g.label,
  displayOrder: g.displayOrder,
  archived: g.archived,
});

export function propertyRoutes(records: RecordContext): Router {
  const r = Router();

  r.get('/v3/properties/:objectType/groups', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    res.json({ results: [...groupsOf(portal, type.objectTypeId).values()].filter((g) => !g.archived).map(groupView) });
  });

  r.post('/v3/properties/:objectType/groups', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const body = bodyObject(req);
    if (typeof body.name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(body.name)) {
      throw validationError(`Invalid group name ${JSON.stringify(body.name)}`);
    }
    if (typeof body.label !== 'string' || body.label === '') throw validationError('label is required');
    const groups = groupsOf(portal, type.objectTypeId);
    if (groups.get(body.name)?.archived === false) {
      throw new HubSpotApiError(409, {
        message: `Property group named '${body.name}' already exists.`,
        category: 'OBJECT_ALREADY_EXISTS',
      });
    }
    const group: PropertyGroup = {
      name: body.name,
      label: body.label,
      displayOrder: typeof body.displayOrder === 'number' ? body.displayOrder : -1,
      archived: false,
    };
    groups.set(group.name, group);
    res.status(201).json(groupView(group));
  });

  r.get('/v3/properties/:objectType/groups/:groupName', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const group = groupsOf(portal, type.objectTypeId).get(param(req, 'groupName'));
    if (!group || group.archived) throw notFound();
    res.json(groupView(group));
  });

  r.patch('/v3/properties/:objectType/groups/:groupName', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const group = groupsOf(portal, type.objectTypeId).get(param(req, 'groupName'));
    if (!group || group.archived) throw notFound();
    const body = bodyObject(req);
    if (typeof body.label === 'string') group.label = body.label;
    if (typeof body.displayOrder === 'number') group.displayOrder = body.displayOrder;
    res.json(groupView(group));
  });

  r.delete('/v3/properties/:objectType/groups/:groupName', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const group = groupsOf(portal, type.objectTypeId).get(param(req, 'groupName'));
    if (group) group.archived = true;
    res.status(204).end();
  });

  r.post('/v3/properties/:objectType/batch/create', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const now = records.clock();
    const defs = batchInputs(req).map((input) =>
      createPropertyDefinition(portal, type, (input ?? {}) as Record<string, unknown>, now),
    );
    const props = propertiesOf(portal, type.objectTypeId);
    for (const def of defs) props.set(def.name, def);
    const at = new Date(now).toISOString();
    res.status(201).json({ status: 'COMPLETE', results: defs.map(propertyView), startedAt: at, completedAt: at });
  });

  r.post('/v3/properties/:objectType/batch/read', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const props = propertiesOf(portal, type.objectTypeId);
    const at = new Date(records.clock()).toISOString();
    const results = batchInputs(req)
      .map((input) => props.get(String((input as { name?: unknown } | null)?.name)))
      .filter((d) => d !== undefined && !d.archived)
      .map((d) => propertyView(d!));
    res.json({ status: 'COMPLETE', results, startedAt: at, completedAt: at });
  });

  r.post('/v3/properties/:objectType/batch/archive', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const props = propertiesOf(portal, type.objectTypeId);
    for (const input of batchInputs(req)) {
      const def = props.get(String((input as { name?: unknown } | null)?.name));
      if (def && !def.hubspotDefined) def.archived = true;
    }
    res.status(204).end();
  });

  r.get('/v3/properties/:objectType', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const archived = boolParam(req.query.archived);
    const defs = [...propertiesOf(portal, type.objectTypeId).values()].filter((d) => d.archived === archived);
    res.json({ results: defs.map(propertyView) });
  });

  r.post('/v3/properties/:objectType', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const def = createPropertyDefinition(portal, type, bodyObject(req), records.clock());
    propertiesOf(portal, type.objectTypeId).set(def.name, def);
    res.status(201).json(propertyView(def));
  });

  r.get('/v3/properties/:objectType/:propertyName', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const def = propertiesOf(portal, type.objectTypeId).get(param(req, 'propertyName'));
    if (!def || def.archived !== boolParam(req.query.archived)) throw notFound();
    res.json(propertyView(def));
  });

  r.patch('/v3/properties/:objectType/:propertyName', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const def = propertiesOf(portal, type.objectTypeId).get(param(req, 'propertyName'));
    if (!def || def.archived) throw notFound();
    updatePropertyDefinition(portal, type, def, bodyObject(req), records.clock());
    res.json(propertyView(def));
  });

  r.delete('/v3/properties/:objectType/:propertyName', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const def = propertiesOf(portal, type.objectTypeId).get(param(req, 'propertyName'));
    if (def?.hubspotDefined) throw validationError(`HubSpot-defined property ${def.name} cannot be archived`);
    if (def) def.archived = true;
    res.status(204).end();
  });

  return r;
}
