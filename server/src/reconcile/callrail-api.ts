/**
 * The slice of CallRail's REST API v3 reconciliation needs: list calls by start time.
 * Auth: `Authorization: Token token="KEY"`. Errors become retry decisions.
 */
import { NonRetryableError, RetryableError, RetryAfterError } from '../lib/errors.ts';

export const CALLRAIL_API = 'https://api.callrail.com';

/** Fields beyond the defaults that the webhook parser uses (intent, source, spam, tags). */
const FIELDS = ['call_type', 'source', 'source_name', 'campaign', 'tags', 'first_call', 'value', 'transcription', 'spam'];

export interface CallRailApiOptions {
  apiKey: string;
  accountId: string;
  baseUrl?: string | undefined;
  fetch?: typeof fetch;
}

export interface CallPage {
  calls: Array<Record<string, unknown>>;
  next: string | null;
}

export async function listCallsSince(options: CallRailApiOptions, since: Date, pageUrl: string | null): Promise<CallPage> {
  const base = (options.baseUrl ?? CALLRAIL_API).replace(/\/+$/, '');
  const url =
    pageUrl ??
    `${base}/v3/a/${encodeURIComponent(options.accountId)}/calls.json?` +
      new URLSearchParams({
        start_date: since.toISOString(),
        sort: 'start_time',
        order: 'asc',
        per_page: '250',
        relative_pagination: 'true',
        fields: FIELDS.join(','),
      }).toString();
  const res = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Token token="${options.apiKey}"`, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after') ?? '60');
    throw new RetryAfterError('callrail_rate_limited', 'CallRail API rate limit', (Number.isFinite(after) ? after : 60) * 1000);
  }
  if (res.status === 401 || res.status === 403) throw new NonRetryableError('callrail_auth', `CallRail API refused the API key (${res.status})`, 502);
  if (res.status >= 500) throw new RetryableError('callrail_unavailable', `CallRail API answered ${res.status}`);
  if (!res.ok) throw new NonRetryableError('callrail_request', `CallRail API answered ${res.status}`, 502);
  const body = (await res.json()) as { calls?: unknown; next_page?: unknown; has_next_page?: unknown };
  const calls = Array.isArray(body.calls) ? (body.calls as Array<Record<string, unknown>>) : [];
  const next = body.has_next_page === true && typeof body.next_page === 'string' ? body.next_page : null;
  return { calls, next };
}
