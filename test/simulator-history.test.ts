/**
 * The sandbox's generated history on a real server: it lands in the background after start, its
 * rows are exactly what ingest's own funnel derivation says they should be, and a restart — even one
 * that lost the progress marker — never doubles it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { parseEnv } from '../server/src/config/env.ts';
import { startRingback, type RunningRingback } from '../server/src/start.ts';
import { auditLog, callEvents, missedCalls, outcomes, settings } from '../server/src/store/schema.ts';
import { syncCallerFunnel } from '../server/src/cases/funnel-sync.ts';
import { markerKey } from '../server/src/sandbox/history-job.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName, waitFor } from './helpers/engines.ts';

const DAYS = 21;
const schema = uniqueName('rbt');
const prefix = uniqueName('rbt');
const dir = mkdtempSync(join(tmpdir(), 'rbt-history-'));
let running: RunningRingback | null = null;

afterAll(async () => {
  await running?.close();
  await dropSchema(schema);
  await deleteRedisPrefix(prefix);
  rmSync(dir, { recursive: true, force: true });
});

function start(): Promise<RunningRingback> {
  const env = parseEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    RINGBACK_DATA_DIR: dir,
    RINGBACK_ADMIN_TOKEN: 'history-admin',
    LOG_LEVEL: process.env.RBT_LOG ?? 'silent',
    RINGBACK_SWEEP_SECONDS: '0.2',
    DATABASE_URL: PG_URL,
    RINGBACK_DB_SCHEMA: schema,
    REDIS_URL,
    RINGBACK_REDIS_PREFIX: prefix,
    RINGBACK_SANDBOX: 'on',
    RINGBACK_SANDBOX_HISTORY_DAYS: String(DAYS),
    RINGBACK_SANDBOX_TRAFFIC: 'off',
  });
  return startRingback({ env });
}

async function marker(r: RunningRingback): Promise<{ start: string; end: string } | null> {
  const row = (
    await r.ctx.database.db
      .select()
      .from(settings)
      .where(eq(settings.key, markerKey('demo')))
  )[0];
  return (row?.value as { start: string; end: string } | undefined) ?? null;
}

async function counts(r: RunningRingback) {
  const db = r.ctx.database.db;
  const one = async (table: typeof missedCalls | typeof callEvents | typeof outcomes | typeof auditLog) =>
    Number(
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(table)
          .where(eq(table.accountId, 'demo'))
      )[0]!.n,
    );
  return {
    cases: await one(missedCalls),
    calls: await one(callEvents),
    outcomes: await one(outcomes),
    audit: await one(auditLog),
  };
}

const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('sandbox history', () => {
  it('is written in the background, every case as ingest would have left it, and a restart never doubles it', async () => {
    running = await start();
    // The server answers at once; the history arrives behind it.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const done = await waitFor(
      async () => {
        const m = await marker(running!);
        return m && m.start <= daysBefore(DAYS) && m.end === today() ? m : null;
      },
      45_000,
      'three weeks of history',
    );
    expect(done).toEqual({ start: daysBefore(DAYS), end: today() });
    const before = await counts(running);
    expect(before.cases).toBeGreaterThan(DAYS * 12); // a dozen locations, a few misses a day each
    expect(before.calls).toBeGreaterThan(before.cases / 2);
    expect(before.outcomes).toBeGreaterThan(0);

    // Every real case's funnel is exactly what syncCallerFunnel derives from its caller's events.
    const account = (await running.ctx.accounts.get('demo'))!;
    const db = running.ctx.database.db;
    const callers = await db
      .selectDistinct({ caller: missedCalls.callerE164 })
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, 'demo'), eq(missedCalls.spam, false), isNull(missedCalls.repeatOf)));
    expect(callers.length).toBeGreaterThan(100);
    const snapshot = async () =>
      JSON.stringify(
        await db
          .select({
            id: missedCalls.id,
            status: missedCalls.status,
            a: missedCalls.firstAttemptAt,
            s: missedCalls.attemptedWithinSla,
            c: missedCalls.contactedAt,
            b: missedCalls.bookedAt,
            w: missedCalls.wonAt,
            r: missedCalls.revenue,
          })
          .from(missedCalls)
          .where(eq(missedCalls.accountId, 'demo'))
          .orderBy(missedCalls.id),
      );
    const funnelsBefore = await snapshot();
    let changes = 0;
    await db
      .transaction(async (tx) => {
        // Every fifth caller (a few hundred): enough to catch any drift, quick enough to run always.
        for (const { caller } of callers.filter((_, i) => i % 5 === 0))
          changes += (await syncCallerFunnel(tx, account, caller!)).length;
        expect(await snapshot()).toBe(funnelsBefore);
        throw new Error('rollback');
      })
      .catch((err: Error) => {
        if (err.message !== 'rollback') throw err;
      });
    expect(changes).toBe(0);

    // Every case has its story in the audit log (created, then each status it reached).
    const story = await db.select().from(auditLog).where(eq(auditLog.accountId, 'demo')).limit(5000);
    const won = (
      await db
        .select()
        .from(missedCalls)
        .where(and(eq(missedCalls.accountId, 'demo'), eq(missedCalls.status, 'won')))
        .limit(1)
    )[0]!;
    expect(story.filter((a) => a.missedCallId === won.id).map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.created', 'case.booked', 'case.won']),
    );

    // The recovery API sees it.
    const recovery = await (
      await fetch(`${running.url}/api/accounts/demo/recovery?groupBy=location`, {
        headers: { authorization: 'Bearer history-admin' },
      })
    ).json();
    expect(recovery.groups?.length, JSON.stringify(recovery).slice(0, 300)).toBe(12);

    // A restart that lost its progress marker regenerates every week, and finds every row already there.
    await db.delete(settings).where(eq(settings.key, markerKey('demo')));
    await running.close();
    running = await start();
    await waitFor(
      async () => {
        const m = await marker(running!);
        return m && m.start <= daysBefore(DAYS) && m.end === today();
      },
      45_000,
      'history regenerated',
    );
    expect(await counts(running)).toEqual(before);
  });
});
