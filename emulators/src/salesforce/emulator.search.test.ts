import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { rejectsWith, startHarness } from './test-helpers.ts';

let now = Date.UTC(2026, 10, 22, 15, 0, 0);
const LAG = 60_000;
let h: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({ clock: () => now, soslLagMs: LAG });
  const s = h.emu.state;
  // Seeded an hour ago, so the index has caught up with them.
  now -= 3_600_000;
  ids['older'] = s.insert('Contact', { LastName: 'Older', Phone: '(415) 555-1212' });
  now += 60_000;
  ids['newer'] = s.insert('Contact', { LastName: 'Newer', OtherPhone: '415.555.1212' });
  ids['lead'] = s.insert('Lead', { LastName: 'Leader', Company: 'L', MobilePhone: '+1 415 555 1212' });
  ids['converted'] = s.insert('Lead', { LastName: 'Was', Company: 'W', Phone: '4155551212' });
  ids['other'] = s.insert('Contact', { LastName: 'Other', Phone: '(415) 555-1213' });
  now += 1_000;
  ids['convertedContact'] = s.convertLead(ids['converted'] as string).contactId;
  now += 3_539_000;
});
afterAll(async () => {
  await h.server.close();
});

type Hit = { attributes: { type: string }; Id: string };
async function search(sosl: string): Promise<Hit[]> {
  return (await h.connect().search(sosl)).searchRecords as unknown as Hit[];
}

describe('SOSL phone search', () => {
  it('matches phone fields by digits, whatever the stored format, with or without the country code', async () => {
    for (const term of ['4155551212', '\\+14155551212', '1 415 555 1212', '(415) 555\\-1212']) {
      const hits = await search(
        `FIND {${term}} IN PHONE FIELDS RETURNING Contact(Id, Name, LastModifiedDate ORDER BY LastModifiedDate DESC), Lead(Id, Name WHERE IsConverted = false)`,
      );
      // The converted lead is filtered out by WHERE; its new contact carries the number on.
      expect(
        hits.map((r) => `${r.attributes.type}:${r.Id}`),
        term,
      ).toEqual([
        `Contact:${ids['convertedContact']}`,
        `Contact:${ids['newer']}`,
        `Contact:${ids['older']}`,
        `Lead:${ids['lead']}`,
      ]);
    }
  });

  it('returns the requested fields of each record', async () => {
    const [hit] = await search('FIND {4155551213} IN PHONE FIELDS RETURNING Contact(Id, Name, Phone)');
    expect(hit).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ids['other']}` },
      Id: ids['other'],
      Name: 'Other',
      Phone: '(415) 555-1213',
    });
  });

  it('does not match a bare local number or another number', async () => {
    expect(await search('FIND {5551212} IN PHONE FIELDS RETURNING Contact(Id), Lead(Id)')).toEqual([]);
    expect(await search('FIND {4155550000} IN PHONE FIELDS RETURNING Contact(Id), Lead(Id)')).toEqual([]);
  });

  it('rejects an unescaped brace and a one-character term', async () => {
    await rejectsWith(h.connect().search('FIND {415{555} IN PHONE FIELDS RETURNING Contact(Id)'), 'MALFORMED_SEARCH');
    await rejectsWith(h.connect().search('FIND {4} IN PHONE FIELDS RETURNING Contact(Id)'), 'INVALID_SEARCH');
    await rejectsWith(h.connect().search('FIND {4155551212} IN PHONE FIELDS RETURNING Contact(Nope)'), 'INVALID_FIELD');
  });
});

describe('SOSL index lag', () => {
  it('does not find a new record until the lag has passed, while SOQL finds it at once', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Lead').create({ LastName: 'Fresh', Company: 'F', Phone: '+1 (602) 555-0100' });
    const sosl = 'FIND {6025550100} IN PHONE FIELDS RETURNING Lead(Id)';
    expect(await search(sosl)).toEqual([]);
    expect((await conn.query("SELECT Id FROM Lead WHERE Phone = '+1 (602) 555-0100'")).totalSize).toBe(1);
    now += LAG;
    expect((await search(sosl)).map((r) => r.Id)).toEqual([id]);
  });

  it('keeps matching the old number until a phone change reaches the index', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Contact').create({ LastName: 'Mover', Phone: '6025550111' });
    now += LAG;
    await conn.sobject('Contact').update({ Id: id as string, Phone: '6025550222' });
    expect((await search('FIND {6025550111} IN PHONE FIELDS RETURNING Contact(Id, Phone)')).map((r) => r.Id)).toEqual([
      id,
    ]);
    expect(await search('FIND {6025550222} IN PHONE FIELDS RETURNING Contact(Id)')).toEqual([]);
    now += LAG;
    expect(await search('FIND {6025550111} IN PHONE FIELDS RETURNING Contact(Id)')).toEqual([]);
    expect((await search('FIND {6025550222} IN PHONE FIELDS RETURNING Contact(Id)')).map((r) => r.Id)).toEqual([id]);
  });
});
