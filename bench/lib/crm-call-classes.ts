/**
 * Which emulator requests count as the CRM writes of missed calls. "API calls per missed call"
 * counts `write` only; the rest is reported beside it:
 *
 * - `auth`: OAuth and token requests (Salesforce does not count them against the allocation either).
 * - `setup`: Ringback creating its HubSpot properties once per portal, before its first write.
 * - `poll`: Ringback's periodic outcome catch-up — HubSpot: searches of tasks, calls, deals and
 *   meetings and the contact associations of what they found (the write path searches tasks or calls
 *   only to confirm a create after a 5xx or a timeout, which the bench does not cause); Salesforce:
 *   the `/composite` of outcome queries (told apart from a write's `/composite` by its subrequests).
 * - `sync`: Salesforce snapshot sync's collection upserts (`/composite/sobjects/…`).
 */

export type CallClass = 'write' | 'auth' | 'setup' | 'poll' | 'sync';

const HUBSPOT_POLL = [
  /^\/crm\/v3\/objects\/(tasks|calls|deals|meetings)\/search\/?$/,
  /^\/crm\/v4\/associations\/[^/]+\/contacts\/batch\/read\/?$/,
];

export function classifyHubSpot(method: string, path: string): CallClass {
  if (path.startsWith('/oauth')) return 'auth';
  if (path.startsWith('/crm/v3/properties/')) return 'setup';
  if (method.toUpperCase() === 'POST' && HUBSPOT_POLL.some((p) => p.test(path))) return 'poll';
  return 'write';
}

/** The subrequests of Ringback's outcome poll (server/src/crm/salesforce/outcomes.ts). */
const OUTCOME_POLL_REFS = ['tasks', 'events', 'opps', 'leads'];

/**
 * `apiCall` as the emulator marks it (what Salesforce counts against the allocation); `refs` the
 * referenceIds of a `/composite` request's subresponses.
 */
export function classifySalesforce(path: string, apiCall: boolean, refs: readonly string[] = []): CallClass | null {
  if (path.startsWith('/services/oauth2')) return 'auth';
  if (!apiCall) return null;
  if (/\/composite\/sobjects(\/|$)/.test(path)) return 'sync';
  if (/\/composite\/?$/.test(path) && refs.length > 0 && refs.every((r) => OUTCOME_POLL_REFS.includes(r)))
    return 'poll';
  return 'write';
}

export type ClassCounts = Record<CallClass, number>;

export function emptyCounts(): ClassCounts {
  return { write: 0, auth: 0, setup: 0, poll: 0, sync: 0 };
}
