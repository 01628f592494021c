/**
 * The HubSpot baseline: what a straightforward integration does per missed call, one request per
 * step with the typed @hubspot/api-client, nothing batched and no inline associations:
 *
 *   1. search contacts by the caller's number (`hs_searchable_calculated_phone_number` = national digits)
 *   2. create a contact when none matched
 *   3. create the call            4. associate it with the contact (v4 default association)
 *   5. create the follow-up task  6. associate it with the contact
 *
 * 5 requests for a known caller, 6 for a new one. The client's own retries are off, as Ringback's.
 */
import { Client } from '@hubspot/api-client';
import type { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts/models/Filter.js';
import { nationalDigits } from '@ringback/shared';
import type { NaiveCall } from './naive-call.ts';

export function naiveHubSpotWriter(baseUrl: string, accessToken: string): (call: NaiveCall) => Promise<void> {
  const client = new Client({ accessToken, basePath: baseUrl, numberOfApiCallRetries: 0 });
  return async (call) => {
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'hs_searchable_calculated_phone_number',
              operator: 'EQ' as FilterOperatorEnum,
              value: nationalDigits(call.callerE164) ?? call.callerE164,
            },
          ],
        },
      ],
      properties: ['hubspot_owner_id'],
      limit: 1,
    });
    const [first, ...rest] = call.callerName.split(' ');
    const contactId =
      found.results[0]?.id ??
      (
        await client.crm.contacts.basicApi.create({
          properties: {
            phone: call.callerE164,
            firstname: first ?? '',
            lastname: rest.join(' '),
            lifecyclestage: 'lead',
            hubspot_owner_id: call.ownerId,
          },
        })
      ).id;
    const callRecord = await client.crm.objects.calls.basicApi.create({
      properties: {
        hs_timestamp: call.missedAt.toISOString(),
        hs_call_direction: 'INBOUND',
        hs_call_status: 'NO_ANSWER',
        hs_call_title: `Missed call from ${call.callerE164}`,
        hs_call_from_number: call.callerE164,
      },
    });
    await client.crm.associations.v4.basicApi.createDefault('calls', callRecord.id, 'contacts', contactId);
    const task = await client.crm.objects.tasks.basicApi.create({
      properties: {
        hs_task_type: 'CALL',
        hs_timestamp: call.dueAt.toISOString(),
        hs_task_status: 'NOT_STARTED',
        hs_task_subject: `Call back ${call.callerE164} [bench ${call.key}]`,
        hubspot_owner_id: call.ownerId,
      },
    });
    await client.crm.associations.v4.basicApi.createDefault('tasks', task.id, 'contacts', contactId);
  };
}
