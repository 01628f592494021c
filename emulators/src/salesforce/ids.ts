/**
 * Salesforce-style record ids. A 15-character id is case-sensitive: three characters of key prefix
 * (which object), then instance and counter characters. The 18-character form appends a 3-character
 * checksum that encodes where the upper-case letters are, so the id survives case-insensitive systems.
 * The API returns 18-character ids and accepts either form on input.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-character suffix for a 15-character id: one character per 5-character chunk. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The canonical 18-character id for any well-formed 15- or 18-character id, or null when the input is
 * not an id at all. An 18-character id whose suffix does not match its first 15 characters is
 * rejected, as Salesforce does; the suffix is compared case-insensitively because it exists to be
 * case-insensitive.
 */
export function toId18(raw: string): string | null {
  if (ID_15.test(raw)) return raw + idChecksum(raw);
  if (ID_18.test(raw)) {
    const head = raw.slice(0, 15);
    return idChecksum(head) === raw.slice(15).toUpperCase() ? head + idChecksum(head) : null;
  }
  return null;
}

export function isIdFormat(raw: unknown): boolean {
  return typeof raw === 'string' && toId18(raw) !== null;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

function base62(n: number, width: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * Mints ids for one org. The instance characters differ per org so ids from two orgs never collide,
 * and the counter mixes in upper- and lower-case letters so the checksum is exercised.
 */
export class IdFactory {
  private counter = 0;
  constructor(private readonly instance: string) {
    if (!/^[a-zA-Z0-9]{2}$/.test(instance)) throw new Error(`instance must be 2 alphanumerics: ${instance}`);
  }

  next(keyPrefix: string): string {
    this.counter += 1;
    // Spread consecutive ids over the alphabet instead of counting 0001, 0002…: real ids look random.
    const mixed = (this.counter * 2_654_435_761) % 62 ** 6;
    const id15 = `${keyPrefix}${this.instance}0${base62(this.counter, 3)}${base62(mixed, 6)}`;
    return id15 + idChecksum(id15);
  }
}

let orgCounter = 0;

/** A fresh organization id (key prefix 00D) and the instance characters its records use. */
export function newOrgIdentity(): { orgId: string; instance: string } {
  orgCounter += 1;
  const instance = base62((orgCounter * 7919) % (62 * 62), 2);
  const id15 = `00D${instance}0${base62(orgCounter, 9)}`;
  return { orgId: id15 + idChecksum(id15), instance };
}
