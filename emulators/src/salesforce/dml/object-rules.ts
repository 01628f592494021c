/**
 * Rules and derived fields that belong to particular objects: person names, a task's IsClosed, an
 * opportunity's IsWon/IsClosed, an event's start/end/duration, and the activity rule that a task
 * about a lead cannot also be related to something else.
 */
import type { DmlError } from '../errors.ts';
import { dmlError } from '../errors.ts';
import { keyPrefixOf } from '../ids.ts';
import { CLOSED_STAGES, CLOSED_TASK_STATUSES } from '../schema/standard-objects.ts';
import type { RecordFields } from '../schema/types.ts';
import { parseDateTime, sfDate, sfDateTime } from '../time-format.ts';

function personName(r: RecordFields): string {
  return [r['FirstName'], r['LastName']].filter((p) => typeof p === 'string' && p !== '').join(' ');
}

/** Errors that depend on several fields of one record (checked after field-level rules pass). */
export function objectRuleErrors(type: string, r: RecordFields): DmlError[] {
  if (type !== 'Task' && type !== 'Event') return [];
  const errors: DmlError[] = [];
  const who = r['WhoId'];
  if (typeof who === 'string' && keyPrefixOf(who) === '00Q' && r['WhatId'] != null) {
    errors.push(
      dmlError('FIELD_INTEGRITY_EXCEPTION', 'Related To ID: the Related To field must be empty when Name is a lead', [
        'WhatId',
      ]),
    );
  }
  if (type === 'Event') {
    const missing: string[] = [];
    if (r['StartDateTime'] == null && r['ActivityDateTime'] == null) missing.push('ActivityDateTime');
    if (r['EndDateTime'] == null && r['DurationInMinutes'] == null) missing.push('DurationInMinutes');
    if (missing.length > 0) {
      errors.push(dmlError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
    }
    const start = typeof r['StartDateTime'] === 'string' ? parseDateTime(r['StartDateTime']) : null;
    const end = typeof r['EndDateTime'] === 'string' ? parseDateTime(r['EndDateTime']) : null;
    if (start !== null && end !== null && end < start) {
      errors.push(
        dmlError('FIELD_INTEGRITY_EXCEPTION', 'End Date Time: End date cannot be before start date', ['EndDateTime']),
      );
    }
  }
  return errors;
}

/** Fills the fields the platform computes. `changed` tells which of the event's time fields were sent. */
export function applyDerivedFields(type: string, r: RecordFields, changed: ReadonlySet<string>): void {
  switch (type) {
    case 'Contact':
    case 'Lead':
    case 'User':
      r['Name'] = personName(r);
      return;
    case 'Task':
      r['IsClosed'] = typeof r['Status'] === 'string' && CLOSED_TASK_STATUSES.has(r['Status']);
      return;
    case 'Opportunity': {
      const closed = typeof r['StageName'] === 'string' ? CLOSED_STAGES[r['StageName']] : undefined;
      r['IsClosed'] = closed !== undefined;
      r['IsWon'] = closed?.won ?? false;
      return;
    }
    case 'Event':
      deriveEventTimes(r, changed);
      return;
  }
}

function deriveEventTimes(r: RecordFields, changed: ReadonlySet<string>): void {
  // StartDateTime and ActivityDateTime are the same instant under two names; whichever was sent wins.
  if (changed.has('StartDateTime') && r['StartDateTime'] != null) r['ActivityDateTime'] = r['StartDateTime'];
  else if (changed.has('ActivityDateTime') && r['ActivityDateTime'] != null) r['StartDateTime'] = r['ActivityDateTime'];
  const start = typeof r['StartDateTime'] === 'string' ? parseDateTime(r['StartDateTime']) : null;
  if (start === null) return;
  const end = typeof r['EndDateTime'] === 'string' ? parseDateTime(r['EndDateTime']) : null;
  if (changed.has('DurationInMinutes') && typeof r['DurationInMinutes'] === 'number') {
    r['EndDateTime'] = sfDateTime(start + r['DurationInMinutes'] * 60_000);
  } else if (end !== null) {
    r['DurationInMinutes'] = Math.round((end - start) / 60_000);
  } else if (typeof r['DurationInMinutes'] === 'number') {
    r['EndDateTime'] = sfDateTime(start + r['DurationInMinutes'] * 60_000);
  }
  r['ActivityDate'] = sfDate(start);
}
