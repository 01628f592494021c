/**
 * Small constructors for field definitions, so the object catalogue reads like Salesforce's object
 * reference (type, length, create/update/nillable) instead of a wall of object literals.
 */
import type { FieldDef, FieldType } from './types.ts';
import { picklist } from './types.ts';

type Opts = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;

function base(name: string, label: string, type: FieldType, opts: Opts): FieldDef {
  return { name, label, type, createable: true, updateable: true, nillable: true, ...opts };
}

export const fb = {
  id: (): FieldDef =>
    base('Id', 'Record ID', 'id', { length: 18, createable: false, updateable: false, nillable: false }),
  text: (name: string, label: string, length: number, opts: Opts = {}) =>
    base(name, label, 'string', { length, ...opts }),
  textarea: (name: string, label: string, length: number, opts: Opts = {}) =>
    base(name, label, 'textarea', { length, ...opts }),
  phone: (name: string, label: string) => base(name, label, 'phone', { length: 40 }),
  email: (name: string, label: string) => base(name, label, 'email', { length: 80 }),
  bool: (name: string, label: string, defaultValue = false, opts: Opts = {}) =>
    base(name, label, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue, ...opts }),
  date: (name: string, label: string, opts: Opts = {}) => base(name, label, 'date', opts),
  datetime: (name: string, label: string, opts: Opts = {}) => base(name, label, 'datetime', opts),
  int: (name: string, label: string, opts: Opts = {}) => base(name, label, 'int', opts),
  currency: (name: string, label: string, opts: Opts = {}) => base(name, label, 'currency', opts),
  double: (name: string, label: string, opts: Opts = {}) => base(name, label, 'double', opts),
  picklist: (name: string, label: string, values: readonly string[], opts: Opts & { default?: string } = {}) => {
    const { default: def, ...rest } = opts;
    return base(name, label, 'picklist', {
      length: 255,
      picklistValues: picklist(values, def),
      restrictedPicklist: false,
      ...(def !== undefined ? { defaultValue: def, defaultedOnCreate: true } : {}),
      ...rest,
    });
  },
  ref: (name: string, label: string, referenceTo: string[], relationshipName: string, opts: Opts = {}) =>
    base(name, label, 'reference', { length: 18, referenceTo, relationshipName, ...opts }),
  /** A read-only field the platform maintains. */
  computed: (field: FieldDef): FieldDef => ({ ...field, createable: false, updateable: false, calculated: true }),
};

/** Fields every object carries. */
export function systemFields(): FieldDef[] {
  const ro = { createable: false, updateable: false } as const;
  return [
    fb.bool('IsDeleted', 'Deleted', false, ro),
    fb.datetime('CreatedDate', 'Created Date', { ...ro, nillable: false, defaultedOnCreate: true }),
    fb.ref('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { ...ro, nillable: false, defaultedOnCreate: true }),
    fb.datetime('LastModifiedDate', 'Last Modified Date', { ...ro, nillable: false, defaultedOnCreate: true }),
    fb.ref('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', {
      ...ro,
      nillable: false,
      defaultedOnCreate: true,
    }),
    fb.datetime('SystemModstamp', 'System Modstamp', { ...ro, nillable: false, defaultedOnCreate: true }),
  ];
}

/** OwnerId defaults to the calling user, so it is required in describe terms but never missing. */
export function ownerField(): FieldDef {
  return fb.ref('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true });
}
