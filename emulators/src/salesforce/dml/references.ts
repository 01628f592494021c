/**
 * Lookup and owner checks, in the order Salesforce reports them: a value that is not an id at all
 * (MALFORMED_ID), an id of the wrong object (FIELD_INTEGRITY_EXCEPTION), an id that matches nothing
 * (INVALID_CROSS_REFERENCE_KEY), a deleted target (ENTITY_IS_DELETED), a converted lead
 * (CANNOT_UPDATE_CONVERTED_LEAD) and an inactive owner (INACTIVE_OWNER_OR_USER).
 */
import type { DmlError } from '../errors.ts';
import { dmlError } from '../errors.ts';
import { isIdFormat, keyPrefixOf } from '../ids.ts';
import type { FieldDef, ObjectDef, RecordFields } from '../schema/types.ts';
import type { DmlContext } from './context.ts';

function allowedTargets(ctx: DmlContext, field: FieldDef): string[] {
  // WhatId is polymorphic over every non-person object, custom objects included.
  if (field.name === 'WhatId') return ctx.org.whatTargets();
  return field.referenceTo ?? [];
}

function checkOne(ctx: DmlContext, def: ObjectDef, field: FieldDef, value: string): DmlError | null {
  if (!isIdFormat(value)) {
    return dmlError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]);
  }
  const targetDef = ctx.org.objectByKeyPrefix(keyPrefixOf(value));
  if (!targetDef || !allowedTargets(ctx, field).includes(targetDef.name)) {
    if (field.name === 'OwnerId')
      return dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    return dmlError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [field.name]);
  }
  const target = ctx.org.find(value);
  if (!target) return dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
  if (target.deleted) return dmlError('ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
  if (target.type === 'Lead' && target.fields['IsConverted'] === true) {
    return dmlError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', [field.name]);
  }
  if (target.type === 'User' && field.name === 'OwnerId' && target.fields['IsActive'] !== true) {
    return dmlError(
      'INACTIVE_OWNER_OR_USER',
      `operation performed with inactive user [${target.id}] as owner of ${def.name.toLowerCase()}`,
      [],
    );
  }
  return null;
}

/** Checks every reference field named in `changed` that holds a value. */
export function checkReferences(
  ctx: DmlContext,
  def: ObjectDef,
  record: RecordFields,
  changed: Iterable<string>,
): DmlError[] {
  const errors: DmlError[] = [];
  for (const name of changed) {
    const field = def.fields.get(name);
    const value = record[name];
    if (!field || field.type !== 'reference' || value === null || value === undefined) continue;
    const error = checkOne(ctx, def, field, String(value));
    if (error) errors.push(error);
  }
  return errors;
}
