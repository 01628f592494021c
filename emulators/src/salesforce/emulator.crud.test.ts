import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { raw, rejectsWith, startHarness } from './test-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.server.close();
});

describe('sObject CRUD through jsforce', () => {
  it('creates, reads, updates and deletes a contact', async () => {
    const conn = h.connect();
    const created = await conn
      .sobject('Contact')
      .create({ FirstName: 'Ada', LastName: 'Lovelace', Phone: '+14155550100' });
    expect(created).toMatchObject({ success: true, errors: [] });
    expect(created.id).toMatch(/^003[a-zA-Z0-9]{15}$/);

    const rec = await conn.sobject('Contact').retrieve(created.id as string);
    expect(rec).toMatchObject({ Name: 'Ada Lovelace', OwnerId: h.creds.userId, IsDeleted: false });
    expect(rec.attributes).toEqual({ type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${created.id}` });
    expect(rec['CreatedDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

    await conn.sobject('Contact').update({ Id: created.id as string, LastName: 'King' });
    expect((await conn.sobject('Contact').retrieve(created.id as string))['Name']).toBe('Ada King');

    await conn.sobject('Contact').destroy(created.id as string);
    await rejectsWith(conn.sobject('Contact').retrieve(created.id as string), 'NOT_FOUND');
    await rejectsWith(conn.sobject('Contact').update({ Id: created.id as string, LastName: 'X' }), 'ENTITY_IS_DELETED');
    await rejectsWith(conn.sobject('Contact').destroy(created.id as string), 'ENTITY_IS_DELETED');
  });

  it('accepts 15-character ids where Salesforce does and always answers with 18', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Account').create({ Name: 'Acme' });
    const short = (id as string).slice(0, 15);
    const rec = await conn.sobject('Account').retrieve(short);
    expect(rec['Id']).toBe(id);
    const contact = await conn.sobject('Contact').create({ LastName: 'Short', AccountId: short });
    expect((await conn.sobject('Contact').retrieve(contact.id as string))['AccountId']).toBe(id);
  });

  it('retrieves only the requested fields', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Lead').create({ LastName: 'Field', Company: 'F Inc', Email: 'f@example.com' });
    const rec = await conn.sobject('Lead').retrieve(id as string, { fields: ['Email', 'Company'] });
    expect(Object.keys(rec).sort()).toEqual(['Company', 'Email', 'attributes']);
  });

  it('rejects an id of another object and an unknown object', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Account').create({ Name: 'Wrong type' });
    await rejectsWith(conn.sobject('Contact').retrieve(id as string), 'MALFORMED_ID');
    await rejectsWith(conn.sobject('Nope__c').create({ Name: 'x' }), 'NOT_FOUND');
  });

  it('answers a record URL that is neither an id nor an external id field with NOT_FOUND', async () => {
    const res = await raw(h, 'GET', '/services/data/v62.0/sobjects/Contact/not-an-id');
    expect(res.status).toBe(404);
    expect(res.json).toEqual([
      { message: 'Provided external ID field does not exist or is not accessible: not-an-id', errorCode: 'NOT_FOUND' },
    ]);
  });
});

describe('upsert by external id', () => {
  it('answers 201 created, then 200 updated (API ≥ 46), keeping create-only fields out of updates', async () => {
    const conn = h.connect();
    const first = await conn
      .sobject('Task')
      .upsert(
        { Ringback_Key__c: 'call-1', Subject: 'Missed call', TaskSubtype: 'Call', Status: 'Completed' },
        'Ringback_Key__c',
      );
    expect(first).toMatchObject({ success: true, created: true });
    const second = await conn
      .sobject('Task')
      .upsert({ Ringback_Key__c: 'CALL-1', Subject: 'Missed call (2)' }, 'Ringback_Key__c');
    expect(second).toEqual({ id: first.id, success: true, errors: [], created: false });
    const rec = await conn.sobject('Task').retrieve(first.id as string);
    expect(rec).toMatchObject({ Subject: 'Missed call (2)', TaskSubtype: 'Call', IsClosed: true });

    const res = await raw(h, 'PATCH', '/services/data/v62.0/sobjects/Task/Ringback_Key__c/call-1', {
      body: JSON.stringify({ Subject: 'again' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const old = await raw(h, 'PATCH', '/services/data/v45.0/sobjects/Task/Ringback_Key__c/call-1', {
      body: JSON.stringify({ Subject: 'old api' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(old.status).toBe(204);

    const err = await rejectsWith(
      conn.sobject('Task').upsert({ Ringback_Key__c: 'call-1', TaskSubtype: 'Call' }, 'Ringback_Key__c'),
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    expect(err.data.fields).toEqual(['TaskSubtype']);
  });

  it('answers 300 with the matching records when the external id is not unique', async () => {
    const conn = h.connect();
    const start = '2026-11-22T10:00:00Z';
    await conn.sobject('Event').create({ Ringback_Key__c: 'dup', StartDateTime: start, DurationInMinutes: 30 });
    await conn.sobject('Event').create({ Ringback_Key__c: 'dup', StartDateTime: start, DurationInMinutes: 30 });
    const err = await rejectsWith(
      conn.sobject('Event').upsert({ Ringback_Key__c: 'dup', Subject: 'x' }, 'Ringback_Key__c'),
      'MULTIPLE_CHOICES',
    );
    expect(err.data).toHaveLength(2);
    const res = await raw(h, 'PATCH', '/services/data/v62.0/sobjects/Event/Ringback_Key__c/dup', {
      body: '{"Subject":"y"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(300);
    expect((res.json as string[])[0]).toMatch(/^\/services\/data\/v62\.0\/sobjects\/Event\/00U/);
  });

  it('refuses a field that is not an External ID', async () => {
    const conn = h.connect();
    await rejectsWith(conn.sobject('Task').upsert({ Subject: 'x' }, 'Subject'), 'NOT_FOUND');
  });
});

describe('describe', () => {
  it('reports types, create/update flags, nillable, external ids and picklists', async () => {
    const conn = h.connect();
    const task = await conn.sobject('Task').describe();
    const field = (name: string) => task.fields.find((f) => f.name === name);
    expect(task.keyPrefix).toBe('00T');
    expect(field('TaskSubtype')).toMatchObject({ type: 'picklist', createable: true, updateable: false });
    expect(field('Ringback_Key__c')).toMatchObject({
      type: 'string',
      length: 255,
      externalId: true,
      unique: true,
      custom: true,
    });
    expect(field('ActivityDate')).toMatchObject({ type: 'date', nillable: true });
    expect(field('IsClosed')).toMatchObject({ type: 'boolean', createable: false, calculated: true });
    expect(field('WhoId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Contact', 'Lead'],
      relationshipName: 'Who',
    });
    expect(field('Status')?.picklistValues?.find((p) => p.defaultValue)?.value).toBe('Not Started');

    const lead = await conn.sobject('Lead').describe();
    const source = lead.fields.find((f) => f.name === 'LeadSource');
    expect(source?.restrictedPicklist).toBe(true);
    expect(source?.picklistValues?.map((p) => p.value)).toEqual([
      'Web',
      'Phone Inquiry',
      'Partner Referral',
      'Purchased List',
      'Other',
    ]);
    expect(lead.fields.find((f) => f.name === 'LastName')).toMatchObject({ nillable: false, createable: true });
  });

  it('describes custom objects defined through the seed API', async () => {
    h.emu.state.defineObject({
      name: 'Ringback_Location__c',
      fields: [
        { name: 'Location_Key__c', type: 'text', length: 64, externalId: true, unique: true },
        { name: 'Timezone__c', type: 'text', length: 64 },
      ],
    });
    const conn = h.connect();
    const d = await conn.sobject('Ringback_Location__c').describe();
    expect(d.custom).toBe(true);
    expect(d.fields.find((f) => f.name === 'Location_Key__c')).toMatchObject({ externalId: true, unique: true });
    const up = await conn
      .sobject('Ringback_Location__c')
      .upsert({ Location_Key__c: 'phx', Name: 'Phoenix' }, 'Location_Key__c');
    expect(up).toMatchObject({ created: true });
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toContain('Ringback_Location__c');
  });
});

describe('content types and bodies', () => {
  it('answers 415 for a non-JSON body and 400 JSON_PARSER_ERROR for broken JSON', async () => {
    const form = await raw(h, 'POST', '/services/data/v62.0/sobjects/Account', {
      body: 'Name=Acme',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.json).toEqual([
      {
        message: "MediaType of 'application/x-www-form-urlencoded' is not supported by this resource",
        errorCode: 'UNSUPPORTED_MEDIA_TYPE',
      },
    ]);
    const broken = await raw(h, 'POST', '/services/data/v62.0/sobjects/Account', {
      body: '{"Name":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect((broken.json as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('answers JSON with a charset and lists versions without a session', async () => {
    const res = await fetch(`${h.server.url}/services/data/`);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const versions = (await res.json()) as { version: string; label: string }[];
    expect(versions.at(-1)).toEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
  });
});
