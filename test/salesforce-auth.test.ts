/**
 * Connecting orgs: the OAuth web-server install (an admin's install link, the org's consent, the
 * callback storing sealed tokens), server-to-server orgs on client credentials and on a JWT bearer
 * assertion, and the budget API. PostgreSQL + Redis only: none of it depends on the engine pair.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential, setCredential } from '../server/src/accounts/account-store.ts';
import { salesforceConnection } from '../server/src/crm/salesforce/connection.ts';
import { PUBLIC_URL } from './helpers/server.ts';
import { APP, startWorld, type World } from './salesforce-harness.ts';

describe('Salesforce auth and budget', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld('postgres+redis', {
      extraAccounts: (url) => `
  - id: machine
    name: Server to server
    crm:
      salesforce: { instanceUrl: "${url}", clientId: "${APP.clientId}", clientSecret: "${APP.clientSecret}" }
  - id: jwt
    name: JWT org
    crm:
      salesforce: { instanceUrl: "${url}", loginUrl: "${url}", clientId: "placeholder" }
  - id: nocrm
    name: No CRM`,
    });
  });
  afterAll(async () => {
    await w?.close();
  });
  const local = (url: string) => url.replace(PUBLIC_URL, w.rb.url);

  it('installs through the web-server flow: install link, consent, callback, sealed tokens that work', async () => {
    const ctx = w.rb.running.ctx;
    const link = await w.rb.api('/api/accounts/newco/crm/salesforce/install', { body: { name: 'New Co' } });
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(/^https:\/\/ringback\.test\/oauth\/salesforce\/install\?token=/);

    const install = await fetch(local(link.body.url), { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.origin).toBe(w.sf.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;

    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = local(consent.headers.get('location')!);
    // Not started in this browser (no cookie): refused.
    expect((await fetch(callback)).status).toBe(400);
    const done = await fetch(callback, { headers: { cookie } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Salesforce connected');

    const accounts = (await w.rb.api('/api/accounts')).body.items;
    expect(accounts).toContainEqual(expect.objectContaining({ id: 'newco', name: 'New Co', crmKind: 'salesforce' }));
    const stored = (await getCredential<{ salesforce: Record<string, string> }>(
      ctx.database.db,
      ctx.box,
      'newco',
      'crm',
    ))!.salesforce;
    expect(stored).toMatchObject({ instanceUrl: w.sf.url, orgId: w.org.orgId });
    expect(w.emu.state.auth.validAccess(stored['accessToken']!)).not.toBeNull();
    expect(w.emu.state.auth.refreshTokens.get(stored['refreshToken']!)?.revoked).toBe(false);
    const conn = await salesforceConnection(ctx, (await ctx.accounts.get('newco'))!);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(3);

    // An install link is only good with its seal intact.
    const forged = await fetch(`${w.rb.url}/oauth/salesforce/install?token=v1:AAAA:BBBB:CCCC`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(
      (await w.rb.api('/api/accounts/newco/crm/salesforce/install', { method: 'POST', body: {}, token: 'not-admin' }))
        .status,
    ).toBe(401);
  });

  it('signs in a server-to-server org with client credentials, and stores the token it got', async () => {
    const ctx = w.rb.running.ctx;
    const conn = await salesforceConnection(ctx, (await ctx.accounts.get('machine'))!);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(3);
    const stored = (await getCredential<{ salesforce: Record<string, string> }>(
      ctx.database.db,
      ctx.box,
      'machine',
      'crm',
    ))!.salesforce;
    expect(stored['accessToken']).toBe(conn.accessToken);
  });

  it('signs in with a JWT bearer assertion signed by the connected app key', async () => {
    const ctx = w.rb.running.ctx;
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = w.emu.state.registerClient({
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    await setCredential(ctx.database.db, ctx.box, 'jwt', 'crm', {
      salesforce: {
        instanceUrl: w.sf.url,
        loginUrl: w.sf.url,
        clientId: app.clientId,
        username: w.org.username,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    ctx.accounts.invalidate('jwt');
    const conn = await salesforceConnection(ctx, (await ctx.accounts.get('jwt'))!);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(3);
  });

  it("shows the org's remaining daily allocation per account, refreshed from /limits on request", async () => {
    w.emu.state.org(w.org.orgId).apiUsage = 41_000;
    const budget = await w.rb.api('/api/accounts/acme/crm/budget?refresh=true');
    expect(budget.status).toBe(200);
    // The /limits call itself is counted before it answers.
    expect(budget.body).toMatchObject({
      accountId: 'acme',
      crm: 'salesforce',
      max: 100_000,
      used: 41_001,
      remaining: 58_999,
      state: 'ok',
      reserve: { background: 10_000, writes: 2_000 },
    });
    w.emu.state.org(w.org.orgId).apiUsage = 91_000;
    expect((await w.rb.api('/api/accounts/acme/crm/budget?refresh=true')).body).toMatchObject({
      remaining: 8_999,
      state: 'background_held',
    });
    expect((await w.rb.api('/api/accounts/acme/crm/budget')).body.state).toBe('background_held');
    expect((await w.rb.api('/api/accounts/nocrm/crm/budget')).status).toBe(404);
  });
});
