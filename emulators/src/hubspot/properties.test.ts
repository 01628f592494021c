import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { apiError, startTestEmulator, type TestHarness } from './testing.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startTestEmulator();
});
afterAll(() => h.close());

const prop = (p: Record<string, unknown>) => p as unknown as PropertyCreate;

describe('properties API', () => {
  it('creates a group and a boolean property in it, then accepts only true/false values', async () => {
    const group = await h.client.crm.properties.groupsApi.create('contacts', {
      name: 'ringback',
      label: 'Ringback',
      displayOrder: -1,
    });
    expect(group).toMatchObject({ name: 'ringback', label: 'Ringback', archived: false });
    const created = await h.client.crm.properties.coreApi.create(
      'contacts',
      prop({
        name: 'ringback_created',
        label: 'Created by Ringback',
        type: 'bool',
        fieldType: 'booleancheckbox',
        groupName: 'ringback',
      }),
    );
    expect(created).toMatchObject({
      name: 'ringback_created',
      type: 'bool',
      fieldType: 'booleancheckbox',
      hubspotDefined: false,
    });
    expect(created.options.map((o) => o.value)).toEqual(['true', 'false']);

    const read = await h.client.crm.properties.coreApi.getByName('contacts', 'ringback_created');
    expect(read.groupName).toBe('ringback');
    const c = await h.client.crm.contacts.basicApi.create({
      properties: { ringback_created: 'true', lifecyclestage: 'lead' },
      associations: [],
    });
    expect(c.properties.ringback_created).toBe('true');
    const bad = await apiError(
      h.client.crm.contacts.basicApi.create({ properties: { ringback_created: 'maybe' }, associations: [] }),
    );
    expect(String(bad.body.message)).toContain('INVALID_BOOLEAN');
  });

  it('lists groups and properties, and 404s an unknown property', async () => {
    const groups = await h.client.crm.properties.groupsApi.getAll('contacts');
    expect(groups.results.map((g) => g.name)).toContain('contactinformation');
    const all = await h.client.crm.properties.coreApi.getAll('calls');
    expect(all.results.map((p) => p.name)).toEqual(
      expect.arrayContaining(['hs_timestamp', 'hs_call_status', 'hs_call_disposition']),
    );
    expect((await apiError(h.client.crm.properties.coreApi.getByName('contacts', 'no_such_property'))).code).toBe(404);
  });

  it('refuses duplicates, unknown groups, bad type/fieldType pairs and reserved names', async () => {
    const base = { label: 'X', type: 'string', fieldType: 'text', groupName: 'contactinformation' };
    await h.client.crm.properties.coreApi.create('contacts', prop({ ...base, name: 'ringback_key' }));
    expect(
      (await apiError(h.client.crm.properties.coreApi.create('contacts', prop({ ...base, name: 'ringback_key' }))))
        .code,
    ).toBe(409);
    expect(
      (
        await apiError(
          h.client.crm.properties.coreApi.create('contacts', prop({ ...base, name: 'a1', groupName: 'nope' })),
        )
      ).code,
    ).toBe(400);
    expect(
      (
        await apiError(
          h.client.crm.properties.coreApi.create(
            'contacts',
            prop({ ...base, name: 'a2', fieldType: 'booleancheckbox' }),
          ),
        )
      ).code,
    ).toBe(400);
    expect(
      (await apiError(h.client.crm.properties.coreApi.create('contacts', prop({ ...base, name: 'hs_mine' })))).code,
    ).toBe(400);
    expect(
      (await apiError(h.client.crm.properties.coreApi.create('contacts', prop({ ...base, name: 'Bad Name' })))).code,
    ).toBe(400);
  });

  it('allows hasUniqueValue on contacts but not on calls or tasks', async () => {
    const unique = { label: 'Key', type: 'string', fieldType: 'text', hasUniqueValue: true };
    const ok = await h.client.crm.properties.coreApi.create(
      'deals',
      prop({ ...unique, name: 'ringback_deal_key', groupName: 'dealinformation' }),
    );
    expect(ok.hasUniqueValue).toBe(true);
    const onCalls = await apiError(
      h.client.crm.properties.coreApi.create(
        'calls',
        prop({ ...unique, name: 'ringback_key', groupName: 'callinformation' }),
      ),
    );
    expect(onCalls.code).toBe(400);
    expect(String(onCalls.body.message)).toContain('Unique value properties');
    const onTasks = await apiError(
      h.client.crm.properties.coreApi.create(
        'tasks',
        prop({ ...unique, name: 'ringback_key', groupName: 'taskinformation' }),
      ),
    );
    expect(onTasks.code).toBe(400);
    // A plain marker property on calls is fine (the product's crash-recovery marker).
    const marker = await h.client.crm.properties.coreApi.create(
      'calls',
      prop({ ...unique, hasUniqueValue: false, name: 'ringback_key', groupName: 'callinformation' }),
    );
    expect(marker.hasUniqueValue).toBe(false);
  });

  it('creates enumeration properties whose options are then enforced', async () => {
    await h.client.crm.properties.coreApi.create(
      'contacts',
      prop({
        name: 'ringback_source',
        label: 'Source',
        type: 'enumeration',
        fieldType: 'select',
        groupName: 'contactinformation',
        options: [
          { label: 'CallRail', value: 'callrail', hidden: false, displayOrder: 0 },
          { label: 'Twilio', value: 'twilio', hidden: false, displayOrder: 1 },
        ],
      }),
    );
    await expect(
      h.client.crm.contacts.basicApi.create({ properties: { ringback_source: 'twilio' }, associations: [] }),
    ).resolves.toBeDefined();
    const bad = await apiError(
      h.client.crm.contacts.basicApi.create({ properties: { ringback_source: 'invoca' }, associations: [] }),
    );
    expect(String(bad.body.message)).toContain('invoca was not one of the allowed options: [callrail, twilio]');
    await h.client.crm.properties.coreApi.update('contacts', 'ringback_source', {
      options: [{ label: 'Invoca', value: 'invoca', hidden: false, displayOrder: 2 }],
    } as never);
    await expect(
      h.client.crm.contacts.basicApi.create({ properties: { ringback_source: 'invoca' }, associations: [] }),
    ).resolves.toBeDefined();
  });
});
