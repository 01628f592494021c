/**
 * What Ringback knows about the Salesforce people it attached callers to (`salesforce_people`):
 * the owner for the next case of a remembered caller without asking the org, and the way back from
 * a Task's WhoId or an Opportunity's Contact/Account to a caller when outcomes are polled.
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { crmPeople } from '../../store/schema.ts';
import { salesforcePeople, type SalesforcePersonRow } from '../../store/schema-salesforce.ts';

export interface PersonFacts {
  personId: string;
  callerE164: string;
  objectType: 'contact' | 'lead';
  ownerId: string | null;
  sfAccountId: string | null;
}

export async function rememberPerson(ctx: AppContext, accountId: string, p: PersonFacts): Promise<void> {
  const set = {
    callerE164: p.callerE164,
    objectType: p.objectType,
    ownerId: p.ownerId,
    sfAccountId: p.sfAccountId,
    updatedAt: ctx.clock(),
  };
  await ctx.database.db
    .insert(salesforcePeople)
    .values({ accountId, personId: p.personId, ...set })
    .onConflictDoUpdate({ target: [salesforcePeople.accountId, salesforcePeople.personId], set });
}

export async function personFacts(
  ctx: AppContext,
  accountId: string,
  personId: string,
): Promise<SalesforcePersonRow | null> {
  const rows = await ctx.database.db
    .select()
    .from(salesforcePeople)
    .where(and(eq(salesforcePeople.accountId, accountId), eq(salesforcePeople.personId, personId)));
  return rows[0] ?? null;
}

/** Whether Ringback has attached any caller to anyone in this org yet. */
export async function hasPeople(ctx: AppContext, accountId: string): Promise<boolean> {
  const rows = await ctx.database.db
    .select({ id: salesforcePeople.personId })
    .from(salesforcePeople)
    .where(eq(salesforcePeople.accountId, accountId))
    .limit(1);
  return rows.length > 0;
}

/** People known by id or by their Contact's Account, newest first. */
export async function peopleFor(
  ctx: AppContext,
  accountId: string,
  personIds: string[],
  sfAccountIds: string[],
): Promise<SalesforcePersonRow[]> {
  if (personIds.length === 0 && sfAccountIds.length === 0) return [];
  const conditions = [
    ...(personIds.length ? [inArray(salesforcePeople.personId, personIds)] : []),
    ...(sfAccountIds.length ? [inArray(salesforcePeople.sfAccountId, sfAccountIds)] : []),
  ];
  return ctx.database.db
    .select()
    .from(salesforcePeople)
    .where(and(eq(salesforcePeople.accountId, accountId), conditions.length === 1 ? conditions[0] : or(...conditions)))
    .orderBy(desc(salesforcePeople.updatedAt));
}

/**
 * A remembered Lead was converted (or merged away): the caller's remembered person becomes the
 * Contact, so the next call attaches to it directly instead of failing on the old id first.
 */
export async function replaceRememberedPerson(
  ctx: AppContext,
  accountId: string,
  callerE164: string,
  staleId: string,
  currentId: string,
): Promise<void> {
  await ctx.database.db
    .update(crmPeople)
    .set({ externalId: currentId })
    .where(
      and(eq(crmPeople.accountId, accountId), eq(crmPeople.callerE164, callerE164), eq(crmPeople.externalId, staleId)),
    );
}
