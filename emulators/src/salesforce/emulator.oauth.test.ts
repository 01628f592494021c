import { createSign, generateKeyPairSync } from 'node:crypto';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { startHarness } from './test-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.server.close();
});

function oauthConnection(
  accessToken: string,
  refreshToken: string,
  client: { clientId: string; clientSecret: string },
) {
  return new jsforce.Connection({
    oauth2: { ...client, loginUrl: h.server.url },
    instanceUrl: h.server.url,
    accessToken,
    refreshToken,
    version: '62.0',
  });
}

function signJwt(privateKeyPem: string, claims: Record<string, unknown>): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKeyPem, 'base64url')}`;
}

async function oauthError(promise: PromiseLike<unknown>): Promise<{ name: string; message: string }> {
  const err = (await Promise.resolve(promise).then(
    () => null,
    (e: unknown) => e,
  )) as { name: string; message: string } | null;
  expect(err).not.toBeNull();
  return err as { name: string; message: string };
}

describe('session refresh', () => {
  it('jsforce refreshes on 401 INVALID_SESSION_ID, emits refresh and retries the call', async () => {
    const { creds } = h;
    const conn = oauthConnection(creds.accessToken, creds.refreshToken, creds);
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    h.emu.faults.expireAccessTokens();
    h.emu.requestLog.clear();
    const res = await conn.query('SELECT Id FROM User');
    expect(res.totalSize).toBe(1);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).not.toBe(creds.accessToken);
    expect(refreshed[0]?.startsWith(`${creds.orgId}!`)).toBe(true);
    expect(h.emu.requestLog.entries.map((e) => `${e.kind}:${e.status}`)).toEqual(['data:401', 'oauth:200', 'data:200']);
    // The 401 is not counted against the daily allocation.
    expect(h.emu.requestLog.apiCalls()).toBe(1);
  });

  it('rotates refresh tokens when the app is configured to, invalidating the old one', async () => {
    const creds = h.emu.state.addOrg({ rotateRefreshTokens: true });
    const conn = oauthConnection(creds.accessToken, creds.refreshToken, creds);
    let rotated: string | undefined;
    conn.on('refresh', (_token: string, res: { refresh_token?: string }) => {
      rotated = res.refresh_token;
    });
    h.emu.faults.expireAccessTokens();
    await conn.query('SELECT Id FROM User');
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(creds.refreshToken);
    const oauth2 = new jsforce.OAuth2({
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
      loginUrl: h.server.url,
    });
    const err = await oauthError(oauth2.refreshToken(creds.refreshToken));
    expect(err).toMatchObject({ name: 'invalid_grant', message: 'expired access/refresh token' });
    expect((await oauth2.refreshToken(rotated as string)).access_token).toBeTruthy();
  });

  it('fails the call when the refresh token is not valid', async () => {
    const conn = oauthConnection('00Dexpired!x', 'not-a-refresh-token', h.creds);
    const err = await oauthError(conn.query('SELECT Id FROM User'));
    expect(err.message).toContain('expired access/refresh token');
  });

  it('refuses a wrong client secret and an unknown grant type', async () => {
    const wrongSecret = new jsforce.OAuth2({
      clientId: h.creds.clientId,
      clientSecret: 'nope',
      loginUrl: h.server.url,
    });
    expect(await oauthError(wrongSecret.refreshToken(h.creds.refreshToken))).toMatchObject({ name: 'invalid_client' });
    const unknownClient = new jsforce.OAuth2({ clientId: 'nobody', clientSecret: 'x', loginUrl: h.server.url });
    expect(await oauthError(unknownClient.refreshToken(h.creds.refreshToken))).toMatchObject({
      name: 'invalid_client_id',
    });
    const oauth2 = new jsforce.OAuth2({ loginUrl: h.server.url });
    expect(await oauthError(oauth2.requestToken({ grant_type: 'magic' }))).toMatchObject({
      name: 'unsupported_grant_type',
    });
  });
});

describe('server-to-server grants', () => {
  it('client credentials: a token that acts as the run-as user', async () => {
    const oauth2 = new jsforce.OAuth2({
      clientId: h.creds.clientId,
      clientSecret: h.creds.clientSecret,
      loginUrl: h.server.url,
    });
    const res = await oauth2.requestToken({ grant_type: 'client_credentials' });
    expect(res.refresh_token).toBeUndefined();
    expect(res.instance_url).toBe(h.server.url);
    expect(res.id).toBe(`${h.server.url}/id/${h.creds.orgId}/${h.creds.userId}`);
    const rec = await h.connect(res.access_token).sobject('Lead').create({ LastName: 'CC', Company: 'C' });
    expect(h.emu.state.get(rec.id as string)?.['OwnerId']).toBe(h.creds.userId);
  });

  it('JWT bearer: accepts an assertion signed with the registered key, rejects a forged one', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = h.emu.state.registerClient({
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const claims = {
      iss: app.clientId,
      sub: h.creds.username,
      aud: h.server.url,
      exp: Math.floor(Date.now() / 1000) + 180,
    };
    const oauth2 = new jsforce.OAuth2({ loginUrl: h.server.url });
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const res = await oauth2.requestToken({ grant_type: grant, assertion: signJwt(pem, claims) });
    expect((await h.connect(res.access_token).query('SELECT Id FROM User')).totalSize).toBe(1);

    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(
      await oauthError(oauth2.requestToken({ grant_type: grant, assertion: signJwt(other, claims) })),
    ).toMatchObject({
      name: 'invalid_grant',
    });
    const stranger = signJwt(pem, { ...claims, sub: 'nobody@example.com' });
    expect(await oauthError(oauth2.requestToken({ grant_type: grant, assertion: stranger }))).toMatchObject({
      name: 'invalid_grant',
      message: "user hasn't approved this consumer",
    });
  });
});

describe('install flow (authorization code)', () => {
  it('redirects back with a code that jsforce exchanges for tokens', async () => {
    const redirectUri = 'https://app.example.com/salesforce/callback';
    const app = h.emu.state.registerClient({ redirectUris: [redirectUri] });
    const conn = new jsforce.Connection({
      oauth2: { clientId: app.clientId, clientSecret: app.clientSecret, redirectUri, loginUrl: h.server.url },
      version: '62.0',
    });
    const authorizeUrl = conn.oauth2.getAuthorizationUrl({ state: 'xyz', login_hint: h.creds.username });
    const res = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') as string);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('xyz');
    const userInfo = await conn.authorize(back.searchParams.get('code') as string);
    expect(userInfo).toMatchObject({ id: h.creds.userId, organizationId: h.creds.orgId });
    expect(conn.instanceUrl).toBe(h.server.url);
    expect(conn.refreshToken).toBeTruthy();
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(1);
    // Codes are single-use.
    expect(await oauthError(conn.authorize(back.searchParams.get('code') as string))).toMatchObject({
      name: 'invalid_grant',
    });
  });

  it('refuses a redirect URI the app does not allow', async () => {
    const app = h.emu.state.registerClient({ redirectUris: ['https://good.example.com/cb'] });
    const url = new jsforce.OAuth2({
      clientId: app.clientId,
      redirectUri: 'https://evil.example.com/cb',
      loginUrl: h.server.url,
    });
    const res = await fetch(url.getAuthorizationUrl(), { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});
