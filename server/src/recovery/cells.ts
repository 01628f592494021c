/**
 * A cell is the unit both rollups and raw cases reduce to: the funnel counts, callback sketch and
 * callback histogram of one location on one local day (optionally for one source and category).
 * Rollup rows are stored cells; raw cases are bucketed into cells the same way; a query merges cells
 * into groups. Cells carry their callbacks packed as stored, summed (`SketchSum`) or as the seconds
 * themselves; a group lists them and sums them only when its percentiles are read (`figuresOf`).
 */
import {
  addCounts,
  callbackBucketIndex,
  callbackSecondsOf,
  countCase,
  emptyCounts,
  recoveryFigures,
  type CaseFacts,
  type RecoveryCounts,
  type RecoveryFigures,
} from '../../../shared/src/recovery-metrics.ts';
import { localDay, localDaySpan } from '../../../shared/src/recovery-calendar.ts';
import { SketchSum } from '../../../shared/src/recovery-sketch.ts';
import { DigestBuilder } from './day-digest.ts';

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
   * Callback seconds of the attempted cases: a packed sketch as stored (recovery-sketch.ts), one
   * already summed in memory, or the seconds themselves (a cell made from cases: cheaper than a
   * sketch of its own when it is merged once); null when none.
   */
  callbacks: string | SketchSum | readonly number[] | null;
  callbackBuckets: number[];
}

/** A cell's callbacks, whichever form they come in. */
export type CallbackPart = Exclude<Cell['callbacks'], null>;

/**
 * Cells merged under one key. Their callbacks are only listed: summing them waits for the group's
 * percentiles (`figuresOf`), so a thousand groups never hold a thousand sketches at once.
 */
export interface Merged {
  counts: RecoveryCounts;
  callbacks: CallbackPart[] | null;
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

/** Adds a cell into a group (counts add, callbacks are listed — unless not wanted —, histograms add). */
export function mergeInto(into: Merged, cell: Cell, sketches = true): void {
  addCounts(into.counts, cell.counts);
  if (sketches && cell.callbacks) (into.callbacks ??= []).push(cell.callbacks);
  for (let i = 0; i < cell.callbackBuckets.length; i++)
    into.callbackBuckets[i] = (into.callbackBuckets[i] ?? 0) + cell.callbackBuckets[i]!;
}

/** Adds callbacks in any form into a sum. */
export function addCallbacks(sum: SketchSum, part: CallbackPart): void {
  if (typeof part === 'string') sum.addPacked(part);
  else if (part instanceof SketchSum) sum.add(part);
  else for (const seconds of part) sum.addValue(seconds);
}

/** The sum of a group's callbacks, as a fresh sketch sum; null when none. */
export function sumOf(parts: readonly CallbackPart[] | null): SketchSum | null {
  if (!parts) return null;
  const sum = new SketchSum(SKETCH_ACCURACY);
  for (const part of parts) addCallbacks(sum, part);
  return sum;
}

/** Groups sum their callbacks in this one buffer, one after the other (it is read at once). */
const scratch = new SketchSum(SKETCH_ACCURACY);

/** A group's public figures (contract §5), its percentiles from the sum of its callbacks. */
export function figuresOf(merged: Merged | undefined): RecoveryFigures {
  const counts = merged?.counts ?? emptyCounts();
  if (!merged?.callbacks) return recoveryFigures(counts, null);
  scratch.clear();
  for (const part of merged.callbacks) addCallbacks(scratch, part);
  return recoveryFigures(counts, scratch);
}

/**
 * A callback logged before the miss cannot count (deriveFunnel only keeps later events); clamp
 * defensively so a provider's clock skew can never poison a sketch.
 */
const callbackSeconds = (seconds: number) => Math.max(0, seconds);

/** A cell from its counts and the callback seconds of its attempted cases (the cell keeps `seconds`). */
export function cellFromAggregate(
  locationKey: string,
  day: string,
  source: string | null,
  category: string | null,
  counts: RecoveryCounts,
  seconds: number[],
): Cell {
  const buckets = emptyBuckets();
  for (let i = 0; i < seconds.length; i++) {
    const s = (seconds[i] = callbackSeconds(seconds[i]!));
    buckets[callbackBucketIndex(s)]! += 1;
  }
  const callbacks = seconds.length ? seconds : null;
  return { locationKey, day, source, category, counts, callbacks, callbackBuckets: buckets };
}

/** The key of a (location, day) pair in maps. */
export const pairKey = (locationKey: string, day: string): string => `${locationKey}\u0000${day}`;

/**
 * Buckets raw cases into cells by location, local day (in `tzOf(location)`) and — when `dims` —
 * source and category; also each (location, day)'s digest (day-digest.ts).
 */
export class CellBuilder {
  private readonly cells = new Map<string, { cell: Cell; seconds: number[] }>();
  private readonly digestBuilders = new Map<string, DigestBuilder>();
  /** The last local day seen per zone: rows come in runs of the same day, and luxon is slow. */
  private readonly lastDay = new Map<string, { start: number; end: number; day: string }>();

  constructor(
    private readonly tzOf: (locationKey: string) => string,
    private readonly dims: boolean,
  ) {}

  private dayOf(at: Date, tz: string): { start: number; day: string } {
    const t = at.getTime();
    const hit = this.lastDay.get(tz);
    if (hit && hit.start <= t && t < hit.end) return hit;
    const day = localDay(at, tz);
    const span = localDaySpan(day, tz);
    const entry = { start: span.start.getTime(), end: span.end.getTime(), day };
    this.lastDay.set(tz, entry);
    return entry;
  }

  add(row: CaseRow): void {
    const locationKey = row.locationId ?? '';
    const { day, start } = this.dayOf(row.missedAt, this.tzOf(locationKey));
    const pair = pairKey(locationKey, day);
    let digest = this.digestBuilders.get(pair);
    if (!digest) this.digestBuilders.set(pair, (digest = new DigestBuilder()));
    digest.add(row, start);
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

  /** The digest of each (location, day) seen, by `pairKey`. */
  digests(): Map<string, string> {
    return new Map([...this.digestBuilders].map(([pair, builder]) => [pair, builder.result()]));
  }

  result(): Cell[] {
    return [...this.cells.values()].map(({ cell, seconds }) =>
      cellFromAggregate(cell.locationKey, cell.day, cell.source, cell.category, cell.counts, seconds),
    );
  }
}
