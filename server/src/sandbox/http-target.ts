/**
 * The simulator's way into a Ringback server: signed CallRail webhooks to `/webhooks/callrail/…`
 * (exactly as CallRail signs them), outcomes and case listings through the API with a bearer token.
 */
import { signCallRailWebhook } from '../../../emulators/src/callrail/index.ts';
import type { CallRailDelivery } from './callrail-calls.ts';
import type { ListedCase, OutcomePost, SimTarget } from './simulator.ts';

export interface HttpTargetOptions {
  /** Base URL of the server (no trailing slash). */
  url: string;
  accountId: string;
  signingKey: string;
  /** Admin or account token for outcomes and listings; without one only webhooks are sent. */
  token: string | null;
  timeoutMs?: number;
}

const USER_AGENT = 'Ringback-Simulator/1.0';

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  const text = await res.text();
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function httpTarget(options: HttpTargetOptions): SimTarget {
  const base = options.url.replace(/\/+$/, '');
  const account = encodeURIComponent(options.accountId);
  const timeout = () => AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const auth = options.token ? { authorization: `Bearer ${options.token}` } : null;

  return {
    async postCallRail(delivery: CallRailDelivery) {
      const res = await fetch(`${base}/webhooks/callrail/${account}?event=${delivery.hint}`, {
        method: 'POST',
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          signature: signCallRailWebhook(delivery.body, options.signingKey),
          'user-agent': USER_AGENT,
        },
        signal: timeout(),
      });
      const body = await readJson(res);
      return { status: res.status, missedCallId: typeof body?.missedCallId === 'string' ? body.missedCallId : null };
    },
    postOutcome: auth
      ? async (outcome: OutcomePost) => {
          const res = await fetch(`${base}/api/accounts/${account}/outcomes`, {
            method: 'POST',
            body: JSON.stringify(outcome),
            headers: { ...auth, 'content-type': 'application/json', 'user-agent': USER_AGENT },
            signal: timeout(),
          });
          await res.arrayBuffer();
          return res.status;
        }
      : null,
    recentCases: auth
      ? async (from: Date) => {
          const items: ListedCase[] = [];
          let cursor: string | null = null;
          for (let page = 0; page < 20; page++) {
            const query = new URLSearchParams({
              from: from.toISOString(),
              limit: '500',
              ...(cursor ? { cursor } : {}),
            });
            const res = await fetch(`${base}/api/accounts/${account}/missed-calls?${query}`, {
              headers: { ...auth, 'user-agent': USER_AGENT },
              signal: timeout(),
            });
            const body = await readJson(res);
            if (!res.ok || !body) throw new Error(`listing cases answered ${res.status}`);
            items.push(...((body.items as ListedCase[]) ?? []));
            cursor = typeof body.next === 'string' ? body.next : null;
            if (!cursor) break;
          }
          return items;
        }
      : null,
  };
}

/** A JSON API call with the token (the CLI's location setup). */
export async function apiCall(
  url: string,
  token: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const res = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'user-agent': USER_AGENT },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await readJson(res) };
}

/**
 * Waits until the server has folded every webhook it acknowledged for the account into cases (the
 * ack answers once an event is stored; the fold follows a moment later). False after `timeoutMs`.
 */
export async function waitForFolds(url: string, token: string, accountId: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await apiCall(url, token, `/api/accounts/${encodeURIComponent(accountId)}/events?status=pending&limit=1`);
    const items = res.body?.items;
    if (res.status === 200 && Array.isArray(items) && items.length === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
