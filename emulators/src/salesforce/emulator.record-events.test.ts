/**
 * The `onRecordSaved` observer: benchmarks time "task visible" with it, so it must fire for every
 * stored record (API writes, composite subrequests, seeds), after the record can be read.
 */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceEmulator, type SalesforceEmulator } from './emulator.ts';
import type { StoredRecord } from './store/org.ts';
import { raw, type Harness } from './test-helpers.ts';

const saved: Array<{ orgId: string; record: StoredRecord; readable: boolean }> = [];
let h: Harness;

beforeAll(async () => {
  // The observer reads through the emulator it observes, so the emulator exists before any org.
  const emu: SalesforceEmulator = createSalesforceEmulator({
    onRecordSaved: (orgId, record) => saved.push({ orgId, record, readable: emu.state.get(record.id, orgId) !== null }),
  });
  const creds = emu.state.addOrg();
  const server = await emu.listen(0, '127.0.0.1');
  h = {
    emu,
    server,
    creds,
    connect: (accessToken = creds.accessToken) =>
      new jsforce.Connection({ instanceUrl: server.url, accessToken, version: '62.0' }),
  };
});
afterAll(() => h.server.close());

const tasks = () => saved.filter((s) => s.record.type === 'Task');

describe('onRecordSaved', () => {
  it('reports API creates and updates once stored, with the org', async () => {
    const conn = h.connect();
    const created = (await conn.sobject('Task').create({ Subject: 'Call back', Ringback_Key__c: 'k-1' })) as {
      id: string;
    };
    await conn.sobject('Task').update({ Id: created.id, Status: 'Completed' });
    const mine = tasks().filter((s) => s.record.id === created.id);
    expect(mine).toHaveLength(2);
    expect(mine.every((s) => s.orgId === h.creds.orgId && s.readable)).toBe(true);
    expect(mine.map((s) => s.record.fields['Status'])).toEqual(['Not Started', 'Completed']);
  });

  it('reports each subrequest of a composite, including one that is rolled back afterwards', async () => {
    const before = tasks().length;
    const body = (ref: string, extra: Record<string, unknown>) => ({
      method: 'POST',
      url: '/services/data/v62.0/sobjects/Task',
      referenceId: ref,
      body: { Subject: ref, ...extra },
    });
    const res = await raw(h, 'POST', '/services/data/v62.0/composite', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [body('kept', {}), body('broken', { NoSuchField__c: 1 })],
      }),
    });
    expect(res.status).toBe(200);
    const seen = tasks().slice(before);
    expect(seen.map((s) => s.record.fields['Subject'])).toEqual(['kept']);
    // Saved, then rolled back with the failed request: gone from the store now.
    expect(h.emu.state.get(seen[0]!.record.id)).toBeNull();
  });

  it('reports seeded records', () => {
    const id = h.emu.state.insert('Lead', { LastName: 'Seed', Company: 'Acme' });
    expect(saved.some((s) => s.record.id === id && s.record.type === 'Lead')).toBe(true);
  });
});
