/**
 * Checks that compare a record with the rest of the org or run the org's configuration: unique fields
 * (DUPLICATE_VALUE), validation rules (FIELD_CUSTOM_VALIDATION_EXCEPTION) and duplicate rules
 * (DUPLICATES_DETECTED, with Salesforce's `duplicateResult` detail).
 */
import type { DmlError } from '../errors.ts';
import { dmlError } from '../errors.ts';
import type { FieldDef, ObjectDef, RecordFields } from '../schema/types.ts';
import type { DmlContext } from './context.ts';

export function sameValue(field: FieldDef | undefined, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string' && !field?.caseSensitive)
    return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

export function uniqueErrors(ctx: DmlContext, def: ObjectDef, record: RecordFields, selfId: string | null): DmlError[] {
  const errors: DmlError[] = [];
  for (const field of def.fields.values()) {
    if (!field.unique || record[field.name] == null) continue;
    const clash = ctx.org
      .all(def.name)
      .find((other) => other.id !== selfId && sameValue(field, other.fields[field.name], record[field.name]));
    if (clash) {
      errors.push(
        dmlError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${field.name} duplicates value on record with id: ${clash.id}`,
          [field.name],
        ),
      );
    }
  }
  return errors;
}

export function validationRuleErrors(
  ctx: DmlContext,
  def: ObjectDef,
  record: RecordFields,
  previous: RecordFields | null,
): DmlError[] {
  return ctx.rules
    .validationRules(ctx.org.orgId, def.name)
    .filter((rule) => rule.predicate(record, previous))
    .map((rule) => dmlError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : []));
}

function normalized(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim().toLowerCase();
  return s === '' ? null : s;
}

export function duplicateRuleErrors(
  ctx: DmlContext,
  def: ObjectDef,
  record: RecordFields,
  selfId: string | null,
): DmlError[] {
  const errors: DmlError[] = [];
  for (const rule of ctx.rules.duplicateRules(ctx.org.orgId, def.name)) {
    const wanted = rule.fields.map((f) => normalized(record[f]));
    if (wanted.some((v) => v === null)) continue;
    const matches = ctx.org
      .all(def.name)
      .filter((other) => other.id !== selfId && rule.fields.every((f, i) => normalized(other.fields[f]) === wanted[i]));
    if (matches.length === 0) continue;
    errors.push(
      dmlError('DUPLICATES_DETECTED', 'Use one of these records?', [], {
        duplicateResult: {
          allowSave: false,
          duplicateRule: rule.name,
          duplicateRuleEntityType: def.name,
          errorMessage: "You're creating a duplicate record. We recommend you use an existing record instead.",
          matchResults: [
            {
              entityType: def.name,
              errors: [],
              matchEngine: 'ExactMatchEngine',
              matchRecords: matches.map((m) => ({
                additionalInformation: [],
                fieldDiffs: [],
                matchConfidence: 100,
                record: { attributes: { type: def.name }, Id: m.id },
              })),
              rule: `${rule.name}_Match`,
              size: matches.length,
              success: true,
            },
          ],
        },
      }),
    );
  }
  return errors;
}
