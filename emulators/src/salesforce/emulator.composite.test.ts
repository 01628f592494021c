import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { raw, startHarness } from './test-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.emu.requestLog.clear());
afterAll(async () => {
  await h.server.close();
});

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function countLeads(company: string): number {
  return h.emu.state.records('Lead').filter((r) => r['Company'] === company).length;
}

describe('sObject collections', () => {
  it('without allOrNone saves the valid records and reports each failure', async () => {
    const conn = h.connect();
    const results = await conn
      .sobject('Lead')
      .create([
        { LastName: 'One', Company: 'Partial' },
        { LastName: 'Two' },
        { LastName: 'Three', Company: 'Partial' },
      ]);
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [Company]',
          fields: ['Company'],
        },
      ],
    });
    expect(countLeads('Partial')).toBe(2);
    expect(h.emu.requestLog.apiCalls()).toBe(1);
  });

  it('with allOrNone rolls everything back and marks the valid records rolled back', async () => {
    const conn = h.connect();
    const results = await conn
      .sobject('Lead')
      .create([{ LastName: 'One', Company: 'AllOrNone' }, { LastName: 'Two' }], { allOrNone: true });
    expect(results[0]).toEqual({ success: false, errors: [ROLLED_BACK] });
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING' });
    expect(countLeads('AllOrNone')).toBe(0);
  });

  it('updates and deletes many, with allOrNone undoing updates that had succeeded', async () => {
    const conn = h.connect();
    const created = await conn.sobject('Contact').create([{ LastName: 'U1' }, { LastName: 'U2' }]);
    const [a, b] = created.map((r) => r.id as string) as [string, string];
    const updated = await conn.sobject('Contact').update(
      [
        { Id: a, LastName: 'U1 changed' },
        { Id: b, LastName: null },
      ],
      { allOrNone: true },
    );
    expect(updated[0]).toEqual({ success: false, errors: [ROLLED_BACK] });
    expect(updated[1]).toMatchObject({ id: b, success: false });
    expect(h.emu.state.get(a)?.['LastName']).toBe('U1');

    const deleted = await conn.sobject('Contact').destroy([a, b]);
    expect(deleted).toEqual([
      { id: a, success: true, errors: [] },
      { id: b, success: true, errors: [] },
    ]);
  });

  it('upserts many by external id, reporting created per record', async () => {
    const conn = h.connect();
    await conn.sobject('Task').create({ Subject: 'existing', Ringback_Key__c: 'm-1' });
    const results = await conn.sobject('Task').upsert(
      [
        { Ringback_Key__c: 'm-1', Subject: 'updated' },
        { Ringback_Key__c: 'm-2', Subject: 'new', TaskSubtype: 'Call' },
      ],
      'Ringback_Key__c',
    );
    expect(results.map((r) => [r.success, (r as { created?: boolean }).created])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('retrieves many by id, null for ids that match nothing', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Account').create({ Name: 'Many' });
    const res = await raw(
      h,
      'GET',
      `/services/data/v62.0/composite/sobjects/Account?ids=${id},001000000000XyZ&fields=Name`,
    );
    expect(res.json).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` }, Name: 'Many' },
      null,
    ]);
  });

  it('refuses more than 200 records', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `A${i}` }));
    const res = await raw(h, 'POST', '/services/data/v62.0/composite/sobjects', {
      body: JSON.stringify({ records }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((res.json as { errorCode: string }[])[0]?.errorCode).toBe('EXCEEDED_ID_LIMIT');
  });
});

interface CompositeResult {
  compositeResponse: {
    body: unknown;
    httpStatusCode: number;
    referenceId: string;
    httpHeaders: Record<string, string>;
  }[];
}

describe('composite', () => {
  const composite = (body: unknown) =>
    h.connect().requestPost<CompositeResult>('/services/data/v62.0/composite', body as object);

  it('runs subrequests in order with @{ref} references, as one API call', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Lead',
          referenceId: 'newLead',
          body: { LastName: 'Ref', Company: 'Composite' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Task',
          referenceId: 'callTask',
          body: { Subject: 'Missed call', WhoId: '@{newLead.id}', TaskSubtype: 'Call', Status: 'Completed' },
        },
        { method: 'GET', url: '/services/data/v62.0/sobjects/Lead/@{newLead.id}?fields=Name', referenceId: 'readBack' },
        {
          method: 'GET',
          url: "/services/data/v62.0/query?q=SELECT+Id+FROM+Task+WHERE+Subject='Missed call'",
          referenceId: 'q',
        },
        {
          method: 'PATCH',
          url: '/services/data/v62.0/sobjects/Task/@{q.records[0].Id}',
          referenceId: 'close',
          body: { Priority: 'High' },
        },
      ],
    });
    const [lead, task, readBack, , close] = res.compositeResponse;
    expect(lead?.httpStatusCode).toBe(201);
    expect(lead?.httpHeaders['Location']).toMatch(/^\/services\/data\/v62\.0\/sobjects\/Lead\/00Q/);
    expect(task?.httpStatusCode).toBe(201);
    const taskId = (task?.body as { id: string }).id;
    expect(h.emu.state.get(taskId)).toMatchObject({ WhoId: (lead?.body as { id: string }).id, Priority: 'High' });
    expect(readBack?.body).toMatchObject({ Name: 'Ref' });
    expect(close?.httpStatusCode).toBe(204);
    expect(h.emu.requestLog.apiCalls()).toBe(1);
  });

  it('with allOrNone rolls back and halts every other subrequest', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Lead',
          referenceId: 'ok',
          body: { LastName: 'Kept?', Company: 'Rollback' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Lead',
          referenceId: 'bad',
          body: { LastName: 'No company' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Lead',
          referenceId: 'after',
          body: { LastName: 'After', Company: 'Rollback' },
        },
      ],
    });
    const statuses = res.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode]);
    expect(statuses).toEqual([
      ['ok', 400],
      ['bad', 400],
      ['after', 400],
    ]);
    expect(res.compositeResponse[0]?.body).toEqual([
      {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      },
    ]);
    expect((res.compositeResponse[1]?.body as { errorCode: string }[])[0]?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(countLeads('Rollback')).toBe(0);
  });

  it('without allOrNone keeps successes and halts only subrequests that reference a failure', async () => {
    const res = await composite({
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Lead',
          referenceId: 'bad',
          body: { LastName: 'No company' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Task',
          referenceId: 'dependent',
          body: { Subject: 's', WhoId: '@{bad.id}' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Lead',
          referenceId: 'independent',
          body: { LastName: 'I', Company: 'Partial composite' },
        },
      ],
    });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 201]);
    expect((res.compositeResponse[1]?.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(countLeads('Partial composite')).toBe(1);
  });

  it('imposes its allOrNone on collection subrequests', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/composite/sobjects',
          referenceId: 'batch',
          body: {
            allOrNone: false,
            records: [
              { attributes: { type: 'Lead' }, LastName: 'In batch', Company: 'Nested' },
              { attributes: { type: 'Lead' }, LastName: 'No company' },
            ],
          },
        },
      ],
    });
    expect(res.compositeResponse[0]?.httpStatusCode).toBe(200);
    expect(countLeads('Nested')).toBe(0);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: '/services/data/v62.0/limits',
      referenceId: `r${i}`,
    }));
    const res = await raw(h, 'POST', '/services/data/v62.0/composite', {
      body: JSON.stringify({ compositeRequest }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });
});
