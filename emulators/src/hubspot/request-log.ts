// Every request that reached a HubSpot-facing route, so tests and benchmarks can count API calls
// (per portal, per endpoint) and see how many were refused.

export interface RequestLogEntry {
  at: number;
  method: string;
  /** Path relative to the emulator's mount point, without the query string. */
  path: string;
  status: number;
  /** The portal the token belongs to; null when the request carried no valid token. */
  portalId: number | null;
  durationMs: number;
}

export interface RequestLogFilter {
  portalId?: number;
  method?: string;
  /** A path prefix or a pattern. */
  path?: string | RegExp;
  status?: number;
}

function matches(e: RequestLogEntry, f: RequestLogFilter): boolean {
  if (f.portalId !== undefined && e.portalId !== f.portalId) return false;
  if (f.method !== undefined && e.method !== f.method.toUpperCase()) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  if (typeof f.path === 'string' && !e.path.startsWith(f.path)) return false;
  if (f.path instanceof RegExp && !f.path.test(e.path)) return false;
  return true;
}

export class RequestLog {
  private log: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
  }

  entries(filter: RequestLogFilter = {}): RequestLogEntry[] {
    return this.log.filter((e) => matches(e, filter));
  }

  count(filter: RequestLogFilter = {}): number {
    return this.entries(filter).length;
  }

  clear(): void {
    this.log = [];
  }
}
