/**
 * The config file is applied at every start. For the keys it sets the file wins — except CRM
 * credentials the CRM has rotated since, which stay until the file itself changes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../server/src/store/database.ts';
import { migrate } from '../server/src/store/migrate.ts';
import { SecretBox } from '../server/src/lib/secret-box.ts';
import { applyConfig } from '../server/src/config/apply-config.ts';
import { parseConfigText } from '../server/src/config/load-file.ts';
import { eq } from 'drizzle-orm';
import { getAccount, getCredential, setCredential } from '../server/src/accounts/account-store.ts';
import { accounts } from '../server/src/store/schema.ts';

const file = (refreshToken: string, signingKey: string) =>
  parseConfigText(
    `accounts:
  - id: acme
    name: Acme
    crm: { salesforce: { instanceUrl: "https://acme.my.salesforce.com", clientId: "cid", clientSecret: "cs", refreshToken: "${refreshToken}" } }
    callTracking: { callrail: { signingKey: "${signingKey}" } }
`,
    'c.yaml',
  );

describe('applying the config file at start', async () => {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  const box = new SecretBox(randomBytes(32));
  afterAll(() => database.close());
  const crm = async () => (await getCredential<{ salesforce: { refreshToken: string } }>(database.db, box, 'acme', 'crm'))?.salesforce.refreshToken;
  const callrail = async () => (await getCredential<{ signingKey: string }>(database.db, box, 'acme', 'callrail'))?.signingKey;

  it('keeps a rotated CRM token across restarts until the file changes, while other keys follow the file', async () => {
    await applyConfig(database, box, file('rt-1', 'key-1'));
    expect(await crm()).toBe('rt-1');
    // Salesforce rotated the refresh token; an admin changed the signing key through the API.
    await setCredential(database.db, box, 'acme', 'crm', { salesforce: { instanceUrl: 'https://acme.my.salesforce.com', refreshToken: 'rt-rotated' } });
    await setCredential(database.db, box, 'acme', 'callrail', { signingKey: 'key-from-api' });
    await applyConfig(database, box, file('rt-1', 'key-1'));
    expect(await crm()).toBe('rt-rotated');
    expect(await callrail()).toBe('key-1');
    // The operator puts a new token in the file: the file wins again.
    await applyConfig(database, box, file('rt-2', 'key-1'));
    expect(await crm()).toBe('rt-2');
  });

  it('keeps a CRM an install connected when the file lists the account without one', async () => {
    const bare = parseConfigText(
      `accounts:
  - id: installed
    name: Installed by OAuth
    callTracking: { callrail: { signingKey: "k" } }
`,
      'c.yaml',
    );
    await applyConfig(database, box, bare);
    // The marketplace install connects HubSpot (hubspot-install.ts sets the kind on the row).
    await database.db.update(accounts).set({ crmKind: 'hubspot', crmSettings: { portalId: 77 } }).where(eq(accounts.id, 'installed'));
    await applyConfig(database, box, bare);
    expect(await getAccount(database.db, 'installed')).toMatchObject({ crmKind: 'hubspot', crmSettings: { portalId: 77 }, name: 'Installed by OAuth' });
  });
});
