/**
 * CRM adapters by kind, and one port instance per account (it holds the account's rate limiter,
 * token refresh lock and batching). Adding a CRM = one adapter folder + one line in `wiring.ts`.
 */
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { NonRetryableError } from '../lib/errors.ts';
import type { CrmKind, CrmPort } from './port.ts';

export type CrmAdapterFactory = (ctx: AppContext, account: AccountContext) => Promise<CrmPort> | CrmPort;

export class CrmRegistry {
  private readonly factories = new Map<CrmKind, CrmAdapterFactory>();
  private readonly ports = new Map<string, { version: string; port: Promise<CrmPort> }>();

  register(kind: CrmKind, factory: CrmAdapterFactory): void {
    this.factories.set(kind, factory);
  }

  supports(kind: string | null | undefined): kind is CrmKind {
    return kind !== null && kind !== undefined && this.factories.has(kind as CrmKind);
  }

  /** The account's port; rebuilt when the account's CRM settings change. */
  portFor(ctx: AppContext, account: AccountContext): Promise<CrmPort> {
    const kind = account.account.crmKind;
    if (!this.supports(kind)) {
      return Promise.reject(new NonRetryableError('crm_not_connected', `account ${account.account.id} has no supported CRM connected`));
    }
    const version = `${kind}:${account.account.updatedAt.getTime()}`;
    const cached = this.ports.get(account.account.id);
    if (cached && cached.version === version) return cached.port;
    const port = Promise.resolve(this.factories.get(kind)!(ctx, account));
    port.catch(() => this.ports.delete(account.account.id));
    this.ports.set(account.account.id, { version, port });
    return port;
  }

  forget(accountId: string): void {
    this.ports.delete(accountId);
  }
}
