/**
 * The standard objects the product touches, with the fields it reads or writes and the properties
 * Salesforce's object reference gives them. Each org gets its own copy, so a test can restrict a
 * picklist or add a custom field in one org without leaking into another.
 */
import { fb, ownerField, systemFields } from './field-builders.ts';
import type { FieldDef, ObjectDef } from './types.ts';

export const DEFAULT_LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] as const;
export const LEAD_STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
];
export const TASK_STATUSES = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'];
export const CLOSED_TASK_STATUSES = new Set(['Completed']);
export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];
export const CLOSED_STAGES: Record<string, { won: boolean }> = {
  'Closed Won': { won: true },
  'Closed Lost': { won: false },
};

function objectDef(
  name: string,
  keyPrefix: string,
  labelPlural: string,
  fields: FieldDef[],
  flags: Partial<Pick<ObjectDef, 'createable' | 'updateable' | 'deletable' | 'label' | 'custom'>> = {},
): ObjectDef {
  return {
    name,
    label: flags.label ?? name,
    labelPlural,
    keyPrefix,
    custom: flags.custom ?? false,
    createable: flags.createable ?? true,
    updateable: flags.updateable ?? true,
    deletable: flags.deletable ?? true,
    fields: new Map([fb.id(), ...fields, ...systemFields()].map((f) => [f.name, f])),
  };
}

const personName = (): FieldDef[] => [
  fb.text('FirstName', 'First Name', 40),
  fb.text('LastName', 'Last Name', 80, { nillable: false }),
  fb.computed(fb.text('Name', 'Full Name', 121, { nameField: true })),
];

function user(): ObjectDef {
  return objectDef(
    'User',
    '005',
    'Users',
    [
      fb.text('Username', 'Username', 80, { nillable: false, unique: true }),
      ...personName(),
      fb.email('Email', 'Email'),
      fb.bool('IsActive', 'Active', true),
    ],
    // Users are provisioned by the seed API; the product never creates them through REST.
    { createable: false, updateable: false, deletable: false },
  );
}

function account(): ObjectDef {
  return objectDef('Account', '001', 'Accounts', [
    fb.text('Name', 'Account Name', 255, { nillable: false, nameField: true }),
    fb.phone('Phone', 'Account Phone'),
    ownerField(),
  ]);
}

function contact(): ObjectDef {
  return objectDef('Contact', '003', 'Contacts', [
    ...personName(),
    fb.phone('Phone', 'Business Phone'),
    fb.phone('MobilePhone', 'Mobile Phone'),
    fb.phone('HomePhone', 'Home Phone'),
    fb.phone('OtherPhone', 'Other Phone'),
    fb.email('Email', 'Email'),
    ownerField(),
    fb.ref('AccountId', 'Account ID', ['Account'], 'Account'),
  ]);
}

function lead(): ObjectDef {
  const ro = { createable: false, updateable: false } as const;
  return objectDef('Lead', '00Q', 'Leads', [
    ...personName(),
    fb.text('Company', 'Company', 255, { nillable: false }),
    fb.phone('Phone', 'Phone'),
    fb.phone('MobilePhone', 'Mobile Phone'),
    fb.email('Email', 'Email'),
    // Restricted by default: orgs that lock the picklist are the case the product must survive.
    fb.picklist('LeadSource', 'Lead Source', DEFAULT_LEAD_SOURCES, { restrictedPicklist: true }),
    fb.picklist('Status', 'Status', LEAD_STATUSES, { default: 'Open - Not Contacted', nillable: false }),
    ownerField(),
    fb.bool('IsConverted', 'Converted', false, ro),
    fb.ref('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', ro),
    fb.ref('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', ro),
    fb.date('ConvertedDate', 'Converted Date', ro),
    fb.bool('Ringback_Created__c', 'Created by Ringback', false, { custom: true }),
  ]);
}

function opportunity(): ObjectDef {
  return objectDef('Opportunity', '006', 'Opportunities', [
    fb.text('Name', 'Name', 120, { nillable: false, nameField: true }),
    fb.picklist('StageName', 'Stage', OPPORTUNITY_STAGES, { nillable: false }),
    fb.date('CloseDate', 'Close Date', { nillable: false }),
    fb.currency('Amount', 'Amount'),
    fb.computed(fb.bool('IsWon', 'Won')),
    fb.computed(fb.bool('IsClosed', 'Closed')),
    fb.ref('AccountId', 'Account ID', ['Account'], 'Account'),
    fb.ref('ContactId', 'Contact ID', ['Contact'], 'Contact'),
    ownerField(),
  ]);
}

/** WhatId targets: every object that is not a person or a user (custom objects included at run time). */
export const WHAT_TARGETS = ['Account', 'Opportunity'];

function activityRelations(): FieldDef[] {
  return [
    fb.ref('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
    fb.ref('WhatId', 'Related To ID', [...WHAT_TARGETS], 'What'),
    ownerField(),
    fb.textarea('Description', 'Description', 32000),
  ];
}

function task(): ObjectDef {
  return objectDef('Task', '00T', 'Tasks', [
    fb.text('Subject', 'Subject', 255),
    fb.picklist('Status', 'Status', TASK_STATUSES, { default: 'Not Started', nillable: false }),
    fb.picklist('Priority', 'Priority', ['High', 'Normal', 'Low'], { default: 'Normal', nillable: false }),
    fb.date('ActivityDate', 'Due Date Only'),
    fb.datetime('ReminderDateTime', 'Reminder Date/Time'),
    fb.bool('IsReminderSet', 'Reminder Set'),
    ...activityRelations(),
    // Create-only: Salesforce rejects it on update, which is why upserts must leave it out.
    fb.picklist('TaskSubtype', 'Task Subtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], {
      updateable: false,
    }),
    fb.picklist('CallType', 'Call Type', ['Inbound', 'Outbound', 'Internal'], { restrictedPicklist: true }),
    fb.int('CallDurationInSeconds', 'Call Duration'),
    fb.text('CallDisposition', 'Call Result', 255),
    fb.text('CallObject', 'Call Object Identifier', 255),
    fb.computed(fb.bool('IsClosed', 'Closed')),
    fb.text('Ringback_Key__c', 'Ringback Key', 255, { externalId: true, unique: true, custom: true }),
  ]);
}

function event(): ObjectDef {
  return objectDef('Event', '00U', 'Events', [
    fb.text('Subject', 'Subject', 255),
    fb.datetime('StartDateTime', 'Start Date Time'),
    fb.datetime('EndDateTime', 'End Date Time'),
    fb.datetime('ActivityDateTime', 'Due Date Time'),
    fb.computed(fb.date('ActivityDate', 'Due Date Only')),
    fb.int('DurationInMinutes', 'Duration'),
    ...activityRelations(),
    // An External ID need not be unique; upserting a value held by two records answers 300.
    fb.text('Ringback_Key__c', 'Ringback Key', 255, { externalId: true, custom: true }),
  ]);
}

export function standardObjects(): ObjectDef[] {
  return [user(), account(), contact(), lead(), opportunity(), task(), event()];
}
