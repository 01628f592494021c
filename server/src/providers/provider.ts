/**
 * The contract every call-tracking provider adapter fulfils: check that a raw webhook request is
 * authentic (`verify`), then turn it into a normalized `CallEvent` (`parse`). Adapters never touch the
 * database, the queue or the clock beyond what `ParseOptions` hands them; the webhook route stores the
 * raw request first and calls these two functions on it.
 */
import type { CallEvent, EventKind, Provider } from '@ringback/shared';

/** What the HTTP layer captured, untouched: signatures are computed over exactly these bytes. */
export interface InboundRequest {
  rawBody: Buffer;
  contentType: string | undefined;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  query: Record<string, string>;
  /** The full URL the provider called, query string included (`RINGBACK_PUBLIC_URL` + path). */
  publicUrl: string;
}

export type VerifyErrorCode = 'webhook_missing_signature' | 'webhook_bad_signature' | 'webhook_not_configured';

export type VerifyResult = { ok: true } | { ok: false; code: VerifyErrorCode; message: string };

export type ParseErrorCode = 'webhook_malformed' | 'webhook_unsupported_media_type';

export type ParseResult =
  | {
      ok: true;
      kind: EventKind;
      providerCallId: string | null;
      event: CallEvent | null;
      /** Why there is no event, or what was odd about the one there is (e.g. 'caller number withheld'). */
      note: string | null;
    }
  | { ok: false; code: ParseErrorCode; message: string };

/**
 * Per-request context for `parse`. Everything is optional so tests and the reprocessing job can call
 * `parse(req)` alone.
 */
export interface ParseOptions {
  /**
   * When the request arrived. Used as the call start only when the body carries no usable time (a
   * Twilio `<Dial>` action has no `Timestamp`); defaults to the current time.
   */
  receivedAt?: Date;
  /** Invoca only: our field → the customer's parameter name, over the default template. */
  invocaMapping?: InvocaMapping;
}

/**
 * The logical fields an Invoca template can supply. Keys are ours; values in a mapping are the names
 * of the parameters the customer put in their Invoca webhook template.
 */
export interface CallEventSource {
  callId: string;
  caller: string;
  tracking: string;
  startTime: string;
  duration: string;
  connectDuration: string;
  hangupCause: string;
  result: string;
  campaign: string;
  source: string;
  callerName: string;
  recordingUrl: string;
  transcript: string;
  tags: string;
  value: string;
  repeatCaller: string;
  spam: string;
  direction: string;
}

export type InvocaMapping = Partial<Record<keyof CallEventSource, string>>;

export interface ProviderAdapter<Secrets> {
  id: Provider;
  /** Constant-time check on the raw bytes; never throws. */
  verify(req: InboundRequest, secrets: Secrets): VerifyResult;
  /** Never throws; `ok: false` only when the body cannot be parsed at all. */
  parse(req: InboundRequest, options?: ParseOptions): ParseResult;
}

export interface CallRailSecrets {
  signingKey: string;
}
export interface TwilioSecrets {
  authToken: string;
}
export interface InvocaSecrets {
  token: string;
}
export interface GenericSecrets {
  secret: string;
}

export interface ProviderSecrets {
  callrail: CallRailSecrets;
  twilio: TwilioSecrets;
  invoca: InvocaSecrets;
  generic: GenericSecrets;
}
