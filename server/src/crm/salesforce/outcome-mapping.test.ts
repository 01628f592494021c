import { describe, expect, it } from 'vitest';
import {
  eventOutcome,
  opportunityOutcomes,
  taskOutcome,
  type CallerLookup,
  type TaskRecord,
} from './outcome-mapping.ts';

const lookup: CallerLookup = {
  byPerson: (id) => (id === '00Q1' || id === '0031' ? '+16025550143' : null),
  byAccount: (id) => (id === '0017' ? '+16025550143' : null),
};
const task = (fields: Partial<TaskRecord>): TaskRecord => ({
  Id: '00T9',
  WhoId: '00Q1',
  CreatedDate: '2026-11-22T10:00:00.000+0000',
  LastModifiedDate: '2026-11-22T11:00:00.000+0000',
  ...fields,
});

describe('Salesforce records as outcomes', () => {
  it('takes a logged outbound call as an attempt, answered when it has talk time and a connected result', () => {
    expect(
      taskOutcome(
        task({ TaskSubtype: 'Call', CallType: 'Outbound', CallDurationInSeconds: 95, CallDisposition: 'Connected' }),
        lookup,
      ),
    ).toEqual({
      externalId: 'Task:00T9',
      type: 'attempt',
      at: new Date('2026-11-22T10:00:00Z'),
      callerE164: '+16025550143',
      personId: '00Q1',
      answered: true,
      talkSeconds: 95,
    });
    expect(
      taskOutcome(task({ TaskSubtype: 'Call', CallDurationInSeconds: 40, CallDisposition: 'Left voicemail' }), lookup),
    ).toMatchObject({ answered: false });
    expect(taskOutcome(task({ TaskSubtype: 'Call' }), lookup)).toMatchObject({ answered: false, talkSeconds: null });
  });

  it("never counts Ringback's own call Tasks, inbound calls, plain to-dos or unknown people", () => {
    expect(
      taskOutcome(task({ TaskSubtype: 'Call', CallType: 'Inbound', Ringback_Key__c: 'rb:mc_1:call' }), lookup),
    ).toBeNull();
    expect(
      taskOutcome(task({ TaskSubtype: 'Call', CallType: 'Outbound', Ringback_Key__c: 'rb:mc_1:repeat_call' }), lookup),
    ).toBeNull();
    expect(taskOutcome(task({ TaskSubtype: 'Call', CallType: 'Inbound' }), lookup)).toBeNull();
    expect(taskOutcome(task({ TaskSubtype: 'Task' }), lookup)).toBeNull();
    expect(taskOutcome(task({ TaskSubtype: 'Call', WhoId: '003Z' }), lookup)).toBeNull();
  });

  it('counts the follow-up only when a person completed it as a call, at its completion', () => {
    expect(taskOutcome(task({ Ringback_Key__c: 'rb:mc_1:task' }), lookup)).toBeNull();
    expect(
      taskOutcome(task({ Ringback_Key__c: 'rb:mc_1:task', CallType: 'Outbound', CallDurationInSeconds: 0 }), lookup),
    ).toMatchObject({ at: new Date('2026-11-22T11:00:00Z'), answered: false });
  });

  it('takes Events as bookings and Opportunities as bookings, plus revenue once won', () => {
    expect(
      eventOutcome({ Id: '00U1', WhoId: '0031', CreatedDate: '2026-11-22T12:00:00.000+0000' }, lookup),
    ).toMatchObject({ type: 'booking', externalId: 'Event:00U1' });
    expect(
      eventOutcome(
        { Id: '00U2', WhoId: '0031', Ringback_Key__c: 'rb:x', CreatedDate: '2026-11-22T12:00:00.000+0000' },
        lookup,
      ),
    ).toBeNull();
    const opp = {
      Id: '0061',
      AccountId: '0017',
      CreatedDate: '2026-11-22T12:00:00.000+0000',
      LastModifiedDate: '2026-11-23T12:00:00.000+0000',
    };
    expect(opportunityOutcomes({ ...opp, IsWon: false, Amount: 500 }, lookup).map((o) => o.type)).toEqual(['booking']);
    expect(opportunityOutcomes({ ...opp, IsWon: true, Amount: 500 }, lookup)).toEqual([
      expect.objectContaining({ type: 'booking', externalId: 'Opportunity:0061:created' }),
      expect.objectContaining({
        type: 'revenue',
        externalId: 'Opportunity:0061:won',
        amount: 500,
        at: new Date('2026-11-23T12:00:00Z'),
      }),
    ]);
    expect(opportunityOutcomes({ ...opp, AccountId: '001Z', IsWon: true, Amount: 500 }, lookup)).toEqual([]);
  });
});
