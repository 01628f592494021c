/**
 * Upserts the config file into the database at every start. For the keys the file sets, the file
 * wins over changes made through the API; accounts and locations it does not mention are left alone.
 */
import type { Database } from '../store/database.ts';
import type { SecretBox } from '../lib/secret-box.ts';
import type { ConfigFile, AccountInput } from './file-schema.ts';
import { accountRowFromInput, setCredential, upsertAccount, upsertLocation } from '../accounts/account-store.ts';

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
    if (account.crm?.hubspot) await setCredential(tx, box, account.id, 'crm', { hubspot: account.crm.hubspot });
    if (account.crm?.salesforce)
      await setCredential(tx, box, account.id, 'crm', { salesforce: account.crm.salesforce });
    const tracking = account.callTracking;
    if (tracking.callrail) await setCredential(tx, box, account.id, 'callrail', tracking.callrail);
    if (tracking.twilio) await setCredential(tx, box, account.id, 'twilio', tracking.twilio);
    if (tracking.invoca) await setCredential(tx, box, account.id, 'invoca', tracking.invoca);
    if (tracking.generic) await setCredential(tx, box, account.id, 'generic', tracking.generic);
  });
}
