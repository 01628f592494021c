/**
 * The normalized shape every call-tracking provider is turned into. Providers (server/src/providers)
 * produce it from a raw request; everything downstream (case building, metrics, CRM writes) reads only
 * this, never a provider's own body.
 */

export type Provider = 'callrail' | 'twilio' | 'invoca' | 'generic';

/**
 * What the delivery was about. CallRail bodies do not name their type, so it comes from the `?event=`
 * hint or is inferred; Twilio status callbacks and `<Dial>` actions are told apart by their params.
 */
export type EventKind =
  | 'pre_call'
  | 'post_call'
  | 'call_modified'
  | 'outbound_post_call'
  | 'outbound_call_modified'
  | 'status_callback'
  | 'dial_action'
  | 'unknown';

export type CallDirection = 'inbound' | 'outbound';

/**
 * How the call ended, as far as the provider tells. `in_progress` is for non-terminal deliveries
 * (pre-call, Twilio `initiated`/`ringing`) which must never be classified as misses.
 */
export type CallResult =
  'answered' | 'no_answer' | 'voicemail' | 'abandoned' | 'busy' | 'failed' | 'canceled' | 'in_progress' | 'unknown';

export interface CallEvent {
  provider: Provider;
  kind: EventKind;
  /** Provider's own id of the call (CallRail resource_id or legacy numeric id, Twilio CallSid, …). */
  providerCallId: string;
  direction: CallDirection;
  /** The customer's number in E.164 (inbound: the caller; outbound: the number dialled). Null when withheld or unparseable. */
  callerE164: string | null;
  /** The customer's number exactly as sent, kept for audit when it could not be normalized. */
  callerRaw: string | null;
  callerName: string | null;
  /** The business's number in E.164 (inbound: the tracking number dialled; outbound: the number called from). */
  trackingE164: string | null;
  /** Call start, UTC. */
  startedAt: Date;
  /** Whole seconds the call lasted end to end, when known. */
  durationSeconds: number | null;
  /** Seconds of conversation once answered (0 when not answered), when known. */
  talkSeconds: number | null;
  /** Seconds it rang before answer or hang-up, when known. */
  ringSeconds: number | null;
  answered: boolean | null;
  result: CallResult;
  /** True once the provider will not change the call's result any more (post-call, terminal status). */
  terminal: boolean;
  voicemail: boolean;
  /** Provider's own spam verdict (CallRail `spam`, Twilio/Invoca flags). */
  providerSpam: boolean;
  /** Marketing source label exactly as the provider sends it (e.g. "Google Ads"). */
  source: string | null;
  campaign: string | null;
  recordingUrl: string | null;
  transcriptUrl: string | null;
  /** Transcript text when the provider sends it inline; used for intent keywords. */
  transcript: string | null;
  tags: string[];
  /** Lead value / revenue the provider attached (CallRail `value`), in currency units. */
  value: number | null;
  /** Provider's first-time-caller flag, when it has one. */
  firstCall: boolean | null;
}

/** Results that make an inbound terminal call a missed call. */
export const MISSED_RESULTS: ReadonlySet<CallResult> = new Set<CallResult>([
  'no_answer',
  'voicemail',
  'abandoned',
  'busy',
  'failed',
  'canceled',
]);

/** An inbound call that ended without anybody answering it. Non-terminal deliveries never are. */
export function isMissedCall(event: CallEvent): boolean {
  return event.direction === 'inbound' && event.terminal && MISSED_RESULTS.has(event.result);
}
