/**
 * Upserts by external id through sObject Collections (`PATCH /composite/sobjects/{T}/{field}`, up to
 * 200 records and one API call per request), idempotent because Salesforce matches on the external
 * id. With allOrNone false each record stands alone, so every result is inspected: jsforce does not
 * throw for a failed record.
 */
import type { Connection } from 'jsforce';

export const COLLECTION_SIZE = 200;

export interface UpsertItem {
  key: string;
  record: Record<string, unknown>;
  digest: string;
}

/** One record error as sObject Collections reports it. */
export interface CollectionError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface UpsertOutcome {
  saved: Array<{ key: string; id: string; digest: string }>;
  failed: Array<{ key: string; errors: CollectionError[] }>;
  /** Requests sent, each one API call. */
  requests: number;
}

interface SaveResult {
  id?: string;
  success: boolean;
  errors?: Array<Partial<CollectionError> & { errorCode?: string }>;
}

export async function upsertAll(
  conn: Connection,
  sobject: string,
  keyField: string,
  items: UpsertItem[],
): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { saved: [], failed: [], requests: 0 };
  for (let i = 0; i < items.length; i += COLLECTION_SIZE) {
    const chunk = items.slice(i, i + COLLECTION_SIZE);
    outcome.requests++;
    const results = (await conn.sobject(sobject).upsert(
      chunk.map((item) => item.record),
      keyField,
      { allOrNone: false },
    )) as unknown as SaveResult[];
    chunk.forEach((item, n) => {
      const result = results[n];
      if (result?.success && result.id) outcome.saved.push({ key: item.key, id: result.id, digest: item.digest });
      else {
        const errors = (result?.errors ?? []).map((e) => ({
          statusCode: e.statusCode ?? e.errorCode ?? 'UNKNOWN',
          message: e.message ?? '',
          fields: e.fields ?? [],
        }));
        outcome.failed.push({
          key: item.key,
          errors: errors.length
            ? errors
            : [{ statusCode: 'NO_RESULT', message: 'no result for this record', fields: [] }],
        });
      }
    });
  }
  return outcome;
}
