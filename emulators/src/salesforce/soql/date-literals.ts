/**
 * SOQL date literals as half-open ranges of epoch milliseconds, in UTC (the emulated org's time zone).
 * Comparisons against a range follow Salesforce: `=` means inside, `<` before its start, `>` after
 * its end, `<=`/`>=` the inclusive variants.
 */

const DAY = 86_400_000;

export interface DayRange {
  start: number;
  end: number;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function monthStart(ms: number, deltaMonths: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + deltaMonths, 1);
}

function yearStart(ms: number, deltaYears: number): number {
  return Date.UTC(new Date(ms).getUTCFullYear() + deltaYears, 0, 1);
}

/** Weeks start on Sunday, as in the default (en_US) locale. */
function weekStart(ms: number, deltaWeeks: number): number {
  const today = startOfDay(ms);
  return today - new Date(today).getUTCDay() * DAY + deltaWeeks * 7 * DAY;
}

export function dateLiteralRange(name: string, n: number | undefined, now: number): DayRange {
  const today = startOfDay(now);
  const count = n ?? 0;
  switch (name) {
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
    case 'THIS_WEEK':
    case 'NEXT_WEEK': {
      const delta = name === 'LAST_WEEK' ? -1 : name === 'THIS_WEEK' ? 0 : 1;
      return { start: weekStart(now, delta), end: weekStart(now, delta + 1) };
    }
    case 'LAST_MONTH':
    case 'THIS_MONTH':
    case 'NEXT_MONTH': {
      const delta = name === 'LAST_MONTH' ? -1 : name === 'THIS_MONTH' ? 0 : 1;
      return { start: monthStart(now, delta), end: monthStart(now, delta + 1) };
    }
    case 'THIS_YEAR':
    case 'LAST_YEAR':
    case 'NEXT_YEAR': {
      const delta = name === 'LAST_YEAR' ? -1 : name === 'THIS_YEAR' ? 0 : 1;
      return { start: yearStart(now, delta), end: yearStart(now, delta + 1) };
    }
    // "Last n days" includes today: LAST_N_DAYS:1 is yesterday and today.
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'LAST_N_DAYS':
      return { start: today - count * DAY, end: today + DAY };
    // "Next n days" starts tomorrow.
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (count + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - count * DAY, end: today - (count - 1) * DAY };
    case 'LAST_N_WEEKS':
      return { start: weekStart(now, -count), end: weekStart(now, 0) };
    case 'NEXT_N_WEEKS':
      return { start: weekStart(now, 1), end: weekStart(now, count + 1) };
    default:
      throw new Error(`unknown date literal ${name}`);
  }
}
