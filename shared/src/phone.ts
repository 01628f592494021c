/**
 * Phone numbers in, E.164 out. Every provider and CRM writes numbers its own way ("(770) 555-5555",
 * "+1 770-555-5555", "tel:+1…;ext=2"); dedupe and matching only work on one canonical form.
 */
import { parseDigits, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';

export type { CountryCode };

const DEFAULT_COUNTRY: CountryCode = 'US';

/** Longer input is not a phone number; the cap also keeps pathological strings cheap. */
const MAX_INPUT_LENGTH = 100;

/**
 * Numbers that carriers (Twilio in particular) put in `From` when the caller withheld their number:
 * ANONYMOUS, RESTRICTED, UNAVAILABLE, BLOCKED, UNKNOWN spelled on a keypad. Only the `+` forms are
 * markers; without `+` some of these digits are ordinary US numbers.
 */
const WITHHELD_MARKERS: ReadonlySet<string> = new Set([
  '+266696687',
  '+7378742833',
  '+86282452253',
  '+2562533',
  '+8656696',
]);

/** NANP area codes never start with 0 or 1; such a "+1" number is a mis-parse, not a caller. */
const NANP_NATIONAL = /^[2-9]\d{9}$/;

/**
 * `tel:` URIs (RFC 3966) carry the number before the first `;` and may carry `;ext=`. The parser is
 * run in strict mode (no extraction from prose), so the URI is unwrapped here first.
 */
function unwrapTelUri(input: string): string {
  if (!/^tel:/i.test(input)) return input;
  const [number = '', ...params] = input.slice(4).split(';');
  const ext = params.find((p) => /^ext=/i.test(p))?.slice(4);
  return ext ? `${number} ext. ${ext}` : number;
}

function parse(raw: string | null | undefined, defaultCountry: CountryCode): PhoneNumber | null {
  if (typeof raw !== 'string') return null;
  const input = unwrapTelUri(raw.trim());
  if (input === '' || input.length > MAX_INPUT_LENGTH) return null;
  // Strict: a whole-string match only, so "call 770…" or "+1 770 555 5555 abc" are not numbers.
  const phone = parsePhoneNumberFromString(input, { defaultCountry, extract: false });
  if (!phone) return null;
  // Possible (length fits the country) rather than valid: tracking and test ranges such as
  // 555-01xx must pass, and digit-pattern validation goes stale as numbering plans change.
  if (!phone.isPossible()) return null;
  if (phone.countryCallingCode === '1' && !NANP_NATIONAL.test(phone.nationalNumber)) return null;
  if (WITHHELD_MARKERS.has(phone.number)) return null;
  return phone;
}

/**
 * The number in E.164 (`+17705555555`), or null when it is withheld, empty or not a possible number.
 * Numbers without a country code are read in `defaultCountry` (US). Extensions are dropped.
 * Never throws.
 */
export function normalizePhone(
  raw: string | null | undefined,
  defaultCountry: CountryCode = DEFAULT_COUNTRY,
): string | null {
  return parse(raw, defaultCountry)?.number ?? null;
}

/**
 * The ISO country of an E.164 number, or null when the number is not possible or its calling code
 * is shared and the digits do not identify one country (e.g. NANP numbers in unassigned area codes).
 */
export function countryOfPhone(e164: string): CountryCode | null {
  if (!e164.startsWith('+')) return null;
  return parse(e164, DEFAULT_COUNTRY)?.country ?? null;
}

/**
 * The national significant number's digits (`7705555555` for `+17705555555`): what HubSpot phone
 * search matches on, since it ignores the country code. Empty string when the input is not a
 * possible number.
 */
export function nationalDigits(e164: string): string {
  return parse(e164, DEFAULT_COUNTRY)?.nationalNumber ?? '';
}

/** Every digit in the input, in order (non-ASCII digits such as Arabic-Indic are converted). */
export function phoneDigits(raw: string | null | undefined): string {
  if (typeof raw !== 'string') return '';
  return parseDigits(raw);
}
