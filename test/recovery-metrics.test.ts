/**
 * Property: for random multi-location scenarios (zones, verticals, cases, repeats, spam, callbacks,
 * conversations, bookings and revenue, arriving in any order, with rollup refreshes at random points
 * and a location changing zone), the recovery API's figures equal a brute-force reference computed
 * from the raw cases — counts, rates and ranks exactly, p50/p90 within 1% — for random ranges whose
 * edges do not align with local days, every groupBy, both benchmarks and random filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { AccountSchema } from '../server/src/config/file-schema.ts';
import { applyAccount } from '../server/src/config/apply-config.ts';
import { missedCalls, locations as locationsTable } from '../server/src/store/schema.ts';
import { recoveryGroups, recoveryRefreshJob } from '../server/src/recovery/index.ts';
import { recordOutcome } from '../server/src/recovery/record-outcome.ts';
import { ENGINE_NAMES, type EngineName } from './helpers/server.ts';
import { addDays, localDay, startOfLocalDay } from '../shared/src/recovery-calendar.ts';
import { callEvent, ingest, startClockedRingback, TestClock, type ClockedRingback } from './recovery-helpers.ts';
import { expectSameGroups, referenceGroups, type ReferenceQuery } from './recovery-reference.ts';

const T0 = Date.parse('2026-10-01T00:00:00Z');
const H = 3_600_000;
const ZONES = ['America/New_York', 'America/Phoenix', 'Europe/London', 'Asia/Kolkata', 'UTC'];
const CALLERS = ['+16025550101', '+16025550102', '+16025550103', '+16025550104', '+16025550105', '+16025550106'];
const SOURCES = ['Google Ads', 'Yelp', null];
const GROUP_BYS = ['location', 'source', 'vertical', 'category', 'day', 'week', 'month'] as const;

const location = fc.record({ tz: fc.constantFrom(...ZONES), vertical: fc.constantFrom('hvac', 'plumbing', null) });

/** One thing that happens: a miss, a repeat of a miss, a callback, a conversation, a booking, revenue, a refresh. */
const step = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('miss' as const),
      loc: fc.nat(3),
      caller: fc.nat(CALLERS.length - 1),
      hours: fc.integer({ min: 0, max: 6 * 24 }),
      minute: fc.nat(59),
      result: fc.constantFrom('no_answer', 'voicemail', 'busy', 'abandoned', 'noise', 'spam'),
      source: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      of: fc.nat(),
      minutes: fc.integer({ min: 1, max: 40 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('attempt' as const),
      of: fc.nat(),
      minutes: fc.integer({ min: -30, max: 600 }),
      talk: fc.constantFrom(0, 10, 45, 300),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('inbound' as const),
      of: fc.nat(),
      minutes: fc.integer({ min: 1, max: 2000 }),
      talk: fc.constantFrom(10, 60),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('booking' as const),
      of: fc.nat(),
      hours: fc.integer({ min: 0, max: 200 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('revenue' as const),
      of: fc.nat(),
      hours: fc.integer({ min: 1, max: 800 }),
      cents: fc.integer({ min: 1, max: 500_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refresh' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('query' as const) }) },
);

/** A filter is set one time in five: most queries should see data. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const query = fc.record({
  fromHours: fc.integer({ min: -36, max: 5 * 24 }),
  fromMinutes: fc.nat(59),
  lengthHours: fc.integer({ min: 1, max: 9 * 24 }),
  groupBy: fc.constantFrom(...GROUP_BYS),
  benchmark: fc.constantFrom('account', 'vertical'),
  locationFilter: sometimes(fc.nat(4)),
  source: sometimes(fc.constantFrom('Google Ads', 'Yelp')),
  vertical: sometimes(fc.constantFrom('hvac', 'plumbing')),
  category: sometimes(fc.constantFrom('no_answer', 'voicemail', 'busy', 'abandoned')),
  aligned: fc.boolean(),
});

type Query = typeof query extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  accountTz: fc.constantFrom(...ZONES),
  locations: fc.array(location, { minLength: 1, maxLength: 4 }),
  steps: fc.array(step, { minLength: 10, maxLength: 60 }),
  queries: fc.array(query, { minLength: 2, maxLength: 4 }),
  moveZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
});

describe.each(ENGINE_NAMES)('recovery metrics against the brute-force reference on %s', (engine: EngineName) => {
  let rb: ClockedRingback;
  const clock = new TestClock(T0 + 40 * 24 * H);
  let accounts = 0;
  beforeAll(async () => {
    rb = await startClockedRingback(engine, 'accounts: []\n', clock, 'server');
  });
  afterAll(async () => {
    await rb?.close();
  });

  it('equal the reference for random scenarios, ranges, groupings and filters', async () => {
    const ctx = rb.running.ctx;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const accountId = `prop-${engine === 'postgres+redis' ? 'pg' : 'lite'}-${++accounts}`;
        const locs = s.locations.map((l, i) => ({
          id: `loc-${i}`,
          name: `Location ${i}`,
          timezone: l.tz,
          ...(l.vertical ? { vertical: l.vertical } : {}),
          trackingNumbers: [`+1480555${String(1000 + i)}`],
        }));
        await applyAccount(
          ctx.database,
          ctx.box,
          AccountSchema.parse({ id: accountId, name: accountId, timezone: s.accountTz, locations: locs }),
          'api',
        );
        ctx.accounts.invalidate(accountId);
        const account = () => ctx.accounts.get(accountId).then((a) => a!);
        const misses: Array<{ caller: string; at: number; tracking: string }> = [];
        const pick = (n: number) => misses[n % misses.length];

        const check = async (q: Query) => {
          const acct = await account();
          const zoneOfFilter =
            q.locationFilter !== undefined && q.locationFilter < locs.length
              ? locs[q.locationFilter]!.timezone
              : s.accountTz;
          let from = new Date(T0 + q.fromHours * H + q.fromMinutes * 60_000);
          let to = new Date(from.getTime() + q.lengthHours * H);
          if (q.aligned) {
            from = startOfLocalDay(localDay(from, zoneOfFilter), zoneOfFilter);
            to = startOfLocalDay(
              addDays(localDay(from, zoneOfFilter), Math.max(1, Math.round(q.lengthHours / 24))),
              zoneOfFilter,
            );
          }
          const locationId =
            q.locationFilter === undefined
              ? undefined
              : q.locationFilter < locs.length
                ? locs[q.locationFilter]!.id
                : null;
          const params: Record<string, unknown> = {
            from: from.toISOString(),
            to: to.toISOString(),
            groupBy: q.groupBy,
            benchmark: q.benchmark,
          };
          if (locationId !== undefined) params.locationId = locationId ?? 'null';
          if (q.source) params.source = q.source;
          if (q.vertical) params.vertical = q.vertical;
          if (q.category) params.category = q.category;
          const actual = (await recoveryGroups(ctx, accountId, params)).groups;
          const rows = await ctx.database.db.select().from(missedCalls).where(eq(missedCalls.accountId, accountId));
          const refLocations = [...acct.locations.values()].map((l) => ({
            id: l.info.id,
            timezone: l.info.timezone,
            vertical: l.info.vertical,
          }));
          const ref: ReferenceQuery = {
            from,
            to,
            groupBy: q.groupBy,
            benchmark: q.benchmark as 'account',
            ...(locationId !== undefined ? { locationId } : {}),
          };
          if (q.source) ref.source = q.source;
          if (q.vertical) ref.vertical = q.vertical;
          if (q.category) ref.category = q.category;
          expectSameGroups(actual, referenceGroups(rows, refLocations, s.accountTz, ref), expect);
        };

        const refresh = () =>
          recoveryRefreshJob(ctx)({
            id: 0,
            kind: 'recovery.refresh',
            key: 'test',
            accountId,
            payload: { accountId },
            attempt: 1,
            maxAttempts: 1,
          });
        for (const [i, st] of s.steps.entries()) {
          if (s.moveZone && i === Math.floor(s.steps.length / 2)) {
            await ctx.database.db
              .update(locationsTable)
              .set({ timezone: s.moveZone })
              .where(eq(locationsTable.accountId, accountId));
            ctx.accounts.invalidate(accountId);
          }
          if (st.kind === 'miss') {
            const at = T0 + st.hours * H + st.minute * 60_000;
            const tracking = st.loc < locs.length ? locs[st.loc]!.trackingNumbers[0]! : '+14805559999';
            const caller = CALLERS[st.caller]!;
            const result = st.result === 'noise' || st.result === 'spam' ? 'abandoned' : st.result;
            await ingest(
              rb.running,
              accountId,
              callEvent({
                startedAt: new Date(at),
                callerE164: caller,
                trackingE164: tracking,
                result,
                voicemail: result === 'voicemail',
                ringSeconds: st.result === 'noise' ? 2 : 20,
                providerSpam: st.result === 'spam',
                source: SOURCES[st.source]!,
              }),
            );
            misses.push({ caller, at, tracking });
          } else if (st.kind === 'query') {
            for (const q of s.queries) await check(q);
          } else if (st.kind === 'refresh') {
            await refresh();
          } else if (misses.length) {
            const m = pick(st.of)!;
            if (st.kind === 'repeat') {
              await ingest(
                rb.running,
                accountId,
                callEvent({
                  startedAt: new Date(m.at + st.minutes * 60_000),
                  callerE164: m.caller,
                  trackingE164: m.tracking,
                }),
              );
            } else if (st.kind === 'attempt' || st.kind === 'inbound') {
              await ingest(
                rb.running,
                accountId,
                callEvent({
                  direction: st.kind === 'attempt' ? 'outbound' : 'inbound',
                  startedAt: new Date(m.at + st.minutes * 60_000),
                  callerE164: m.caller,
                  trackingE164: m.tracking,
                  result: st.talk ? 'answered' : 'no_answer',
                  answered: st.talk > 0,
                  talkSeconds: st.talk,
                }),
              );
            } else {
              const acct = await account();
              const at = new Date(m.at + st.hours * H + 1000);
              await recordOutcome(ctx, acct, {
                callerE164: m.caller,
                missedCallId: null,
                type: st.kind,
                at,
                amount: st.kind === 'revenue' ? st.cents / 100 : null,
                answered: null,
                talkSeconds: null,
                externalId: null,
                source: 'api',
              });
            }
          }
        }
        for (const q of s.queries) await check(q);
        await refresh();
        for (const q of s.queries) await check(q);
      }),
      { numRuns: engine === 'postgres+redis' ? 5 : 15, seed: 20261101, endOnFailure: true },
    );
  });
});
