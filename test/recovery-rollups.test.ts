/**
 * The rollups the recovery read path relies on — dyadic spans for whole days, day digests for the
 * edges of a range — against the brute-force reference, over months of cases (so every span level
 * is read) in zones with half-hour offsets and daylight-saving changes: after a full rebuild, with
 * changes marked but not folded (read raw on their days), and after the refresh folded them (spans
 * recomputed over the changed days only, which must leave exactly what a full rebuild writes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { missedCalls } from '../server/src/store/schema.ts';
import { recoveryDaily, recoveryRollupState, recoverySpan } from '../server/src/store/schema-recovery.ts';
import { markCaseIdsDirty, recoveryGroups, recoveryRefreshJob } from '../server/src/recovery/index.ts';
import { ENGINE_NAMES, type EngineName } from './helpers/server.ts';
import { startClockedRingback, TestClock, type ClockedRingback } from './recovery-helpers.ts';
import { expectSameGroups, referenceGroups } from './recovery-reference.ts';

const ACCOUNT = 'rollups';
const LOCATIONS = [
  { id: 'east', timezone: 'America/New_York', vertical: 'hvac' },
  { id: 'india', timezone: 'Asia/Kolkata', vertical: 'plumbing' },
  { id: 'london', timezone: 'Europe/London', vertical: 'hvac' },
];
const ACCOUNT_TZ = 'America/Phoenix';
const CONFIG = `accounts:
  - id: ${ACCOUNT}
    name: Rollups
    timezone: ${ACCOUNT_TZ}
    locations:
${LOCATIONS.map((l, i) => `      - { id: ${l.id}, name: L${i}, timezone: ${l.timezone}, vertical: ${l.vertical}, trackingNumbers: ["+1480555${2000 + i}"] }`).join('\n')}
`;
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-05T00:00:00Z');
const SPAN_DAYS = 240;
const H = 3_600_000;

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

type CaseRow = typeof missedCalls.$inferInsert;

function caseRow(rnd: () => number, n: number): CaseRow {
  const missedAt = new Date(T0 + Math.floor(rnd() * SPAN_DAYS * DAY));
  const slaDueAt = new Date(missedAt.getTime() + 30 * 60_000);
  const pick = rnd();
  const locationId = pick < 0.1 ? null : LOCATIONS[Math.floor(rnd() * LOCATIONS.length)]!.id;
  const row: CaseRow = {
    id: `case-${n}`,
    accountId: ACCOUNT,
    provider: 'generic',
    providerCallId: `p-${n}`,
    locationId,
    callerE164: `+1602555${String(1000 + (n % 9000)).padStart(4, '0')}`,
    source: rnd() < 0.5 ? 'Google Ads' : null,
    category: rnd() < 0.5 ? 'no_answer' : 'voicemail',
    afterHours: false,
    intent: 'new_lead',
    urgency: 'normal',
    spam: rnd() < 0.05,
    lastCallAt: missedAt,
    missedAt,
    slaDueAt,
    slaRule: 'new_lead',
    lostAt: new Date(missedAt.getTime() + 7 * DAY),
  };
  return { ...row, ...funnel(rnd, missedAt, slaDueAt) };
}

/** Funnel facts (the reference reads within-SLA from slaDueAt, the rollups from the flag: kept equal). */
function funnel(rnd: () => number, missedAt: Date, slaDueAt: Date): Partial<CaseRow> {
  const at = (maxMs: number) => new Date(missedAt.getTime() + 1 + Math.floor(rnd() * maxMs));
  const firstAttemptAt = rnd() < 0.7 ? at(4 * H) : null;
  const contactedAt = firstAttemptAt && rnd() < 0.6 ? at(6 * H) : null;
  const bookedAt = contactedAt && rnd() < 0.5 ? at(2 * DAY) : null;
  const wonAt = bookedAt && rnd() < 0.5 ? at(5 * DAY) : null;
  return {
    firstAttemptAt,
    attemptedWithinSla: firstAttemptAt !== null && firstAttemptAt.getTime() <= slaDueAt.getTime(),
    contactedAt,
    bookedAt,
    wonAt,
    revenue: wonAt ? Math.round(rnd() * 200_000) / 100 : 0,
  };
}

describe.each(ENGINE_NAMES)('recovery rollups (spans and day digests) on %s', (engine: EngineName) => {
  let rb: ClockedRingback;
  const clock = new TestClock(T0 + (SPAN_DAYS + 10) * DAY);
  beforeAll(async () => {
    rb = await startClockedRingback(engine, CONFIG, clock, 'server');
  });
  afterAll(async () => {
    await rb?.close();
  });

  it('answer every range and grouping as the raw cases do, before and after folding changes', async () => {
    const ctx = rb.running.ctx;
    const db = ctx.database.db;
    const rnd = random(20261122);
    const rows = Array.from({ length: 500 }, (_, n) => caseRow(rnd, n));
    // A few repeat dials: never cases, in rollups or in the reference.
    for (const row of rows.slice(0, 8)) row.repeatOf = 'case-499';
    await db.insert(missedCalls).values(rows);
    const refresh = () =>
      recoveryRefreshJob(ctx)({
        id: 0,
        kind: 'recovery.refresh',
        key: 'test',
        accountId: ACCOUNT,
        payload: { accountId: ACCOUNT },
        attempt: 1,
        maxAttempts: 1,
      });

    const ranges = Array.from({ length: 10 }, (_, i) => {
      // Lengths from under an hour to ~5 months; edges at odd milliseconds.
      const length = i === 0 ? 40 * 60_000 + 7 : Math.floor(rnd() * 150 * DAY) + 1;
      const from = T0 - 2 * DAY + Math.floor(rnd() * (SPAN_DAYS * DAY - length + 4 * DAY));
      return { from: new Date(from), to: new Date(from + length) };
    });
    let compared = 0;
    const check = async (label: string) => {
      const account = (await ctx.accounts.get(ACCOUNT))!;
      const stored = await db.select().from(missedCalls).where(eq(missedCalls.accountId, ACCOUNT));
      const locations = [...account.locations.values()].map((l) => ({
        id: l.info.id,
        timezone: l.info.timezone,
        vertical: l.info.vertical,
      }));
      for (const { from, to } of ranges) {
        for (const groupBy of ['location', 'vertical', 'day', 'source'] as const) {
          const query = { from: from.toISOString(), to: to.toISOString(), groupBy };
          const actual = (await recoveryGroups(ctx, ACCOUNT, query)).groups;
          const expected = referenceGroups(stored, locations, ACCOUNT_TZ, { from, to, groupBy, benchmark: 'account' });
          if (expected.length) compared++;
          try {
            expectSameGroups(actual, expected, expect);
          } catch (err) {
            throw new Error(`${label}, ${JSON.stringify(query)}: ${(err as Error).message}`);
          }
        }
      }
    };

    await refresh();
    const built = await db.select().from(recoveryRollupState).where(eq(recoveryRollupState.accountId, ACCOUNT));
    expect(built.map((s) => s.format)).toEqual(built.map(() => 2));
    const levels = await db.selectDistinct({ level: recoverySpan.level }).from(recoverySpan);
    expect(levels.map((l) => l.level).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await check('after the rebuild');

    // Changes: funnel facts of existing cases (some on range edges' days), new cases, a case made spam.
    const changed = rows.filter(() => rnd() < 0.08).map((r) => r.id!);
    for (const id of changed) {
      const row = rows.find((r) => r.id === id)!;
      await db
        .update(missedCalls)
        .set(funnel(rnd, row.missedAt!, row.slaDueAt!))
        .where(eq(missedCalls.id, id));
    }
    await db.update(missedCalls).set({ spam: true }).where(eq(missedCalls.id, changed[0]!));
    const added = Array.from({ length: 30 }, (_, n) => caseRow(rnd, 1000 + n));
    await db.insert(missedCalls).values(added);
    const account = (await ctx.accounts.get(ACCOUNT))!;
    // A case made spam leaves its rollup day too: it is marked while it is still a case.
    await db.transaction((tx) => markCaseIdsDirty(tx, account, [...changed, ...added.map((r) => r.id!)]));
    await check('with changes marked, not folded');

    await refresh();
    await check('after folding the changes');
    expect(compared, 'comparisons with groups').toBeGreaterThan(90);

    // Folding recomputed only the changed days' spans; a full rebuild must find nothing to correct.
    const snapshot = async () => ({
      spans: await db
        .select()
        .from(recoverySpan)
        .where(eq(recoverySpan.accountId, ACCOUNT))
        .orderBy(asc(recoverySpan.level), asc(recoverySpan.startDay), asc(recoverySpan.locationKey)),
      digests: await db
        .select({ key: recoveryDaily.locationKey, day: recoveryDaily.day, cases: recoveryDaily.cases })
        .from(recoveryDaily)
        .where(eq(recoveryDaily.accountId, ACCOUNT))
        .orderBy(asc(recoveryDaily.day), asc(recoveryDaily.locationKey)),
    });
    const folded = await snapshot();
    await db
      .delete(recoveryRollupState)
      .where(inArray(recoveryRollupState.locationKey, ['', ...LOCATIONS.map((l) => l.id)]));
    await refresh();
    const rebuilt = await snapshot();
    expect(folded.digests).toEqual(rebuilt.digests);
    const rounded = (spans: typeof folded.spans) => spans.map((s) => ({ ...s, revenue: Math.round(s.revenue * 100) }));
    expect(rounded(folded.spans)).toEqual(rounded(rebuilt.spans));
  });
});
