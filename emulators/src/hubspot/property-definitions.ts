import { defineProperty } from './default-properties.ts';
import { HubSpotApiError, validationError } from './errors.ts';
import type { ObjectTypeInfo } from './object-types.ts';
import { groupsOf, propertiesOf, type Portal } from './portal.ts';
import type { PropertyDefinition, PropertyOption, PropertyType } from './types.ts';

// Creating and changing property definitions (the properties API and custom object schemas), with the
// checks HubSpot applies: name format, type/fieldType pairs, existing group, unique-value support.

const TYPES: PropertyType[] = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'];

const FIELD_TYPES: Record<PropertyType, string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
};

const NAME = /^[a-z][a-z0-9_]*$/;

function parseOptions(raw: unknown, name: string): PropertyOption[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError(`options of ${name} must be an array`);
  return raw.map((o, i) => {
    const opt = (o ?? {}) as Record<string, unknown>;
    if (typeof opt.value !== 'string' && typeof opt.value !== 'number' && typeof opt.value !== 'boolean') {
      throw validationError(`option ${i} of ${name} needs a value`);
    }
    const option: PropertyOption = {
      label: typeof opt.label === 'string' ? opt.label : String(opt.value),
      value: String(opt.value),
      displayOrder: typeof opt.displayOrder === 'number' ? opt.displayOrder : i,
      hidden: opt.hidden === true,
    };
    if (typeof opt.description === 'string') option.description = opt.description;
    return option;
  });
}

/** Build a custom property from a PropertyCreate body, or throw HubSpot's 400/409. */
export function createPropertyDefinition(
  portal: Portal,
  type: ObjectTypeInfo,
  body: Record<string, unknown>,
  now: number,
  opts: { defaultGroup?: string } = {},
): PropertyDefinition {
  const name = body.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw validationError(
      `Invalid property name ${JSON.stringify(name)}: use lower-case letters, digits and underscores, starting with a letter`,
    );
  }
  if (name.startsWith('hs_'))
    throw validationError(`Property names starting with "hs_" are reserved for HubSpot (${name})`);
  if (typeof body.label !== 'string' || body.label === '')
    throw validationError(`label is required for property ${name}`);
  const type_ = body.type as PropertyType;
  if (!TYPES.includes(type_)) throw validationError(`Invalid type ${String(body.type)} for property ${name}`);
  const fieldType = typeof body.fieldType === 'string' ? body.fieldType : undefined;
  if (!fieldType || !FIELD_TYPES[type_].includes(fieldType)) {
    throw validationError(`fieldType ${String(body.fieldType)} is not valid for a property of type ${type_}`, {
      context: { fieldType: FIELD_TYPES[type_] },
    });
  }
  const groupName = typeof body.groupName === 'string' ? body.groupName : opts.defaultGroup;
  if (!groupName) throw validationError(`groupName is required for property ${name}`);
  if (!groupsOf(portal, type.objectTypeId).has(groupName)) {
    throw validationError(`Property group ${groupName} does not exist for ${type.enumName}`, {
      context: { groupName: [groupName] },
    });
  }
  if (body.hasUniqueValue === true && !type.uniqueValuesAllowed) {
    throw validationError(
      `Unique value properties are only supported on contacts, companies, deals, tickets and custom objects, not ${type.enumName}`,
    );
  }
  if (propertiesOf(portal, type.objectTypeId).get(name)?.archived === false) {
    throw new HubSpotApiError(409, {
      message: `Property named '${name}' already exists.`,
      category: 'OBJECT_ALREADY_EXISTS',
    });
  }
  const options = parseOptions(body.options, name);
  if (
    type_ === 'enumeration' &&
    fieldType !== 'booleancheckbox' &&
    options.length === 0 &&
    body.externalOptions !== true
  ) {
    throw validationError(`Enumeration property ${name} needs options`);
  }
  const def = defineProperty(name, groupName, { type: type_, fieldType, label: body.label });
  if (options.length > 0) def.options = options;
  def.description = typeof body.description === 'string' ? body.description : '';
  def.hasUniqueValue = body.hasUniqueValue === true;
  def.hidden = body.hidden === true;
  def.formField = body.formField === true;
  def.displayOrder = typeof body.displayOrder === 'number' ? body.displayOrder : -1;
  def.hubspotDefined = false;
  def.createdAt = now;
  def.updatedAt = now;
  return def;
}

/** PATCH: label, description, group, options, display order and visibility may change; type may not. */
export function updatePropertyDefinition(
  portal: Portal,
  type: ObjectTypeInfo,
  def: PropertyDefinition,
  body: Record<string, unknown>,
  now: number,
) {
  if (def.hubspotDefined && body.options !== undefined) {
    throw validationError(`Options of HubSpot-defined property ${def.name} cannot be changed here`);
  }
  if (body.type !== undefined && body.type !== def.type)
    throw validationError(`The type of property ${def.name} cannot be changed`);
  if (typeof body.groupName === 'string') {
    if (!groupsOf(portal, type.objectTypeId).has(body.groupName))
      throw validationError(`Property group ${body.groupName} does not exist`);
    def.groupName = body.groupName;
  }
  if (typeof body.label === 'string') def.label = body.label;
  if (typeof body.description === 'string') def.description = body.description;
  if (typeof body.displayOrder === 'number') def.displayOrder = body.displayOrder;
  if (typeof body.hidden === 'boolean') def.hidden = body.hidden;
  if (typeof body.fieldType === 'string') {
    if (!FIELD_TYPES[def.type].includes(body.fieldType))
      throw validationError(`fieldType ${body.fieldType} is not valid for ${def.type}`);
    def.fieldType = body.fieldType;
  }
  if (body.options !== undefined) def.options = parseOptions(body.options, def.name);
  def.updatedAt = now;
}

/** The Property JSON of the properties API. */
export function propertyView(def: PropertyDefinition) {
  const view: Record<string, unknown> = {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: def.description,
    groupName: def.groupName,
    options: def.options,
    displayOrder: def.displayOrder,
    calculated: def.calculated,
    externalOptions: def.externalOptions,
    hasUniqueValue: def.hasUniqueValue,
    hidden: def.hidden,
    hubspotDefined: def.hubspotDefined,
    formField: def.formField,
    archived: def.archived,
    modificationMetadata: {
      archivable: !def.hubspotDefined,
      readOnlyDefinition: def.hubspotDefined,
      readOnlyValue: def.readOnlyValue,
    },
    createdAt: new Date(def.createdAt).toISOString(),
    updatedAt: new Date(def.updatedAt).toISOString(),
  };
  return view;
}
