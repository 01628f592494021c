/**
 * Changes to a follow-up task after it was written: closing it when the case turns out to be spam
 * (completed with a note; Ringback never deletes CRM records) and escalating it (priority HIGH, a new
 * owner, a note). Each reads the task first and does nothing when its note is already there, so a
 * job that runs twice changes the task once.
 */
import type { CrmCase, EscalationRequest } from '../port.ts';
import type { HubSpotClient } from './client.ts';
import { HubSpotError } from './errors.ts';
import { appendNote } from './engagement-properties.ts';
import type { OwnerFallback } from './owners.ts';

interface Task {
  id: string;
  properties: Record<string, string | null>;
}

async function readTask(client: HubSpotClient, taskId: string): Promise<Task | null> {
  try {
    return await client.request<Task>({
      method: 'GET',
      path: `/crm/v3/objects/tasks/${encodeURIComponent(taskId)}`,
      qs: { properties: 'hs_task_status,hs_task_body,hs_task_priority,hubspot_owner_id' },
      what: 'read a follow-up task',
      idempotent: true,
    });
  } catch (err) {
    // Someone deleted the task in HubSpot: there is nothing left to change.
    if (err instanceof HubSpotError && err.httpStatus === 404) return null;
    throw err;
  }
}

async function patchTask(client: HubSpotClient, taskId: string, properties: Record<string, string>, what: string): Promise<void> {
  await client.request({
    method: 'PATCH',
    path: `/crm/v3/objects/tasks/${encodeURIComponent(taskId)}`,
    body: { properties },
    what,
    idempotent: true,
  });
}

const spamMarker = '[Ringback: spam]';
const tierMarker = (tier: number) => `[Ringback: escalated to tier ${tier}]`;

export async function closeTaskAsSpam(client: HubSpotClient, c: CrmCase, note: string): Promise<void> {
  const taskId = c.links.taskId;
  if (!taskId) return;
  const task = await readTask(client, taskId);
  if (!task) return;
  const body = task.properties.hs_task_body ?? '';
  if (body.includes(spamMarker)) return;
  await patchTask(client, taskId, { hs_task_status: 'COMPLETED', hs_task_body: appendNote(body, `${spamMarker} ${note}`) }, 'close a task as spam');
}

export async function escalateTask(client: HubSpotClient, owners: OwnerFallback, c: CrmCase, request: EscalationRequest): Promise<void> {
  const taskId = c.links.taskId;
  if (!taskId) return;
  const task = await readTask(client, taskId);
  if (!task) return;
  const body = task.properties.hs_task_body ?? '';
  if (body.includes(tierMarker(request.tier))) return;
  const properties: Record<string, string> = {
    hs_task_priority: request.priority,
    hs_task_body: appendNote(body, `${tierMarker(request.tier)} ${request.note}`),
  };
  if (!request.ownerId) {
    await patchTask(client, taskId, properties, 'escalate a task');
    return;
  }
  // The escalation owner may have left: the task then goes to the location's next owner.
  await owners.run(c, request.ownerId, (ownerId) =>
    patchTask(client, taskId, ownerId ? { ...properties, hubspot_owner_id: ownerId } : properties, 'escalate a task'),
  );
}
