/**
 * How `IN PHONE FIELDS` matches. Salesforce stores phone numbers exactly as entered ("(415) 555-1212",
 * "+1 415.555.1212") and its search compares digits, not formatting. A number written with its
 * country code and the same number written without one are found by either search.
 *
 * Modelled rule (no primary source spells out the algorithm): strip formatting and any extension;
 * digit strings match when equal, or when the longer one is the shorter one preceded by a 1–3 digit
 * country code and the shorter one is a full national number (at least 8 digits). A bare local number
 * (555-1212) does not find (415) 555-1212.
 */

const EXTENSION = /\s*(?:x|ext\.?|extension)\s*\d+\s*$/i;

export function phoneDigits(raw: string): string {
  return raw.replace(EXTENSION, '').replace(/\D/g, '');
}

export function phoneDigitsMatch(searchDigits: string, storedDigits: string): boolean {
  if (searchDigits.length < 2 || storedDigits.length === 0) return false;
  if (searchDigits === storedDigits) return true;
  const [long, short] =
    storedDigits.length > searchDigits.length ? [storedDigits, searchDigits] : [searchDigits, storedDigits];
  const prefix = long.length - short.length;
  return short.length >= 8 && prefix >= 1 && prefix <= 3 && long.endsWith(short);
}

export function phoneMatches(searchTerm: string, storedPhone: string): boolean {
  return phoneDigitsMatch(phoneDigits(searchTerm), phoneDigits(storedPhone));
}
