import { describe, expect, it } from 'vitest';
import { IdFactory, idChecksum, isIdFormat, keyPrefixOf, newOrgIdentity, toId18 } from './ids.ts';

describe('Salesforce ids', () => {
  it('computes the documented 18-character checksum', () => {
    // Upper-case positions per 5-char chunk select a letter from A-Z0-5; all-lower chunks give "A".
    expect(idChecksum('001000000000000')).toBe('AAA');
    expect(idChecksum('00100000000000A')).toBe('AAQ'); // A at index 4 of chunk 3 → bit 4 → 16 → "Q"
    expect(idChecksum('A0000B0000C0000')).toBe('BBB');
    expect(idChecksum('AAAAAAAAAAAAAAA')).toBe('555');
  });

  it('accepts 15- and 18-character ids and canonicalizes to 18', () => {
    const ids = new IdFactory('Ab');
    const id = ids.next('003');
    expect(id).toHaveLength(18);
    expect(keyPrefixOf(id)).toBe('003');
    expect(toId18(id.slice(0, 15))).toBe(id);
    expect(toId18(id)).toBe(id);
    expect(toId18(id.slice(0, 15) + id.slice(15).toLowerCase())).toBe(id);
  });

  it('rejects strings that are not ids, and 18-character ids with a wrong suffix', () => {
    expect(isIdFormat('not-an-id')).toBe(false);
    expect(isIdFormat('00300000000000')).toBe(false);
    expect(toId18('003000000000000ZZZ')).toBeNull();
  });

  it('mints distinct ids within and across orgs', () => {
    const a = newOrgIdentity();
    const b = newOrgIdentity();
    expect(a.orgId).not.toBe(b.orgId);
    expect(keyPrefixOf(a.orgId)).toBe('00D');
    const fa = new IdFactory(a.instance);
    const fb = new IdFactory(b.instance);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      seen.add(fa.next('00Q'));
      seen.add(fb.next('00Q'));
    }
    expect(seen.size).toBe(1000);
  });
});
