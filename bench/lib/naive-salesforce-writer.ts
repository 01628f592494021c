/**
 * The Salesforce baseline: one REST request per step with jsforce, no composite:
 *
 *   1. SOSL over phone fields for the caller's national digits
 *   2. create a Lead when nobody matched
 *   3. create the call Task (TaskSubtype Call, Completed)
 *   4. create the follow-up Task
 *
 * 3 API calls for a known caller, 4 for a new one.
 */
import jsforce from 'jsforce';
import { nationalDigits } from '@ringback/shared';
import type { NaiveCall } from './naive-call.ts';

interface SaveResult {
  id?: string;
  success: boolean;
  errors?: unknown[];
}

function created(result: SaveResult, what: string): string {
  if (!result.success || !result.id)
    throw new Error(`Salesforce refused ${what}: ${JSON.stringify(result.errors ?? [])}`);
  return result.id;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function naiveSalesforceWriter(instanceUrl: string, accessToken: string): (call: NaiveCall) => Promise<void> {
  const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '62.0' });
  return async (call) => {
    const digits = nationalDigits(call.callerE164) ?? call.callerE164.replace(/\D/g, '');
    const found = await conn.search(`FIND {${digits}} IN PHONE FIELDS RETURNING Contact(Id), Lead(Id)`);
    const [first, ...rest] = call.callerName.split(' ');
    const whoId =
      found.searchRecords[0]?.Id ??
      created(
        (await conn.sobject('Lead').create({
          FirstName: first,
          LastName: rest.join(' ') || 'Caller',
          Company: 'Unknown',
          Phone: call.callerE164,
          LeadSource: 'Phone Inquiry',
          OwnerId: call.ownerId,
        })) as SaveResult,
        'the Lead',
      );
    created(
      (await conn.sobject('Task').create({
        WhoId: whoId,
        Subject: `Missed call from ${call.callerE164}`,
        TaskSubtype: 'Call',
        CallType: 'Inbound',
        Status: 'Completed',
        ActivityDate: day(call.missedAt),
        OwnerId: call.ownerId,
      })) as SaveResult,
      'the call Task',
    );
    created(
      (await conn.sobject('Task').create({
        WhoId: whoId,
        Subject: `Call back ${call.callerE164} [bench ${call.key}]`,
        Status: 'Not Started',
        ActivityDate: day(call.dueAt),
        OwnerId: call.ownerId,
      })) as SaveResult,
      'the follow-up Task',
    );
  };
}
