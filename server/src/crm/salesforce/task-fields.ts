/**
 * What Ringback writes into Salesforce for a case, field by field (contract §6 "What"): the new Lead,
 * the completed call Task and the open follow-up Task. Pure, so the shapes are tested exactly.
 */
import type { CrmCase } from '../port.ts';

const CATEGORY_LABEL: Record<CrmCase['category'], string> = {
  no_answer: 'No answer',
  voicemail: 'Left voicemail',
  abandoned: 'Abandoned',
  busy: 'Busy',
};

const PRIORITY: Record<CrmCase['urgency'], 'High' | 'Normal' | 'Low'> = { high: 'High', normal: 'Normal', low: 'Low' };

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The calendar date of `at` in `timeZone`, `YYYY-MM-DD` (ActivityDate is a date without a zone). */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function caller(c: CrmCase): string {
  return c.callerName ? `${c.callerName} (${c.callerE164})` : c.callerE164;
}

/** The case in a few lines a rep can act on. */
export function caseDescription(c: CrmCase): string {
  const lines = [
    `Missed call from ${caller(c)}: ${CATEGORY_LABEL[c.category]}${c.afterHours ? ', after hours' : ''}.`,
    `Category: ${c.category}`,
    `Location: ${c.locationName ?? 'unassigned'}${c.trackingE164 ? ` (tracking number ${c.trackingE164})` : ''}`,
    `Source: ${c.source ?? 'unknown'}${c.campaign ? ` / ${c.campaign}` : ''}`,
    `Intent: ${c.intent}, urgency: ${c.urgency}`,
    `Call back by: ${c.slaDueAt.toISOString()}`,
  ];
  if (c.recordingUrl) lines.push(`Recording: ${c.recordingUrl}`);
  if (c.transcriptUrl) lines.push(`Transcript: ${c.transcriptUrl}`);
  if (c.reasons.length) lines.push(`Why: ${c.reasons.join('; ')}`);
  lines.push(`Ringback case ${c.id} (${c.provider} call ${c.providerCallId})`);
  return clip(lines.join('\n'), 32_000);
}

export function leadFields(c: CrmCase, leadSource: string | null, ownerId: string | null): Record<string, unknown> {
  return {
    LastName: clip(c.callerName ?? 'Unknown caller', 80),
    Company: clip(c.callerName ?? c.callerE164, 255),
    Phone: c.callerE164,
    ...(leadSource ? { LeadSource: leadSource } : {}),
    Ringback_Created__c: true,
    ...(ownerId ? { OwnerId: ownerId } : {}),
  };
}

/**
 * The completed call activity: created once (TaskSubtype is create-only), never upserted. No WhatId:
 * a Lead forbids one, a Contact's Task takes its Account on its own, and the package's location
 * object does not take activities.
 */
export function callTaskFields(
  c: CrmCase,
  whoId: string,
  ownerId: string | null,
  key: string,
): Record<string, unknown> {
  return {
    Subject: clip(`Missed call: ${CATEGORY_LABEL[c.category]} from ${caller(c)}`, 255),
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    Status: 'Completed',
    Priority: 'Normal',
    CallDisposition: CATEGORY_LABEL[c.category],
    CallObject: clip(c.providerCallId, 255),
    ...(c.ringSeconds !== null ? { CallDurationInSeconds: Math.max(0, Math.round(c.ringSeconds)) } : {}),
    ActivityDate: localDate(c.missedAt, c.timezone),
    Description: caseDescription(c),
    WhoId: whoId,
    ...(ownerId ? { OwnerId: ownerId } : {}),
    Ringback_Key__c: key,
  };
}

/** The open follow-up, sent as an upsert by Ringback_Key__c (so no create-only field in it). */
export function followUpFields(c: CrmCase, whoId: string, ownerId: string | null): Record<string, unknown> {
  return {
    Subject: clip(`Call back ${caller(c)}: missed call${c.locationName ? ` at ${c.locationName}` : ''}`, 255),
    Status: 'Not Started',
    Priority: PRIORITY[c.urgency],
    ActivityDate: localDate(c.slaDueAt, c.timezone),
    ReminderDateTime: c.slaDueAt.toISOString(),
    IsReminderSet: true,
    Description: caseDescription(c),
    WhoId: whoId,
    ...(ownerId ? { OwnerId: ownerId } : {}),
  };
}

/** A repeat dial's own call activity on the case's person; no task. */
export function repeatCallFields(
  c: CrmCase,
  whoId: string,
  ownerId: string | null,
  key: string,
): Record<string, unknown> {
  return {
    ...callTaskFields(c, whoId, ownerId, key),
    Subject: clip(`Repeat missed call: ${CATEGORY_LABEL[c.category]} from ${caller(c)}`, 255),
  };
}

/** The marker an escalation leaves in the follow-up's Description, so a tier is noted once. */
export function escalationMarker(tier: number): string {
  return `[Ringback escalation tier ${tier}]`;
}

export function appendNote(description: string | null | undefined, note: string): string {
  return clip(description ? `${description}\n\n${note}` : note, 32_000);
}
