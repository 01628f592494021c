import { HUBSPOT_DEFINED_ASSOCIATION_TYPES, type AssociationTypeDef } from './association-types.ts';
import { validationError } from './errors.ts';
import type { Portal } from './portal.ts';
import type { AssociationSpec } from './types.ts';

// Association edges between records. HubSpot links are two-way: writing A→B with type t also records B→A
// with t's inverse, and a labeled type (e.g. Primary) brings the pair's unlabeled default along.

const key = (typeId: string, id: string) => `${typeId}:${id}`;

export function associationTypes(portal: Portal): AssociationTypeDef[] {
  return [...HUBSPOT_DEFINED_ASSOCIATION_TYPES, ...portal.customAssociationTypes];
}

export function typesBetween(portal: Portal, fromTypeId: string, toTypeId: string): AssociationTypeDef[] {
  return associationTypes(portal).filter((t) => t.fromObjectTypeId === fromTypeId && t.toObjectTypeId === toTypeId);
}

/** The unlabeled default type for a pair, used by the "associate default" endpoints. */
export function defaultTypeBetween(portal: Portal, fromTypeId: string, toTypeId: string): AssociationTypeDef | null {
  const types = typesBetween(portal, fromTypeId, toTypeId);
  return types.find((t) => t.label === null) ?? types[0] ?? null;
}

export function findTypeById(portal: Portal, spec: AssociationSpec): AssociationTypeDef | null {
  return (
    associationTypes(portal).find(
      (t) => t.typeId === spec.associationTypeId && t.category === spec.associationCategory,
    ) ?? null
  );
}

/** Check a spec is a known type for this pair, or throw HubSpot's 400. */
export function requireTypeForPair(
  portal: Portal,
  spec: unknown,
  from: { objectTypeId: string; enumName: string },
  to: { objectTypeId: string; enumName: string },
): AssociationTypeDef {
  const parsed = parseSpec(spec);
  const def = parsed ? findTypeById(portal, parsed) : null;
  if (!parsed || !def || def.fromObjectTypeId !== from.objectTypeId || def.toObjectTypeId !== to.objectTypeId) {
    const shown = parsed ? `${parsed.associationCategory} ${parsed.associationTypeId}` : JSON.stringify(spec);
    throw validationError('One or more associations are invalid', {
      context: {
        INVALID_ASSOCIATION_TYPE: [`${shown} is not a valid association type from ${from.enumName} to ${to.enumName}`],
      },
    });
  }
  return def;
}

export function parseSpec(spec: unknown): AssociationSpec | null {
  if (typeof spec !== 'object' || spec === null) return null;
  const { associationCategory, associationTypeId } = spec as Record<string, unknown>;
  const categories = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'];
  if (typeof associationCategory !== 'string' || !categories.includes(associationCategory)) return null;
  const typeId = typeof associationTypeId === 'string' ? Number(associationTypeId) : associationTypeId;
  if (typeof typeId !== 'number' || !Number.isInteger(typeId)) return null;
  return {
    associationCategory: associationCategory as AssociationSpec['associationCategory'],
    associationTypeId: typeId,
  };
}

function edge(portal: Portal, fromTypeId: string, fromId: string, toTypeId: string, toId: string): Set<number> {
  let outgoing = portal.associations.get(key(fromTypeId, fromId));
  if (!outgoing) {
    outgoing = new Map();
    portal.associations.set(key(fromTypeId, fromId), outgoing);
  }
  let types = outgoing.get(key(toTypeId, toId));
  if (!types) {
    types = new Set();
    outgoing.set(key(toTypeId, toId), types);
  }
  return types;
}

export function addAssociation(portal: Portal, def: AssociationTypeDef, fromId: string, toId: string): void {
  const defs = [def];
  if (def.label !== null) {
    const unlabeled = typesBetween(portal, def.fromObjectTypeId, def.toObjectTypeId).find((t) => t.label === null);
    if (unlabeled) defs.push(unlabeled);
  }
  for (const d of defs) {
    edge(portal, d.fromObjectTypeId, fromId, d.toObjectTypeId, toId).add(d.typeId);
    edge(portal, d.toObjectTypeId, toId, d.fromObjectTypeId, fromId).add(d.inverse);
  }
}

/** Remove every association (or only `typeIds`) between two records, in both directions. */
export function removeAssociation(
  portal: Portal,
  fromTypeId: string,
  fromId: string,
  toTypeId: string,
  toId: string,
  typeIds?: number[],
): void {
  const forward = portal.associations.get(key(fromTypeId, fromId))?.get(key(toTypeId, toId));
  const backward = portal.associations.get(key(toTypeId, toId))?.get(key(fromTypeId, fromId));
  if (!typeIds) {
    forward?.clear();
    backward?.clear();
    return;
  }
  for (const typeId of typeIds) {
    forward?.delete(typeId);
    const def = associationTypes(portal).find(
      (t) => t.typeId === typeId && t.fromObjectTypeId === fromTypeId && t.toObjectTypeId === toTypeId,
    );
    if (def) backward?.delete(def.inverse);
  }
}

export interface AssociatedRecord {
  toObjectId: string;
  types: AssociationTypeDef[];
}

/** Live (non-archived) records of `toTypeId` linked from one record, in id order. */
export function associationsFrom(
  portal: Portal,
  fromTypeId: string,
  fromId: string,
  toTypeId: string,
): AssociatedRecord[] {
  const outgoing = portal.associations.get(key(fromTypeId, fromId));
  if (!outgoing) return [];
  const all = associationTypes(portal);
  const toRecords = portal.objects.get(toTypeId);
  const result: AssociatedRecord[] = [];
  for (const [target, typeIds] of outgoing) {
    const [typeId, id] = splitKey(target);
    if (typeId !== toTypeId || typeIds.size === 0 || !id) continue;
    const record = toRecords?.get(id);
    if (!record || record.archived) continue;
    const types = [...typeIds]
      .map((t) => all.find((d) => d.typeId === t && d.fromObjectTypeId === fromTypeId && d.toObjectTypeId === toTypeId))
      .filter((d): d is AssociationTypeDef => d !== undefined);
    result.push({ toObjectId: id, types });
  }
  return result.sort((a, b) => Number(a.toObjectId) - Number(b.toObjectId));
}

function splitKey(k: string): [string, string | undefined] {
  const i = k.lastIndexOf(':');
  return [k.slice(0, i), k.slice(i + 1)];
}

/** Every edge of a portal, for the browsable state dump. */
export function allAssociations(portal: Portal): Array<{ from: string; to: string; typeIds: number[] }> {
  const out: Array<{ from: string; to: string; typeIds: number[] }> = [];
  for (const [from, targets] of portal.associations) {
    for (const [to, typeIds] of targets)
      if (typeIds.size > 0) out.push({ from, to, typeIds: [...typeIds].sort((a, b) => a - b) });
  }
  return out;
}
