/**
 * Records outcomes read from HubSpot into `outcomes` (source `hubspot`, the HubSpot id as
 * `externalId`, so a replayed webhook or an overlapping poll records nothing twice) and re-derives
 * the caller's funnel in the same transaction, so the case advances per contract §5 whichever path
 * delivered the outcome first. The caller is the case's (a Ringback follow-up task names its case),
 * else the number of the contact the record is associated with.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { auditLog, missedCalls, outcomes } from '../store/schema.ts';
import { lockCaller, syncCallerFunnel } from '../cases/funnel-sync.ts';
import type { HubSpotOutcome } from '../crm/hubspot/outcomes.ts';

export interface RecordResult {
  recorded: number;
  duplicates: number;
  /** Outcomes whose person has no known phone number: nothing to attach them to. */
  unmatched: number;
}

export async function recordHubSpotOutcomes(
  ctx: AppContext,
  account: AccountContext,
  found: HubSpotOutcome[],
  callersOf: (contactIds: string[]) => Promise<Map<string, string>>,
): Promise<RecordResult> {
  const accountId = account.account.id;
  const db = ctx.database.db;
  const result: RecordResult = { recorded: 0, duplicates: 0, unmatched: 0 };
  if (found.length === 0) return result;

  // Ringback's own follow-up tasks name their case.
  const taskIds = [...new Set(found.map((o) => o.taskId).filter((id): id is string => !!id))];
  const byTask = new Map<string, { id: string; caller: string | null }>();
  if (taskIds.length > 0) {
    const rows = await db
      .select({ id: missedCalls.id, taskId: missedCalls.crmTaskId, caller: missedCalls.callerE164, spam: missedCalls.spam })
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, accountId), inArray(missedCalls.crmTaskId, taskIds)));
    for (const r of rows) if (r.taskId && !r.spam) byTask.set(r.taskId, { id: r.id, caller: r.caller });
  }
  const people = [...new Set(found.filter((o) => !o.callerE164 && o.personId).map((o) => o.personId!))];
  const callers = await callersOf(people);

  const byCaller = new Map<string, Array<HubSpotOutcome & { callerE164: string }>>();
  for (const o of found) {
    const task = o.taskId ? byTask.get(o.taskId) : undefined;
    const caller = task?.caller ?? o.callerE164 ?? (o.personId ? callers.get(o.personId) : undefined);
    if (!caller) {
      result.unmatched += 1;
      continue;
    }
    const list = byCaller.get(caller) ?? [];
    if (list.some((x) => x.externalId === o.externalId)) continue;
    list.push({ ...o, callerE164: caller, missedCallId: task?.id ?? o.missedCallId ?? null });
    byCaller.set(caller, list);
  }

  for (const [caller, list] of byCaller) {
    await db.transaction(async (tx) => {
      await lockCaller(tx, accountId, caller);
      const inserted = await tx
        .insert(outcomes)
        .values(
          list.map((o) => ({
            accountId,
            missedCallId: o.missedCallId ?? null,
            callerE164: caller,
            type: o.type,
            at: o.at,
            amount: o.amount ?? null,
            answered: o.answered ?? null,
            talkSeconds: o.talkSeconds ?? null,
            source: 'hubspot',
            externalId: o.externalId,
          })),
        )
        .onConflictDoNothing({ target: [outcomes.accountId, outcomes.source, outcomes.externalId] })
        .returning({ id: outcomes.id, externalId: outcomes.externalId });
      result.recorded += inserted.length;
      result.duplicates += list.length - inserted.length;
      if (inserted.length === 0) return;
      const changes = await syncCallerFunnel(tx, account, caller);
      if (changes.length > 0) {
        await tx.insert(auditLog).values(
          changes.map((c) => ({
            accountId,
            missedCallId: c.caseId,
            actor: 'hubspot',
            action: `case.${c.to}`,
            detail: { from: c.from, outcomes: inserted.map((i) => i.externalId) },
          })),
        );
      }
    });
  }
  return result;
}
