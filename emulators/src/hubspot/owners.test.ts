import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startTestEmulator, type TestHarness } from './testing.ts';

let h: TestHarness;
let ids: string[];
beforeAll(async () => {
  h = await startTestEmulator();
  ids = ['a', 'b', 'c'].map(
    (n) => h.emulator.state.addOwner(h.portalId, { email: `${n}@hvac.test`, firstName: n.toUpperCase() }).id,
  );
  h.emulator.state.addOwner(h.portalId, { email: 'gone@hvac.test', archived: true, userId: 777 });
});
afterAll(() => h.close());

describe('owners API', () => {
  it('lists active owners with paging', async () => {
    const page1 = await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(page1.results.map((o) => o.id)).toEqual(ids.slice(0, 2));
    expect(page1.results[0]).toMatchObject({ email: 'a@hvac.test', firstName: 'A', type: 'PERSON', archived: false });
    const page2 = await h.client.crm.owners.ownersApi.getPage(undefined, page1.paging?.next?.after, 2);
    expect(page2.results.map((o) => o.id)).toEqual([ids[2]]);
    expect(page2.paging).toBeUndefined();
  });

  it('filters by email and lists archived owners only when asked', async () => {
    const byEmail = await h.client.crm.owners.ownersApi.getPage('B@hvac.test');
    expect(byEmail.results.map((o) => o.id)).toEqual([ids[1]]);
    const archived = await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true);
    expect(archived.results.map((o) => o.email)).toEqual(['gone@hvac.test']);
  });

  it('reads one owner by id or userId, 404 otherwise', async () => {
    const one = await h.client.crm.owners.ownersApi.getById(Number(ids[0]));
    expect(one.email).toBe('a@hvac.test');
    const byUser = await h.client.crm.owners.ownersApi.getById(777, 'userId', true);
    expect(byUser.email).toBe('gone@hvac.test');
    expect((await apiError(h.client.crm.owners.ownersApi.getById(777, 'userId'))).code).toBe(404);
  });
});
