/**
 * The sandbox's live traffic: every 10 seconds a `sandbox.traffic` job runs one simulator tick against
 * this server's own HTTP port — real signed CallRail webhooks and outcomes through the public API, so
 * the console's figures move while you watch. Rate: `RINGBACK_SANDBOX_TRAFFIC` (env.ts).
 *
 * The simulator and its follow-up state live in this process; a tick still running when the next is
 * due makes the next one a no-op. Failures (the server going down) are counted and logged, never
 * retried: the next tick simply tries again.
 */
import type { AppContext } from '../app-context.ts';
import type { Env } from '../config/env.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import type { PeriodicTask } from '../jobs/periodic.ts';
import { apiTokens } from '../store/schema.ts';
import { sha256Hex } from '../lib/ids.ts';
import { DEMO_ACCOUNT_ID, DEMO_PEOPLE } from './demo-account.ts';
import { httpTarget } from './http-target.ts';
import { simLocationsFromAccount } from './sim-locations.ts';
import { TrafficSimulator } from './simulator.ts';
import { pruneDoneJobs } from './history-job.ts';

export const TRAFFIC_JOB = 'sandbox.traffic';
export const TRAFFIC_TICK_MS = 10_000;
const AUTO_RATE_PER_SECOND = 12 / 60;
const TOKEN_LABEL = 'sandbox traffic simulator';

/** `2/s`, `30/m`, `600/h` → calls per second; null for off or malformed. */
export function parseRate(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\/([smh])$/.exec(value.trim());
  if (!m) return null;
  const per = m[2] === 's' ? 1 : m[2] === 'm' ? 60 : 3600;
  const rate = Number(m[1]) / per;
  return rate > 0 ? rate : null;
}

/** Where this process's HTTP server can be reached from inside, or null (port 0: not knowable ahead). */
export function localServerUrl(env: Pick<Env, 'PORT' | 'HOST'>): string | null {
  if (env.PORT === 0) return null;
  const host = ['0.0.0.0', '::', ''].includes(env.HOST)
    ? '127.0.0.1'
    : env.HOST.includes(':')
      ? `[${env.HOST}]`
      : env.HOST;
  return `http://${host}:${env.PORT}`;
}

/** Calls per second the sandbox simulates, or null when traffic is off or has nowhere to go. */
export function sandboxTrafficRate(env: Pick<Env, 'PORT' | 'HOST' | 'RINGBACK_SANDBOX_TRAFFIC'>): number | null {
  if (env.RINGBACK_SANDBOX_TRAFFIC === 'off' || localServerUrl(env) === null) return null;
  return env.RINGBACK_SANDBOX_TRAFFIC === 'auto' ? AUTO_RATE_PER_SECOND : parseRate(env.RINGBACK_SANDBOX_TRAFFIC);
}

/**
 * The account token the sandbox simulator uses for outcomes and listings. Derived from the admin
 * token's hash, so every process of the installation uses the same one and restarts add no rows.
 */
export async function sandboxToken(ctx: AppContext, accountId: string): Promise<string> {
  const token = `rbk_sandbox_${sha256Hex(`${ctx.adminTokenHash}:sandbox-traffic:${accountId}`).slice(0, 40)}`;
  await ctx.database.db
    .insert(apiTokens)
    .values({ tokenHash: sha256Hex(token), accountId, label: TOKEN_LABEL })
    .onConflictDoNothing({ target: apiTokens.tokenHash });
  return token;
}

interface Running {
  sim: TrafficSimulator;
  busy: boolean;
  ticks: number;
  reportedFailures: number;
}

const running = new WeakMap<AppContext, Running>();

async function simulatorFor(ctx: AppContext, url: string, rate: number): Promise<Running | null> {
  const existing = running.get(ctx);
  if (existing) return existing;
  const account = await ctx.accounts.get(DEMO_ACCOUNT_ID);
  const key = (account?.secrets.get('callrail') as { signingKey?: string } | undefined)?.signingKey;
  if (!account || !key) return null;
  const locations = simLocationsFromAccount(account);
  if (locations.length === 0) return null;
  const target = httpTarget({
    url,
    accountId: DEMO_ACCOUNT_ID,
    signingKey: key,
    token: await sandboxToken(ctx, DEMO_ACCOUNT_ID),
  });
  const state: Running = {
    sim: new TrafficSimulator({
      target,
      locations,
      people: DEMO_PEOPLE,
      ratePerSecond: rate,
      companyName: account.account.name,
    }),
    busy: false,
    ticks: 0,
    reportedFailures: 0,
  };
  running.set(ctx, state);
  ctx.logger.info(
    { accountId: DEMO_ACCOUNT_ID, url, callsPerMinute: Math.round(rate * 600) / 10 },
    'sandbox traffic started',
  );
  return state;
}

export function sandboxTrafficJob(ctx: AppContext): JobHandler {
  return async () => {
    const rate = sandboxTrafficRate(ctx.config.env);
    const url = localServerUrl(ctx.config.env);
    if (!ctx.config.sandbox || rate === null || url === null) return;
    const state = await simulatorFor(ctx, url, rate);
    if (!state || state.busy) return;
    state.busy = true;
    try {
      await state.sim.tick(ctx.clock(), TRAFFIC_TICK_MS);
      // Six ticks a minute would otherwise pile up in the outbox forever.
      if (++state.ticks % 30 === 0) await pruneDoneJobs(ctx, TRAFFIC_JOB);
    } finally {
      state.busy = false;
    }
    const { failures, lastError } = state.sim.stats;
    if (failures > state.reportedFailures) {
      ctx.logger.warn({ accountId: DEMO_ACCOUNT_ID, failures, err: lastError }, 'sandbox traffic: some posts failed');
      state.reportedFailures = failures;
    }
  };
}

export const sandboxTrafficTask: PeriodicTask = {
  kind: TRAFFIC_JOB,
  everyMs: TRAFFIC_TICK_MS,
  accounts: async (ctx) => (ctx.config.sandbox && sandboxTrafficRate(ctx.config.env) !== null ? [DEMO_ACCOUNT_ID] : []),
};
