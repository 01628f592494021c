/**
 * The learning loop in the database: the account's priority model is rebuilt from the last 90 days
 * of settled cases (missed at least a day ago) when it is older than MODEL_MAX_AGE_MS, and cases are
 * scored with it — the changed ones at every refresh, every open one when the model is rebuilt. The
 * score goes on `missed_calls.priority_score` (for sorting) and the factors into `case_priority`.
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import type { Db } from '../store/database.ts';
import { locations, missedCalls } from '../store/schema.ts';
import { casePriority, recoveryModel } from '../store/schema-recovery.ts';
import {
  buildPriorityModel,
  scorePriority,
  type PriorityHistoryRow,
  type PriorityModel,
} from '../../../shared/src/recovery-priority.ts';
import { locationKeyExpr, realCases } from './case-rows.ts';
import { openCases } from './open-cases.ts';
import { tzOf, verticalOf } from './zones.ts';

const DAY_MS = 86_400_000;
export const MODEL_WINDOW_MS = 90 * DAY_MS;
/** Cases younger than this have not had their chance to be reached yet. */
export const SETTLE_MS = DAY_MS;
export const MODEL_MAX_AGE_MS = 6 * 3_600_000;

export async function loadModel(
  db: Pick<Db, 'select'>,
  accountId: string,
): Promise<{ model: PriorityModel; computedAt: Date } | null> {
  const row = (await db.select().from(recoveryModel).where(eq(recoveryModel.accountId, accountId)))[0];
  return row ? { model: row.model as PriorityModel, computedAt: row.computedAt } : null;
}

export async function computeModel(ctx: AppContext, account: AccountContext, now: Date): Promise<PriorityModel> {
  const accountId = account.account.id;
  const to = new Date(now.getTime() - SETTLE_MS);
  const from = new Date(to.getTime() - MODEL_WINDOW_MS);
  const count = (condition: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${condition}))::int`;
  const attempted = sql`${missedCalls.firstAttemptAt} is not null`;
  const contacted = sql`${missedCalls.contactedAt} is not null`;
  const booked = sql`${missedCalls.bookedAt} is not null`;
  const rows = await ctx.database.db
    .select({
      locationKey: locationKeyExpr,
      hour: sql<number>`(extract(hour from ${missedCalls.missedAt} at time zone coalesce(${locations.timezone}, ${account.account.timezone})))::int`,
      source: missedCalls.source,
      category: missedCalls.category,
      a: count(attempted),
      ac: count(sql`${attempted} and ${contacted}`),
      c: count(contacted),
      cb: count(sql`${contacted} and ${booked}`),
    })
    .from(missedCalls)
    .leftJoin(locations, and(eq(locations.accountId, missedCalls.accountId), eq(locations.id, missedCalls.locationId)))
    .where(and(realCases(accountId), gte(missedCalls.missedAt, from), lt(missedCalls.missedAt, to)))
    .groupBy(sql`1, 2, 3, 4`);
  const history: PriorityHistoryRow[] = rows.map((r) => ({
    ...r,
    hour: Number(r.hour),
    a: Number(r.a),
    ac: Number(r.ac),
    c: Number(r.c),
    cb: Number(r.cb),
  }));
  const model = buildPriorityModel(history, (key) => verticalOf(account, key), { computedAt: now, from, to });
  await ctx.database.db
    .insert(recoveryModel)
    .values({ accountId, computedAt: now, model })
    .onConflictDoUpdate({ target: recoveryModel.accountId, set: { computedAt: now, model } });
  return model;
}

type Target = { ids: string[] } | 'open';

/** Scores cases (by id, or every open one) and stores score and factors. Returns how many. */
export async function rescore(
  ctx: AppContext,
  account: AccountContext,
  model: PriorityModel | null,
  target: Target,
  now: Date,
): Promise<number> {
  const accountId = account.account.id;
  if (target !== 'open' && target.ids.length === 0) return 0;
  const rows = await ctx.database.db
    .select({
      id: missedCalls.id,
      locationId: missedCalls.locationId,
      missedAt: missedCalls.missedAt,
      source: missedCalls.source,
      category: missedCalls.category,
      urgency: missedCalls.urgency,
      repeatCount: missedCalls.repeatCount,
    })
    .from(missedCalls)
    .where(and(realCases(accountId), target === 'open' ? openCases(now) : inArray(missedCalls.id, target.ids)));
  const modelAt = model ? new Date(model.computedAt) : null;
  for (let i = 0; i < rows.length; i += 500) {
    const scored = rows.slice(i, i + 500).map((r) => {
      const key = r.locationId ?? '';
      const { score, factors } = scorePriority(model, {
        locationKey: key,
        vertical: verticalOf(account, key),
        hour: DateTime.fromJSDate(r.missedAt, { zone: tzOf(account, key) }).hour,
        source: r.source,
        category: r.category,
        urgency: r.urgency,
        repeatCount: r.repeatCount,
      });
      return { id: r.id, score, factors };
    });
    await ctx.database.db.transaction(async (tx) => {
      const values = scored.map((s) => sql`(${s.id}, ${s.score}::float8)`);
      await tx.execute(
        sql`update ${missedCalls} set priority_score = v.score from (values ${sql.join(values, sql`, `)}) as v(id, score) where ${missedCalls.id} = v.id`,
      );
      await tx
        .insert(casePriority)
        .values(
          scored.map((s) => ({
            caseId: s.id,
            accountId,
            score: s.score,
            factors: s.factors,
            modelAt,
            computedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: casePriority.caseId,
          set: {
            score: sql`excluded.score`,
            factors: sql`excluded.factors`,
            modelAt: sql`excluded.model_at`,
            computedAt: sql`excluded.computed_at`,
          },
        });
    });
  }
  return rows.length;
}

/** Factors per case id, for the MissedCall view. */
export async function priorityFactorsFor(db: Pick<Db, 'select'>, ids: string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: casePriority.caseId, factors: casePriority.factors })
    .from(casePriority)
    .where(inArray(casePriority.caseId, ids));
  return new Map(rows.map((r) => [r.id, r.factors]));
}
