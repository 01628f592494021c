/**
 * Upserts the config file into the database at every start. For the keys the file sets, the file
 * wins over changes made through the API; accounts and locations it does not mention are left alone.
 */
import type { Database } from '../store/database.ts';
import type { SecretBox } from '../lib/secret-box.ts';
import type { ConfigFile, AccountInput } from './file-schema.ts';
import { and, eq } from 'drizzle-orm';
import { accountRowFromInput, setCredential, upsertAccount, upsertLocation } from '../accounts/account-store.ts';
import { credentials, settings } from '../store/schema.ts';
import { sha256Hex } from '../lib/ids.ts';

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

export async function applyConfig(
  database: Database,
  box: SecretBox,
  file: ConfigFile,
  origin: 'config' | 'sandbox' = 'config',
): Promise<void> {
  for (const account of file.accounts) {
    await applyAccount(database, box, account, origin);
  }
}

export async function applyAccount(
  database: Database,
  box: SecretBox,
  account: AccountInput,
  origin: 'config' | 'sandbox' | 'api',
): Promise<void> {
  await database.db.transaction(async (tx) => {
    await upsertAccount(tx, accountRowFromInput(account, origin));
    for (const location of account.locations) await upsertLocation(tx, account.id, location);
    if (account.crm?.hubspot) await applyCrmCredential(tx, box, account.id, { hubspot: account.crm.hubspot });
    if (account.crm?.salesforce) await applyCrmCredential(tx, box, account.id, { salesforce: account.crm.salesforce });
    const tracking = account.callTracking;
    if (tracking.callrail) await setCredential(tx, box, account.id, 'callrail', tracking.callrail);
    if (tracking.twilio) await setCredential(tx, box, account.id, 'twilio', tracking.twilio);
    if (tracking.invoca) await setCredential(tx, box, account.id, 'invoca', tracking.invoca);
    if (tracking.generic) await setCredential(tx, box, account.id, 'generic', tracking.generic);
  });
}

/**
 * CRM credentials are the one exception to "the file wins at every start": the CRM rotates refresh
 * tokens, and sealing the file's original again would sign the account out. The file's value is
 * applied when it differs from what the file said last time (an operator changed it), and otherwise
 * the stored — possibly rotated — credential stays.
 */
async function applyCrmCredential(tx: Tx, box: SecretBox, accountId: string, secret: unknown): Promise<void> {
  const key = `config_crm_digest:${accountId}`;
  const digest = sha256Hex(JSON.stringify(secret));
  const [applied, stored] = await Promise.all([
    tx.select().from(settings).where(eq(settings.key, key)),
    tx.select({ kind: credentials.kind }).from(credentials).where(and(eq(credentials.accountId, accountId), eq(credentials.kind, 'crm'))),
  ]);
  if (stored.length > 0 && (applied[0]?.value as { digest?: string } | undefined)?.digest === digest) return;
  await setCredential(tx, box, accountId, 'crm', secret);
  await tx
    .insert(settings)
    .values({ key, value: { digest } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { digest }, updatedAt: new Date() } });
}
