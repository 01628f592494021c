/**
 * Custom objects and fields, defined through the seed API the way a package deployment would define
 * them (`Ringback_Location__c`, `Ringback_Recovery_Snapshot__c`, extra fields on standard objects).
 */
import { fb, ownerField, systemFields } from './field-builders.ts';
import type { FieldDef, ObjectDef } from './types.ts';

export interface CustomFieldSpec {
  /** API name, ending in `__c`. */
  name: string;
  label?: string;
  type:
    | 'text'
    | 'textarea'
    | 'phone'
    | 'email'
    | 'checkbox'
    | 'date'
    | 'datetime'
    | 'number'
    | 'currency'
    | 'picklist'
    | 'lookup';
  length?: number;
  required?: boolean;
  externalId?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  defaultValue?: string | number | boolean;
  /** For lookups: the target object's API name. */
  referenceTo?: string;
}

export interface CustomObjectSpec {
  /** API name, ending in `__c`. */
  name: string;
  label?: string;
  labelPlural?: string;
  /** `text` (the default) makes Name required on create; `autoNumber` fills it. */
  nameField?: 'text' | 'autoNumber';
  fields: CustomFieldSpec[];
}

export class SchemaDefinitionError extends Error {
  readonly code = 'schema_definition_invalid';
}

function labelFrom(apiName: string): string {
  return apiName.replace(/__c$/, '').replace(/_/g, ' ');
}

export function customFieldDef(spec: CustomFieldSpec): FieldDef {
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name)) {
    throw new SchemaDefinitionError(`custom field API names end in __c: ${spec.name}`);
  }
  const label = spec.label ?? labelFrom(spec.name);
  const common: Partial<FieldDef> = {
    custom: true,
    ...(spec.required ? { nillable: false } : {}),
    ...(spec.externalId ? { externalId: true } : {}),
    ...(spec.unique ? { unique: true } : {}),
    ...(spec.caseSensitive ? { caseSensitive: true } : {}),
    ...(spec.defaultValue !== undefined ? { defaultValue: spec.defaultValue, defaultedOnCreate: true } : {}),
  };
  switch (spec.type) {
    case 'text':
      return fb.text(spec.name, label, spec.length ?? 255, common);
    case 'textarea':
      return fb.textarea(spec.name, label, spec.length ?? 32768, common);
    case 'phone':
      return { ...fb.phone(spec.name, label), ...common };
    case 'email':
      return { ...fb.email(spec.name, label), ...common };
    case 'checkbox':
      return fb.bool(spec.name, label, spec.defaultValue === true, { custom: true });
    case 'date':
      return fb.date(spec.name, label, common);
    case 'datetime':
      return fb.datetime(spec.name, label, common);
    case 'number':
      return fb.double(spec.name, label, common);
    case 'currency':
      return fb.currency(spec.name, label, common);
    case 'picklist':
      return fb.picklist(spec.name, label, spec.picklistValues ?? [], {
        ...common,
        restrictedPicklist: spec.restrictedPicklist ?? false,
      });
    case 'lookup': {
      if (!spec.referenceTo) throw new SchemaDefinitionError(`lookup ${spec.name} needs referenceTo`);
      return fb.ref(spec.name, label, [spec.referenceTo], spec.name.replace(/__c$/, '__r'), common);
    }
  }
}

export function customObjectDef(spec: CustomObjectSpec, keyPrefix: string): ObjectDef {
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name)) {
    throw new SchemaDefinitionError(`custom object API names end in __c: ${spec.name}`);
  }
  const nameField =
    spec.nameField === 'autoNumber'
      ? fb.text('Name', `${spec.label ?? labelFrom(spec.name)} Name`, 80, {
          createable: false,
          updateable: false,
          nillable: false,
          defaultedOnCreate: true,
          nameField: true,
        })
      : fb.text('Name', `${spec.label ?? labelFrom(spec.name)} Name`, 80, { nillable: false, nameField: true });
  const fields = [fb.id(), nameField, ownerField(), ...spec.fields.map(customFieldDef), ...systemFields()];
  return {
    name: spec.name,
    label: spec.label ?? labelFrom(spec.name),
    labelPlural: spec.labelPlural ?? `${spec.label ?? labelFrom(spec.name)}s`,
    keyPrefix,
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: new Map(fields.map((f) => [f.name, f])),
  };
}
