import type { PropertyDefinition, PropertyGroup, PropertyOption, PropertyType } from './types.ts';

// HubSpot-defined properties per object type: the ones the product reads or writes, plus the system
// properties every record carries. Option values are HubSpot's internal values (what the API accepts).

interface PropSpec {
  type?: PropertyType;
  fieldType?: string;
  options?: string[] | Array<[value: string, label: string]>;
  readOnly?: boolean;
  calculated?: boolean;
  externalOptions?: boolean;
  label?: string;
}

const humanize = (name: string) =>
  name
    .replace(/^hs_/, '')
    .split('_')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');

function options(spec: PropSpec['options']): PropertyOption[] {
  if (!spec) return [];
  return spec.map((o, i) => {
    const [value, label] = typeof o === 'string' ? [o, humanize(o.toLowerCase())] : o;
    return { value, label, displayOrder: i, hidden: false };
  });
}

export function defineProperty(name: string, groupName: string, spec: PropSpec = {}): PropertyDefinition {
  const type = spec.type ?? 'string';
  const fieldType =
    spec.fieldType ??
    {
      string: 'text',
      number: 'number',
      date: 'date',
      datetime: 'date',
      enumeration: 'select',
      bool: 'booleancheckbox',
    }[type];
  const opts =
    type === 'bool' && !spec.options
      ? options([
          ['true', 'Yes'],
          ['false', 'No'],
        ])
      : options(spec.options);
  return {
    name,
    label: spec.label ?? humanize(name),
    type,
    fieldType,
    groupName,
    description: '',
    options: opts,
    displayOrder: -1,
    hasUniqueValue: name === 'hs_object_id',
    hidden: false,
    formField: false,
    hubspotDefined: true,
    readOnlyValue: spec.readOnly ?? false,
    calculated: spec.calculated ?? false,
    externalOptions: spec.externalOptions ?? false,
    archived: false,
    createdAt: 0,
    updatedAt: 0,
  };
}

const OWNER: PropSpec = { type: 'enumeration', externalOptions: true, label: 'Owner' };
const PHONE: PropSpec = { fieldType: 'phonenumber' };
const DATETIME: PropSpec = { type: 'datetime' };
const SYSTEM_ID: PropSpec = { type: 'number', readOnly: true, label: 'Record ID' };
const READONLY_DATETIME: PropSpec = { type: 'datetime', readOnly: true };
// HubSpot keeps phone numbers twice more, reduced to national digits, so search can ignore formatting.
const SEARCHABLE_PHONE: PropSpec = { readOnly: true, calculated: true, fieldType: 'phonenumber' };

/** Call outcomes (hs_call_disposition) HubSpot ships in every portal, by their fixed GUIDs. */
export const CALL_DISPOSITIONS: Array<[string, string]> = [
  ['9d9162e7-6cf3-4944-bf63-4dff82258764', 'Busy'],
  ['f240bbac-87c9-4f6e-bf70-924b57d47db7', 'Connected'],
  ['a4c4c377-d246-4b32-a13b-75a56a4cd0ff', 'Left live message'],
  ['b2cf5968-551e-4856-9783-52b3da59a7d0', 'Left voicemail'],
  ['73a0d17f-1163-4015-bdd5-ec830791da20', 'No answer'],
  ['17b47fee-58de-441e-a44c-c6300d46f273', 'Wrong number'],
];

export const DEAL_STAGES = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
  'closedwon',
  'closedlost',
];

type Table = Record<string, { group: string; props: Record<string, PropSpec> }>;

const TABLE: Table = {
  '0-1': {
    group: 'contactinformation',
    props: {
      firstname: { label: 'First Name' },
      lastname: { label: 'Last Name' },
      email: { label: 'Email' },
      phone: { ...PHONE, label: 'Phone Number' },
      mobilephone: { ...PHONE, label: 'Mobile Phone Number' },
      company: {},
      jobtitle: {},
      city: {},
      state: {},
      country: {},
      zip: {},
      lifecyclestage: {
        type: 'enumeration',
        options: [
          'subscriber',
          'lead',
          'marketingqualifiedlead',
          'salesqualifiedlead',
          'opportunity',
          'customer',
          'evangelist',
          'other',
        ],
      },
      hs_lead_status: {
        type: 'enumeration',
        options: [
          'NEW',
          'OPEN',
          'IN_PROGRESS',
          'OPEN_DEAL',
          'UNQUALIFIED',
          'ATTEMPTED_TO_CONTACT',
          'CONNECTED',
          'BAD_TIMING',
        ],
      },
      hubspot_owner_id: OWNER,
      createdate: DATETIME,
      lastmodifieddate: READONLY_DATETIME,
      hs_object_id: SYSTEM_ID,
      hs_searchable_calculated_phone_number: SEARCHABLE_PHONE,
      hs_searchable_calculated_mobile_number: SEARCHABLE_PHONE,
    },
  },
  '0-2': {
    group: 'companyinformation',
    props: {
      name: {},
      domain: {},
      website: {},
      phone: PHONE,
      city: {},
      industry: {},
      hubspot_owner_id: OWNER,
      createdate: DATETIME,
      hs_lastmodifieddate: READONLY_DATETIME,
      hs_object_id: SYSTEM_ID,
    },
  },
  '0-3': {
    group: 'dealinformation',
    props: {
      dealname: {},
      dealstage: { type: 'enumeration', options: DEAL_STAGES },
      pipeline: { type: 'enumeration', options: [['default', 'Sales Pipeline']] },
      amount: { type: 'number' },
      closedate: DATETIME,
      dealtype: { type: 'enumeration', options: ['newbusiness', 'existingbusiness'] },
      hubspot_owner_id: OWNER,
      hs_is_closed: { type: 'bool', readOnly: true, calculated: true },
      hs_is_closed_won: { type: 'bool', readOnly: true, calculated: true },
      createdate: DATETIME,
      hs_lastmodifieddate: READONLY_DATETIME,
      hs_object_id: SYSTEM_ID,
    },
  },
  '0-5': {
    group: 'ticketinformation',
    props: {
      subject: {},
      content: {},
      hs_pipeline: { type: 'enumeration', options: [['0', 'Support Pipeline']] },
      hs_pipeline_stage: { type: 'enumeration', options: ['1', '2', '3', '4'] },
      hs_ticket_priority: { type: 'enumeration', options: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] },
      hubspot_owner_id: OWNER,
      createdate: DATETIME,
      hs_lastmodifieddate: READONLY_DATETIME,
      hs_object_id: SYSTEM_ID,
    },
  },
  '0-48': {
    group: 'callinformation',
    props: {
      hs_timestamp: DATETIME,
      hs_call_title: {},
      hs_call_body: { fieldType: 'html' },
      hs_call_direction: { type: 'enumeration', options: ['INBOUND', 'OUTBOUND'] },
      hs_call_status: {
        type: 'enumeration',
        options: [
          'BUSY',
          'CALLING_CRM_USER',
          'CANCELED',
          'COMPLETED',
          'CONNECTING',
          'FAILED',
          'IN_PROGRESS',
          'MISSED',
          'NO_ANSWER',
          'QUEUED',
          'RINGING',
        ],
      },
      hs_call_disposition: { type: 'enumeration', options: CALL_DISPOSITIONS },
      hs_call_has_voicemail: { type: 'bool' },
      hs_call_from_number: {},
      hs_call_to_number: {},
      hs_call_recording_url: {},
      hs_call_duration: { type: 'number' },
      hubspot_owner_id: OWNER,
    },
  },
  '0-27': {
    group: 'taskinformation',
    props: {
      hs_timestamp: DATETIME,
      hs_task_subject: {},
      hs_task_body: { fieldType: 'html' },
      hs_task_status: {
        type: 'enumeration',
        options: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
      },
      hs_task_priority: { type: 'enumeration', options: ['LOW', 'MEDIUM', 'HIGH'] },
      hs_task_type: { type: 'enumeration', options: ['CALL', 'EMAIL', 'TODO'] },
      hs_task_completion_date: DATETIME,
      hubspot_owner_id: OWNER,
    },
  },
  '0-47': {
    group: 'meetinginformation',
    props: {
      hs_timestamp: DATETIME,
      hs_meeting_title: {},
      hs_meeting_body: { fieldType: 'html' },
      hs_meeting_start_time: DATETIME,
      hs_meeting_end_time: DATETIME,
      hs_meeting_location: {},
      hs_meeting_outcome: {
        type: 'enumeration',
        options: ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'],
      },
      hubspot_owner_id: OWNER,
    },
  },
  '0-46': {
    group: 'noteinformation',
    props: { hs_timestamp: DATETIME, hs_note_body: { fieldType: 'html' }, hubspot_owner_id: OWNER },
  },
};

/** Engagements and custom objects carry hs_createdate / hs_lastmodifieddate / hs_object_id. */
const ACTIVITY_SYSTEM: Record<string, PropSpec> = {
  hs_createdate: DATETIME,
  hs_lastmodifieddate: READONLY_DATETIME,
  hs_object_id: SYSTEM_ID,
};

export function defaultGroups(objectTypeId: string, customName?: string): PropertyGroup[] {
  const group = TABLE[objectTypeId]?.group ?? `${customName ?? objectTypeId.replace('-', '_')}_information`;
  return [
    { name: group, label: humanize(group.replace(/information$/, '_information')), displayOrder: 0, archived: false },
  ];
}

export function defaultProperties(objectTypeId: string, customName?: string): PropertyDefinition[] {
  const entry = TABLE[objectTypeId];
  const group = defaultGroups(objectTypeId, customName)[0]!.name;
  const specs: Record<string, PropSpec> = { ...(entry?.props ?? {}) };
  if (!('hs_object_id' in specs)) Object.assign(specs, ACTIVITY_SYSTEM);
  return Object.entries(specs).map(([name, spec], i) => ({ ...defineProperty(name, group, spec), displayOrder: i }));
}
