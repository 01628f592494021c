/**
 * What the contact card shows: this caller's missed-call cases (by the CRM contact id Ringback wrote,
 * or by the contact's phone number), newest first, each with its callback attempts and recorded
 * outcomes. Events are assigned to cases by the contract's rule (the caller's latest case before the
 * event), so the card agrees with the metrics.
 */
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { normalizePhone } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import { callEvents, missedCalls, outcomes, type MissedCallRow } from '../store/schema.ts';
import { missedCallView } from '../api/missed-call-view.ts';
import { priorityFactorsFor } from '../recovery/index.ts';

/** Enough history for a card; keeps the answer far below HubSpot's 1 MB response limit. */
export const MAX_CASES = 20;
const MAX_EVENTS = 200;

export interface CardAttempt {
  at: string;
  answered: boolean;
  talkSeconds: number;
  /** `connected` (a conversation), `short` (answered, under the contact threshold) or `no_answer`. */
  result: 'connected' | 'short' | 'no_answer';
}

export interface CardOutcome {
  type: string;
  at: string;
  amount: number | null;
  source: string;
}

export type CardCase = ReturnType<typeof missedCallView> & {
  locationName: string | null;
  attempts: CardAttempt[];
  outcomes: CardOutcome[];
};

export interface ContactCases {
  contactId: string;
  now: string;
  currency: string;
  cases: CardCase[];
}

export async function contactCases(
  ctx: AppContext,
  accountId: string,
  contactId: string,
  phone: string | undefined,
): Promise<ContactCases> {
  const account = await ctx.accounts.get(accountId);
  const now = ctx.clock();
  const db = ctx.database.db;
  const e164 = phone ? normalizePhone(phone) : null;
  const match = e164
    ? or(eq(missedCalls.crmContactId, contactId), eq(missedCalls.callerE164, e164))!
    : eq(missedCalls.crmContactId, contactId);
  const rows = await db
    .select()
    .from(missedCalls)
    // Repeat dials are folded into the case they repeat (its repeatCount says how many).
    .where(and(eq(missedCalls.accountId, accountId), isNull(missedCalls.repeatOf), match))
    .orderBy(desc(missedCalls.missedAt), desc(missedCalls.id))
    .limit(MAX_CASES);

  const callers = [...new Set(rows.map((r) => r.callerE164).filter((c): c is string => c !== null))];
  const oldest = rows.at(-1)?.missedAt;
  const factors = await priorityFactorsFor(db, rows.map((r) => r.id));
  const [calls, recorded] =
    callers.length && oldest
      ? await Promise.all([
          db
            .select()
            .from(callEvents)
            .where(and(eq(callEvents.accountId, accountId), inArray(callEvents.callerE164, callers), eq(callEvents.kind, 'attempt'), gt(callEvents.startedAt, oldest)))
            .orderBy(callEvents.startedAt)
            .limit(MAX_EVENTS),
          db
            .select()
            .from(outcomes)
            .where(
              and(
                eq(outcomes.accountId, accountId),
                or(inArray(outcomes.missedCallId, rows.map((r) => r.id)), and(inArray(outcomes.callerE164, callers), gt(outcomes.at, oldest))),
              ),
            )
            .orderBy(outcomes.at)
            .limit(MAX_EVENTS),
        ])
      : [[], []];

  const minTalk = (row: MissedCallRow) =>
    ((row.locationId && account?.locations.get(row.locationId)?.policy) || account?.policy)?.contactMinTalkSeconds ?? 30;

  const cases = rows.map((row): CardCase => {
    const view = missedCallView(row, now, factors.get(row.id));
    const owns = (callerE164: string | null, at: Date) => ownerCase(rows, callerE164, at)?.id === row.id;
    return {
      ...view,
      locationName: row.locationId ? (account?.locations.get(row.locationId)?.row.name ?? row.locationId) : null,
      attempts: calls
        .filter((c) => owns(c.callerE164, c.startedAt))
        .map((c) => ({
          at: c.startedAt.toISOString(),
          answered: c.answered,
          talkSeconds: c.talkSeconds,
          result: !c.answered ? 'no_answer' : c.talkSeconds >= minTalk(row) ? 'connected' : 'short',
        })),
      outcomes: recorded
        .filter((o) => (o.missedCallId ? o.missedCallId === row.id : owns(o.callerE164, o.at)))
        .map((o) => ({ type: o.type, at: o.at.toISOString(), amount: o.amount, source: o.source })),
    };
  });
  return { contactId, now: now.toISOString(), currency: account?.account.currency ?? 'USD', cases };
}

/** The caller's latest case strictly before `at` (contract §5), among the cases shown. */
function ownerCase(rows: MissedCallRow[], callerE164: string | null, at: Date): MissedCallRow | undefined {
  let best: MissedCallRow | undefined;
  for (const r of rows) {
    if (r.callerE164 !== callerE164 || r.spam || r.missedAt >= at) continue;
    if (!best || r.missedAt > best.missedAt) best = r;
  }
  return best;
}
