/**
 * Dyadic spans of local days: level L covers 2^L days starting on a day whose number (days since
 * 1970-01-01) is a multiple of 2^L; level 0 is a single day (the daily rollup row). Any run of whole
 * days is covered exactly by at most two spans per level, so a month of a location is a handful of
 * rows instead of thirty, and a change to one day touches one span per level.
 */
const DAY_MS = 86_400_000;

/** Spans go up to 2^6 = 64 days: longer ones would cost every refresh more than they save reads. */
export const MAX_SPAN_LEVEL = 6;

export interface Piece {
  level: number;
  /** First day, `YYYY-MM-DD`. */
  start: string;
}

export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the level-`level` span holding `day`. */
export function spanStart(day: string, level: number): string {
  const size = 2 ** level;
  return dayOfNumber(Math.floor(dayNumber(day) / size) * size);
}

/** The two spans one level down that make up `piece` (level ≥ 1). */
export function childrenOf(piece: Piece): [Piece, Piece] {
  const level = piece.level - 1;
  const first = dayNumber(piece.start);
  return [
    { level, start: piece.start },
    { level, start: dayOfNumber(first + 2 ** level) },
  ];
}

/** The fewest spans covering the days `[firstDay, endDay)` exactly, ascending. */
export function decompose(firstDay: string, endDay: string): Piece[] {
  const pieces: Piece[] = [];
  let at = dayNumber(firstDay);
  const end = dayNumber(endDay);
  while (at < end) {
    let level = 0;
    while (level < MAX_SPAN_LEVEL) {
      const size = 2 ** (level + 1);
      if (at % size !== 0 || at + size > end) break;
      level++;
    }
    pieces.push({ level, start: dayOfNumber(at) });
    at += 2 ** level;
  }
  return pieces;
}

/** The same, leaving out some days (`holes`, ascending or not): the runs between them are decomposed. */
export function decomposeAround(firstDay: string, endDay: string, holes: Iterable<string>): Piece[] {
  const sorted = [...new Set(holes)].filter((d) => d >= firstDay && d < endDay).sort();
  const pieces: Piece[] = [];
  let from = firstDay;
  for (const hole of sorted) {
    pieces.push(...decompose(from, hole));
    from = dayOfNumber(dayNumber(hole) + 1);
  }
  pieces.push(...decompose(from, endDay));
  return pieces;
}
