/**
 * Describe results in Salesforce's JSON shape (`/sobjects`, `/sobjects/{T}`, `/sobjects/{T}/describe`).
 * Only the properties clients branch on are filled with real values; the rest carry the neutral values
 * Salesforce gives an ordinary field, so jsforce's typings and generic tooling find what they expect.
 */
import type { FieldDef, ObjectDef } from './types.ts';

const SOAP_TYPES: Record<FieldDef['type'], string> = {
  id: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  phone: 'xsd:string',
  email: 'xsd:string',
  boolean: 'xsd:boolean',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  picklist: 'xsd:string',
  reference: 'tns:ID',
};

function objectUrls(def: ObjectDef, base: string) {
  return {
    sobject: `${base}/sobjects/${def.name}`,
    describe: `${base}/sobjects/${def.name}/describe`,
    rowTemplate: `${base}/sobjects/${def.name}/{ID}`,
  };
}

export function describeGlobalEntry(def: ObjectDef, base: string) {
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: def.custom,
    createable: def.createable,
    updateable: def.updateable,
    deletable: def.deletable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    triggerable: true,
    undeletable: def.deletable,
    urls: objectUrls(def, base),
  };
}

export function describeField(field: FieldDef) {
  const textual =
    field.type !== 'boolean' && field.type !== 'int' && field.type !== 'double' && field.type !== 'currency';
  const length = textual && field.type !== 'date' && field.type !== 'datetime' ? (field.length ?? 0) : 0;
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type],
    length,
    byteLength: length * 3,
    precision: field.type === 'currency' || field.type === 'double' ? 18 : 0,
    scale: field.type === 'currency' ? 2 : 0,
    digits: field.type === 'int' ? 9 : 0,
    createable: field.createable,
    updateable: field.updateable,
    nillable: field.nillable,
    defaultedOnCreate: field.defaultedOnCreate ?? false,
    defaultValue: field.defaultValue ?? null,
    externalId: field.externalId ?? false,
    unique: field.unique ?? false,
    caseSensitive: field.caseSensitive ?? false,
    idLookup: field.type === 'id' || (field.externalId ?? false),
    calculated: field.calculated ?? false,
    nameField: field.nameField ?? false,
    custom: field.custom ?? false,
    filterable: true,
    sortable: field.type !== 'textarea',
    groupable: field.type !== 'textarea' && field.type !== 'datetime' && field.type !== 'double',
    picklistValues: (field.picklistValues ?? []).map((p) => ({ ...p, validFor: null })),
    restrictedPicklist: field.restrictedPicklist ?? false,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    cascadeDelete: false,
    dependentPicklist: false,
    htmlFormatted: false,
    autoNumber: false,
  };
}

export function describeObject(def: ObjectDef, base: string) {
  return {
    ...describeGlobalEntry(def, base),
    fields: [...def.fields.values()].map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
  };
}
