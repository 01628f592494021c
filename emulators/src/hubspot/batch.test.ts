import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startTestEmulator, type TestHarness } from './testing.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startTestEmulator();
  await h.client.crm.properties.coreApi.create('contacts', {
    name: 'ringback_key',
    label: 'Ringback key',
    type: 'string',
    fieldType: 'text',
    groupName: 'contactinformation',
    hasUniqueValue: true,
  } as Parameters<typeof h.client.crm.properties.coreApi.create>[1]);
});
afterAll(() => h.close());

const contactInputs = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    properties: { email: `${prefix}${i}@example.com`, firstname: `P${i}` },
    associations: [],
  }));

describe('CRM v3 batch endpoints', () => {
  it('creates up to 100 records with status COMPLETE and 201', async () => {
    const res = await h.client.crm.contacts.batchApi.create({ inputs: contactInputs(100, 'batch') });
    expect(res.status).toBe('COMPLETE');
    expect(res.results).toHaveLength(100);
    expect(res.startedAt).toBeInstanceOf(Date);
    expect(res.completedAt).toBeInstanceOf(Date);
  });

  it('refuses more than 100 inputs with 400 and creates nothing', async () => {
    const before = h.emulator.state.listObjects(h.portalId, 'contacts').length;
    const err = await apiError(h.client.crm.contacts.batchApi.create({ inputs: contactInputs(101, 'toomany') }));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(h.emulator.state.listObjects(h.portalId, 'contacts')).toHaveLength(before);
    const read = await apiError(
      h.client.crm.contacts.batchApi.read({
        inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })),
        properties: [],
        propertiesWithHistory: [],
      }),
    );
    expect(read.code).toBe(400);
  });

  it('refuses the whole batch when one input has an invalid property', async () => {
    const before = h.emulator.state.listObjects(h.portalId, 'contacts').length;
    const inputs = [...contactInputs(2, 'atomic'), { properties: { lifecyclestage: 'wizard' }, associations: [] }];
    const err = await apiError(h.client.crm.contacts.batchApi.create({ inputs }));
    expect(err.code).toBe(400);
    expect(String(err.body.message)).toContain('INVALID_OPTION');
    expect(h.emulator.state.listObjects(h.portalId, 'contacts')).toHaveLength(before);
  });

  it('reads found ids and reports missing ones in a 207 multi-status', async () => {
    const created = await h.client.crm.contacts.batchApi.create({ inputs: contactInputs(2, 'read') });
    const ids = created.results.map((r) => r.id);
    const ok = await h.client.crm.contacts.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(ok.results.map((r) => r.properties.email).sort()).toEqual(['read0@example.com', 'read1@example.com']);
    expect('errors' in ok ? ok.errors : undefined).toBeUndefined();

    const partial = await h.client.crm.contacts.batchApi.read({
      inputs: [{ id: ids[0]! }, { id: '99999999' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(partial.results).toHaveLength(1);
    const errors = (partial as { errors?: Array<{ category: string; context: Record<string, string[]> }> }).errors;
    expect(errors?.[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['99999999'] } });
  });

  it('updates in batch and answers 207 for ids that do not exist', async () => {
    const created = await h.client.crm.contacts.batchApi.create({ inputs: contactInputs(1, 'upd') });
    const id = created.results[0]!.id;
    const res = await h.client.crm.contacts.batchApi.update({
      inputs: [
        { id, properties: { lifecyclestage: 'opportunity' } },
        { id: '88888888', properties: { lifecyclestage: 'lead' } },
      ],
    });
    expect(res.results[0]!.properties.lifecyclestage).toBe('opportunity');
    expect((res as { numErrors?: number }).numErrors).toBe(1);
  });

  it('upserts by a unique-value property: creates once, then updates the same record', async () => {
    const first = await h.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'ringback_key', id: 'call-1', properties: { firstname: 'Caller' } }],
    });
    const r1 = first.results[0]!;
    expect(r1._new).toBe(true);
    expect(r1.properties.ringback_key).toBe('call-1');
    const second = await h.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'ringback_key', id: 'call-1', properties: { lastname: 'Again' } }],
    });
    expect(second.results[0]!._new).toBe(false);
    expect(second.results[0]!.id).toBe(r1.id);
    expect(
      h.emulator.state.listObjects(h.portalId, 'contacts').filter((r) => r.properties.ringback_key === 'call-1'),
    ).toHaveLength(1);

    const notUnique = await apiError(
      h.client.crm.contacts.batchApi.upsert({ inputs: [{ idProperty: 'firstname', id: 'x', properties: {} }] }),
    );
    expect(notUnique.code).toBe(400);
  });

  it('archives in batch', async () => {
    const created = await h.client.crm.contacts.batchApi.create({ inputs: contactInputs(2, 'arch') });
    await h.client.crm.contacts.batchApi.archive({ inputs: created.results.map((r) => ({ id: r.id })) });
    for (const r of created.results)
      expect(h.emulator.state.getObject(h.portalId, 'contacts', r.id)?.archived).toBe(true);
  });
});
