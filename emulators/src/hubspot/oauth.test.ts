import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, manualClock, startTestEmulator, type TestHarness } from './testing.ts';

const clock = manualClock();
let h: TestHarness;
const redirectUri = 'https://ringback.test/oauth/hubspot/callback';
beforeAll(async () => {
  h = await startTestEmulator({ clock, clientId: 'app-client', clientSecret: 'app-secret' });
});
afterAll(() => h.close());

async function authorize(query: string): Promise<URL> {
  const res = await fetch(`${h.url}/oauth/authorize?${query}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('OAuth', () => {
  it('installs through /oauth/authorize, exchanges the code, calls the API and refreshes', async () => {
    const back = await authorize(
      `client_id=app-client&redirect_uri=${encodeURIComponent(redirectUri)}&scope=crm.objects.contacts.write&state=xyz&portalId=777`,
    );
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code')!;

    const oauth = new Client({ basePath: h.url, numberOfApiCallRetries: 0 });
    const tokens = await oauth.oauth.tokensApi.create(
      'authorization_code',
      code,
      redirectUri,
      'app-client',
      'app-secret',
    );
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.refreshToken).toBeTruthy();

    const meta = await oauth.oauth.accessTokensApi.get(tokens.accessToken);
    expect(meta).toMatchObject({ hubId: 777, appId: 1, expiresIn: 1800 });
    expect(meta.scopes.length).toBeGreaterThan(0);

    const api = h.clientFor(tokens.accessToken);
    const contact = await api.crm.contacts.basicApi.create({
      properties: { firstname: 'Installed' },
      associations: [],
    });
    expect(h.emulator.state.getObject(777, 'contacts', contact.id)).toBeDefined();
    expect(h.emulator.state.getObject(h.portalId, 'contacts', contact.id)).toBeUndefined();

    // A code is single-use.
    const reuse = await apiError(
      oauth.oauth.tokensApi.create('authorization_code', code, redirectUri, 'app-client', 'app-secret'),
    );
    expect(reuse.body.status).toBe('BAD_AUTH_CODE');

    clock.advance(1801 * 1000);
    const expired = await apiError(api.crm.contacts.basicApi.getById(contact.id));
    expect(expired.code).toBe(401);
    expect(expired.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });

    const refreshed = await oauth.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      'app-client',
      'app-secret',
      tokens.refreshToken,
    );
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    await expect(h.clientFor(refreshed.accessToken).crm.contacts.basicApi.getById(contact.id)).resolves.toMatchObject({
      id: contact.id,
    });
  });

  it('rejects bad client credentials, redirect URIs and refresh tokens', async () => {
    const oauth = new Client({ basePath: h.url, numberOfApiCallRetries: 0 });
    const back = await authorize(`client_id=app-client&redirect_uri=${encodeURIComponent(redirectUri)}`);
    const code = back.searchParams.get('code')!;
    expect(
      (await apiError(oauth.oauth.tokensApi.create('authorization_code', code, redirectUri, 'app-client', 'wrong')))
        .code,
    ).toBe(400);
    expect(
      (
        await apiError(
          oauth.oauth.tokensApi.create('authorization_code', code, 'https://evil.test/cb', 'app-client', 'app-secret'),
        )
      ).body.status,
    ).toBe('BAD_REDIRECT_URI');
    const badRefresh = await apiError(
      oauth.oauth.tokensApi.create('refresh_token', undefined, undefined, 'app-client', 'app-secret', 'nope'),
    );
    expect(badRefresh.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token' });
    const unknownApp = await fetch(
      `${h.url}/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(redirectUri)}`,
      { redirect: 'manual' },
    );
    expect(unknownApp.status).toBe(400);
  });

  it('answers 401 INVALID_AUTHENTICATION without a known bearer token', async () => {
    const none = await fetch(`${h.url}/crm/v3/objects/contacts`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    const unknown = await apiError(h.clientFor('pat-na1-unknown').crm.contacts.basicApi.getPage());
    expect(unknown.code).toBe(401);
    expect(unknown.body.category).toBe('INVALID_AUTHENTICATION');
  });
});
