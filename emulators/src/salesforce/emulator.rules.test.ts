import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { rejectsWith, startHarness } from './test-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.emu.faults.clear());
afterAll(async () => {
  await h.server.close();
});

/** A well-formed id of the given key prefix that names no record. */
const phantomId = (prefix: string) => `${prefix}000000000XyZ`;

describe('rules Salesforce enforces on save', () => {
  it('requires Lead LastName and Company, and Contact LastName', async () => {
    const conn = h.connect();
    const both = await rejectsWith(conn.sobject('Lead').create({ FirstName: 'No' }), 'REQUIRED_FIELD_MISSING');
    expect(both.message).toBe('Required fields are missing: [LastName, Company]');
    expect(both.data.fields).toEqual(['LastName', 'Company']);
    await rejectsWith(conn.sobject('Contact').create({ FirstName: 'No' }), 'REQUIRED_FIELD_MISSING');
    const { id } = await conn.sobject('Contact').create({ LastName: 'Has' });
    await rejectsWith(conn.sobject('Contact').update({ Id: id as string, LastName: null }), 'REQUIRED_FIELD_MISSING');
  });

  it('rejects unknown fields with INVALID_FIELD', async () => {
    const err = await rejectsWith(
      h.connect().sobject('Contact').create({ LastName: 'X', Favourite__c: 'y' }),
      'INVALID_FIELD',
    );
    expect(err.message).toBe("No such column 'Favourite__c' on sobject of type Contact");
  });

  it('rejects read-only fields on create and create-only fields on update', async () => {
    const conn = h.connect();
    const ro = await rejectsWith(
      conn.sobject('Task').create({ Subject: 's', IsClosed: true }),
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    expect(ro.data.fields).toEqual(['IsClosed']);
    const { id } = await conn.sobject('Task').create({ Subject: 'call', TaskSubtype: 'Call' });
    const err = await rejectsWith(
      conn.sobject('Task').update({ Id: id as string, TaskSubtype: 'Call' }),
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    expect(err.data.fields).toEqual(['TaskSubtype']);
  });

  it('allows only a Contact or Lead as WhoId, and no WhatId with a Lead', async () => {
    const conn = h.connect();
    const account = await conn.sobject('Account').create({ Name: 'A' });
    const lead = await conn.sobject('Lead').create({ LastName: 'L', Company: 'C' });
    const wrongType = await rejectsWith(
      conn.sobject('Task').create({ Subject: 's', WhoId: account.id }),
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect(wrongType.message).toBe(`Name ID: id value of incorrect type: ${account.id}`);
    expect(wrongType.data.fields).toEqual(['WhoId']);
    const both = await rejectsWith(
      conn.sobject('Task').create({ Subject: 's', WhoId: lead.id, WhatId: account.id }),
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect(both.data.fields).toEqual(['WhatId']);
    const contact = await conn.sobject('Contact').create({ LastName: 'C' });
    const ok = await conn.sobject('Task').create({ Subject: 's', WhoId: contact.id, WhatId: account.id });
    expect(ok.success).toBe(true);
  });

  it('reports malformed ids, unknown ids, deleted targets and inactive owners', async () => {
    const conn = h.connect();
    await rejectsWith(conn.sobject('Task').create({ Subject: 's', WhoId: 'abc' }), 'MALFORMED_ID');
    const unknown = await rejectsWith(
      conn.sobject('Task').create({ Subject: 's', OwnerId: phantomId('005') }),
      'INVALID_CROSS_REFERENCE_KEY',
    );
    expect(unknown.data.fields).toEqual(['OwnerId']);
    const gone = await conn.sobject('Contact').create({ LastName: 'Gone' });
    await conn.sobject('Contact').destroy(gone.id as string);
    await rejectsWith(conn.sobject('Task').create({ Subject: 's', WhoId: gone.id }), 'ENTITY_IS_DELETED');
    const inactive = h.emu.state.addUser({ lastName: 'Left', isActive: false });
    await rejectsWith(
      conn.sobject('Lead').create({ LastName: 'L', Company: 'C', OwnerId: inactive }),
      'INACTIVE_OWNER_OR_USER',
    );
  });

  it('enforces restricted picklists, and follows picklist reconfiguration', async () => {
    const conn = h.connect();
    const err = await rejectsWith(
      conn.sobject('Lead').create({ LastName: 'L', Company: 'C', LeadSource: 'Billboard' }),
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    );
    expect(err.data.fields).toEqual(['LeadSource']);
    expect(
      (await conn.sobject('Lead').create({ LastName: 'L', Company: 'C', LeadSource: 'Phone Inquiry' })).success,
    ).toBe(true);
    h.emu.state.setPicklist('Lead', 'LeadSource', ['Web', 'Phone Inquiry', 'Billboard'], { restricted: true });
    expect((await conn.sobject('Lead').create({ LastName: 'L', Company: 'C', LeadSource: 'Billboard' })).success).toBe(
      true,
    );
    await rejectsWith(
      conn.sobject('Task').create({ Subject: 's', CallType: 'Sideways' }),
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    );
  });

  it('rejects duplicates when a duplicate rule is configured, with the matching records', async () => {
    const conn = h.connect();
    const first = await conn.sobject('Contact').create({ LastName: 'Dup', Email: 'dup@example.com' });
    h.emu.faults.duplicateRule('Contact', ['Email'], { name: 'Standard_Contact_Duplicate_Rule' });
    const err = await rejectsWith(
      conn.sobject('Contact').create({ LastName: 'Dup2', Email: 'DUP@example.com' }),
      'DUPLICATES_DETECTED',
    );
    const result = err.data['duplicateResult'] as {
      duplicateRule: string;
      matchResults: { matchRecords: { record: { Id: string } }[] }[];
    };
    expect(result.duplicateRule).toBe('Standard_Contact_Duplicate_Rule');
    expect(result.matchResults[0]?.matchRecords[0]?.record.Id).toBe(first.id);
  });

  it('runs validation rules (error condition true rejects the save)', async () => {
    const conn = h.connect();
    h.emu.faults.validationRule(
      'Contact',
      (r) => r['Email'] == null && r['Phone'] == null,
      'Enter an email or a phone',
    );
    const err = await rejectsWith(
      conn.sobject('Contact').create({ LastName: 'V' }),
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    );
    expect(err.message).toBe('Enter an email or a phone');
    expect((await conn.sobject('Contact').create({ LastName: 'V', Phone: '555' })).success).toBe(true);
  });

  it('keeps unique External IDs unique', async () => {
    const conn = h.connect();
    await conn.sobject('Task').create({ Subject: 'a', Ringback_Key__c: 'u-1' });
    await rejectsWith(conn.sobject('Task').create({ Subject: 'b', Ringback_Key__c: 'U-1' }), 'DUPLICATE_VALUE');
  });

  it('checks value formats: text length and dates', async () => {
    const conn = h.connect();
    await rejectsWith(conn.sobject('Task').create({ Subject: 'x'.repeat(256) }), 'STRING_TOO_LONG');
    await rejectsWith(conn.sobject('Task').create({ Subject: 'd', ActivityDate: '2026-02-30' }), 'JSON_PARSER_ERROR');
    const ok = await conn
      .sobject('Task')
      .create({ Subject: 'd', ActivityDate: '2026-11-22', ReminderDateTime: '2026-11-22T10:00:00-05:00' });
    const rec = await conn.sobject('Task').retrieve(ok.id as string);
    expect(rec).toMatchObject({ ActivityDate: '2026-11-22', ReminderDateTime: '2026-11-22T15:00:00.000+0000' });
  });
});

describe('lead conversion', () => {
  it('marks the lead converted with its contact, and refuses tasks on the converted lead', async () => {
    const conn = h.connect();
    const lead = await conn
      .sobject('Lead')
      .create({ FirstName: 'Con', LastName: 'Verted', Company: 'Co', Phone: '+14155550199' });
    const { contactId } = h.emu.state.convertLead(lead.id as string);
    const rec = await conn.sobject('Lead').retrieve(lead.id as string);
    expect(rec).toMatchObject({ IsConverted: true, ConvertedContactId: contactId, Status: 'Closed - Converted' });
    expect(await conn.sobject('Contact').retrieve(contactId)).toMatchObject({
      Name: 'Con Verted',
      Phone: '+14155550199',
    });
    await rejectsWith(conn.sobject('Task').create({ Subject: 's', WhoId: lead.id }), 'CANNOT_UPDATE_CONVERTED_LEAD');
    await rejectsWith(
      conn.sobject('Lead').update({ Id: lead.id as string, Phone: '1' }),
      'CANNOT_UPDATE_CONVERTED_LEAD',
    );
  });
});
