/**
 * "Webhook received → task visible" for the CRM rows. The emulators report every record they store
 * (their `onRecordEvent` / `onRecordSaved` observers); the row files each follow-up task under its
 * key here. A task is visible from the first save of the record that still exists at the end — a
 * Salesforce all-or-none request may save a record and roll it back, and a record that no longer
 * exists was never visible.
 *
 * Each missed call's latency is its task's visible time minus the moment its webhook was sent. A
 * call whose task was not visible by the drain deadline gets the deadline as its visible time: the
 * figures are then lower bounds, and the summary says how many were cut off.
 */
import { summarise, type LatencySummary } from './stats.ts';

export class VisibilityLog {
  /** key → record id → when that record was first saved (ms). */
  private readonly seen = new Map<string, Map<string, number>>();

  saw(key: string, recordId: string, at: number): void {
    let records = this.seen.get(key);
    if (!records) this.seen.set(key, (records = new Map()));
    if (!records.has(recordId)) records.set(recordId, at);
  }

  /** When the task for `key` became visible, or null if no record of it exists. */
  visibleAt(key: string, exists: (recordId: string) => boolean = () => true): number | null {
    let first: number | null = null;
    for (const [id, at] of this.seen.get(key) ?? []) {
      if (exists(id) && (first === null || at < first)) first = at;
    }
    return first;
  }

  get size(): number {
    return this.seen.size;
  }
}

export interface Arrival {
  /** What the task will be found under (the case id for Ringback, the baseline's own key). */
  key: string;
  /** When the webhook was sent (ms, same clock as the visibility log). */
  sentAt: number;
}

export interface Settled {
  offered: number;
  /** Tasks visible by the deadline. */
  completed: number;
  /** Arrivals whose task was not visible by the deadline (their latency is a lower bound). */
  cutOff: number;
  /** Every arrival, cut-off ones at the deadline: a lower bound when cutOff > 0. */
  latency: LatencySummary;
  /** Completed arrivals only. */
  completedLatency: LatencySummary;
  /** Tasks made visible per second between the first send and the last task seen (or the deadline). */
  tasksPerSecond: number;
}

export function settle(
  arrivals: readonly Arrival[],
  visibleAt: (key: string) => number | null,
  deadline: number,
): Settled {
  const all: number[] = [];
  const done: number[] = [];
  let firstSent = Infinity;
  let lastVisible = -Infinity;
  for (const a of arrivals) {
    firstSent = Math.min(firstSent, a.sentAt);
    const at = visibleAt(a.key);
    if (at !== null && at <= deadline) {
      // A task can show up before its webhook's answer is read, never before it was sent.
      const latency = Math.max(0, at - a.sentAt);
      all.push(latency);
      done.push(latency);
      lastVisible = Math.max(lastVisible, at);
    } else {
      all.push(Math.max(0, deadline - a.sentAt));
    }
  }
  const cutOff = arrivals.length - done.length;
  const end = cutOff > 0 ? deadline : lastVisible;
  const span = (end - firstSent) / 1000;
  return {
    offered: arrivals.length,
    completed: done.length,
    cutOff,
    latency: summarise(all),
    completedLatency: summarise(done),
    tasksPerSecond: done.length > 0 && span > 0 ? done.length / span : 0,
  };
}
