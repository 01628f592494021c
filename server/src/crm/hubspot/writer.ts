/**
 * A missed case into HubSpot (contract §6 "What"): the person, then — in parallel, both only need
 * the person — the inbound call activity and the follow-up call task, each associated to the
 * contact (and to the caller's open deal and the location's company when there are any). Calls and
 * tasks of the account's cases written at the same moment share batch create requests.
 *
 * Requests per case in the steady state: known caller = contact search + call + task (3); new caller
 * = search + contact upsert + call + task (4); fewer per case when several are batched together.
 */
import type { CrmCase, CrmLinks, CrmSession, CrmWriteResult, OwnerChoice } from '../port.ts';
import type { MicroBatcher } from './batcher.ts';
import { HubSpotError } from './errors.ts';
import { callProperties, taskProperties } from './engagement-properties.ts';
import { createOnce, type CreateOnceDeps } from './idempotent-create.ts';
import { resolvePerson, type PersonDeps } from './person.ts';

/** HubSpot-defined association type ids (Associations v4). */
export const ASSOCIATION = {
  callToContact: 194,
  callToCompany: 182,
  callToDeal: 206,
  taskToContact: 204,
  taskToCompany: 192,
  taskToDeal: 216,
} as const;

export interface CreateInput {
  properties: Record<string, string>;
  associations: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }>;
}

export interface WriterDeps extends PersonDeps {
  createOnce: Omit<CreateOnceDeps, 'session'>;
  calls: MicroBatcher<CreateInput, { id: string }>;
  tasks: MicroBatcher<CreateInput, { id: string }>;
}

function associate(targets: Array<[string | null, number]>): CreateInput['associations'] {
  return targets
    .filter((t): t is [string, number] => t[0] !== null)
    .map(([id, associationTypeId]) => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }));
}

/**
 * Creates with the contact association and the optional ones (deal, location company). A refused
 * optional association (a deleted deal, a mistyped company id in the config) must not block the
 * follow-up: the record is created again with the contact alone.
 */
async function createAssociated(
  batcher: MicroBatcher<CreateInput, { id: string }>,
  properties: Record<string, string>,
  contact: [string, number],
  optional: Array<[string | null, number]>,
): Promise<string> {
  const extra = associate(optional);
  try {
    return (await batcher.add({ properties, associations: [...associate([contact]), ...extra] })).id;
  } catch (err) {
    if (extra.length === 0 || !(err instanceof HubSpotError) || err.httpStatus !== 400 || !/associat|INVALID_OBJECT_IDS/i.test(err.message + JSON.stringify(err.body))) throw err;
    return (await batcher.add({ properties, associations: associate([contact]) })).id;
  }
}

export async function writeCase(deps: WriterDeps, c: CrmCase, session: CrmSession): Promise<CrmWriteResult> {
  // A new contact gets the owner its task will get, so the caller's next call routes to the same rep.
  const early: { choice: OwnerChoice | null } = { choice: null };
  const { person, openDealId } = await resolvePerson(deps, c, session, async () => {
    early.choice = await session.chooseOwner(c, null);
    return early.choice.ownerId;
  });
  const choice = early.choice ?? (await session.chooseOwner(c, person.ownerId));
  const once = { ...deps.createOnce, session };
  let taskOwner = choice.ownerId;
  let ownerReason = choice.reason;

  const [call, task] = await Promise.all([
    createOnce(once, c.id, 'call', 'calls', (key) =>
      createAssociated(deps.calls, callProperties(c, key), [person.id, ASSOCIATION.callToContact], [
        [openDealId, ASSOCIATION.callToDeal],
        [c.locationRecordId, ASSOCIATION.callToCompany],
      ]),
    ),
    createOnce(once, c.id, 'task', 'tasks', async (key) => {
      const attempt = await deps.owners.run(c, choice.ownerId, (ownerId) =>
        createAssociated(deps.tasks, taskProperties(c, key, ownerId, person.otherMatches), [person.id, ASSOCIATION.taskToContact], [
          [openDealId, ASSOCIATION.taskToDeal],
          [c.locationRecordId, ASSOCIATION.taskToCompany],
        ]),
      );
      if (attempt.fellBack) {
        taskOwner = attempt.ownerId;
        ownerReason = attempt.ownerId ? 'round_robin' : 'no_owners_configured';
      }
      return attempt.result;
    }),
  ]);

  return {
    contactId: person.id,
    contactCreated: person.created,
    callId: call.id,
    taskId: task.id,
    ownerId: taskOwner,
    ownerReason,
  };
}

/** A repeat dial: its own inbound call activity on the parent case's contact; never a task. */
export async function logRepeatCall(deps: WriterDeps, c: CrmCase, parent: CrmLinks, session: CrmSession): Promise<{ callId: string }> {
  const contactId = parent.contactId!;
  const call = await createOnce({ ...deps.createOnce, session }, c.id, 'repeat_call', 'calls', (key) =>
    createAssociated(deps.calls, callProperties(c, key), [contactId, ASSOCIATION.callToContact], [[c.locationRecordId, ASSOCIATION.callToCompany]]),
  );
  return { callId: call.id };
}
