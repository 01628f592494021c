import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssociationSpecAssociationCategoryEnum as Category } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { apiError, startTestEmulator, type TestHarness } from './testing.ts';

let h: TestHarness;
let contactId: string;
let dealId: string;
beforeAll(async () => {
  h = await startTestEmulator();
  contactId = h.emulator.state.createObject(h.portalId, 'contacts', { firstname: 'Caller' }).id;
  dealId = h.emulator.state.createObject(h.portalId, 'deals', {
    dealname: 'Job',
    dealstage: 'appointmentscheduled',
  }).id;
});
afterAll(() => h.close());

const spec = (associationTypeId: number) => [{ associationCategory: Category.HubspotDefined, associationTypeId }];
const newCall = () =>
  h.client.crm.objects.calls.basicApi.create({
    properties: { hs_timestamp: '2026-01-15T12:00:00Z' },
    associations: [],
  });

describe('associations v4', () => {
  it('associates a call with a contact (194) and reads it back from both sides', async () => {
    const call = await newCall();
    const res = await h.client.crm.associations.v4.basicApi.create('calls', call.id, 'contacts', contactId, spec(194));
    expect(res).toMatchObject({ fromObjectTypeId: '0-48', toObjectTypeId: '0-1', labels: [] });
    const fromCall = await h.client.crm.associations.v4.basicApi.getPage('calls', call.id, 'contacts');
    expect(fromCall.results).toEqual([
      { toObjectId: Number(contactId), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 194, label: null }] },
    ]);
    const fromContact = await h.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'calls');
    expect(fromContact.results.find((r) => String(r.toObjectId) === call.id)?.associationTypes[0]?.typeId).toBe(193);
  });

  it('refuses a type id that does not belong to the pair', async () => {
    const call = await newCall();
    for (const wrong of [204, 279, 99999]) {
      const err = await apiError(
        h.client.crm.associations.v4.basicApi.create('calls', call.id, 'contacts', contactId, spec(wrong)),
      );
      expect(err.code).toBe(400);
      expect(err.body).toMatchObject({
        status: 'error',
        category: 'VALIDATION_ERROR',
        message: 'One or more associations are invalid',
      });
    }
    expect(h.emulator.state.listAssociations(h.portalId, 'calls', call.id, 'contacts')).toEqual([]);
    const wrongCategory = await apiError(
      h.client.crm.associations.v4.basicApi.create('calls', call.id, 'contacts', contactId, [
        { associationCategory: Category.UserDefined, associationTypeId: 194 },
      ]),
    );
    expect(wrongCategory.code).toBe(400);
  });

  it('refuses ids of records that do not exist', async () => {
    const call = await newCall();
    const err = await apiError(
      h.client.crm.associations.v4.basicApi.create('calls', call.id, 'contacts', '424242', spec(194)),
    );
    expect(err.code).toBe(400);
    expect(err.body.context).toMatchObject({ INVALID_OBJECT_IDS: ['CONTACT=424242 is not valid'] });
  });

  it('accepts associations inline on create, inferring the target type from the type id', async () => {
    const task = await h.client.crm.objects.tasks.basicApi.create({
      properties: { hs_timestamp: '2026-01-16T09:00:00Z', hs_task_subject: 'Call back', hs_task_type: 'CALL' },
      associations: [
        { to: { id: contactId }, types: spec(204) },
        { to: { id: dealId }, types: spec(216) },
      ],
    });
    expect(h.emulator.state.listAssociations(h.portalId, 'tasks', task.id, 'contacts')).toEqual([
      { toObjectId: contactId, typeIds: [204] },
    ]);
    expect(h.emulator.state.listAssociations(h.portalId, 'deals', dealId, 'tasks')).toEqual([
      { toObjectId: task.id, typeIds: [215] },
    ]);
    const inline = await h.client.crm.objects.tasks.basicApi.getById(task.id, undefined, undefined, ['contacts']);
    expect(inline.associations?.contacts?.results).toEqual([{ id: contactId, type: 'task_to_contact' }]);

    const bad = await apiError(
      h.client.crm.objects.tasks.basicApi.create({
        properties: { hs_timestamp: '2026-01-16T09:00:00Z' },
        associations: [{ to: { id: contactId }, types: spec(194) }],
      }),
    );
    expect(bad.code).toBe(400);
  });

  it('creates a labeled (Primary) association with its unlabeled default, and removes both', async () => {
    const company = h.emulator.state.createObject(h.portalId, 'companies', { name: 'Acme' });
    const res = await h.client.crm.associations.v4.basicApi.create(
      'contacts',
      contactId,
      'companies',
      company.id,
      spec(1),
    );
    expect(res.labels).toEqual(['Primary']);
    expect(h.emulator.state.listAssociations(h.portalId, 'contacts', contactId, 'companies')).toEqual([
      { toObjectId: company.id, typeIds: [1, 279] },
    ]);
    await h.client.crm.associations.v4.basicApi.archive('contacts', contactId, 'companies', company.id);
    expect(h.emulator.state.listAssociations(h.portalId, 'companies', company.id, 'contacts')).toEqual([]);
  });

  it('batch-creates and batch-reads, with a 207 for ids without associations', async () => {
    const meeting = h.emulator.state.createObject(h.portalId, 'meetings', { hs_timestamp: '2026-01-20T15:00:00Z' });
    const lonely = h.emulator.state.createObject(h.portalId, 'meetings', { hs_timestamp: '2026-01-21T15:00:00Z' });
    const created = await h.client.crm.associations.v4.batchApi.create('meetings', 'contacts', {
      inputs: [{ _from: { id: meeting.id }, to: { id: contactId }, types: spec(200) }],
    });
    expect(created.results).toHaveLength(1);
    const read = await h.client.crm.associations.v4.batchApi.getPage('meetings', 'contacts', {
      inputs: [{ id: meeting.id }, { id: lonely.id }],
    });
    expect(read.results).toHaveLength(1);
    expect(read.results[0]!.to[0]).toMatchObject({ toObjectId: Number(contactId) });
    expect((read as { errors?: unknown[] }).errors).toHaveLength(1);
  });

  it('associates with the default type and lists the labels of a pair', async () => {
    const call = await newCall();
    const res = await h.client.crm.associations.v4.basicApi.createDefault('calls', call.id, 'deals', dealId);
    expect(res.results[0]!.associationSpec.associationTypeId).toBe(206);
    const labels = await fetch(`${h.url}/crm/v4/associations/deals/contacts/labels`, {
      headers: { authorization: `Bearer ${h.token}` },
    });
    expect((await labels.json()) as unknown).toEqual({
      results: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
    });
  });
});
