import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordEvent } from './records.ts';
import { startTestEmulator, type TestHarness } from './testing.ts';

// The `onRecordEvent` observer: benchmarks time "task visible" with it, so it must fire once per
// stored record, after the record (and its inline associations) can be read.

const events: RecordEvent[] = [];
const readableAtEvent: Array<{ id: string; subject: string | undefined; contacts: number }> = [];
let h: TestHarness;

beforeAll(async () => {
  h = await startTestEmulator({
    onRecordEvent: (e) => {
      events.push(e);
      if (e.kind === 'created' && e.objectTypeId === '0-27') {
        const task = h.emulator.state.getObject(e.portalId, 'tasks', e.objectId);
        readableAtEvent.push({
          id: e.objectId,
          subject: task?.properties.hs_task_subject,
          contacts: h.emulator.state.listAssociations(e.portalId, 'tasks', e.objectId, 'contacts').length,
        });
      }
    },
  });
});
afterAll(() => h.close());

describe('onRecordEvent', () => {
  it('reports each created record once it is stored, inline associations included', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { phone: '+14805550100' },
      associations: [],
    });
    const res = await h.client.apiRequest({
      method: 'POST',
      path: '/crm/v3/objects/tasks/batch/create',
      body: {
        inputs: ['first', 'second'].map((subject) => ({
          properties: { hs_task_subject: subject, hs_timestamp: new Date().toISOString() },
          associations: [
            { to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] },
          ],
        })),
      },
    });
    const batch = (await res.json()) as { results: Array<{ id: string }> };
    const ids = batch.results.map((t) => t.id).sort();
    const created = events.filter((e) => e.kind === 'created');
    expect(created.map((e) => e.objectId)).toEqual([contact.id, ...ids]);
    expect(created.every((e) => e.portalId === h.portalId)).toBe(true);
    expect(readableAtEvent.map((r) => r.id).sort()).toEqual(ids);
    expect(readableAtEvent.map((r) => r.subject).sort()).toEqual(['first', 'second']);
    expect(readableAtEvent.every((r) => r.contacts === 1)).toBe(true);
  });

  it('reports property changes too, and nothing for reads', async () => {
    const task = await h.client.crm.objects.tasks.basicApi.create({
      properties: { hs_task_subject: 'x', hs_timestamp: new Date().toISOString() },
    });
    const before = events.length;
    await h.client.crm.objects.tasks.basicApi.getById(task.id);
    expect(events.length).toBe(before);
    await h.client.crm.objects.tasks.basicApi.update(task.id, { properties: { hs_task_status: 'COMPLETED' } });
    expect(events.slice(before)).toContainEqual(
      expect.objectContaining({
        kind: 'propertyChanged',
        objectId: task.id,
        propertyName: 'hs_task_status',
        value: 'COMPLETED',
      }),
    );
  });
});
