import { describe, expect, it } from 'vitest';
import { VisibilityLog, settle } from './task-visibility.ts';

describe('VisibilityLog', () => {
  it('keeps the first save of each record and ignores later saves of it', () => {
    const log = new VisibilityLog();
    log.saw('case-1', 'T1', 120);
    log.saw('case-1', 'T1', 300); // an update of the same task
    expect(log.visibleAt('case-1')).toBe(120);
    expect(log.visibleAt('case-2')).toBeNull();
  });

  it('skips a record that no longer exists (saved, then rolled back) for the one that does', () => {
    const log = new VisibilityLog();
    log.saw('case-1', 'rolled-back', 100);
    log.saw('case-1', 'kept', 400);
    expect(log.visibleAt('case-1', (id) => id !== 'rolled-back')).toBe(400);
    expect(log.visibleAt('case-1', () => false)).toBeNull();
  });
});

describe('settle', () => {
  const visible = new Map([
    ['a', 1_100],
    ['b', 1_400],
    ['c', 9_000], // after the deadline
  ]);
  const at = (key: string) => visible.get(key) ?? null;

  it('measures sent → visible for every call that made it, and counts the rest at the deadline', () => {
    const s = settle(
      [
        { key: 'a', sentAt: 1_000 },
        { key: 'b', sentAt: 1_100 },
        { key: 'c', sentAt: 1_200 },
        { key: 'd', sentAt: 1_300 },
      ],
      at,
      5_000,
    );
    expect(s).toMatchObject({ offered: 4, completed: 2, cutOff: 2 });
    expect(s.completedLatency).toMatchObject({ count: 2, p50: 100, max: 300 });
    // Cut-off calls enter at the deadline: 3,800 and 3,700 ms, so the p99 is a lower bound.
    expect(s.latency).toMatchObject({ count: 4, p50: 300, p99: 3_800 });
    // Two tasks between the first send (1.0 s) and the deadline (5.0 s).
    expect(s.tasksPerSecond).toBeCloseTo(0.5);
  });

  it('measures throughput up to the last task when everything made it', () => {
    const s = settle(
      [
        { key: 'a', sentAt: 1_000 },
        { key: 'b', sentAt: 1_100 },
      ],
      at,
      5_000,
    );
    expect(s.cutOff).toBe(0);
    expect(s.latency.p99).toBe(300);
    expect(s.tasksPerSecond).toBeCloseTo(2 / 0.4);
  });

  it('reports an empty run as no figures, not as fast', () => {
    const s = settle([], at, 5_000);
    expect(s.latency.p50).toBeNaN();
    expect(s.tasksPerSecond).toBe(0);
  });
});
