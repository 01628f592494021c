import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORIGIN, backendOrigin } from './origin.ts';

describe('backendOrigin', () => {
  it('falls back to the production profile origin, which must stay the one in hsprofile.prod.json', () => {
    const prod = JSON.parse(readFileSync(join(import.meta.dirname, '../../../hsprofile.prod.json'), 'utf8'));
    expect(DEFAULT_ORIGIN).toBe(prod.variables.RINGBACK_ORIGIN);
    expect(backendOrigin({})).toBe(DEFAULT_ORIGIN);
    expect(backendOrigin({ variables: { fake_variable: 'fake_value' } })).toBe(DEFAULT_ORIGIN);
  });

  it('uses the profile variable HubSpot passes in the context, without a trailing slash', () => {
    expect(backendOrigin({ variables: { RINGBACK_ORIGIN: 'https://ringback-dev.example.com/' } })).toBe(
      'https://ringback-dev.example.com',
    );
  });

  it('ignores values hubspot.fetch could not call (not https, or with a path)', () => {
    expect(backendOrigin({ variables: { RINGBACK_ORIGIN: 'http://localhost:3000' } })).toBe(DEFAULT_ORIGIN);
    expect(backendOrigin({ variables: { RINGBACK_ORIGIN: 'https://ringback.example.com/api' } })).toBe(DEFAULT_ORIGIN);
    expect(backendOrigin({ variables: { RINGBACK_ORIGIN: 42 } })).toBe(DEFAULT_ORIGIN);
  });
});
