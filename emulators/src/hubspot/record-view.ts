import { associationsFrom } from './associations-store.ts';
import type { ObjectTypeInfo } from './object-types.ts';
import { propertiesOf, requireObjectType, type Portal } from './portal.ts';
import type { StoredRecord } from './types.ts';

// The JSON HubSpot returns for a record (SimplePublicObject and friends).

export interface ViewOptions {
  /** Names requested with `properties`; undefined means the type's default set. */
  properties?: string[] | undefined;
  propertiesWithHistory?: string[] | undefined;
  /** Object types whose associated ids are inlined (GET ?associations=). */
  associations?: string[] | undefined;
  /** Create and update answers carry every property that has a value. */
  allValues?: boolean;
  /** Search results are built from the indexed version, not the live record. */
  sourceProperties?: Record<string, string>;
}

export interface ApiObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  propertiesWithHistory?: Record<string, Array<{ value: string; timestamp: string; sourceType: string }>>;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function selectedPropertyNames(portal: Portal, type: ObjectTypeInfo, requested: string[] | undefined): string[] {
  const defs = propertiesOf(portal, type.objectTypeId);
  // Names that do not exist are ignored on reads, as HubSpot does.
  const names = requested ? requested.filter((n) => defs.has(n)) : [...type.defaultProperties];
  for (const always of ['hs_object_id', type.createdProperty, type.modifiedProperty]) {
    if (!names.includes(always)) names.push(always);
  }
  return names;
}

export function toApiObject(
  portal: Portal,
  type: ObjectTypeInfo,
  record: StoredRecord,
  opts: ViewOptions = {},
): ApiObject {
  const source = opts.sourceProperties ?? record.properties;
  const properties: Record<string, string | null> = {};
  const names = selectedPropertyNames(portal, type, opts.properties);
  if (opts.allValues) for (const name of Object.keys(source)) if (!names.includes(name)) names.push(name);
  for (const name of names.sort()) properties[name] = source[name] ?? null;
  const out: ApiObject = {
    id: record.id,
    properties,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archived,
  };
  if (record.archivedAt !== null) out.archivedAt = iso(record.archivedAt);
  if (opts.propertiesWithHistory && opts.propertiesWithHistory.length > 0) {
    out.propertiesWithHistory = {};
    for (const name of opts.propertiesWithHistory) {
      out.propertiesWithHistory[name] = (record.history[name] ?? []).map((h) => ({
        value: h.value,
        timestamp: iso(h.timestamp),
        sourceType: 'INTEGRATION',
      }));
    }
  }
  if (opts.associations && opts.associations.length > 0) {
    const assoc: NonNullable<ApiObject['associations']> = {};
    for (const raw of opts.associations) {
      let toType: ObjectTypeInfo;
      try {
        toType = requireObjectType(portal, raw);
      } catch {
        continue;
      }
      const results = associationsFrom(portal, type.objectTypeId, record.id, toType.objectTypeId).flatMap((a) =>
        a.types.map((t) => ({ id: a.toObjectId, type: v3TypeName(type, toType, t.label, a.types.length > 1) })),
      );
      if (results.length > 0) assoc[toType.name] = { results };
    }
    out.associations = assoc;
  }
  return out;
}

/** v3 association type names: `call_to_contact`; with a labeled sibling the unlabeled one is `_unlabeled`. */
function v3TypeName(from: ObjectTypeInfo, to: ObjectTypeInfo, label: string | null, hasSibling: boolean): string {
  const base = `${from.singular}_to_${to.singular}`;
  if (label === null) return hasSibling ? `${base}_unlabeled` : base;
  return base;
}
