/**
 * The emulator's metadata model: just enough of Salesforce's describe information to validate writes,
 * type SOQL filters and answer `/sobjects/{T}/describe`.
 */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'phone'
  | 'email'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'int'
  | 'double'
  | 'currency'
  | 'picklist'
  | 'reference';

export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Maximum characters for text-like fields. */
  length?: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  /** Filled by the platform when a create leaves the field out (a picklist default, a boolean false). */
  defaultedOnCreate?: boolean;
  defaultValue?: string | number | boolean;
  externalId?: boolean;
  unique?: boolean;
  /** Text matching for unique/external ids: Salesforce's default is case-insensitive. */
  caseSensitive?: boolean;
  picklistValues?: PicklistValue[];
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  /** Formula-like fields the platform computes (Name on Contact, IsClosed on Task…). */
  calculated?: boolean;
  nameField?: boolean;
  custom?: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** Field names in describe order. */
  fields: Map<string, FieldDef>;
}

/** A stored record: field API name → value. Values are JSON-ready (dates as strings). */
export type RecordFields = Record<string, unknown>;

export function fieldOf(def: ObjectDef, name: string): FieldDef | undefined {
  // API names are case-insensitive in requests and queries; describe keeps the canonical casing.
  const exact = def.fields.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const field of def.fields.values()) if (field.name.toLowerCase() === lower) return field;
  return undefined;
}

export function picklist(values: readonly string[], defaultValue?: string): PicklistValue[] {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue }));
}
