/**
 * Policy durations as written in configuration (`5m`, `4h`, `nextOpen+15m`) and back. The grammar is
 * deliberately tiny (contract §2): one non-negative integer and one unit, nothing else, so a typo such
 * as `5 m` or `1.5h` stops the start instead of silently meaning something else.
 */

export class DurationError extends Error {
  readonly code = 'invalid_duration';
  readonly value: unknown;

  constructor(value: unknown, expected: string) {
    super(`invalid duration ${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'DurationError';
    this.value = value;
  }
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;
/** Largest first: formatting picks the biggest unit that divides the value exactly. */
const UNITS_DESC: readonly Unit[] = ['d', 'h', 'm', 's'];

const DURATION = /^(\d+)([smhd])$/;
const AFTER_HOURS = /^nextOpen\+(.*)$/;
const DURATION_SHAPE = '<int><s|m|h|d>, e.g. "5m"';
const AFTER_HOURS_SHAPE = 'nextOpen+<int><s|m|h|d>, e.g. "nextOpen+15m"';

/** `<int><s|m|h|d>` → milliseconds. Throws `DurationError` naming the value otherwise. */
export function parseDuration(s: string): number {
  const match = typeof s === 'string' ? DURATION.exec(s) : null;
  if (!match) throw new DurationError(s, DURATION_SHAPE);
  const [, amount = '', unit = ''] = match;
  const ms = Number(amount) * UNIT_MS[unit as Unit];
  if (!Number.isSafeInteger(ms)) throw new DurationError(s, `${DURATION_SHAPE} small enough to count in ms`);
  return ms;
}

/** `nextOpen+<duration>` → the offset in milliseconds added to the next opening. */
export function parseAfterHoursOffset(s: string): number {
  const match = typeof s === 'string' ? AFTER_HOURS.exec(s) : null;
  if (!match) throw new DurationError(s, AFTER_HOURS_SHAPE);
  try {
    return parseDuration(match[1] ?? '');
  } catch (err) {
    if (err instanceof DurationError) throw new DurationError(s, AFTER_HOURS_SHAPE);
    throw err;
  }
}

/**
 * Milliseconds → the shortest `<int><unit>` that parses back to exactly the same value (`90m` → `90m`,
 * `7200000` → `2h`). Throws `DurationError` for negative, fractional-second or non-finite input, which
 * the grammar cannot express.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms % 1000 !== 0) {
    throw new DurationError(ms, 'a non-negative whole number of seconds in ms');
  }
  if (ms === 0) return '0s';
  const unit = UNITS_DESC.find((u) => ms % UNIT_MS[u] === 0) ?? 's';
  return `${ms / UNIT_MS[unit]}${unit}`;
}

/** The inverse of `parseAfterHoursOffset`. */
export function formatAfterHoursOffset(ms: number): string {
  return `nextOpen+${formatDuration(ms)}`;
}
