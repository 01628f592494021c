/**
 * Tables only the Salesforce integration reads and writes. Migrations are generated from every
 * `schema*.ts` file together (`npm run db:squash`).
 */
import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The org's daily API allocation as last reported by `Sforce-Limit-Info`, and whether Ringback has
 * paused its own requests, per account: every process reads it (the budget API, a fresh worker) so a
 * pause one process learned of holds for all of them.
 */
export const salesforceApiBudget = pgTable('salesforce_api_budget', {
  accountId: text('account_id').primaryKey(),
  /** `api-usage=N/MAX`: requests counted in the org's rolling 24 hours, and the allocation. */
  used: integer('used'),
  max: integer('max'),
  observedAt: ts('observed_at'),
  /** Ringback sends nothing for this account before this time. */
  pausedUntil: ts('paused_until'),
  /** 'allocation_spent' | 'reserve' | null. */
  pauseReason: text('pause_reason'),
  /** The current pause length, doubled while the org keeps refusing (ms). */
  pauseMs: integer('pause_ms').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Salesforce people (Contact or Lead ids) Ringback attached a caller to, with what it knew of them
 * then: outcome polling maps a Task's WhoId or an Opportunity's ContactId/AccountId back to a caller.
 */
export const salesforcePeople = pgTable(
  'salesforce_people',
  {
    accountId: text('account_id').notNull(),
    personId: text('person_id').notNull(),
    callerE164: text('caller_e164').notNull(),
    /** 'contact' | 'lead'. */
    objectType: text('object_type').notNull(),
    ownerId: text('owner_id'),
    /** The Contact's Account (Opportunities hang off it). */
    sfAccountId: text('sf_account_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.personId] })],
);

export type SalesforceApiBudgetRow = typeof salesforceApiBudget.$inferSelect;
export type SalesforcePersonRow = typeof salesforcePeople.$inferSelect;
