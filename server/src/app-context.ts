/**
 * Everything a request handler or job handler may use, built once at start and passed down.
 */
import type { RuntimeConfig } from './config/runtime.ts';
import type { Database } from './store/database.ts';
import type { JobQueue } from './queue/job-queue.ts';
import type { Logger } from './lib/logger.ts';
import type { SecretBox } from './lib/secret-box.ts';
import type { AccountContextCache } from './accounts/account-context.ts';
import type { Metrics } from './lib/metrics.ts';
import type { CrmRegistry } from './crm/registry.ts';

export interface AppContext {
  config: RuntimeConfig;
  database: Database;
  queue: JobQueue;
  logger: Logger;
  box: SecretBox;
  /** sha256 hex of the admin token. */
  adminTokenHash: string;
  clock: () => Date;
  accounts: AccountContextCache;
  metrics: Metrics;
  crm: CrmRegistry;
}
