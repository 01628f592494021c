/**
 * Every request the emulator answered, for tests and benchmarks that count API calls. `apiCall` marks
 * the requests Salesforce counts against the daily allocation: one per REST call, one for a whole
 * `/composite` or collection request, none for OAuth or rejected (401/403) requests.
 */

export interface RequestLogEntry {
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  orgId: string | null;
  apiCall: boolean;
  kind: 'data' | 'oauth' | 'emulator' | 'other';
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  push(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** API calls counted against the daily allocation, optionally for one org. */
  apiCalls(orgId?: string): number {
    return this.entries.filter((e) => e.apiCall && (orgId === undefined || e.orgId === orgId)).length;
  }

  filter(pred: (e: RequestLogEntry) => boolean): RequestLogEntry[] {
    return this.entries.filter(pred);
  }
}
