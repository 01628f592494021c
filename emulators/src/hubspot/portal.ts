import type { AssociationTypeDef } from './association-types.ts';
import { defaultGroups, defaultProperties } from './default-properties.ts';
import { STANDARD_OBJECT_TYPES, resolveObjectType, type ObjectTypeInfo } from './object-types.ts';
import type { CustomSchema, Owner, PropertyDefinition, PropertyGroup, StoredRecord } from './types.ts';
import { HubSpotApiError } from './errors.ts';

// One HubSpot account ("portal", "hub"): its records, property definitions, custom object schemas,
// associations and owners. Nothing is shared between portals except the id sequence.

export interface Portal {
  portalId: number;
  objects: Map<string, Map<string, StoredRecord>>;
  properties: Map<string, Map<string, PropertyDefinition>>;
  groups: Map<string, Map<string, PropertyGroup>>;
  schemas: Map<string, CustomSchema>;
  customAssociationTypes: AssociationTypeDef[];
  /** `${fromTypeId}:${fromId}` → `${toTypeId}:${toId}` → association type ids. */
  associations: Map<string, Map<string, Set<number>>>;
  owners: Map<string, Owner>;
}

export function createPortal(portalId: number): Portal {
  const portal: Portal = {
    portalId,
    objects: new Map(),
    properties: new Map(),
    groups: new Map(),
    schemas: new Map(),
    customAssociationTypes: [],
    associations: new Map(),
    owners: new Map(),
  };
  for (const type of STANDARD_OBJECT_TYPES) initObjectType(portal, type.objectTypeId);
  return portal;
}

/** Records, default properties and the default group of an object type (custom ones named after the schema). */
export function initObjectType(portal: Portal, objectTypeId: string, customName?: string): void {
  portal.objects.set(objectTypeId, new Map());
  portal.properties.set(objectTypeId, new Map(defaultProperties(objectTypeId, customName).map((p) => [p.name, p])));
  portal.groups.set(objectTypeId, new Map(defaultGroups(objectTypeId, customName).map((g) => [g.name, g])));
}

/** The type named in a request path, or HubSpot's 400 for a name it cannot map to an object type. */
export function requireObjectType(portal: Portal, raw: string): ObjectTypeInfo {
  const type = resolveObjectType(raw, portal.schemas.values());
  if (!type) {
    throw new HubSpotApiError(400, {
      message: `Unable to infer object type from: ${raw}`,
      category: 'VALIDATION_ERROR',
    });
  }
  return type;
}

export function recordsOf(portal: Portal, objectTypeId: string): Map<string, StoredRecord> {
  let records = portal.objects.get(objectTypeId);
  if (!records) {
    records = new Map();
    portal.objects.set(objectTypeId, records);
  }
  return records;
}

export function propertiesOf(portal: Portal, objectTypeId: string): Map<string, PropertyDefinition> {
  return portal.properties.get(objectTypeId) ?? new Map();
}

export function groupsOf(portal: Portal, objectTypeId: string): Map<string, PropertyGroup> {
  let groups = portal.groups.get(objectTypeId);
  if (!groups) {
    groups = new Map();
    portal.groups.set(objectTypeId, groups);
  }
  return groups;
}
