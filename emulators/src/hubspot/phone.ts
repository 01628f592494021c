import { parsePhoneNumberFromString } from 'libphonenumber-js';

// HubSpot searches phone properties by the national number (area code + local number): the country code
// and all formatting are dropped, on the stored value and on the value searched for alike. It keeps that
// reduced form in calculated properties (hs_searchable_calculated_phone_number / _mobile_number).

/**
 * The national significant digits of a phone number as written by a person or a system:
 * "+1 (480) 555-0100", "480.555.0100", "1-480-555-0100" and "+14805550100" all give "4805550100";
 * "+44 20 7946 0958" and "020 7946 0958" give "2079460958".
 */
export function nationalDigits(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits === '') return '';
  const international = trimmed.startsWith('+')
    ? `+${digits}`
    : trimmed.startsWith('00')
      ? `+${digits.slice(2)}`
      : null;
  if (international !== null) {
    const parsed = parsePhoneNumberFromString(international);
    if (parsed) return String(parsed.nationalNumber);
    return digits;
  }
  // No explicit country code. An 11-digit number starting with 1 is a North American number written with
  // its country code; a leading 0 is a trunk prefix (national dialling), not part of the number.
  if (digits.length === 11 && digits.startsWith('1')) return digits.slice(1);
  return digits.replace(/^0+/, '');
}
