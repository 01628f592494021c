/**
 * Resolves field paths (`Phone`, `Owner.Name`, `Who.Name`) against the org's schema, reporting unknown
 * fields and relationships with Salesforce's INVALID_FIELD messages, and reads resolved paths from
 * stored records by following lookups.
 */
import type { FieldDef, ObjectDef, RecordFields } from '../schema/types.ts';
import { fieldOf } from '../schema/types.ts';
import type { Org, StoredRecord } from '../store/org.ts';
import type { FieldPath } from './ast.ts';
import { malformed } from './lexer.ts';

export interface ResolvedPath {
  /** Canonical names of the relationship steps, e.g. `['Owner']` for `Owner.Name`. */
  relationships: string[];
  /** The lookup fields behind each relationship step (`OwnerId`). */
  lookups: FieldDef[];
  /** The final field; for polymorphic steps, its definition on the first target that has it. */
  leaf: FieldDef;
  /** Display path with canonical casing: `Owner.Name`. */
  display: string;
}

function invalidField(source: string, path: FieldPath, reason: string) {
  return malformed(source, path.column, reason, 'INVALID_FIELD');
}

function relationshipField(def: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  for (const f of def.fields.values())
    if (f.type === 'reference' && f.relationshipName?.toLowerCase() === lower) return f;
  return undefined;
}

export function resolvePath(org: Org, root: ObjectDef, path: FieldPath, source: string): ResolvedPath {
  let targets: ObjectDef[] = [root];
  const relationships: string[] = [];
  const lookups: FieldDef[] = [];
  for (let i = 0; i < path.parts.length - 1; i++) {
    const name = path.parts[i] as string;
    const lookup = targets.map((t) => relationshipField(t, name)).find((f) => f !== undefined);
    if (!lookup) {
      throw invalidField(
        source,
        path,
        `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    relationships.push(lookup.relationshipName as string);
    lookups.push(lookup);
    const targetNames = lookup.name === 'WhatId' ? org.whatTargets() : (lookup.referenceTo ?? []);
    targets = targetNames.map((n) => org.objectDef(n)).filter((d): d is ObjectDef => d !== undefined);
  }
  const leafName = path.parts[path.parts.length - 1] as string;
  const leaf = targets.map((t) => fieldOf(t, leafName)).find((f) => f !== undefined);
  if (!leaf) {
    const entity = targets.length === 1 ? (targets[0] as ObjectDef).name : 'Name';
    throw invalidField(
      source,
      path,
      `No such column '${leafName}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return { relationships, lookups, leaf, display: [...relationships, leaf.name].join('.') };
}

/** The stored record a chain of lookups leads to, or null where a lookup is empty. */
export function followLookups(org: Org, record: StoredRecord, lookups: FieldDef[]): StoredRecord | null {
  let current: StoredRecord | null = record;
  for (const lookup of lookups) {
    const id: unknown = current?.fields[lookup.name];
    current = typeof id === 'string' ? (org.find(id) ?? null) : null;
    if (!current) return null;
  }
  return current;
}

export function readPath(org: Org, record: StoredRecord, path: ResolvedPath): unknown {
  const target = followLookups(org, record, path.lookups);
  if (!target) return null;
  const field = fieldOf(org.requireObject(target.type), path.leaf.name);
  return field ? ((target.fields as RecordFields)[field.name] ?? null) : null;
}
