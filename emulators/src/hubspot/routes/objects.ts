import { Router } from 'express';
import { notFound } from '../errors.ts';
import { auth, bodyObject, boolParam, intParam, listParam, param, stringParam } from '../http.ts';
import { recordsOf, requireObjectType } from '../portal.ts';
import { toApiObject } from '../record-view.ts';
import {
  archiveRecord,
  assertIdProperty,
  assertUnique,
  createRecord,
  findRecord,
  updateRecord,
  validateProperties,
  type RecordContext,
} from '../records.ts';

// CRM v3 basic object endpoints: /crm/v3/objects/{objectType}[/{objectId}].

export function objectRoutes(records: RecordContext): Router {
  const r = Router();

  r.get('/v3/objects/:objectType', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const limit = intParam(req.query.limit, 'limit', 10, 1, 100);
    const after = stringParam(req.query.after);
    const archived = boolParam(req.query.archived);
    const all = [...recordsOf(portal, type.objectTypeId).values()]
      .filter((rec) => rec.archived === archived)
      .filter((rec) => after === undefined || Number(rec.id) > Number(after))
      .sort((a, b) => Number(a.id) - Number(b.id));
    const page = all.slice(0, limit);
    const view = {
      properties: listParam(req.query.properties),
      propertiesWithHistory: listParam(req.query.propertiesWithHistory),
      associations: listParam(req.query.associations),
    };
    const body: Record<string, unknown> = { results: page.map((rec) => toApiObject(portal, type, rec, view)) };
    const last = page[page.length - 1];
    if (all.length > limit && last) {
      body.paging = { next: { after: last.id, link: `?after=${last.id}` } };
    }
    res.json(body);
  });

  r.post('/v3/objects/:objectType', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const body = bodyObject(req);
    const record = createRecord(records, portal, type, {
      properties: body.properties,
      associations: body.associations,
    });
    res.status(201).json(toApiObject(portal, type, record, { allValues: true }));
  });

  r.get('/v3/objects/:objectType/:objectId', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const idProperty = stringParam(req.query.idProperty);
    if (idProperty) assertIdProperty(portal, type, idProperty);
    const record = findRecord(portal, type, param(req, 'objectId'), idProperty, boolParam(req.query.archived));
    if (!record) throw notFound();
    res.json(
      toApiObject(portal, type, record, {
        properties: listParam(req.query.properties),
        propertiesWithHistory: listParam(req.query.propertiesWithHistory),
        associations: listParam(req.query.associations),
      }),
    );
  });

  r.patch('/v3/objects/:objectType/:objectId', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    const idProperty = stringParam(req.query.idProperty);
    if (idProperty) assertIdProperty(portal, type, idProperty);
    const record = findRecord(portal, type, param(req, 'objectId'), idProperty);
    if (!record) throw notFound();
    const values = validateProperties(portal, type, bodyObject(req).properties);
    assertUnique(portal, type, values, record.id);
    updateRecord(records, portal, type, record, values);
    res.json(toApiObject(portal, type, record, { allValues: true }));
  });

  r.delete('/v3/objects/:objectType/:objectId', (req, res) => {
    const { portal } = auth(res);
    const type = requireObjectType(portal, param(req, 'objectType'));
    // Archiving a missing or already archived record is not an error in HubSpot: it answers 204 either way.
    const record = findRecord(portal, type, param(req, 'objectId'));
    if (record) archiveRecord(records, portal, record);
    res.status(204).end();
  });

  return r;
}
