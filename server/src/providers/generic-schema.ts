/**
 * Ringback's own webhook body, for dialers and phone systems without an adapter. The zod schema is
 * the source of truth; `generic.schema.json` is generated from it (`writeGenericJsonSchema`) and a
 * test fails when the committed file drifts. Field documentation: README.md in this folder.
 *
 * Optional fields also accept `null` (many senders serialize "absent" that way). Unknown keys are
 * ignored, so senders may add their own.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';

export const GENERIC_RESULTS = [
  'answered',
  'no_answer',
  'voicemail',
  'abandoned',
  'busy',
  'failed',
  'canceled',
] as const;

const seconds = z.number().int().nonnegative();
const text = (max: number) => z.string().max(max);

export const genericCallSchema = z
  .object({
    version: z.literal(1).describe('Schema version; always 1.'),
    callId: z.string().min(1).max(200).describe("Your system's id for the call; unique per account."),
    direction: z.enum(['inbound', 'outbound']).describe('inbound: a customer called you; outbound: you called them.'),
    from: text(100).describe(
      'Calling number as your system has it (E.164 or national); "" or "anonymous" when withheld.',
    ),
    to: text(100).describe('Called number.'),
    startedAt: z.iso.datetime({ offset: true }).describe('Call start, ISO-8601 with Z or an offset.'),
    durationSeconds: seconds.nullable().optional().describe('Whole seconds, end to end.'),
    talkSeconds: seconds.nullable().optional().describe('Seconds of conversation; 0 when nobody answered.'),
    ringSeconds: seconds.nullable().optional().describe('Seconds it rang before answer or hang-up.'),
    result: z.enum(GENERIC_RESULTS).describe('How the call ended.'),
    spam: z.boolean().nullable().optional().describe("Your system's own spam verdict."),
    source: text(200).nullable().optional().describe('Marketing source label, e.g. "Google Ads".'),
    campaign: text(200).nullable().optional().describe('Campaign name.'),
    callerName: text(200).nullable().optional().describe('Caller name (CNAM or CRM).'),
    recordingUrl: z.url().nullable().optional().describe('Link to the recording.'),
    transcriptUrl: z.url().nullable().optional().describe('Link to the transcript.'),
    transcript: text(200_000).nullable().optional().describe('Transcript text, when sent inline.'),
    tags: z.array(text(100)).max(100).nullable().optional().describe('Labels attached to the call.'),
    value: z.number().nullable().optional().describe('Lead value in the account currency.'),
    firstCall: z.boolean().nullable().optional().describe('True when this number never called before.'),
  })
  .meta({
    title: 'Ringback generic call webhook',
    description:
      'POST /webhooks/generic/:accountId, signed with X-Ringback-Signature = hex(HMAC-SHA256(secret, raw body)).',
  });

export type GenericCall = z.infer<typeof genericCallSchema>;

/** The JSON Schema as committed in generic.schema.json: the shape senders send (zod "input" side). */
export function genericJsonSchema(): unknown {
  return z.toJSONSchema(genericCallSchema, { io: 'input' });
}

export const GENERIC_SCHEMA_FILE = new URL('./generic.schema.json', import.meta.url);

export function writeGenericJsonSchema(): void {
  writeFileSync(GENERIC_SCHEMA_FILE, `${JSON.stringify(genericJsonSchema(), null, 2)}\n`);
}
