/** The database side of a CRM write: people, links and owner routing for one account. */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { auditLog, crmLinks, crmPeople, missedCalls } from '../store/schema.ts';
import { chooseOwner } from './owner-routing.ts';
import type { CrmKind, CrmLink, CrmSession, LinkRole, PersonFound } from './port.ts';

export function createCrmSession(ctx: AppContext, accountId: string, kind: CrmKind): CrmSession {
  const db = ctx.database.db;
  return {
    accountId,
    kind,
    logger: ctx.logger.child({ accountId, crm: kind }),
    now: ctx.clock,
    async savePerson(caseId: string, callerE164: string, person: PersonFound) {
      await db.transaction(async (tx) => {
        await tx
          .update(missedCalls)
          .set({
            crmContactId: person.id,
            crmContactCreated: person.created,
            ...(person.existingCustomer ? { intent: 'existing_customer' } : {}),
            updatedAt: ctx.clock(),
          })
          .where(eq(missedCalls.id, caseId));
        if (person.created) {
          await tx.insert(crmPeople).values({ accountId, callerE164, crmKind: kind, externalId: person.id }).onConflictDoNothing();
        }
        await tx.insert(auditLog).values({
          accountId,
          missedCallId: caseId,
          actor: kind,
          action: person.created ? 'crm.person_created' : 'crm.person_matched',
          detail: { personId: person.id, objectType: person.objectType, otherMatches: person.otherMatches },
        });
      });
    },
    async rememberedPerson(callerE164: string) {
      const rows = await db
        .select({ id: crmPeople.externalId })
        .from(crmPeople)
        .where(and(eq(crmPeople.accountId, accountId), eq(crmPeople.callerE164, callerE164), eq(crmPeople.crmKind, kind)));
      return rows[0]?.id ?? null;
    },
    async getLink(caseId: string, role: LinkRole): Promise<CrmLink | null> {
      const rows = await db
        .select()
        .from(crmLinks)
        .where(and(eq(crmLinks.accountId, accountId), eq(crmLinks.missedCallId, caseId), eq(crmLinks.role, role)));
      const row = rows[0];
      return row ? { key: row.key, externalId: row.externalId, state: row.state as CrmLink['state'] } : null;
    },
    async linkIntent(caseId: string, role: LinkRole): Promise<CrmLink> {
      const key = `rb:${caseId}:${role}`;
      await db
        .insert(crmLinks)
        .values({ accountId, missedCallId: caseId, role, crmKind: kind, key, state: 'intent' })
        .onConflictDoNothing();
      return (await this.getLink(caseId, role))!;
    },
    async linkDone(caseId: string, role: LinkRole, externalId: string) {
      await db
        .update(crmLinks)
        .set({ externalId, state: 'done', updatedAt: ctx.clock() })
        .where(and(eq(crmLinks.accountId, accountId), eq(crmLinks.missedCallId, caseId), eq(crmLinks.role, role)));
      const column = role === 'task' ? { crmTaskId: externalId } : role === 'call' ? { crmCallId: externalId } : {};
      if (Object.keys(column).length) await db.update(missedCalls).set(column).where(eq(missedCalls.id, caseId));
    },
    chooseOwner: (c, existingOwnerId) => chooseOwner(db, c, existingOwnerId),
  };
}
