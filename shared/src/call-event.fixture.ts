/** A complete missed-call `CallEvent` for tests, overridden field by field. Test-only. */
import type { CallEvent } from './call-event.ts';

export function missedCallEvent(overrides: Partial<CallEvent> = {}): CallEvent {
  return {
    provider: 'callrail',
    kind: 'post_call',
    providerCallId: 'CAL1',
    direction: 'inbound',
    callerE164: '+14805550123',
    callerRaw: '480-555-0123',
    callerName: null,
    trackingE164: '+14805550100',
    startedAt: new Date('2026-03-02T15:00:00Z'),
    durationSeconds: 30,
    talkSeconds: 0,
    ringSeconds: 30,
    answered: false,
    result: 'no_answer',
    terminal: true,
    voicemail: false,
    providerSpam: false,
    source: null,
    campaign: null,
    recordingUrl: null,
    transcriptUrl: null,
    transcript: null,
    tags: [],
    value: null,
    firstCall: null,
    ...overrides,
  };
}
