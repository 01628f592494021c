import { describe, expect, it } from 'vitest';
import { hubspotAppSecret, SANDBOX_HUBSPOT_APP_SECRET } from './app-secret.ts';

const app = { appId: '1', clientId: 'c', clientSecret: 'the-client-secret' };

describe('hubspotAppSecret', () => {
  it('uses the configured client secret, also when the sandbox runs beside it', () => {
    expect(hubspotAppSecret({ file: { accounts: [], hubspotApp: app }, sandbox: true })).toBe('the-client-secret');
  });
  it('falls back to the documented sandbox secret only in the sandbox', () => {
    expect(hubspotAppSecret({ file: null, sandbox: true })).toBe(SANDBOX_HUBSPOT_APP_SECRET);
    expect(hubspotAppSecret({ file: { accounts: [] }, sandbox: false })).toBeNull();
  });
});
