/**
 * Creating a call or task at most once, although HubSpot has no idempotency keys and activities
 * cannot carry unique values (platform notes): the intent is recorded before the request, the record
 * is stamped with the link's key (`ringback_key`), and its id is recorded right after. A run that
 * finds an intent without an id does not know whether the earlier request created the record, so it
 * searches for the key; search is eventually consistent, so "not found" only counts once the last
 * request is older than the search-lag window — until then the job is retried later rather than
 * risking a second record.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../store/database.ts';
import { crmLinks } from '../../store/schema.ts';
import { RetryAfterError, RingbackError } from '../../lib/errors.ts';
import type { CrmSession, LinkRole } from '../port.ts';
import type { HubSpotClient } from './client.ts';
import { HubSpotError } from './errors.ts';

export interface CreateOnceDeps {
  client: HubSpotClient;
  db: Db;
  session: CrmSession;
  /** How long after a create request its record may still be missing from search. */
  searchLagWindowMs: number;
}

export interface CreatedOnce {
  id: string;
  /** False when an earlier attempt's record was found (or its id was already recorded). */
  created: boolean;
}

export async function createOnce(
  deps: CreateOnceDeps,
  caseId: string,
  role: LinkRole,
  objectType: 'calls' | 'tasks',
  create: (key: string) => Promise<string>,
): Promise<CreatedOnce> {
  const { session, db } = deps;
  const earlier = await session.getLink(caseId, role);
  if (earlier?.state === 'done' && earlier.externalId) return { id: earlier.externalId, created: false };
  if (earlier) {
    const sentAt = await lastSent(db, session.accountId, caseId, role);
    // An intent whose request was never sent (refused before HubSpot did anything) needs no search.
    if (sentAt === null || sentAt.getTime() > NOT_SENT.getTime()) {
      const found = await findByKey(deps.client, objectType, earlier.key);
      if (found) {
        await session.linkDone(caseId, role, found);
        return { id: found, created: false };
      }
      const age = session.now().getTime() - (sentAt?.getTime() ?? 0);
      if (age < deps.searchLagWindowMs) {
        const wait = deps.searchLagWindowMs - age + 250;
        throw new RetryAfterError('crm_write_unconfirmed', `an earlier ${role} create for this case is not searchable yet; looking again before creating`, wait);
      }
    }
  }
  const link = await session.linkIntent(caseId, role);
  await markSent(db, session.accountId, caseId, role, session.now());
  let id: string;
  try {
    id = await create(link.key);
  } catch (err) {
    if (nothingCreated(err)) await markSent(db, session.accountId, caseId, role, NOT_SENT);
    throw err;
  }
  await session.linkDone(caseId, role, id);
  return { id, created: true };
}

/** The "sent at" of an intent whose request certainly created nothing. */
const NOT_SENT = new Date(0);

/**
 * Failures after which HubSpot certainly created nothing: our own budget refused to send, or HubSpot
 * answered 4xx (refused before doing anything). 5xx, timeouts and crashes leave it unknown.
 */
function nothingCreated(err: unknown): boolean {
  if (err instanceof HubSpotError) return err.httpStatus !== null && err.httpStatus >= 400 && err.httpStatus < 500;
  return err instanceof RingbackError && err.code === 'crm_rate_limited';
}

/** The id of the record carrying `ringback_key = key`, if search can see one. */
export async function findByKey(client: HubSpotClient, objectType: 'calls' | 'tasks', key: string): Promise<string | null> {
  try {
    const result = await client.request<{ results?: Array<{ id: string }> }>({
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/search`,
      body: { filterGroups: [{ filters: [{ propertyName: 'ringback_key', operator: 'EQ', value: key }] }], properties: ['ringback_key'], limit: 2 },
      what: `search ${objectType} by ringback_key`,
      search: true,
      idempotent: true,
    });
    return result.results?.[0]?.id ?? null;
  } catch (err) {
    // Without the property no record can carry the key (it is recreated on the next write).
    if (err instanceof HubSpotError && err.httpStatus === 400 && /ringback_key/.test(JSON.stringify(err.body ?? ''))) return null;
    throw err;
  }
}

const linkRow = (accountId: string, caseId: string, role: LinkRole) =>
  and(eq(crmLinks.accountId, accountId), eq(crmLinks.missedCallId, caseId), eq(crmLinks.role, role));

/** When the last create request for this link was sent (the link row's `updated_at`). */
async function lastSent(db: Db, accountId: string, caseId: string, role: LinkRole): Promise<Date | null> {
  const rows = await db.select({ at: crmLinks.updatedAt }).from(crmLinks).where(linkRow(accountId, caseId, role));
  return rows[0]?.at ?? null;
}

async function markSent(db: Db, accountId: string, caseId: string, role: LinkRole, at: Date): Promise<void> {
  await db.update(crmLinks).set({ updatedAt: at, createdByRingback: true }).where(linkRow(accountId, caseId, role));
}
