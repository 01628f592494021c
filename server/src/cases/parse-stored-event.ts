/**
 * Parses a stored webhook again from its raw bytes, as it was parsed when it was acknowledged: the
 * fold job and the reprocess job work from the stored row, never from memory, so a crash between
 * the ack and the fold loses nothing.
 */
import type { Provider } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import type { webhookEvents } from '../store/schema.ts';
import { providers, type ParseResult } from '../providers/index.ts';

export type StoredEventRow = typeof webhookEvents.$inferSelect;

export function parseStoredEvent(ctx: AppContext, account: AccountContext, row: StoredEventRow): ParseResult {
  const adapter = providers[row.provider as Provider];
  const secrets = account.secrets.get(row.provider) as { mapping?: Record<string, string> } | undefined;
  return adapter.parse(
    {
      rawBody: row.body,
      contentType: row.contentType ?? undefined,
      headers: row.headers as Record<string, string>,
      query: row.query as Record<string, string>,
      publicUrl: ctx.config.publicUrl,
    },
    // Invoca's field mapping is configuration: a corrected mapping applies when an event is reprocessed.
    { receivedAt: row.receivedAt, ...(row.provider === 'invoca' && secrets?.mapping ? { invocaMapping: secrets.mapping } : {}) },
  );
}
