/**
 * `CrmPort` for Salesforce, one per account (the registry rebuilds it when the account changes):
 * writes through `writer.ts`, later task changes through `task-updates.ts`, outcomes through
 * `outcomes.ts`, all on the account's budget-aware connection.
 */
import type { AppContext } from '../../app-context.ts';
import type { AccountContext } from '../../accounts/account-context.ts';
import type { CrmPort } from '../port.ts';
import { salesforceConnection } from './connection.ts';
import { parseCredentials } from './credentials.ts';
import { pollOutcomes } from './outcomes.ts';
import type { PortState } from './port-state.ts';
import { closeTaskAsSpam, escalate } from './task-updates.ts';
import { logRepeatCall, writeCase } from './writer.ts';

export function createSalesforcePort(ctx: AppContext, account: AccountContext): CrmPort {
  // Fail at once on missing credentials: the registry drops a port that failed to build.
  parseCredentials(account.secrets.get('crm'));
  const accountId = account.account.id;
  const st: PortState = {
    ctx,
    accountId,
    leadSource: undefined,
    badOwners: new Map(),
    open: async (purpose) => ({ ctx, accountId, conn: await salesforceConnection(ctx, account, purpose) }),
  };
  return {
    kind: 'salesforce',
    writeCase: (c, session) => writeCase(st, c, session),
    logRepeatCall: (c, parent, session) => logRepeatCall(st, c, parent, session),
    closeTaskAsSpam: (c, note, session) => closeTaskAsSpam(st, c, note, session),
    escalate: (c, request, session) => escalate(st, c, request, session),
    pollOutcomes: (cursor, session) => pollOutcomes(st, cursor, session),
  };
}
