import { Router } from 'express';
import type { AssociationTypeDef } from '../association-types.ts';
import { HubSpotApiError, notFound, validationError } from '../errors.ts';
import { auth, bodyObject, param } from '../http.ts';
import { customObjectType, resolveObjectType } from '../object-types.ts';
import { initObjectType, propertiesOf, type Portal } from '../portal.ts';
import { createPropertyDefinition, propertyView } from '../property-definitions.ts';
import type { RecordContext } from '../records.ts';
import type { CustomSchema } from '../types.ts';

// Custom object schemas: /crm/v3/schemas and /crm-object-schemas/v3/schemas (the path @hubspot/api-client
// uses). A schema gets an object type id 2-<n>, its properties, and USER_DEFINED association types to the
// objects named in `associatedObjects`.

const iso = (ms: number) => new Date(ms).toISOString();

function schemaView(portal: Portal, schema: CustomSchema) {
  const associations = portal.customAssociationTypes
    .filter((t) => t.fromObjectTypeId === schema.objectTypeId)
    .map((t) => ({
      id: String(t.typeId),
      fromObjectTypeId: t.fromObjectTypeId,
      toObjectTypeId: t.toObjectTypeId,
      name: `${schema.name}_to_${resolveObjectType(t.toObjectTypeId, portal.schemas.values())?.singular ?? t.toObjectTypeId}`.toUpperCase(),
      createdAt: iso(schema.createdAt),
      updatedAt: iso(schema.updatedAt),
    }));
  return {
    id: schema.objectTypeId.split('-')[1],
    objectTypeId: schema.objectTypeId,
    name: schema.name,
    fullyQualifiedName: schema.fullyQualifiedName,
    labels: schema.labels,
    description: schema.description,
    primaryDisplayProperty: schema.primaryDisplayProperty,
    requiredProperties: schema.requiredProperties,
    searchableProperties: schema.searchableProperties,
    secondaryDisplayProperties: schema.secondaryDisplayProperties,
    archived: schema.archived,
    properties: [...propertiesOf(portal, schema.objectTypeId).values()].map(propertyView),
    associations,
    createdAt: iso(schema.createdAt),
    updatedAt: iso(schema.updatedAt),
  };
}

const stringList = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

function createSchema(portal: Portal, records: RecordContext, body: Record<string, unknown>): CustomSchema {
  const now = records.clock();
  const name = body.name;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/i.test(name))
    throw validationError('name is required (letters, digits, underscores)');
  const labels = body.labels as { singular?: unknown; plural?: unknown } | undefined;
  if (typeof labels?.singular !== 'string' || typeof labels.plural !== 'string') {
    throw validationError('labels.singular and labels.plural are required');
  }
  if (
    [...portal.schemas.values()].some((s) => !s.archived && s.name === name.toLowerCase()) ||
    resolveObjectType(name, [])
  ) {
    throw new HubSpotApiError(409, {
      message: `An object type named '${name}' already exists.`,
      category: 'OBJECT_ALREADY_EXISTS',
    });
  }
  if (!Array.isArray(body.properties) || body.properties.length === 0)
    throw validationError('properties must list at least one property');
  const requiredProperties = stringList(body.requiredProperties);
  const propertyNames = body.properties.map((p) => String((p as { name?: unknown } | null)?.name));
  for (const required of [...requiredProperties, ...stringList(body.searchableProperties)]) {
    if (!propertyNames.includes(required)) throw validationError(`Property ${required} is not defined in properties`);
  }
  const primary = typeof body.primaryDisplayProperty === 'string' ? body.primaryDisplayProperty : propertyNames[0]!;
  if (!propertyNames.includes(primary))
    throw validationError(`primaryDisplayProperty ${primary} is not defined in properties`);

  const objectTypeId = `2-${records.nextId()}`;
  const lower = name.toLowerCase();
  const schema: CustomSchema = {
    objectTypeId,
    name: lower,
    labels: { singular: labels.singular, plural: labels.plural },
    fullyQualifiedName: `p${portal.portalId}_${lower}`,
    primaryDisplayProperty: primary,
    requiredProperties,
    searchableProperties: stringList(body.searchableProperties),
    secondaryDisplayProperties: stringList(body.secondaryDisplayProperties),
    description: typeof body.description === 'string' ? body.description : '',
    archived: false,
    createdAt: now,
    updatedAt: now,
  };
  const type = customObjectType(schema);
  const targets = stringList(body.associatedObjects).map((raw) => {
    const target = resolveObjectType(raw, portal.schemas.values());
    if (!target) throw validationError(`Unknown associated object ${raw}`);
    return target;
  });
  // Validate everything before the portal changes, so a refused schema leaves no trace.
  initObjectType(portal, objectTypeId, lower);
  try {
    const group = [...(portal.groups.get(objectTypeId)?.keys() ?? [])][0];
    const defs = body.properties.map((p) =>
      createPropertyDefinition(
        portal,
        type,
        (p ?? {}) as Record<string, unknown>,
        now,
        group === undefined ? {} : { defaultGroup: group },
      ),
    );
    for (const def of defs) propertiesOf(portal, objectTypeId).set(def.name, def);
  } catch (err) {
    portal.objects.delete(objectTypeId);
    portal.properties.delete(objectTypeId);
    portal.groups.delete(objectTypeId);
    throw err;
  }
  portal.schemas.set(objectTypeId, schema);
  for (const target of targets) {
    const forward = Number(records.nextId());
    const backward = Number(records.nextId());
    const defs: AssociationTypeDef[] = [
      {
        typeId: forward,
        category: 'USER_DEFINED',
        fromObjectTypeId: objectTypeId,
        toObjectTypeId: target.objectTypeId,
        label: null,
        inverse: backward,
      },
      {
        typeId: backward,
        category: 'USER_DEFINED',
        fromObjectTypeId: target.objectTypeId,
        toObjectTypeId: objectTypeId,
        label: null,
        inverse: forward,
      },
    ];
    portal.customAssociationTypes.push(...defs);
  }
  return schema;
}

function findSchema(portal: Portal, raw: string): CustomSchema {
  const type = resolveObjectType(raw, portal.schemas.values());
  const schema = type?.custom ? portal.schemas.get(type.objectTypeId) : undefined;
  if (!schema) throw notFound(`Unable to find object type ${raw}`);
  return schema;
}

export function schemaRoutes(records: RecordContext): Router {
  const r = Router();

  r.get('/', (_req, res) => {
    const { portal } = auth(res);
    res.json({ results: [...portal.schemas.values()].filter((s) => !s.archived).map((s) => schemaView(portal, s)) });
  });

  r.post('/', (req, res) => {
    const { portal } = auth(res);
    const schema = createSchema(portal, records, bodyObject(req));
    res.status(201).json(schemaView(portal, schema));
  });

  r.get('/:objectType', (req, res) => {
    const { portal } = auth(res);
    res.json(schemaView(portal, findSchema(portal, param(req, 'objectType'))));
  });

  r.delete('/:objectType', (req, res) => {
    const { portal } = auth(res);
    const schema = findSchema(portal, param(req, 'objectType'));
    const live = [...(portal.objects.get(schema.objectTypeId)?.values() ?? [])].some((rec) => !rec.archived);
    if (live) throw validationError(`Object type ${schema.name} still has records; archive them first`);
    schema.archived = true;
    res.status(204).end();
  });

  return r;
}
