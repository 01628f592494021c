import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startTestEmulator, type TestHarness } from './testing.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startTestEmulator();
});
afterAll(() => h.close());

describe('CRM v3 basic objects through @hubspot/api-client', () => {
  it('creates, reads, updates and archives a contact', async () => {
    const created = await h.client.crm.contacts.basicApi.create({
      properties: {
        firstname: 'Ada',
        lastname: 'Lovelace',
        email: 'ada@example.com',
        phone: '+14805550100',
        lifecyclestage: 'lead',
      },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.email).toBe('ada@example.com');
    expect(created.properties.hs_object_id).toBe(created.id);
    expect(created.createdAt).toBeInstanceOf(Date);

    const read = await h.client.crm.contacts.basicApi.getById(created.id, ['phone', 'lifecyclestage']);
    expect(read.properties.phone).toBe('+14805550100');
    expect(read.properties.lifecyclestage).toBe('lead');
    expect(read.properties).not.toHaveProperty('firstname');

    const updated = await h.client.crm.contacts.basicApi.update(created.id, {
      properties: { lifecyclestage: 'customer' },
    });
    expect(updated.properties.lifecyclestage).toBe('customer');
    const again = await h.client.crm.contacts.basicApi.getById(created.id, ['lifecyclestage', 'lastmodifieddate']);
    expect(again.properties.lifecyclestage).toBe('customer');

    await h.client.crm.contacts.basicApi.archive(created.id);
    const gone = await apiError(h.client.crm.contacts.basicApi.getById(created.id));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    const archived = await h.client.crm.contacts.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it('returns the default property set when none is requested', async () => {
    const c = await h.client.crm.contacts.basicApi.create({
      properties: { firstname: 'Grace', mobilephone: '555-0101' },
      associations: [],
    });
    const read = await h.client.crm.contacts.basicApi.getById(c.id);
    expect(Object.keys(read.properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
  });

  it('rejects an unknown property with PROPERTY_DOESNT_EXIST', async () => {
    const err = await apiError(
      h.client.crm.contacts.basicApi.create({
        properties: { firstname: 'X', favourite_colour: 'red' },
        associations: [],
      }),
    );
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(typeof err.body.correlationId).toBe('string');
    expect(String(err.body.message)).toContain('Property values were not valid');
    expect(String(err.body.message)).toContain('PROPERTY_DOESNT_EXIST');
    expect(h.emulator.state.listObjects(h.portalId, 'contacts').some((r) => r.properties.firstname === 'X')).toBe(
      false,
    );
  });

  it('rejects an enumeration value outside the options with INVALID_OPTION', async () => {
    const err = await apiError(
      h.client.crm.objects.calls.basicApi.create({
        properties: { hs_timestamp: '2026-01-15T12:00:00Z', hs_call_status: 'VOICEMAIL' },
        associations: [],
      }),
    );
    expect(err.code).toBe(400);
    expect(String(err.body.message)).toContain('INVALID_OPTION');
    expect(String(err.body.message)).toContain('VOICEMAIL was not one of the allowed options');
  });

  it('requires hs_timestamp on calls and tasks', async () => {
    const err = await apiError(
      h.client.crm.objects.tasks.basicApi.create({ properties: { hs_task_subject: 'Call back' }, associations: [] }),
    );
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ category: 'VALIDATION_ERROR', context: { properties: ['hs_timestamp'] } });
  });

  it('stores a call with HubSpot datetime and boolean normalization', async () => {
    const call = await h.client.crm.objects.calls.basicApi.create({
      properties: {
        hs_timestamp: String(Date.UTC(2026, 0, 15, 9, 30)),
        hs_call_direction: 'INBOUND',
        hs_call_status: 'NO_ANSWER',
        hs_call_has_voicemail: 'TRUE',
        hs_call_disposition: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
        hs_call_from_number: '+14805550100',
      },
      associations: [],
    });
    expect(call.properties.hs_timestamp).toBe('2026-01-15T09:30:00.000Z');
    expect(call.properties.hs_call_has_voicemail).toBe('true');
    const bad = await apiError(
      h.client.crm.objects.calls.basicApi.create({ properties: { hs_timestamp: 'yesterday' }, associations: [] }),
    );
    expect(bad.code).toBe(400);
  });

  it('refuses writes to read-only properties and unknown owners', async () => {
    const ro = await apiError(
      h.client.crm.contacts.basicApi.create({ properties: { hs_object_id: '5' }, associations: [] }),
    );
    expect(String(ro.body.message)).toContain('READ_ONLY_VALUE');
    const owner = await apiError(
      h.client.crm.contacts.basicApi.create({ properties: { hubspot_owner_id: '999999' }, associations: [] }),
    );
    expect(String(owner.body.message)).toContain('INVALID_OWNER_ID');
    const o = h.emulator.state.addOwner(h.portalId, { email: 'rep@example.com' });
    const ok = await h.client.crm.contacts.basicApi.create({
      properties: { hubspot_owner_id: o.id },
      associations: [],
    });
    expect(ok.properties.hubspot_owner_id).toBe(o.id);
  });

  it('answers 409 for a second contact with the same email', async () => {
    const first = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'dup@example.com' },
      associations: [],
    });
    const err = await apiError(
      h.client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' }, associations: [] }),
    );
    expect(err.code).toBe(409);
    expect(err.body.message).toBe(`Contact already exists. Existing ID: ${first.id}`);
  });

  it('reads by idProperty=email and pages through a list', async () => {
    const c = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'byemail@example.com' },
      associations: [],
    });
    const read = await h.client.crm.contacts.basicApi.getById(
      'byemail@example.com',
      undefined,
      undefined,
      undefined,
      false,
      'email',
    );
    expect(read.id).toBe(c.id);
    const badIdProperty = await apiError(
      h.client.crm.contacts.basicApi.getById('x', undefined, undefined, undefined, false, 'firstname'),
    );
    expect(badIdProperty.code).toBe(400);

    const first = await h.client.crm.contacts.basicApi.getPage(2);
    expect(first.results).toHaveLength(2);
    const after = first.paging?.next?.after;
    expect(after).toBeDefined();
    const second = await h.client.crm.contacts.basicApi.getPage(2, after);
    expect(Number(second.results[0]!.id)).toBeGreaterThan(Number(first.results[1]!.id));
  });

  it('answers 400 for an unknown object type', async () => {
    const err = await apiError(h.client.crm.objects.basicApi.getPage('spaceships', 10));
    expect(err.code).toBe(400);
    expect(err.body.message).toBe('Unable to infer object type from: spaceships');
  });

  it('computes deal closed flags and task completion date', async () => {
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'HVAC install', dealstage: 'appointmentscheduled', amount: '4200' },
      associations: [],
    });
    expect(deal.properties.pipeline).toBe('default');
    expect(deal.properties.hs_is_closed_won).toBe('false');
    const won = await h.client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'closedwon' } });
    expect(won.properties.hs_is_closed_won).toBe('true');
    const missingStage = await apiError(
      h.client.crm.deals.basicApi.create({ properties: { dealname: 'No stage' }, associations: [] }),
    );
    expect(missingStage.body.context).toEqual({ properties: ['dealstage'] });

    const task = await h.client.crm.objects.tasks.basicApi.create({
      properties: { hs_timestamp: '2026-01-16T10:00:00Z', hs_task_type: 'CALL' },
      associations: [],
    });
    expect(task.properties.hs_task_status).toBe('NOT_STARTED');
    const done = await h.client.crm.objects.tasks.basicApi.update(task.id, {
      properties: { hs_task_status: 'COMPLETED' },
    });
    expect(done.properties.hs_task_completion_date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('custom objects', () => {
  it('defines a schema and writes records of the new type', async () => {
    const schema = await h.client.crm.schemas.coreApi.create({
      // The generated client types `type` as an enum; HubSpot takes the plain string.
      name: 'locations',
      labels: { singular: 'Location', plural: 'Locations' },
      primaryDisplayProperty: 'location_name',
      requiredProperties: ['location_name'],
      searchableProperties: ['location_name'],
      associatedObjects: ['CONTACT'],
      properties: [{ name: 'location_name', label: 'Name', type: 'string', fieldType: 'text', hasUniqueValue: true }],
    } as unknown as Parameters<typeof h.client.crm.schemas.coreApi.create>[0]);
    const typeId = schema.objectTypeId!;
    expect(typeId).toMatch(/^2-\d+$/);
    expect(schema.fullyQualifiedName).toBe(`p${h.portalId}_locations`);
    const rec = await h.client.crm.objects.basicApi.create(typeId, {
      properties: { location_name: 'Phoenix' },
      associations: [],
    });
    const byName = await h.client.crm.objects.basicApi.getById(schema.fullyQualifiedName!, rec.id, ['location_name']);
    expect(byName.properties.location_name).toBe('Phoenix');
    const missing = await apiError(h.client.crm.objects.basicApi.create(typeId, { properties: {}, associations: [] }));
    expect(missing.code).toBe(400);
    const dup = await apiError(
      h.client.crm.objects.basicApi.create(typeId, { properties: { location_name: 'Phoenix' }, associations: [] }),
    );
    expect(dup.code).toBe(409);
  });
});
