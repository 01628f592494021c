/**
 * Each account's API budget in this process, kept in step with the `salesforce_api_budget` row so
 * every process honours a pause one of them learned of. Reads of the row are at most every few
 * seconds per account; writes happen when a pause starts or ends and otherwise at most every few
 * seconds, in order, off the request path.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { RetryAfterError } from '../../lib/errors.ts';
import { salesforceApiBudget } from '../../store/schema-salesforce.ts';
import { admit, EMPTY_BUDGET, observed, refused, succeeded, type BudgetState, type Purpose } from './budget.ts';

const RELOAD_MS = 3_000;
const PERSIST_EVERY_MS = 5_000;

interface Entry {
  state: BudgetState;
  loadedAt: number;
  persistedAt: number;
  writing: Promise<void>;
}

const registries = new WeakMap<AppContext, Map<string, Entry>>();

function entryOf(ctx: AppContext, accountId: string): Entry {
  let map = registries.get(ctx);
  if (!map) registries.set(ctx, (map = new Map()));
  let entry = map.get(accountId);
  if (!entry)
    map.set(accountId, (entry = { state: EMPTY_BUDGET, loadedAt: 0, persistedAt: 0, writing: Promise.resolve() }));
  return entry;
}

function fromRow(row: typeof salesforceApiBudget.$inferSelect): BudgetState {
  return {
    used: row.used,
    max: row.max,
    observedAt: row.observedAt,
    pausedUntil: row.pausedUntil,
    pauseReason: (row.pauseReason as BudgetState['pauseReason']) ?? null,
    pauseMs: row.pauseMs,
  };
}

export async function loadBudget(ctx: AppContext, accountId: string): Promise<BudgetState> {
  const rows = await ctx.database.db
    .select()
    .from(salesforceApiBudget)
    .where(eq(salesforceApiBudget.accountId, accountId));
  return rows[0] ? fromRow(rows[0]) : EMPTY_BUDGET;
}

/** This process's view, refreshed from the database when it is a few seconds old. */
export async function currentBudget(ctx: AppContext, accountId: string): Promise<BudgetState> {
  const entry = entryOf(ctx, accountId);
  if (Date.now() - entry.loadedAt >= RELOAD_MS) {
    const stored = await loadBudget(ctx, accountId);
    // Keep whichever knows more recent usage; a stored pause always applies.
    const newer = (stored.observedAt?.getTime() ?? 0) > (entry.state.observedAt?.getTime() ?? 0);
    const pause = (stored.pausedUntil?.getTime() ?? 0) > (entry.state.pausedUntil?.getTime() ?? 0);
    entry.state = {
      ...(newer ? stored : entry.state),
      ...(pause ? { pausedUntil: stored.pausedUntil, pauseReason: stored.pauseReason, pauseMs: stored.pauseMs } : {}),
    };
    entry.loadedAt = Date.now();
  }
  return entry.state;
}

/** Throws a RetryAfterError when the account's requests for `purpose` must wait. */
export async function assertBudget(ctx: AppContext, accountId: string, purpose: Purpose): Promise<void> {
  const decision = admit(await currentBudget(ctx, accountId), purpose, ctx.clock());
  if (!decision.ok) throw new RetryAfterError(decision.code, decision.message, decision.afterMs);
}

function persist(ctx: AppContext, accountId: string, entry: Entry, force: boolean): void {
  if (!force && Date.now() - entry.persistedAt < PERSIST_EVERY_MS) return;
  entry.persistedAt = Date.now();
  // What this process just decided is newer than the row until the write lands.
  if (force) entry.loadedAt = Date.now();
  const s = entry.state;
  const values = {
    used: s.used,
    max: s.max,
    observedAt: s.observedAt,
    pausedUntil: s.pausedUntil,
    pauseReason: s.pauseReason,
    pauseMs: s.pauseMs,
    updatedAt: ctx.clock(),
  };
  entry.writing = entry.writing
    .then(() =>
      ctx.database.db
        .insert(salesforceApiBudget)
        .values({ accountId, ...values })
        .onConflictDoUpdate({ target: salesforceApiBudget.accountId, set: values }),
    )
    .then(
      () => undefined,
      (err: Error) => ctx.logger.warn({ accountId, err: err.message }, 'could not store the Salesforce API budget'),
    );
}

/** Called for every response that carried `Sforce-Limit-Info`. */
export function recordUsage(ctx: AppContext, accountId: string, usage: { used: number; max: number }): void {
  const entry = entryOf(ctx, accountId);
  entry.state = observed(entry.state, usage, ctx.clock());
  persist(ctx, accountId, entry, false);
}

export function recordSuccess(ctx: AppContext, accountId: string): void {
  const entry = entryOf(ctx, accountId);
  const next = succeeded(entry.state);
  if (next === entry.state) return;
  entry.state = next;
  ctx.logger.info({ accountId }, 'Salesforce accepts requests again; pause lifted');
  persist(ctx, accountId, entry, true);
}

export function recordRefusal(ctx: AppContext, accountId: string): BudgetState {
  const entry = entryOf(ctx, accountId);
  entry.state = refused(entry.state, ctx.clock());
  ctx.logger.warn(
    { accountId, pauseReason: entry.state.pauseReason, pausedUntil: entry.state.pausedUntil?.toISOString() },
    'Salesforce refused for limits; pausing the account',
  );
  persist(ctx, accountId, entry, true);
  return entry.state;
}

/** Waits for pending budget writes (tests, shutdown). */
export async function flushBudget(ctx: AppContext, accountId: string): Promise<void> {
  await entryOf(ctx, accountId).writing;
}

/** This process's in-memory view, if it has talked to the org (the budget API prefers it: fresher). */
export function localBudget(ctx: AppContext, accountId: string): BudgetState | null {
  const entry = registries.get(ctx)?.get(accountId);
  return entry && entry.state.observedAt ? entry.state : null;
}
