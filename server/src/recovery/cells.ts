/**
 * A cell is the unit both rollups and raw cases reduce to: the funnel counts, callback sketch and
 * callback histogram of one location on one local day (optionally for one source and category).
 * Rollup rows are stored cells; raw cases are bucketed into cells the same way; a query merges cells
 * into groups. Cells carry their sketch packed, as stored, so reading tens of thousands of them
 * costs no sketch objects; a group sums them (`SketchSum`) and builds one sketch at the end.
 */
import { DDSketch } from '@ringback/shared';
import {
  addCounts,
  callbackBucketIndex,
  callbackSecondsOf,
  countCase,
  emptyCounts,
  type CaseFacts,
  type RecoveryCounts,
} from '../../../shared/src/recovery-metrics.ts';
import { localDay, localDaySpan } from '../../../shared/src/recovery-calendar.ts';
import { SketchSum } from '../../../shared/src/recovery-sketch.ts';

/** The relative accuracy of callback sketches (contract §5 allows 1%). */
export const SKETCH_ACCURACY = 0.01;

export interface Cell {
  /** Location id, `''` for unassigned. */
  locationKey: string;
  day: string;
  /** Only meaningful for cells read at source/category granularity. */
  source: string | null;
  category: string | null;
  counts: RecoveryCounts;
  /**
   * Callback seconds of the attempted cases: a packed sketch as stored (recovery-sketch.ts), or
   * already summed in memory; null when none.
   */
  callbacks: string | SketchSum | null;
  callbackBuckets: number[];
}

/** Cells merged under one key. */
export interface Merged {
  counts: RecoveryCounts;
  callbacks: SketchSum | null;
  callbackBuckets: number[];
}

/** A case as the metrics read it from `missed_calls`. */
export interface CaseRow extends CaseFacts {
  locationId: string | null;
  source: string | null;
  category: string;
}

export const emptyBuckets = (): number[] => [0, 0, 0, 0, 0];

export function emptyMerged(): Merged {
  return { counts: emptyCounts(), callbacks: null, callbackBuckets: emptyBuckets() };
}

/** Adds a cell into a group (counts add, sketches sum — unless not wanted —, histograms add). */
export function mergeInto(into: Merged, cell: Cell | Merged, sketches = true): void {
  addCounts(into.counts, cell.counts);
  if (sketches && cell.callbacks) {
    const sum = (into.callbacks ??= new SketchSum(SKETCH_ACCURACY));
    if (typeof cell.callbacks === 'string') sum.addPacked(cell.callbacks);
    else sum.add(cell.callbacks);
  }
  for (let i = 0; i < cell.callbackBuckets.length; i++)
    into.callbackBuckets[i] = (into.callbackBuckets[i] ?? 0) + cell.callbackBuckets[i]!;
}

/** The group's callback sketch, for its percentiles. */
export function sketchOf(merged: Merged | undefined): DDSketch | null {
  return merged?.callbacks ? merged.callbacks.toSketch() : null;
}

/**
 * A callback logged before the miss cannot count (deriveFunnel only keeps later events); clamp
 * defensively so a provider's clock skew can never poison a sketch.
 */
const callbackSeconds = (seconds: number) => Math.max(0, seconds);

/** A cell from its counts and the callback seconds of its attempted cases. */
export function cellFromAggregate(
  locationKey: string,
  day: string,
  source: string | null,
  category: string | null,
  counts: RecoveryCounts,
  seconds: readonly number[],
): Cell {
  const buckets = emptyBuckets();
  let sketch: DDSketch | null = null;
  for (const value of seconds) {
    const s = callbackSeconds(value);
    (sketch ??= new DDSketch(SKETCH_ACCURACY)).add(s);
    buckets[callbackBucketIndex(s)]! += 1;
  }
  const callbacks = sketch ? new SketchSum(SKETCH_ACCURACY).addSketch(sketch).pack() : null;
  return { locationKey, day, source, category, counts, callbacks, callbackBuckets: buckets };
}

/**
 * Buckets raw cases into cells by location, local day (in `tzOf(location)`) and — when `dims` —
 * source and category.
 */
export class CellBuilder {
  private readonly cells = new Map<string, { cell: Cell; seconds: number[] }>();
  /** The last local day seen per zone: rows come in runs of the same day, and luxon is slow. */
  private readonly lastDay = new Map<string, { start: number; end: number; day: string }>();

  constructor(
    private readonly tzOf: (locationKey: string) => string,
    private readonly dims: boolean,
  ) {}

  private dayOf(at: Date, tz: string): string {
    const t = at.getTime();
    const hit = this.lastDay.get(tz);
    if (hit && hit.start <= t && t < hit.end) return hit.day;
    const day = localDay(at, tz);
    const span = localDaySpan(day, tz);
    this.lastDay.set(tz, { start: span.start.getTime(), end: span.end.getTime(), day });
    return day;
  }

  add(row: CaseRow): void {
    const locationKey = row.locationId ?? '';
    const day = this.dayOf(row.missedAt, this.tzOf(locationKey));
    const source = this.dims ? row.source : null;
    const category = this.dims ? row.category : null;
    const key = JSON.stringify([locationKey, day, source, category]);
    let entry = this.cells.get(key);
    if (!entry) {
      entry = { cell: cellFromAggregate(locationKey, day, source, category, emptyCounts(), []), seconds: [] };
      this.cells.set(key, entry);
    }
    countCase(entry.cell.counts, row);
    const seconds = callbackSecondsOf(row);
    if (seconds !== null) entry.seconds.push(seconds);
  }

  result(): Cell[] {
    return [...this.cells.values()].map(({ cell, seconds }) =>
      cellFromAggregate(cell.locationKey, cell.day, cell.source, cell.category, cell.counts, seconds),
    );
  }
}
