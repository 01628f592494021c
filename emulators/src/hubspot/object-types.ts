import type { CustomSchema } from './types.ts';

// The CRM object types the emulator knows, with the ids and names HubSpot documents
// ("Understanding the CRM": contacts 0-1, companies 0-2, deals 0-3, tickets 0-5, calls 0-48,
// meetings 0-47, notes 0-46, tasks 0-27; custom objects 2-<n>).

export interface ObjectTypeInfo {
  objectTypeId: string;
  /** Plural API name used in paths (`contacts`); for custom objects the schema name. */
  name: string;
  singular: string;
  /** Upper-case name HubSpot uses in messages and association type names (`CONTACT`). */
  enumName: string;
  /** Returned by GET and search when the request names no properties (HubSpot's search docs). */
  defaultProperties: readonly string[];
  requiredProperties: readonly string[];
  /** hasUniqueValue is allowed on contacts, companies, deals, tickets and custom objects only. */
  uniqueValuesAllowed: boolean;
  custom: boolean;
  createdProperty: string;
  modifiedProperty: string;
  /** Properties a free-text `query` search looks at. */
  searchableProperties: readonly string[];
  fullyQualifiedName?: string;
}

const ENGAGEMENT_DEFAULTS = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'] as const;

function engagement(objectTypeId: string, name: string, singular: string, searchable: string[]): ObjectTypeInfo {
  return {
    objectTypeId,
    name,
    singular,
    enumName: singular.toUpperCase(),
    defaultProperties: ENGAGEMENT_DEFAULTS,
    // HubSpot refuses engagements without hs_timestamp (the time shown on the record timeline).
    requiredProperties: ['hs_timestamp'],
    uniqueValuesAllowed: false,
    custom: false,
    createdProperty: 'hs_createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    searchableProperties: searchable,
  };
}

export const STANDARD_OBJECT_TYPES: readonly ObjectTypeInfo[] = [
  {
    objectTypeId: '0-1',
    name: 'contacts',
    singular: 'contact',
    enumName: 'CONTACT',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    requiredProperties: [],
    uniqueValuesAllowed: true,
    custom: false,
    createdProperty: 'createdate',
    modifiedProperty: 'lastmodifieddate',
    searchableProperties: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company'],
  },
  {
    objectTypeId: '0-2',
    name: 'companies',
    singular: 'company',
    enumName: 'COMPANY',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    requiredProperties: [],
    uniqueValuesAllowed: true,
    custom: false,
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    searchableProperties: ['name', 'domain', 'phone', 'website'],
  },
  {
    objectTypeId: '0-3',
    name: 'deals',
    singular: 'deal',
    enumName: 'DEAL',
    defaultProperties: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    requiredProperties: ['dealname', 'dealstage'],
    uniqueValuesAllowed: true,
    custom: false,
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    searchableProperties: ['dealname'],
  },
  {
    objectTypeId: '0-5',
    name: 'tickets',
    singular: 'ticket',
    enumName: 'TICKET',
    defaultProperties: [
      'content',
      'createdate',
      'hs_lastmodifieddate',
      'hs_object_id',
      'hs_pipeline',
      'hs_pipeline_stage',
      'hs_ticket_priority',
      'subject',
    ],
    requiredProperties: ['subject', 'hs_pipeline_stage'],
    uniqueValuesAllowed: true,
    custom: false,
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    searchableProperties: ['subject', 'content'],
  },
  engagement('0-48', 'calls', 'call', ['hs_call_title', 'hs_call_body']),
  engagement('0-27', 'tasks', 'task', ['hs_task_subject', 'hs_task_body']),
  engagement('0-47', 'meetings', 'meeting', ['hs_meeting_title', 'hs_meeting_body']),
  engagement('0-46', 'notes', 'note', ['hs_note_body']),
];

export function customObjectType(schema: CustomSchema): ObjectTypeInfo {
  return {
    objectTypeId: schema.objectTypeId,
    name: schema.name,
    singular: schema.name,
    enumName: schema.fullyQualifiedName.toUpperCase(),
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    requiredProperties: schema.requiredProperties,
    uniqueValuesAllowed: true,
    custom: true,
    createdProperty: 'hs_createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    searchableProperties: schema.searchableProperties,
    fullyQualifiedName: schema.fullyQualifiedName,
  };
}

/**
 * Resolve a type named in a path: HubSpot accepts the plural or singular name, the object type id, and for
 * custom objects the fully qualified name (`p123_cars`) or `p_cars`.
 */
export function resolveObjectType(raw: string, schemas: Iterable<CustomSchema>): ObjectTypeInfo | null {
  const key = raw.toLowerCase();
  for (const t of STANDARD_OBJECT_TYPES) {
    if (key === t.name || key === t.singular || key === t.objectTypeId) return t;
  }
  for (const schema of schemas) {
    if (schema.archived) continue;
    const names = [schema.objectTypeId, schema.fullyQualifiedName.toLowerCase(), `p_${schema.name}`, schema.name];
    if (names.includes(key)) return customObjectType(schema);
  }
  return null;
}
