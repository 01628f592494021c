import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCallRailEmulator } from './emulator.ts';
import type { RunningEmulator } from './emulator.ts';
import type { CallRailApiCall } from './types.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const emulator = createCallRailEmulator({ now: () => NOW });
let running: RunningEmulator;
const ids: Record<string, string> = {};

// name → start time (and duration, for sorting); all in ACC1 except "other".
const CALLS: Array<[string, string, number]> = [
  ['old', '2026-01-20T15:00:00Z', 30],
  ['lastMonth', '2026-02-27T09:00:00Z', 200],
  ['march3', '2026-03-03T00:00:00Z', 5],
  ['march8', '2026-03-08T23:59:59Z', 60],
  ['yesterday', '2026-03-09T10:00:00-05:00', 45],
  ['today1', '2026-03-10T08:00:00Z', 12],
  ['today2', '2026-03-10T11:30:00Z', 90],
];

beforeAll(async () => {
  emulator.state.addAccount('ACC1', 'key-1');
  emulator.state.addAccount('ACC2', 'key-2');
  for (const [name, start, duration] of CALLS) {
    ids[name] = emulator.state.addCall('ACC1', {
      start_time: start,
      duration,
      customer_phone_number: '+16025550142',
      tracking_phone_number: '+14805550100',
      source: `source-${name}`,
      tags: ['t'],
    }).id;
  }
  ids['other'] = emulator.state.addCall('ACC2', { start_time: '2026-03-10T09:00:00Z', customer_phone_number: '+1' }).id;
  running = await emulator.listen(0);
});

afterAll(async () => {
  await running.close();
});

beforeEach(() => {
  emulator.faults.clear();
  emulator.requestLog.length = 0;
});

async function get(path: string, key: string | null = 'key-1', quoted = true) {
  const headers: Record<string, string> = {};
  if (key !== null) headers['authorization'] = quoted ? `Token token="${key}"` : `Token token=${key}`;
  const res = await fetch(`${running.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const idsOf = (body: Record<string, unknown>): string[] => (body['calls'] as CallRailApiCall[]).map((c) => c.id);
const list = (query: string) => get(`/v3/a/ACC1/calls.json?${query}`);

describe('auth', () => {
  it('accepts Token token="KEY" with or without quotes', async () => {
    expect((await get('/v3/a/ACC1/calls.json')).status).toBe(200);
    expect((await get('/v3/a/ACC1/calls.json', 'key-1', false)).status).toBe(200);
  });

  it("answers 401 without a key, with a wrong key, or with another account's key", async () => {
    const missing = await get('/v3/a/ACC1/calls.json', null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Token');
    expect((await get('/v3/a/ACC1/calls.json', 'nope')).status).toBe(401);
    expect((await get('/v3/a/ACC1/calls.json', 'key-2')).status).toBe(401);
    expect((await get('/v3/a/UNKNOWN/calls.json', 'key-1')).status).toBe(401);
    expect((await get(`/v3/a/ACC1/calls/${ids['today1']}.json`, null)).status).toBe(401);
  });
});

describe('pagination', () => {
  const everything = 'date_range=all_time';

  it('pages with page/per_page and reports totals, newest first by default', async () => {
    const pages = [await list(`${everything}&per_page=3`), await list(`${everything}&per_page=3&page=2`)];
    const last = await list(`${everything}&per_page=3&page=3`);
    expect(pages[0]?.body).toMatchObject({ page: 1, per_page: 3, total_pages: 3, total_records: 7 });
    const seen = [...pages.flatMap((p) => idsOf(p.body)), ...idsOf(last.body)];
    expect(seen).toEqual(['today2', 'today1', 'yesterday', 'march8', 'march3', 'lastMonth', 'old'].map((n) => ids[n]));
    expect(idsOf((await list(`${everything}&per_page=3&page=9`)).body)).toEqual([]);
  });

  it('follows relative pagination through next_page until has_next_page is false', async () => {
    const seen: string[] = [];
    let next: string | null = `/v3/a/ACC1/calls.json?${everything}&relative_pagination=true&per_page=2`;
    let pages = 0;
    while (next !== null) {
      const page = await get(next.replace(running.url, ''));
      expect(page.status).toBe(200);
      expect(page.body).not.toHaveProperty('total_pages');
      seen.push(...idsOf(page.body));
      next = page.body['has_next_page'] === true ? (page.body['next_page'] as string) : null;
      if (next !== null) expect(next.startsWith(`${running.url}/v3/a/ACC1/calls.json?`)).toBe(true);
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(['today2', 'today1', 'yesterday', 'march8', 'march3', 'lastMonth', 'old'].map((n) => ids[n]));
  });

  it('clamps per_page to 250 and rejects nonsense', async () => {
    expect((await list(`${everything}&per_page=1000`)).body['per_page']).toBe(250);
    expect((await list(`${everything}&per_page=0`)).status).toBe(400);
    expect((await list(`${everything}&page=-1`)).status).toBe(400);
  });
});

describe('date filters', () => {
  const namesOf = (body: Record<string, unknown>): string[] =>
    idsOf(body).map((id) => Object.keys(ids).find((name) => ids[name] === id) ?? id);

  it('defaults to recent (the last 30 days)', async () => {
    const names = namesOf((await get('/v3/a/ACC1/calls.json')).body);
    expect(names).toContain('lastMonth');
    expect(names).not.toContain('old');
  });

  it('selects named ranges', async () => {
    expect(namesOf((await list('date_range=today')).body)).toEqual(['today2', 'today1']);
    expect(namesOf((await list('date_range=yesterday')).body)).toEqual(['yesterday']);
    expect(namesOf((await list('date_range=last_month')).body)).toEqual(['lastMonth']);
    expect(namesOf((await list('date_range=this_month')).body)).toHaveLength(5);
    expect((await list('date_range=someday')).status).toBe(400);
  });

  it('includes the whole end day for bare dates and honours exact date-times', async () => {
    expect(namesOf((await list('start_date=2026-03-03&end_date=2026-03-08&order=asc')).body)).toEqual([
      'march3',
      'march8',
    ]);
    expect(namesOf((await list('start_date=2026-03-03T00:00:01Z&end_date=2026-03-09T15:00:00Z')).body)).toEqual([
      'yesterday',
      'march8',
    ]);
    expect(namesOf((await list('start_date=2026-03-09')).body)).toEqual(['today2', 'today1', 'yesterday']);
    expect((await list('start_date=03/09/2026')).status).toBe(400);
  });
});

describe('sorting and fields', () => {
  it('sorts by a documented field in either order', async () => {
    const byDuration = await list('date_range=all_time&sort=duration&order=asc');
    const durations = (byDuration.body['calls'] as CallRailApiCall[]).map((c) => c.duration);
    expect(durations).toEqual([5, 12, 30, 45, 60, 90, 200]);
    expect((await list('sort=color')).status).toBe(400);
    expect((await list('order=sideways')).status).toBe(400);
  });

  it('serves default fields only, plus the extras named in fields=', async () => {
    const plain = (await list('date_range=today')).body['calls'] as Array<Record<string, unknown>>;
    expect(plain[0]).toHaveProperty('customer_phone_number', '+16025550142');
    expect(plain[0]).not.toHaveProperty('source');
    const extra = (await list('date_range=today&fields=source,tags,bogus')).body['calls'] as Array<
      Record<string, unknown>
    >;
    expect(extra[0]).toMatchObject({ source: 'source-today2', tags: ['t'] });
    expect(extra[0]).not.toHaveProperty('bogus');
  });

  it('serves one call by id, 404 for an id it does not have', async () => {
    const one = await get(`/v3/a/ACC1/calls/${ids['yesterday']}.json?fields=source`);
    expect(one.body).toMatchObject({
      id: ids['yesterday'],
      source: 'source-yesterday',
      start_time: '2026-03-09T10:00:00-05:00',
    });
    expect((await get(`/v3/a/ACC1/calls/${ids['other']}.json`)).status).toBe(404);
  });
});

describe('faults and request log', () => {
  it('rate-limits the next n requests with Retry-After, then recovers', async () => {
    emulator.faults.rateLimit(2, 7);
    const first = await list('');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await list('')).status).toBe(429);
    expect((await list('')).status).toBe(200);
  });

  it('answers 500 for the next n requests', async () => {
    emulator.faults.serverErrors(1);
    expect((await list('')).status).toBe(500);
    expect((await list('')).status).toBe(200);
  });

  it('logs every request with its status and account', async () => {
    await get('/v3/a/ACC1/calls.json?date_range=today');
    await get('/v3/a/ACC1/calls.json', 'bad');
    expect(emulator.requestLog.map((r) => [r.path, r.status, r.accountId])).toEqual([
      ['/v3/a/ACC1/calls.json', 200, 'ACC1'],
      ['/v3/a/ACC1/calls.json', 401, 'ACC1'],
    ]);
    expect(emulator.requestLog[0]?.query).toEqual({ date_range: 'today' });
  });
});
