/**
 * Whether a missed call is spam. Spam is listed but never counted (contract §5) and never written to
 * the CRM (§6), so every verdict names the one rule that decided it.
 *
 * Rules, first that applies:
 * 1. `provider_flag`: the provider marked it spam (CallRail `spam`, Twilio/Invoca flags).
 * 2. `withheld_number` / `invalid_number`: no usable caller number (`callerE164 === null`), so there is
 *    nobody to call back. Withheld when the raw value is empty or a privacy marker (ANONYMOUS,
 *    RESTRICTED, … or the digits carriers spell them as); invalid when something else was sent.
 * 3. `noise`: an abandoned call that rang for strictly less than `policy.noiseMaxSeconds` — a pocket
 *    dial or a robo-dialer probing the line. Unknown ring time is never noise.
 * 4. `wrong_number`: the caller's own words say so (intent `wrong_number`).
 */
import type { CallEvent } from './call-event.ts';
import { categoryOf, ringSecondsOf } from './category.ts';
import type { Intent } from './intent.ts';
import type { RecoveryPolicy } from './policy.ts';

export type SpamReason = 'provider_flag' | 'withheld_number' | 'invalid_number' | 'noise' | 'wrong_number';

export interface SpamContext {
  policy: Pick<RecoveryPolicy, 'noiseMaxSeconds'>;
  /** The call's inferred intent, when known; `wrong_number` makes it spam. */
  intent: Intent | null;
}

export interface SpamVerdict {
  spam: boolean;
  reason: SpamReason | null;
  /** One line saying why, for the classification's reasons. */
  detail: string;
}

/** How carriers present a withheld caller ID, folded to lower-case letters. */
const WITHHELD_WORDS: ReadonlySet<string> = new Set([
  'anonymous',
  'restricted',
  'private',
  'privatenumber',
  'unavailable',
  'unknown',
  'withheld',
  'blocked',
  'notavailable',
]);

/**
 * The same markers as some carriers (and Twilio before 2023) send them: the words typed on a phone
 * keypad (ANONYMOUS = 266696687, RESTRICTED = 7378742833, UNAVAILABLE = 86282452253), with or without a
 * leading country code 1.
 */
const WITHHELD_DIGITS: ReadonlySet<string> = new Set(['266696687', '7378742833', '86282452253']);

/** Whether a raw caller value that failed to normalize is a withheld caller ID rather than garbage. */
export function isWithheldCaller(raw: string | null): boolean {
  if (raw === null) return true;
  const trimmed = raw.trim();
  if (trimmed === '') return true;
  const letters = trimmed.toLowerCase().replace(/[^a-z]/g, '');
  if (letters !== '' && WITHHELD_WORDS.has(letters)) return true;
  if (/[a-z]/i.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '');
  if (digits === '' || /^0+$/.test(digits)) return true;
  return WITHHELD_DIGITS.has(digits) || (digits.startsWith('1') && WITHHELD_DIGITS.has(digits.slice(1)));
}

export function spamVerdict(event: CallEvent, ctx: SpamContext): SpamVerdict {
  if (event.providerSpam) {
    return { spam: true, reason: 'provider_flag', detail: `spam provider_flag: ${event.provider} flagged it as spam` };
  }
  if (event.callerE164 === null) {
    return isWithheldCaller(event.callerRaw)
      ? { spam: true, reason: 'withheld_number', detail: 'spam withheld_number: the caller withheld their number' }
      : {
          spam: true,
          reason: 'invalid_number',
          detail: `spam invalid_number: caller number ${JSON.stringify(event.callerRaw)} is not a phone number`,
        };
  }
  const ring = ringSecondsOf(event);
  if (categoryOf(event) === 'abandoned' && ring !== null && ring < ctx.policy.noiseMaxSeconds) {
    return {
      spam: true,
      reason: 'noise',
      detail: `spam noise: abandoned after ${ring} s (< noiseMaxSeconds ${ctx.policy.noiseMaxSeconds})`,
    };
  }
  if (ctx.intent === 'wrong_number') {
    return { spam: true, reason: 'wrong_number', detail: 'spam wrong_number: the caller dialled a wrong number' };
  }
  return { spam: false, reason: null, detail: 'not spam' };
}
