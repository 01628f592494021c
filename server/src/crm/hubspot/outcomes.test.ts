import { describe, expect, it } from 'vitest';
import { callOutcomes, dealCreatedOutcomes, dealWonOutcomes, meetingOutcomes, taskOutcomes } from './outcomes.ts';
import { DISPOSITION } from './engagement-properties.ts';

const rec = (id: string, properties: Record<string, string | null>) => ({ id, properties });

describe('HubSpot records as outcomes', () => {
  it('a completed task is an attempt at its completion time; a task Ringback closed as spam is nothing', () => {
    const done = rec('7', { hs_task_status: 'COMPLETED', hs_task_completion_date: '2026-03-03T22:00:00Z', hs_task_body: '<p>script</p>' });
    expect(taskOutcomes(done, ['c1'])).toEqual([{ externalId: 'task:7:completed', type: 'attempt', at: new Date('2026-03-03T22:00:00Z'), personId: 'c1', taskId: '7' }]);
    expect(taskOutcomes(rec('8', { hs_task_status: 'NOT_STARTED' }), ['c1'])).toEqual([]);
    expect(taskOutcomes(rec('9', { hs_task_status: 'COMPLETED', hs_task_body: '<p>[Ringback: spam] closed</p>' }), ['c1'])).toEqual([]);
  });

  it('an outbound call is an attempt, a contact when Connected, answered when it lasted; inbound or Ringback calls are nothing', () => {
    const at = '2026-03-03T22:05:00Z';
    expect(callOutcomes(rec('1', { hs_call_direction: 'OUTBOUND', hs_call_disposition: DISPOSITION.connected, hs_call_duration: '95000', hs_timestamp: at }), ['c1'])).toEqual([
      { externalId: 'call:1:connected', type: 'contact', at: new Date(at), personId: 'c1', answered: true, talkSeconds: 95 },
    ]);
    expect(callOutcomes(rec('2', { hs_call_direction: 'OUTBOUND', hs_call_disposition: DISPOSITION.leftVoicemail, hs_call_duration: '40000', hs_timestamp: at }), ['c1'])[0]).toMatchObject({ type: 'attempt', answered: false });
    expect(callOutcomes(rec('3', { hs_call_direction: 'OUTBOUND', hs_call_duration: '64000', hs_timestamp: at }), ['c1'])[0]).toMatchObject({ type: 'attempt', answered: true, talkSeconds: 64 });
    expect(callOutcomes(rec('4', { hs_call_direction: 'INBOUND' }), ['c1'])).toEqual([]);
    expect(callOutcomes(rec('5', { hs_call_direction: 'OUTBOUND', ringback_key: 'rb:x:call' }), ['c1'])).toEqual([]);
  });

  it('a new deal or meeting is a booking; a won deal is revenue counted once whatever the number of contacts', () => {
    expect(dealCreatedOutcomes(rec('d1', { createdate: '2026-03-04T10:00:00Z' }), ['c1', 'c2']).map((o) => o.personId)).toEqual(['c1', 'c2']);
    const won = dealWonOutcomes(rec('d1', { hs_is_closed_won: 'true', amount: '3100.50', closedate: '2026-03-05T10:00:00Z' }), ['c1', 'c2']);
    expect(won).toEqual([{ externalId: 'deal:d1:won', type: 'revenue', at: new Date('2026-03-05T10:00:00Z'), personId: 'c1', amount: 3100.5 }]);
    expect(dealWonOutcomes(rec('d2', { hs_is_closed_won: 'false', amount: '10' }), ['c1'])).toEqual([]);
    expect(meetingOutcomes(rec('m1', { hs_createdate: '2026-03-04T11:00:00Z' }), ['c1'])[0]).toMatchObject({ externalId: 'meeting:m1', type: 'booking' });
    expect(meetingOutcomes(rec('m2', { hs_meeting_outcome: 'CANCELED' }), ['c1'])).toEqual([]);
  });
});
