import { describe, expect, it } from 'vitest';
import { choosePerson, type SfPersonRecord } from './person-match.ts';

const contact = (Id: string, fields: Partial<SfPersonRecord>): SfPersonRecord => ({
  attributes: { type: 'Contact' },
  Id,
  ...fields,
});
const lead = (Id: string, fields: Partial<SfPersonRecord>): SfPersonRecord => ({
  attributes: { type: 'Lead' },
  Id,
  ...fields,
});

describe('choosing the person for a caller', () => {
  const caller = '+16025550143';

  it('prefers a Contact over a more recent Lead, and the most recent among Contacts', () => {
    const chosen = choosePerson(
      [
        lead('00Q1', { Phone: '602-555-0143', LastModifiedDate: '2026-11-20T00:00:00.000+0000' }),
        contact('0031', {
          MobilePhone: '+1 (602) 555-0143',
          LastModifiedDate: '2025-01-01T00:00:00.000+0000',
          OwnerId: '005A',
        }),
        contact('0032', {
          HomePhone: '6025550143',
          LastModifiedDate: '2026-01-01T00:00:00.000+0000',
          OwnerId: '005B',
          AccountId: '001X',
        }),
      ],
      caller,
      '+14805550100',
    );
    expect(chosen).toMatchObject({
      id: '0032',
      objectType: 'contact',
      ownerId: '005B',
      sfAccountId: '001X',
      otherMatches: ['0031', '00Q1'],
    });
  });

  it('ignores records the search returned whose numbers are not the caller', () => {
    expect(
      choosePerson([contact('0031', { Phone: '+1 602 555 0144' }), lead('00Q1', { Phone: '555-0143' })], caller, null),
    ).toBeNull();
  });

  it('reads a number without a country code in the tracking number country', () => {
    const uk = '+442079460958';
    expect(choosePerson([contact('0031', { Phone: '020 7946 0958' })], uk, '+442079460000')?.id).toBe('0031');
    expect(choosePerson([contact('0031', { Phone: '020 7946 0958' })], uk, '+14805550100')).toBeNull();
  });

  it('follows a converted Lead to its Contact', () => {
    const chosen = choosePerson(
      [
        lead('00Q1', {
          Phone: caller,
          IsConverted: true,
          ConvertedContactId: '0039',
          ConvertedContact: { OwnerId: '005C', AccountId: '0017' },
        }),
      ],
      caller,
      null,
    );
    expect(chosen).toMatchObject({
      id: '0039',
      objectType: 'contact',
      ownerId: '005C',
      sfAccountId: '0017',
      viaLeadId: '00Q1',
    });
  });

  it('marks a Lead Ringback created, found again', () => {
    expect(choosePerson([lead('00Q1', { Phone: caller, Ringback_Created__c: true })], caller, null)).toMatchObject({
      objectType: 'lead',
      ringbackCreated: true,
    });
  });
});
