import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './test-helpers.ts';
import { raw, rejectsWith, startHarness } from './test-helpers.ts';

// Sunday 2026-11-22 15:00 UTC: date literals below are relative to this instant.
const NOW = Date.UTC(2026, 10, 22, 15, 0, 0);
let h: Harness;
let ownerId: string;

beforeAll(async () => {
  h = await startHarness({ clock: () => NOW });
  const s = h.emu.state;
  ownerId = s.addUser({ firstName: 'Olive', lastName: 'Owner' });
  const opp = (name: string, amount: number | null, stage: string, createdDate: string) =>
    s.insert('Opportunity', {
      Name: name,
      Amount: amount,
      StageName: stage,
      CloseDate: '2026-12-01',
      CreatedDate: createdDate,
    });
  opp('Alpha', 100, 'Prospecting', '2026-11-22T09:00:00.000Z');
  opp('Bravo', 250, 'Closed Won', '2026-11-21T23:30:00.000Z');
  opp('Charlie', null, 'Closed Lost', '2026-11-10T12:00:00.000Z');
  opp("O'Brien 50%", 75, 'Qualification', '2026-11-20T12:00:00.000Z');
  opp('delta_one', 500, 'Prospecting', '2026-10-01T00:00:00.000Z');
  s.insert('Contact', { LastName: 'Owned', OwnerId: ownerId, Phone: '555' });
  s.insert('Contact', { LastName: 'Unowned' });
});
afterAll(async () => {
  await h.server.close();
});

async function names(soql: string): Promise<string[]> {
  const res = await h.connect().query<{ Name: string }>(soql);
  return res.records.map((r) => r.Name);
}

describe('SOQL', () => {
  it('filters with AND / OR / NOT and parentheses', async () => {
    expect(await names("SELECT Name FROM Opportunity WHERE StageName = 'Prospecting' AND Amount > 200")).toEqual([
      'delta_one',
    ]);
    expect(await names("SELECT Name FROM Opportunity WHERE Name = 'Alpha' OR Name = 'Bravo' ORDER BY Name")).toEqual([
      'Alpha',
      'Bravo',
    ]);
    expect(
      await names(
        "SELECT Name FROM Opportunity WHERE (Name = 'Alpha' OR Name = 'Bravo') AND (NOT Amount = 100) ORDER BY Name",
      ),
    ).toEqual(['Bravo']);
  });

  it('rejects AND and OR mixed without parentheses, as Salesforce does', async () => {
    const err = await rejectsWith(
      h.connect().query("SELECT Name FROM Opportunity WHERE Name = 'A' AND Amount > 1 OR Amount < 5"),
      'MALFORMED_QUERY',
    );
    expect(err.message).toContain('ERROR at Row:1:Column:');
  });

  it('compares numbers and strings (case-insensitively), and null', async () => {
    expect(await names('SELECT Name FROM Opportunity WHERE Amount >= 250 ORDER BY Amount')).toEqual([
      'Bravo',
      'delta_one',
    ]);
    expect(await names('SELECT Name FROM Opportunity WHERE Amount <= 75')).toEqual(["O'Brien 50%"]);
    expect(await names("SELECT Name FROM Opportunity WHERE Name != 'alpha' AND Amount < 300 ORDER BY Name")).toEqual([
      'Bravo',
      "O'Brien 50%",
    ]);
    expect(await names('SELECT Name FROM Opportunity WHERE Amount = null')).toEqual(['Charlie']);
    expect(await names('SELECT Name FROM Opportunity WHERE IsWon = true')).toEqual(['Bravo']);
    expect(await names('SELECT Name FROM Opportunity WHERE IsClosed = false AND Amount != null ORDER BY Name')).toEqual(
      ['Alpha', 'delta_one', "O'Brien 50%"],
    );
  });

  it('supports IN, NOT IN, LIKE with % and _ and escaped literals', async () => {
    expect(await names("SELECT Name FROM Opportunity WHERE Name IN ('Alpha', 'charlie') ORDER BY Name")).toEqual([
      'Alpha',
      'Charlie',
    ]);
    expect(
      await names("SELECT Name FROM Opportunity WHERE StageName NOT IN ('Prospecting', 'Closed Won') ORDER BY Name"),
    ).toEqual(['Charlie', "O'Brien 50%"]);
    expect(await names("SELECT Name FROM Opportunity WHERE Name LIKE 'a%'")).toEqual(['Alpha']);
    expect(await names("SELECT Name FROM Opportunity WHERE Name LIKE '_ravo'")).toEqual(['Bravo']);
    expect(await names("SELECT Name FROM Opportunity WHERE Name LIKE 'delta\\_%'")).toEqual(['delta_one']);
    expect(await names("SELECT Name FROM Opportunity WHERE Name LIKE '%50\\%'")).toEqual(["O'Brien 50%"]);
    expect(await names("SELECT Name FROM Opportunity WHERE Name = 'O\\'Brien 50%'")).toEqual(["O'Brien 50%"]);
  });

  it('types date and dateTime literals and rejects the wrong kind', async () => {
    expect(await names('SELECT Name FROM Opportunity WHERE CreatedDate > 2026-11-21T23:00:00Z ORDER BY Name')).toEqual([
      'Alpha',
      'Bravo',
    ]);
    // 2026-11-22T01:00:00+02:00 is 2026-11-21T23:00Z.
    expect(
      await names('SELECT Name FROM Opportunity WHERE CreatedDate > 2026-11-22T01:00:00+02:00 ORDER BY Name'),
    ).toEqual(['Alpha', 'Bravo']);
    expect(await names('SELECT Name FROM Opportunity WHERE CloseDate = 2026-12-01 AND Amount = 100')).toEqual([
      'Alpha',
    ]);
    await rejectsWith(
      h.connect().query('SELECT Name FROM Opportunity WHERE CreatedDate > 2026-11-21'),
      'INVALID_FIELD',
    );
    await rejectsWith(
      h.connect().query("SELECT Name FROM Opportunity WHERE CloseDate = '2026-12-01'"),
      'INVALID_FIELD',
    );
    await rejectsWith(h.connect().query("SELECT Name FROM Opportunity WHERE Amount = '100'"), 'INVALID_FIELD');
  });

  it('resolves TODAY, YESTERDAY and LAST_N_DAYS against the clock', async () => {
    expect(await names('SELECT Name FROM Opportunity WHERE CreatedDate = TODAY')).toEqual(['Alpha']);
    expect(await names('SELECT Name FROM Opportunity WHERE CreatedDate = YESTERDAY')).toEqual(['Bravo']);
    expect(await names('SELECT Name FROM Opportunity WHERE CreatedDate = LAST_N_DAYS:2 ORDER BY Name')).toEqual([
      'Alpha',
      'Bravo',
      "O'Brien 50%",
    ]);
    expect(await names('SELECT Name FROM Opportunity WHERE CreatedDate < LAST_N_DAYS:30')).toEqual(['delta_one']);
  });

  it('orders ASC/DESC with NULLS FIRST/LAST, and applies LIMIT and OFFSET', async () => {
    expect(await names('SELECT Name FROM Opportunity ORDER BY Amount')).toEqual([
      'Charlie',
      "O'Brien 50%",
      'Alpha',
      'Bravo',
      'delta_one',
    ]);
    expect(await names('SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS LAST')).toEqual([
      'delta_one',
      'Bravo',
      'Alpha',
      "O'Brien 50%",
      'Charlie',
    ]);
    expect(await names('SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS LAST LIMIT 2 OFFSET 1')).toEqual([
      'Alpha',
      'Bravo',
    ]);
    expect(await names('SELECT Name FROM Opportunity ORDER BY StageName DESC, Name ASC LIMIT 2')).toEqual([
      "O'Brien 50%",
      'Alpha',
    ]);
  });

  it('counts with COUNT()', async () => {
    const res = await h.connect().query("SELECT COUNT() FROM Opportunity WHERE StageName = 'Prospecting'");
    expect(res.totalSize).toBe(2);
    expect(res.records).toEqual([]);
  });

  it('returns relationship fields as nested records and filters on them', async () => {
    const res = await h
      .connect()
      .query<Record<string, unknown>>(
        "SELECT Id, LastName, Owner.Name, Owner.Email FROM Contact WHERE Owner.LastName = 'Owner'",
      );
    expect(res.records).toHaveLength(1);
    const owner = res.records[0]?.['Owner'] as Record<string, unknown>;
    expect(owner).toMatchObject({ attributes: { type: 'User' }, Name: 'Olive Owner' });
    expect(owner['attributes']).toEqual({ type: 'User', url: `/services/data/v62.0/sobjects/User/${ownerId}` });
  });

  it('reports unknown fields, relationships and objects', async () => {
    const conn = h.connect();
    const field = await rejectsWith(conn.query('SELECT Id, Nickname FROM Contact'), 'INVALID_FIELD');
    expect(field.message).toContain("No such column 'Nickname' on entity 'Contact'");
    await rejectsWith(conn.query('SELECT Boss.Name FROM Contact'), 'INVALID_FIELD');
    await rejectsWith(conn.query('SELECT Id FROM Contacts'), 'INVALID_TYPE');
    await rejectsWith(conn.query('SELECT Id FROM Contact WHERE'), 'MALFORMED_QUERY');
    await rejectsWith(conn.query("SELECT Id FROM Contact WHERE Id = 'nope'"), 'INVALID_QUERY_FILTER_OPERATOR');
  });
});

describe('query paging', () => {
  beforeAll(() => {
    for (let i = 0; i < 450; i++) h.emu.state.insert('Account', { Name: `Page ${String(i).padStart(3, '0')}` });
  });

  it('cuts results into batches and follows nextRecordsUrl with queryMore', async () => {
    const conn = h.connect();
    const soql = "SELECT Name FROM Account WHERE Name LIKE 'Page%' ORDER BY Name";
    const first = await conn.query(soql, { headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    expect(first).toMatchObject({ totalSize: 450, done: false });
    expect(first.records).toHaveLength(200);
    // jsforce makes the URL absolute; the API itself answers a path (checked below with a raw call).
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g[a-zA-Z0-9]{15}-200$/);
    const rawFirst = await raw(h, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, {
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect((rawFirst.json as { nextRecordsUrl: string }).nextRecordsUrl).toMatch(
      /^\/services\/data\/v62\.0\/query\/01g[a-zA-Z0-9]{15}-200$/,
    );
    const second = await conn.queryMore(first.nextRecordsUrl as string);
    expect(second.records).toHaveLength(200);
    const third = await conn.queryMore(second.nextRecordsUrl as string);
    expect(third).toMatchObject({ done: true });
    expect(third.nextRecordsUrl).toBeUndefined();
    expect(third.records.map((r) => r['Name'])).toEqual(Array.from({ length: 50 }, (_, i) => `Page ${400 + i}`));
  });

  it('fetches every page with autoFetch and defaults to batches of 2000', async () => {
    const conn = h.connect();
    const all = await conn.query("SELECT Name FROM Account WHERE Name LIKE 'Page%'").execute({
      autoFetch: true,
      maxFetch: 10_000,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(all.records).toHaveLength(450);
    const single = await conn.query("SELECT Name FROM Account WHERE Name LIKE 'Page%'");
    expect(single.done).toBe(true);
    expect(single.records).toHaveLength(450);
  });

  it('rejects an unknown locator', async () => {
    const res = await raw(h, 'GET', '/services/data/v62.0/query/01gXXXXXXXXXXXXXXX-200');
    expect(res.status).toBe(400);
    expect((res.json as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('includes deleted records only in queryAll', async () => {
    const conn = h.connect();
    const { id } = await conn.sobject('Account').create({ Name: 'Soon deleted' });
    await conn.sobject('Account').destroy(id as string);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Soon deleted'";
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
  });
});
