import { describe, expect, it } from 'vitest';
import { afterCursor, soqlDateTime, soqlString, soslTerm } from './query-text.ts';

describe('SOQL and SOSL literals', () => {
  it('escapes quotes and backslashes in SOQL strings', () => {
    expect(soqlString("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
  });

  it('escapes every SOSL reserved character', () => {
    expect(soslTerm('+1 (602) 555-0143')).toBe('\\+1 \\(602\\) 555\\-0143');
    expect(soslTerm('a?b&c|d!e{f}g[h]i^j~k*l:m"n\'o')).toBe(
      'a\\?b\\&c\\|d\\!e\\{f\\}g\\[h\\]i\\^j\\~k\\*l\\:m\\"n\\\'o',
    );
  });

  it('writes keyset conditions over SystemModstamp and Id at second precision', () => {
    const t = new Date('2026-11-22T03:40:00.789Z');
    expect(soqlDateTime(t)).toBe('2026-11-22T03:40:00Z');
    expect(afterCursor(t, null)).toBe('SystemModstamp > 2026-11-22T03:40:00Z');
    expect(afterCursor(t, '00T1')).toBe(
      "(SystemModstamp > 2026-11-22T03:40:00Z OR (SystemModstamp = 2026-11-22T03:40:00Z AND Id > '00T1'))",
    );
  });
});
