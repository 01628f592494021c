import { describe, expect, it } from 'vitest';
import { normalizePhone } from '@ringback/shared';
import { callRailWebhook } from './callrail-bodies.ts';
import { naiveCallOf, planCalls } from './crm-load.ts';
import { taskKeyOf } from './crm-emulators.ts';

describe('planCalls', () => {
  it('gives distinct callers, every n-th one known, stored in a form a person types', () => {
    const plan = planCalls(50, 5);
    expect(new Set(plan.map((c) => c.e164)).size).toBe(50);
    expect(plan.filter((c) => c.known).map((c) => plan.indexOf(c))).toEqual([4, 9, 14, 19, 24, 29, 34, 39, 44, 49]);
    for (const c of plan) {
      expect(normalizePhone(c.display)).toBe(c.e164);
      // The webhook of the same sequence number is from this caller, at this location's number.
      const body = JSON.parse(callRailWebhook(c.seq).body) as { customer_phone_number: string };
      expect(normalizePhone(body.customer_phone_number)).toBe(c.e164);
    }
    expect(planCalls(3, 0).some((c) => c.known)).toBe(false);
  });

  it('hands the baseline each location’s owners in turn', () => {
    const plan = planCalls(8, 0);
    const owners = [
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['c1', 'c2'],
      ['d1', 'd2'],
    ];
    const turn = new Map<number, number>();
    const picked = plan.map((c) => [c.location, naiveCallOf(c, owners, turn).ownerId] as const);
    for (const location of [0, 1, 2, 3]) {
      const mine = picked.filter(([l]) => l === location).map(([, o]) => o);
      expect(mine).toEqual(mine.map((_, i) => owners[location]![i % 2]));
    }
  });
});

describe('taskKeyOf', () => {
  it('files Ringback follow-up tasks by case id and the baseline’s by its subject marker', () => {
    expect(taskKeyOf('rb:mc_123:task', 'Call back')).toBe('mc_123');
    expect(taskKeyOf('rb:mc_123:call', 'Missed call')).toBeNull();
    expect(taskKeyOf(undefined, 'Call back +16025550100 [bench n42]')).toBe('n42');
    expect(taskKeyOf(null, 'Missed call from +16025550100')).toBeNull();
  });
});
