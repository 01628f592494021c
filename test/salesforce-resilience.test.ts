/**
 * Salesforce when things go wrong (contract §6 "Never twice", "Limits"): an answer lost after the org
 * did the work, sessions expiring in the middle of a burst with refresh-token rotation, two processes
 * renewing at once, and a spent daily allocation that first puts an error on the case and then
 * resumes on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential } from '../server/src/accounts/account-store.ts';
import { salesforceConnection } from '../server/src/crm/salesforce/connection.ts';
import type { AppContext } from '../server/src/app-context.ts';
import { ENGINE_NAMES } from './helpers/server.ts';
import { waitFor } from './helpers/engines.ts';
import {
  getCase,
  leadsWithPhone,
  postMiss,
  startCuttingProxy,
  startWorld,
  tasksWithKeyFor,
  written,
  type World,
} from './salesforce-harness.ts';

const storedCreds = async (w: World) =>
  (await getCredential<{ salesforce: { accessToken: string; refreshToken: string } }>(
    w.rb.running.ctx.database.db,
    w.rb.running.ctx.box,
    'acme',
    'crm',
  ))!.salesforce;
const tokenRequests = (w: World) =>
  w.emu.requestLog.filter((e) => e.kind === 'oauth' && e.path.endsWith('/token')).length;

describe.each(ENGINE_NAMES)('Salesforce resilience on %s', (engine) => {
  let w: World;
  let proxy: Awaited<ReturnType<typeof startCuttingProxy>>;
  let cut = false;
  beforeAll(async () => {
    let target = '';
    w = await startWorld(engine, {
      rotateRefreshTokens: true,
      // The search index lags a minute: only the SOQL lookup can find a Lead made before a cut.
      emulator: { soslLagMs: 60_000 },
      instanceUrl: async (url) => {
        target = url;
        // Cuts the answer to the first case write: the org did the work, Ringback never hears back.
        proxy = await startCuttingProxy(
          () => target,
          (method, path, body) => {
            if (cut || method !== 'POST' || !path.endsWith('/composite') || !body.includes('"referenceId":"task"'))
              return false;
            cut = true;
            return true;
          },
        );
        return proxy.url;
      },
    });
  });
  afterAll(async () => {
    await w?.close();
    await proxy?.close();
  });

  it('leaves exactly one Lead, one call Task and one follow-up when an answer is lost and the write retried', async () => {
    const before = w.apiCalls();
    const c = await written(
      w,
      await postMiss(w, { id: 'CALsfr0001', caller: '+16025550201', name: 'Lost Answer' }),
      'crm.write',
      20_000,
    );
    expect(proxy.dropped).toBe(1);
    const leads = leadsWithPhone(w, '+16025550201');
    expect(leads).toHaveLength(1);
    const tasks = tasksWithKeyFor(w, c.id);
    expect(tasks).toHaveLength(2);
    expect(tasks.filter((t) => t['TaskSubtype'] === 'Call')).toHaveLength(1);
    expect(c.crm).toMatchObject({ contactId: leads[0]!['Id'], contactCreated: true, error: null });
    expect(tasks.map((t) => t['Id']).sort()).toEqual([c.crm.callId, c.crm.taskId].sort());
    // Two calls for the cut attempt, two for the retry (lookup by SOQL and key, then the write).
    expect(w.apiCalls() - before).toBe(4);
  });

  it('renews an expired session once in the middle of a burst and keeps the rotated refresh token', async () => {
    const tokensBefore = tokenRequests(w);
    w.emu.faults.expireAccessTokens();
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => postMiss(w, { id: `CALsfr010${n}`, caller: `+1602555031${n}`, name: `Burst ${n}` })),
    );
    const cases = await Promise.all(ids.map((id) => written(w, id)));
    expect(cases.every((c) => c.crm.error === null && c.crm.taskId)).toBe(true);
    expect(tokenRequests(w) - tokensBefore).toBe(1);
    const stored = await storedCreds(w);
    expect(stored.refreshToken).not.toBe(w.org.refreshToken);
    expect(w.emu.state.auth.refreshTokens.get(w.org.refreshToken)?.revoked).toBe(true);
    expect(w.emu.state.auth.refreshTokens.get(stored.refreshToken)?.revoked).toBe(false);
    expect(w.emu.state.auth.validAccess(stored.accessToken)).not.toBeNull();
  });

  it('puts the spent daily allocation on the case, shows the pause, and writes once Salesforce accepts again', async () => {
    w.emu.faults.spendDailyLimit(w.org.orgId);
    const id = await postMiss(w, { id: 'CALsfr0200', caller: '+16025550400', name: 'Over Limit' });
    const error = await waitFor(async () => (await getCase(w, id)).crm.error, 15_000, 'the limit error on the case');
    expect(error.code).toBe('crm_api_limit_exceeded');
    const paused = (await w.rb.api('/api/accounts/acme/crm/budget')).body;
    expect(paused).toMatchObject({ crm: 'salesforce', state: 'paused', pauseReason: 'allocation_spent', remaining: 0 });
    expect(tasksWithKeyFor(w, id)).toHaveLength(0);

    w.emu.state.org(w.org.orgId).apiUsage = 0;
    const c = await written(w, id, 'crm.write', 20_000);
    expect(c.crm).toMatchObject({ error: null, contactCreated: true });
    expect(tasksWithKeyFor(w, id)).toHaveLength(2);
    const budget = (await w.rb.api('/api/accounts/acme/crm/budget')).body;
    expect(budget).toMatchObject({ state: 'ok', max: 100_000, pausedUntil: null });
    expect(budget.used).toBeLessThan(10);
  });

  // Two processes share a lock only through Redis; the embedded pair is one process by definition.
  if (engine === 'postgres+redis')
    it('renews once between two processes whose sessions expire together (Redis lock, credentials re-read)', async () => {
      const ctx = w.rb.running.ctx;
      // Another process: its own connection cache and in-memory state, the same database and Redis.
      const other: AppContext = { ...ctx };
      const account = (await ctx.accounts.get('acme'))!;
      const [a, b] = await Promise.all([
        salesforceConnection(ctx, account, 'write'),
        salesforceConnection(other, account, 'write'),
      ]);
      expect(a).not.toBe(b);
      w.emu.faults.expireAccessTokens();
      const before = tokenRequests(w);
      const [ra, rb] = await Promise.all([a.query('SELECT Id FROM User'), b.query('SELECT Id FROM User')]);
      expect(ra.totalSize).toBe(3);
      expect(rb.totalSize).toBe(3);
      expect(tokenRequests(w) - before).toBe(1);
      expect(a.accessToken).toBe(b.accessToken);
      expect((await storedCreds(w)).accessToken).toBe(a.accessToken);
    });
});
