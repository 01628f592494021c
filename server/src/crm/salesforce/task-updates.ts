/**
 * Later changes to a case's follow-up Task: closing it when the call turns out to be spam (never a
 * delete), and escalating it (priority, owner, a note). Each reads the Task first and writes only
 * what is missing, so a retry or a second delivery changes nothing — a note is added once per tier.
 */
import type { CrmCase, CrmSession, EscalationRequest } from '../port.ts';
import { composite, firstFailure, query, type Sf } from './composite.ts';
import { recordError, troubleOf } from './errors.ts';
import { BAD_OWNER_MS, type PortState } from './port-state.ts';
import { soqlString } from './query-text.ts';
import { appendNote, escalationMarker } from './task-fields.ts';

interface TaskNow {
  Id: string;
  Status: string | null;
  Priority: string | null;
  OwnerId: string | null;
  Description: string | null;
  IsClosed: boolean | null;
}

async function readTask(sf: Sf, taskId: string): Promise<TaskNow | null> {
  const rows = await query<TaskNow>(
    sf,
    `SELECT Id, Status, Priority, OwnerId, Description, IsClosed FROM Task WHERE Id = ${soqlString(taskId)}`,
  );
  return rows[0] ?? null;
}

async function update(sf: Sf, taskId: string, fields: Record<string, unknown>) {
  const result = await composite(
    sf,
    [{ referenceId: 'task', method: 'PATCH', url: `/sobjects/Task/${taskId}`, body: fields }],
    true,
  );
  return firstFailure(result);
}

export async function closeTaskAsSpam(st: PortState, c: CrmCase, note: string, session: CrmSession): Promise<void> {
  const taskId = c.links.taskId;
  if (!taskId) return;
  const sf = await st.open('write');
  const task = await readTask(sf, taskId);
  // Deleted by someone in the org: there is nothing left to close.
  if (!task) return;
  const noted = (task.Description ?? '').includes(note);
  if (task.Status === 'Completed' && noted) return;
  const failure = await update(sf, taskId, {
    Status: 'Completed',
    ...(noted ? {} : { Description: appendNote(task.Description, note) }),
  });
  if (failure) throw recordError(failure.error, 'closing the follow-up Task');
  session.logger.info({ caseId: c.id, taskId }, 'Salesforce follow-up Task closed as spam');
}

export async function escalate(
  st: PortState,
  c: CrmCase,
  request: EscalationRequest,
  session: CrmSession,
): Promise<void> {
  const taskId = c.links.taskId;
  if (!taskId) return;
  const sf = await st.open('write');
  const task = await readTask(sf, taskId);
  // A deleted or already completed follow-up needs no escalation.
  if (!task || task.IsClosed) return;
  const marker = escalationMarker(request.tier);
  const noted = (task.Description ?? '').includes(marker);
  const refused = request.ownerId !== null && (st.badOwners.get(request.ownerId) ?? 0) > Date.now();
  const wantOwner = request.ownerId && task.OwnerId !== request.ownerId && !refused ? request.ownerId : null;
  if (noted && task.Priority === 'High' && !wantOwner) return;
  const fields: Record<string, unknown> = {
    Priority: 'High',
    ...(noted ? {} : { Description: appendNote(task.Description, `${marker} ${request.note}`) }),
  };
  let failure = await update(sf, taskId, { ...fields, ...(wantOwner ? { OwnerId: wantOwner } : {}) });
  if (failure && wantOwner && troubleOf(failure.error, true) === 'owner') {
    // The escalation owner cannot own records: raise the priority and note it for the current owner.
    st.badOwners.set(wantOwner, Date.now() + BAD_OWNER_MS);
    session.logger.warn(
      { caseId: c.id, ownerId: wantOwner, code: failure.error.errorCode },
      'Salesforce refused the escalation owner; escalating in place',
    );
    failure = await update(sf, taskId, fields);
  }
  if (failure) throw recordError(failure.error, 'escalating the follow-up Task');
}
