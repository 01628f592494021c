/**
 * Issue 6's rows, on PostgreSQL: one account with 1,000 locations (five zones, four verticals) and a
 * year of cases (≈5 million; 250,000 with --quick), seeded with `generate_series` into a fresh schema.
 *
 * 1. Recovery API p95 — `GET /api/accounts/:id/recovery?groupBy=location` over 30-day ranges whose
 *    edges cut local days (so every request also reads raw cases for the edges), through HTTP —
 *    against the same figures computed by one SQL aggregate over the raw cases (no rollups, no HTTP),
 *    whose counts are checked against Ringback's answer.
 * 2. Rollup maintenance on ingest — the ack transaction (`storeAndIngest`: raw event, case, outbox)
 *    with rollup maintenance on against the same with it off, interleaved; target ≤ 1.10 (p50).
 *
 * The year of rollups is seeded in SQL (the same aggregation the refresh job performs, sketches
 * included), because folding five million cases through the refresh job would take the whole budget.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { funnelRates, nearestRank, type CallEvent } from '@ringback/shared';
import { parseEnv } from '../../server/src/config/env.ts';
import { startRingback, type RunningRingback } from '../../server/src/start.ts';
import { storeAndIngest } from '../../server/src/cases/store-webhook.ts';
import { setRollupMaintenance } from '../../server/src/recovery/index.ts';
import { ROLLUP_FORMAT } from '../../server/src/recovery/rollup-store.ts';
import { rebuildSpans } from '../../server/src/recovery/span-store.ts';
import { tzOf } from '../../server/src/recovery/zones.ts';
import { percentileRanks } from '../../shared/src/recovery-metrics.ts';
import type { BenchResult, BenchRow } from '../row.ts';
import { defer } from '../lib/cleanup.ts';
import { benchName, dropSchema } from '../lib/deployment.ts';
import { round, summarise } from '../lib/stats.ts';

const ACCOUNT = 'bench-recovery';
const INGEST_ACCOUNT = 'bench-ingest';
const LOCATIONS = 1000;
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles'];
const VERTICALS = ['hvac', 'plumbing', 'electrical', 'roofing'];
const DAY_MS = 86_400_000;
const locationId = (i: number) => `loc-${String(i).padStart(4, '0')}`;

export function config(): string {
  const locations = Array.from(
    { length: LOCATIONS },
    (_, i) =>
      `      - { id: ${locationId(i)}, name: Location ${i}, timezone: ${ZONES[i % ZONES.length]}, vertical: ${VERTICALS[i % VERTICALS.length]} }`,
  );
  return `accounts:
  - id: ${ACCOUNT}
    name: Bench Recovery
    timezone: America/Chicago
    locations:
${locations.join('\n')}
  - id: ${INGEST_ACCOUNT}
    name: Bench Ingest
    timezone: America/Phoenix
    callTracking: { generic: { secret: "bench" } }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, vertical: hvac, trackingNumbers: ["+14805550100"] }
      - { id: tempe, name: Tempe, timezone: America/Phoenix, vertical: plumbing, trackingNumbers: ["+14805550101"] }
`;
}

/** A year of cases up to `end`: a quarter never attempted, callbacks from seconds to hours, and so on. */
export async function seedCases(rb: RunningRingback, count: number, end: Date): Promise<void> {
  const start = new Date(end.getTime() - 365 * DAY_MS);
  await rb.ctx.database.db.execute(sql`select setseed(0.42)`);
  await rb.ctx.database.db.execute(sql`
    insert into missed_calls (id, account_id, provider, provider_call_id, location_id, caller_e164, source, category,
      after_hours, intent, urgency, spam, last_call_at, status, missed_at, sla_due_at, sla_rule, lost_at,
      first_attempt_at, attempted_within_sla, contacted_at, booked_at, won_at, revenue)
    select 'mcb_' || g, ${ACCOUNT}, 'generic', 'b' || g, 'loc-' || lpad((g % ${LOCATIONS})::text, 4, '0'),
      '+1602' || lpad((g % 9000000)::text, 7, '0'),
      (array['Google Ads', 'Yelp', 'Facebook', 'Direct', 'Referral'])[1 + g % 5],
      (array['no_answer', 'voicemail', 'abandoned', 'busy'])[1 + (g / 5) % 4],
      false, 'new_lead', 'normal', g % 40 = 0, t,
      case when wa is not null then 'won' when ba is not null then 'booked' when ca is not null then 'contacted'
           when fa is not null then 'attempted' else 'open' end,
      t, t + interval '30 minutes', 'new_lead', t + interval '7 days',
      fa, fa is not null and fa <= t + interval '30 minutes', ca, ba, wa,
      case when wa is not null then round((100 + r5 * 1900)::numeric, 2)::float8 else 0 end
    from (
      select g, t, fa, ca, ba, r5, case when ba is not null and r6 < 0.5 then ba + interval '1 day' end as wa
      from (
        select g, t, fa, ca, r5, r6, case when ca is not null and r4 < 0.4 then ca + r5 * interval '3 days' end as ba
        from (
          select g, t, fa, r4, r5, r6, case when fa is not null and r3 < 0.6 then fa end as ca
          from (
            select g, t, r3, r4, r5, r6,
              case when r1 < 0.75 then t + (1 + r2 * r2 * 14400) * interval '1 second' end as fa
            from (
              select g, ${start.toISOString()}::timestamptz + ((g - 1)::float8 / ${count} * 365 * 86400 + random() * 600) * interval '1 second' as t,
                random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
              from generate_series(1, ${count}) g
            ) a
          ) b
        ) c
      ) d
    ) e`);
}

/**
 * Daily rollups (packed sketches, day digests) aggregated in SQL as the refresh job stores them,
 * the spans above them and the state rows.
 */
export async function seedRollups(rb: RunningRingback): Promise<void> {
  const alpha = 0.01 * (1 - 1e-6);
  const logGamma = Math.log((1 + alpha) / (1 - alpha));
  await rb.ctx.database.db.transaction(async (db) => {
    // The planner has no statistics on CTE results and may nest-loop two 300k-row sets; hash them.
    await db.execute(sql`set local enable_nestloop = off`);
    await db.execute(sql`set local work_mem = '256MB'`);
    await db.execute(sql`
    insert into recovery_daily (account_id, location_key, day, missed, attempted, attempted_within_sla,
      attempted_and_contacted, contacted, contacted_and_booked, booked, booked_and_won, won, revenue, callbacks, callback_buckets, cases)
    with c0 as (
      select m.*, coalesce(m.location_id, '') lk, coalesce(l.timezone, 'America/Chicago') tz,
        (m.missed_at at time zone coalesce(l.timezone, 'America/Chicago'))::date d
      from missed_calls m left join locations l on l.account_id = m.account_id and l.id = m.location_id
      where m.account_id = ${ACCOUNT} and not m.spam and m.repeat_of is null),
    c as (
      select lk, d, tz, missed_at,
        first_attempt_at is not null a, attempted_within_sla w, contacted_at is not null ct,
        booked_at is not null b, won_at is not null wn, revenue rev,
        case when first_attempt_at is not null then greatest(0, extract(epoch from first_attempt_at - missed_at)::float8) end cb,
        -- The day digest entry (server/src/recovery/day-digest.ts).
        concat_ws(',',
          floor(extract(epoch from missed_at) * 1000)::bigint - (extract(epoch from (d::timestamp at time zone tz)) * 1000)::bigint,
          (case when first_attempt_at is not null then 1 else 0 end) + (case when first_attempt_at is not null and attempted_within_sla then 2 else 0 end)
            + (case when contacted_at is not null then 4 else 0 end) + (case when booked_at is not null then 8 else 0 end)
            + (case when won_at is not null then 16 else 0 end),
          case when first_attempt_at is not null then extract(epoch from first_attempt_at - missed_at)::float8 end,
          case when revenue <> 0 then revenue end) entry
      from c0),
    agg as (
      select lk, d, tz, count(*)::int missed, count(*) filter (where a)::int attempted, count(*) filter (where a and w)::int wsla,
        count(*) filter (where a and ct)::int ac, count(*) filter (where ct)::int contacted, count(*) filter (where ct and b)::int cb_,
        count(*) filter (where b)::int booked, count(*) filter (where b and wn)::int bw, count(*) filter (where wn)::int won,
        coalesce(sum(rev), 0)::float8 revenue, count(*) filter (where cb = 0)::int zero,
        jsonb_build_array(count(*) filter (where cb < 300), count(*) filter (where cb >= 300 and cb < 900),
          count(*) filter (where cb >= 900 and cb < 3600), count(*) filter (where cb >= 3600 and cb < 14400),
          count(*) filter (where cb >= 14400)) buckets,
        string_agg(entry, ';' order by missed_at) cases
      from c group by lk, d, tz),
    k as (select lk, d, ceil(ln(cb) / ${logGamma}::float8)::int k, count(*)::int n from c where cb > 0 group by 1, 2, 3),
    sk as (select lk, d, string_agg(k || ',' || n, ',' order by k) packed from k group by lk, d)
    select ${ACCOUNT}, agg.lk, agg.d, missed, attempted, wsla, ac, contacted, cb_, booked, bw, won, revenue,
      case when attempted = 0 then null when sk.packed is null then zero::text else zero || ',' || sk.packed end,
      buckets, cases
    from agg left join sk on sk.lk = agg.lk and sk.d = agg.d
    -- Day and zone order, as the refresh job writes them (today's rows are the newest).
    order by agg.d, agg.tz, agg.lk`);
    // Spans from the daily rows, by the refresh job's own code.
    const keys = ['', ...Array.from({ length: LOCATIONS }, (_, i) => locationId(i))];
    const account = (await rb.ctx.accounts.get(ACCOUNT))!;
    await rebuildSpans(db, ACCOUNT, (key) => tzOf(account, key), keys);
    await db.execute(sql`
    insert into recovery_rollup_state (account_id, location_key, timezone, built_at, format)
    select account_id, id, timezone, now(), ${ROLLUP_FORMAT}::int from locations where account_id = ${ACCOUNT}
    union all select ${ACCOUNT}, '', 'America/Chicago', now(), ${ROLLUP_FORMAT}::int`);
  });
  await rb.ctx.database.db.execute(sql`analyze`);
}

/** The baseline: the same groups straight from the raw cases, in one SQL aggregate. */
export async function rawGroups(rb: RunningRingback, from: Date, to: Date) {
  const result = await rb.ctx.database.db.execute(sql`
    select coalesce(location_id, '') lk, count(*)::int missed,
      count(*) filter (where first_attempt_at is not null)::int attempted,
      count(*) filter (where first_attempt_at is not null and attempted_within_sla)::int wsla,
      count(*) filter (where first_attempt_at is not null and contacted_at is not null)::int ac,
      count(*) filter (where contacted_at is not null)::int contacted,
      count(*) filter (where contacted_at is not null and booked_at is not null)::int cb,
      count(*) filter (where booked_at is not null)::int booked,
      count(*) filter (where booked_at is not null and won_at is not null)::int bw,
      count(*) filter (where won_at is not null)::int won, coalesce(sum(revenue), 0)::float8 revenue,
      percentile_disc(0.5) within group (order by extract(epoch from first_attempt_at - missed_at)) filter (where first_attempt_at is not null) p50,
      percentile_disc(0.9) within group (order by extract(epoch from first_attempt_at - missed_at)) filter (where first_attempt_at is not null) p90
    from missed_calls
    where account_id = ${ACCOUNT} and not spam and repeat_of is null and missed_at >= ${from.toISOString()}::timestamptz and missed_at < ${to.toISOString()}::timestamptz
    group by 1 order by 1`);
  const rows = (result as unknown as { rows: Array<Record<string, number | string>> }).rows;
  const members = rows.map((r) => ({
    key: String(r.lk),
    peerGroup: 'account',
    counts: r,
    rates: funnelRates({
      missed: Number(r.missed),
      attempted: Number(r.attempted),
      attemptedWithinSla: Number(r.wsla),
      attemptedAndContacted: Number(r.ac),
      contacted: Number(r.contacted),
      contactedAndBooked: Number(r.cb),
      booked: Number(r.booked),
      bookedAndWon: Number(r.bw),
    }),
  }));
  const ranks = percentileRanks(members.filter((m) => m.key !== ''));
  return members.map((m) => ({
    key: m.key || null,
    missed: Number(m.counts.missed),
    ...m.rates,
    benchmark: ranks.get(m.key) ?? null,
  }));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

let seq = 0;
function missEvent(at: Date): CallEvent {
  const n = ++seq;
  return {
    provider: 'generic',
    kind: 'post_call',
    providerCallId: `ingest-${n}`,
    direction: 'inbound',
    callerE164: `+1602${String(2_000_000 + (n % 7_000_000)).padStart(7, '0')}`,
    callerRaw: null,
    callerName: null,
    trackingE164: n % 2 ? '+14805550100' : '+14805550101',
    startedAt: at,
    durationSeconds: 25,
    talkSeconds: 0,
    ringSeconds: 25,
    answered: false,
    result: 'no_answer',
    terminal: true,
    voicemail: false,
    providerSpam: false,
    source: 'Google Ads',
    campaign: null,
    recordingUrl: null,
    transcriptUrl: null,
    transcript: null,
    tags: [],
    value: null,
    firstCall: null,
  };
}

/** One ack transaction, as the webhook route runs it after verification and parsing. */
async function ingestOne(rb: RunningRingback): Promise<number> {
  const account = (await rb.ctx.accounts.get(INGEST_ACCOUNT))!;
  const event = missEvent(new Date(Date.now() - 60_000));
  const body = Buffer.from(JSON.stringify({ callId: event.providerCallId }));
  const hook = {
    provider: 'generic' as const,
    kind: 'post_call' as const,
    providerCallId: event.providerCallId,
    event,
    note: null,
    body,
    contentType: 'application/json',
    headers: {},
    query: {},
  };
  return (await timed(() => storeAndIngest(rb.ctx, account, hook))).ms;
}

const row: BenchRow = {
  id: 'recovery',
  async run(options) {
    const cases = options.quick ? 250_000 : 5_000_000;
    const samples = options.quick ? 15 : 40;
    const ingestPairs = options.quick ? 300 : 800;
    const schema = benchName('benchrec');
    const dir = mkdtempSync(join(tmpdir(), 'ringback-bench-recovery-'));
    writeFileSync(join(dir, 'ringback.yaml'), config());
    const removeDir = defer(`data dir ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
    const dropStorage = defer(`schema ${schema}`, () => dropSchema(options.databaseUrl, schema));
    const adminToken = `bench-${randomBytes(8).toString('hex')}`;
    const env = parseEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      RINGBACK_DB_SCHEMA: schema,
      RINGBACK_DATA_DIR: dir,
      RINGBACK_CONFIG: join(dir, 'ringback.yaml'),
      RINGBACK_ADMIN_TOKEN: adminToken,
      RINGBACK_SANDBOX: 'off',
      LOG_LEVEL: 'warn',
    });
    // The HTTP role: no worker, so nothing refreshes or escalates while the figures are taken.
    const rb = await startRingback({ env, role: 'server' });
    const stop = defer('recovery bench server', () => rb.close());
    try {
      const now = new Date();
      let t = Date.now();
      await seedCases(rb, cases, now);
      options.log(`recovery: seeded ${cases} cases in ${((Date.now() - t) / 1000).toFixed(0)} s`);
      t = Date.now();
      await seedRollups(rb).catch((err: Error & { cause?: Error }) => {
        throw new Error(`rollup seeding failed: ${err.cause?.message ?? err.message.split('\n')[0]}`);
      });
      options.log(`recovery: rolled up in ${((Date.now() - t) / 1000).toFixed(0)} s`);

      // 30-day ranges ending at odd minutes of recent days: every request has partial edge days.
      const ranges = Array.from({ length: samples + 3 }, (_, i) => {
        const to = new Date(now.getTime() - (i % 10) * DAY_MS - ((i * 37) % 1440) * 60_000);
        return { from: new Date(to.getTime() - 30 * DAY_MS), to };
      });
      const api = async (r: { from: Date; to: Date }) => {
        const res = await fetch(
          `${rb.url}/api/accounts/${ACCOUNT}/recovery?groupBy=location&from=${r.from.toISOString()}&to=${r.to.toISOString()}`,
          {
            headers: { authorization: `Bearer ${adminToken}` },
          },
        );
        if (res.status !== 200) throw new Error(`recovery API answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as {
          groups: Array<{
            key: string | null;
            missed: number;
            recoveryRate: number | null;
            benchmark: Record<string, number | null>;
          }>;
        };
      };
      const apiMs: number[] = [];
      const rawMs: number[] = [];
      let disagreements = 0;
      for (const [i, r] of ranges.entries()) {
        const a = await timed(() => api(r));
        const b = await timed(() => rawGroups(rb, r.from, r.to));
        if (i >= 3) {
          apiMs.push(a.ms);
          rawMs.push(b.ms);
        }
        const want = new Map(b.value.map((g) => [g.key, g]));
        for (const g of a.value.groups) {
          const w = want.get(g.key);
          if (
            !w ||
            w.missed !== g.missed ||
            w.recoveryRate !== g.recoveryRate ||
            (w.benchmark?.recoveryRate ?? null) !== (g.benchmark?.recoveryRate ?? null)
          )
            disagreements++;
        }
        if (a.value.groups.length !== b.value.length) disagreements++;
      }
      const apiP95 = summarise(apiMs);
      const rawP95 = summarise(rawMs);
      const p95 = (v: number[]) => nearestRank(v, 95)!;

      // Ingest with and without rollup maintenance, interleaved ABBA (on, off, off, on, …) so that
      // load from elsewhere on the machine and any drift hit both alike.
      for (let i = 0; i < 20; i++) await ingestOne(rb); // warm-up
      const on: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < ingestPairs * 2; i++) {
        const enabled = i % 4 === 0 || i % 4 === 3;
        setRollupMaintenance(enabled);
        (enabled ? on : off).push(await ingestOne(rb));
      }
      setRollupMaintenance(true);
      const onSummary = summarise(on);
      const offSummary = summarise(off);

      const detail = { cases, locations: LOCATIONS, samples: apiMs.length, range: '30 days, unaligned edges' };
      const results: BenchResult[] = [
        {
          name: `recovery API p95, groupBy=location, ${LOCATIONS} locations, ${cases.toLocaleString('en-US')} cases (PostgreSQL)`,
          unit: 'ms',
          better: 'lower',
          ringback: round(p95(apiMs)),
          baselineName: 'one SQL aggregate over raw cases (no rollups, no HTTP)',
          baseline: round(p95(rawMs)),
          detail: { ...detail, ringbackMs: apiP95, baselineMs: rawP95, disagreements },
        },
        {
          name: 'ingest ack transaction p50 with rollup maintenance (PostgreSQL)',
          unit: 'ms',
          better: 'lower',
          ringback: round(onSummary.p50),
          baselineName: 'the same transaction without rollup maintenance',
          baseline: round(offSummary.p50),
          detail: {
            target: {
              description: 'rollup maintenance costs ingest at most 10% (ratio ≤ 1.10)',
              met: onSummary.p50 <= 1.1 * offSummary.p50,
            },
            samples: on.length + off.length,
            withMs: onSummary,
            withoutMs: offSummary,
          },
        },
      ];
      return results;
    } finally {
      setRollupMaintenance(true);
      await stop();
      await dropStorage();
      await removeDir();
    }
  },
};

export default row;
