import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { apiError, manualClock, startTestEmulator, type TestHarness } from './testing.ts';

const clock = manualClock();
let h: TestHarness;
beforeAll(async () => {
  // Generous limits: this file is about search semantics, not rate limits.
  h = await startTestEmulator({ clock, rateLimit: { searchPerSecond: 1000, perTenSeconds: 10_000 } });
  const seed = (properties: Record<string, string>) =>
    h.emulator.state.createObject(h.portalId, 'contacts', properties);
  seed({
    firstname: 'Alice',
    lastname: 'Adams',
    email: 'alice@acme.test',
    phone: '+1 (480) 555-0100',
    lifecyclestage: 'lead',
  });
  seed({
    firstname: 'Bob',
    lastname: 'Baker',
    email: 'bob@acme.test',
    mobilephone: '480.555.0101',
    lifecyclestage: 'customer',
  });
  seed({ firstname: 'Carol', lastname: 'Clark', email: 'carol@other.test', phone: '+44 20 7946 0958' });
  seed({ firstname: 'Dan', lastname: 'Diaz', email: 'dan@acme.test', phone: '14805550199', lifecyclestage: 'lead' });
});
afterAll(() => h.close());

const search = (req: Partial<PublicObjectSearchRequest>) =>
  h.client.crm.contacts.searchApi.doSearch({
    filterGroups: [],
    sorts: [],
    properties: ['firstname', 'phone', 'mobilephone'],
    limit: 100,
    after: '0',
    ...req,
  } as PublicObjectSearchRequest);
const names = (res: { results: Array<{ properties: Record<string, string | null> }> }) =>
  res.results.map((r) => r.properties.firstname);

describe('CRM search', () => {
  it('ANDs filters in a group and ORs groups', async () => {
    const res = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lifecyclestage', operator: 'EQ' as never, value: 'lead' },
            { propertyName: 'email', operator: 'CONTAINS_TOKEN' as never, value: '*@acme.test' },
          ],
        },
        { filters: [{ propertyName: 'firstname', operator: 'EQ' as never, value: 'carol' }] },
      ],
    });
    expect(names(res).sort()).toEqual(['Alice', 'Carol', 'Dan']);
    expect(res.total).toBe(3);
  });

  it('supports IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, NEQ and BETWEEN', async () => {
    const f = (filter: Record<string, unknown>) =>
      search({ filterGroups: [{ filters: [filter as never] }] }).then(names);
    expect((await f({ propertyName: 'firstname', operator: 'IN', values: ['alice', 'bob'] })).sort()).toEqual([
      'Alice',
      'Bob',
    ]);
    expect((await f({ propertyName: 'lifecyclestage', operator: 'NOT_IN', values: ['lead'] })).sort()).toEqual([
      'Bob',
      'Carol',
    ]);
    expect(await f({ propertyName: 'mobilephone', operator: 'HAS_PROPERTY' })).toEqual(['Bob']);
    expect((await f({ propertyName: 'lifecyclestage', operator: 'NOT_HAS_PROPERTY' })).sort()).toEqual(['Carol']);
    expect((await f({ propertyName: 'firstname', operator: 'NEQ', value: 'Alice' })).sort()).toEqual([
      'Bob',
      'Carol',
      'Dan',
    ]);
    const all = await search({});
    const ids = all.results.map((r) => Number(r.id)).sort((a, b) => a - b);
    expect(
      await f({ propertyName: 'hs_object_id', operator: 'BETWEEN', value: String(ids[1]), highValue: String(ids[2]) }),
    ).toEqual(['Bob', 'Carol']);
  });

  it('matches phone numbers by national digits, ignoring formatting and country code', async () => {
    const byPhone = (value: string) =>
      search({ filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ' as never, value }] }] }).then(names);
    expect(await byPhone('4805550100')).toEqual(['Alice']);
    expect(await byPhone('+14805550100')).toEqual(['Alice']);
    expect(await byPhone('(480) 555-0100')).toEqual(['Alice']);
    expect(await byPhone('+1 480 555 0199')).toEqual(['Dan']);
    expect(await byPhone('020 7946 0958')).toEqual(['Carol']);
    expect(await byPhone('+442079460958')).toEqual(['Carol']);
    expect(await byPhone('4805550101')).toEqual([]);
    const mobile = await search({
      filterGroups: [{ filters: [{ propertyName: 'mobilephone', operator: 'EQ' as never, value: '+1-480-555-0101' }] }],
    });
    expect(names(mobile)).toEqual(['Bob']);
    const calculated = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_searchable_calculated_phone_number', operator: 'EQ' as never, value: '4805550100' },
          ],
        },
      ],
    });
    expect(names(calculated)).toEqual(['Alice']);
  });

  it('sorts, pages with after, and selects properties', async () => {
    const page1 = await search({ sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }] as never, limit: 2 });
    expect(names(page1)).toEqual(['Dan', 'Carol']);
    expect(page1.paging?.next?.after).toBe('2');
    const page2 = await search({
      sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }] as never,
      limit: 2,
      after: '2',
    });
    expect(names(page2)).toEqual(['Bob', 'Alice']);
    expect(page2.paging).toBeUndefined();
    expect(Object.keys(page2.results[0]!.properties).sort()).toEqual([
      'createdate',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'mobilephone',
      'phone',
    ]);
    const defaults = await h.client.crm.contacts.searchApi.doSearch({ limit: 1 } as PublicObjectSearchRequest);
    expect(Object.keys(defaults.results[0]!.properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
  });

  it('enforces HubSpot caps: 5 groups, 6 filters per group, 18 filters, limit 200, one sort', async () => {
    const filter = { propertyName: 'firstname', operator: 'HAS_PROPERTY' as never };
    const groups = (n: number, per: number) =>
      Array.from({ length: n }, () => ({ filters: Array.from({ length: per }, () => filter) }));
    expect((await apiError(search({ filterGroups: groups(6, 1) }))).code).toBe(400);
    expect((await apiError(search({ filterGroups: groups(1, 7) }))).code).toBe(400);
    expect((await apiError(search({ filterGroups: groups(4, 5) }))).code).toBe(400);
    await expect(search({ filterGroups: groups(3, 6) })).resolves.toMatchObject({ total: 4 });
    expect((await apiError(search({ limit: 201 }))).code).toBe(400);
    expect((await apiError(search({ after: '9950', limit: 100 }))).code).toBe(400);
    const twoSorts = await apiError(
      search({ sorts: [{ propertyName: 'firstname' }, { propertyName: 'lastname' }] as never }),
    );
    expect(twoSorts.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(
      (
        await apiError(
          search({ filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ' as never, value: 'x' }] }] }),
        )
      ).code,
    ).toBe(400);
  });

  it('is eventually consistent when searchLagMs is set: new and updated records appear after the lag', async () => {
    h.emulator.faults.searchLag(5_000);
    try {
      const c = await h.client.crm.contacts.basicApi.create({
        properties: { firstname: 'Eve', phone: '602-555-0142' },
        associations: [],
      });
      const byPhone = () =>
        search({
          filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ' as never, value: '+16025550142' }] }],
        }).then(names);
      expect(await byPhone()).toEqual([]);
      expect((await h.client.crm.contacts.basicApi.getById(c.id, ['phone'])).properties.phone).toBe('602-555-0142');
      clock.advance(5_000);
      expect(await byPhone()).toEqual(['Eve']);

      await h.client.crm.contacts.basicApi.update(c.id, { properties: { firstname: 'Evelyn' } });
      expect(await byPhone()).toEqual(['Eve']);
      clock.advance(5_000);
      expect(await byPhone()).toEqual(['Evelyn']);
    } finally {
      h.emulator.faults.searchLag(null);
    }
  });
});
