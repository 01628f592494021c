/**
 * Create, update, delete and upsert of one record, with every check Salesforce makes before it
 * saves. Each returns a value (never throws for a rejected record) so single-record endpoints,
 * collections and composite can report the same errors in their own shapes.
 */
import type { DmlError } from '../errors.ts';
import { dmlError } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { FieldDef, ObjectDef, RecordFields } from '../schema/types.ts';
import { fieldOf } from '../schema/types.ts';
import { sfDateTime } from '../time-format.ts';
import type { DmlContext } from './context.ts';
import { coerceFieldValue } from './field-values.ts';
import { applyDerivedFields, objectRuleErrors } from './object-rules.ts';
import { duplicateRuleErrors, sameValue, uniqueErrors, validationRuleErrors } from './org-rules.ts';
import { checkReferences } from './references.ts';

export type SaveOutcome = { ok: true; id: string; created: boolean } | { ok: false; id?: string; errors: DmlError[] };

/** Fields Salesforce maintains itself; seeding may set them, the API may not. */
const SYSTEM_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

function fail(errors: DmlError[], id?: string): SaveOutcome {
  return id ? { ok: false, id, errors } : { ok: false, errors };
}

/** Resolves the body's keys to fields and coerces their values; unknown or read-only keys are errors. */
function readInput(
  ctx: DmlContext,
  def: ObjectDef,
  input: Record<string, unknown>,
  mode: 'create' | 'update',
): { values: Map<string, unknown>; errors: DmlError[] } {
  const values = new Map<string, unknown>();
  const errors: DmlError[] = [];
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const field = fieldOf(def, key);
    if (!field) {
      errors.push(dmlError('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, []));
      continue;
    }
    const allowed = mode === 'create' ? field.createable : field.updateable;
    if (!allowed && !(ctx.seed && field.name !== 'Id')) {
      readOnly.push(field.name);
      continue;
    }
    const coerced = coerceFieldValue(field, raw);
    if (!coerced.ok) errors.push(coerced.error);
    else values.set(field.name, coerced.value);
  }
  if (readOnly.length > 0) {
    errors.push(
      dmlError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      ),
    );
  }
  return { values, errors };
}

function requiredMissing(def: ObjectDef, record: RecordFields, check: (f: FieldDef) => boolean): DmlError[] {
  const missing = [...def.fields.values()]
    .filter((f) => !f.nillable && f.createable && check(f) && (record[f.name] === null || record[f.name] === undefined))
    .map((f) => f.name);
  return missing.length === 0
    ? []
    : [dmlError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)];
}

function restrictedPicklistErrors(def: ObjectDef, record: RecordFields, changed: Iterable<string>): DmlError[] {
  const errors: DmlError[] = [];
  for (const name of changed) {
    const field = def.fields.get(name);
    const value = record[name];
    if (!field || field.type !== 'picklist' || !field.restrictedPicklist || value == null) continue;
    if (!(field.picklistValues ?? []).some((p) => p.active && p.value === value)) {
      errors.push(
        dmlError(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.label}: bad value for restricted picklist field: ${String(value)}`,
          [field.name],
        ),
      );
    }
  }
  return errors;
}

/** Checks shared by create and update once the candidate record is assembled. */
function recordErrors(
  ctx: DmlContext,
  def: ObjectDef,
  record: RecordFields,
  changed: ReadonlySet<string>,
  selfId: string | null,
  previous: RecordFields | null,
): DmlError[] {
  const fieldLevel = [
    ...requiredMissing(def, record, (f) => previous === null || changed.has(f.name)),
    ...restrictedPicklistErrors(def, record, changed),
    ...checkReferences(ctx, def, record, changed),
  ];
  if (fieldLevel.length > 0) return fieldLevel;
  const objectLevel = objectRuleErrors(def.name, record);
  if (objectLevel.length > 0) return objectLevel;
  if (!ctx.seed) {
    const custom = validationRuleErrors(ctx, def, record, previous);
    if (custom.length > 0) return custom;
    const dupes = duplicateRuleErrors(ctx, def, record, selfId);
    if (dupes.length > 0) return dupes;
  }
  return uniqueErrors(ctx, def, record, selfId);
}

export function createRecord(ctx: DmlContext, def: ObjectDef, input: Record<string, unknown>): SaveOutcome {
  if (!def.createable && !ctx.seed) {
    return fail([dmlError('INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object ${def.name}`, [])]);
  }
  if ('Id' in input || 'id' in input) {
    return fail([dmlError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id'])]);
  }
  const { values, errors } = readInput(ctx, def, input, 'create');
  if (errors.length > 0) return fail(errors);
  const record: RecordFields = {};
  for (const field of def.fields.values()) {
    if (field.defaultValue !== undefined && field.defaultedOnCreate) record[field.name] = field.defaultValue;
    else record[field.name] = field.type === 'boolean' ? false : null;
  }
  if (def.fields.has('OwnerId')) record['OwnerId'] = ctx.userId;
  for (const [name, value] of values) record[name] = value;
  const changed = new Set([...values.keys(), ...(def.fields.has('OwnerId') ? ['OwnerId'] : [])]);
  const errs = recordErrors(ctx, def, record, changed, null, null);
  if (errs.length > 0) return fail(errs);
  applyDerivedFields(def.name, record, changed);
  const id = ctx.org.ids.next(def.keyPrefix);
  const stamp = sfDateTime(ctx.now);
  const system = { Id: id, IsDeleted: false, CreatedDate: stamp, CreatedById: ctx.userId, LastModifiedDate: stamp };
  Object.assign(record, system, { LastModifiedById: ctx.userId, SystemModstamp: stamp });
  if (ctx.seed) for (const name of SYSTEM_FIELDS) if (values.has(name)) record[name] = values.get(name);
  if (def.fields.get('Name')?.nameField && def.custom && !def.fields.get('Name')?.createable) {
    record['Name'] = `${def.label}-${String(ctx.org.all(def.name).length + 1).padStart(5, '0')}`;
  }
  ctx.org.put(def.name, id, record, ctx.now);
  return { ok: true, id, created: true };
}

export function updateRecord(
  ctx: DmlContext,
  def: ObjectDef,
  rawId: string,
  input: Record<string, unknown>,
): SaveOutcome {
  const id = toId18(rawId);
  const stored = id ? ctx.org.find(id) : undefined;
  if (!id || !stored || stored.type !== def.name) {
    return fail([dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [])], rawId);
  }
  if (stored.deleted) return fail([dmlError('ENTITY_IS_DELETED', 'entity is deleted', [])], id);
  if (stored.type === 'Lead' && stored.fields['IsConverted'] === true && !ctx.seed) {
    return fail([dmlError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', [])], id);
  }
  const body = { ...input };
  // The record's own Id may be echoed in the body; anything else is an attempt to change it.
  for (const key of ['Id', 'id']) {
    if (key in body) {
      if (typeof body[key] === 'string' && toId18(body[key]) === id) delete body[key];
    }
  }
  const { values, errors } = readInput(ctx, def, body, 'update');
  if (errors.length > 0) return fail(errors, id);
  const record: RecordFields = { ...stored.fields };
  for (const [name, value] of values) record[name] = value;
  const changed = new Set(values.keys());
  const errs = recordErrors(ctx, def, record, changed, id, stored.fields);
  if (errs.length > 0) return fail(errs, id);
  applyDerivedFields(def.name, record, changed);
  const stamp = sfDateTime(ctx.now);
  Object.assign(record, { LastModifiedDate: stamp, LastModifiedById: ctx.userId, SystemModstamp: stamp });
  if (ctx.seed)
    for (const name of SYSTEM_FIELDS) if (values.has(name) && name !== 'Id') record[name] = values.get(name);
  ctx.org.put(def.name, id, record, ctx.now);
  return { ok: true, id, created: false };
}

export function deleteRecord(ctx: DmlContext, rawId: string, expectedType?: string): SaveOutcome {
  const id = toId18(rawId);
  if (!id) return fail([dmlError('MALFORMED_ID', `malformed id ${rawId}`, [])], rawId);
  const stored = ctx.org.find(id);
  if (!stored || (expectedType && stored.type.toLowerCase() !== expectedType.toLowerCase())) {
    return fail([dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [])], id);
  }
  if (stored.deleted) return fail([dmlError('ENTITY_IS_DELETED', 'entity is deleted', [])], id);
  const def = ctx.org.requireObject(stored.type);
  if (!def.deletable)
    return fail([dmlError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [])], id);
  const stamp = sfDateTime(ctx.now);
  ctx.org.put(stored.type, id, { ...stored.fields, IsDeleted: true, SystemModstamp: stamp }, ctx.now, {
    deleted: true,
  });
  return { ok: true, id, created: false };
}

export type UpsertOutcome = SaveOutcome | { ok: false; multiple: string[] };

/**
 * Upsert by an External ID field (or `Id`): no match creates, one match updates, several matches
 * change nothing and report the matching ids (HTTP 300 on the single-record endpoint).
 */
export function upsertRecord(
  ctx: DmlContext,
  def: ObjectDef,
  extField: FieldDef,
  extValue: string,
  input: Record<string, unknown>,
): UpsertOutcome {
  const body = { ...input };
  for (const key of Object.keys(body)) {
    if (key.toLowerCase() !== extField.name.toLowerCase()) continue;
    if (!sameValue(extField, String(body[key]), extValue)) {
      return fail([
        dmlError('INVALID_FIELD', `${extField.name} in the body does not match the value in the URL`, [extField.name]),
      ]);
    }
    delete body[key];
  }
  if (extField.name === 'Id') {
    const existing = ctx.org.find(extValue);
    if (!existing || existing.type !== def.name || existing.deleted) {
      return fail([dmlError('NOT_FOUND', 'The requested resource does not exist', [])]);
    }
    return updateRecord(ctx, def, existing.id, body);
  }
  const matches = ctx.org.all(def.name).filter((r) => sameValue(extField, r.fields[extField.name], extValue));
  if (matches.length > 1) return { ok: false, multiple: matches.map((m) => m.id) };
  const match = matches[0];
  if (match) return updateRecord(ctx, def, match.id, body);
  return createRecord(ctx, def, { ...body, [extField.name]: extValue });
}
