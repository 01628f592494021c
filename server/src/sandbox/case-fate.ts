/**
 * What happens after a simulated miss: when the location calls back (if at all), whether the caller
 * answers and talks, whether they book, and what the job brings in. One function for the generated
 * history and the live simulator, so both show the same operating picture: disciplined locations call
 * back in minutes and recover most misses, laggards call back hours later or never.
 */
import { bookingOdds, jobValue } from './call-scripts.ts';
import { between, chance, intBetween, logNormal, type Rng } from './random.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface AttemptFate {
  /** After the miss. */
  afterMs: number;
  answered: boolean;
  /** Talk time when answered (short ones are a greeting or a hang-up, not a conversation). */
  talkSeconds: number;
  /** Ring time when not answered. */
  ringSeconds: number;
}

export interface CaseFate {
  attempts: AttemptFate[];
  /** After the first conversation, when the caller books; null when they do not. */
  bookingAfterContactMs: number | null;
  /** After the booking, the won job; null when it is not won. */
  revenue: { afterBookingMs: number; amount: number } | null;
}

export interface FateInput {
  /** 0–1: how well the location works its misses. */
  discipline: number;
  vertical: string | null;
  existingCustomer: boolean;
  urgent: boolean;
  /** Time from the miss to the location's next opening (0 when open). */
  untilOpenMs: number;
}

export function caseFate(rng: Rng, input: FateInput): CaseFate {
  const d = Math.min(1, Math.max(0, input.discipline));
  const attempts: AttemptFate[] = [];
  const neverCalled = chance(rng, 0.04 + 0.45 * (1 - d) ** 2);
  if (!neverCalled) {
    const medianMinutes = (3 + 160 * (1 - d) ** 2) / (input.urgent ? 3 : 1);
    const first = input.untilOpenMs + Math.max(20_000, logNormal(rng, medianMinutes * MINUTE, 0.9));
    attempts.push(attempt(rng, first, 0.55 + 0.2 * d));
    if (!isConversation(attempts[0]!) && chance(rng, 0.3 + 0.5 * d)) {
      attempts.push(attempt(rng, first + between(rng, 20 * MINUTE, 5 * HOUR), 0.4));
    }
  }
  const contacted = attempts.some(isConversation);
  const books = contacted && chance(rng, bookingOdds(input.vertical, input.existingCustomer));
  const bookingAfterContactMs = books
    ? chance(rng, 0.6)
      ? between(rng, 2 * MINUTE, 30 * MINUTE)
      : between(rng, 1 * HOUR, 3 * DAY)
    : null;
  const revenue =
    books && chance(rng, 0.72)
      ? { afterBookingMs: between(rng, 4 * HOUR, 18 * DAY), amount: jobValue(rng, input.vertical) }
      : null;
  return { attempts, bookingAfterContactMs, revenue };
}

function attempt(rng: Rng, afterMs: number, answerOdds: number): AttemptFate {
  const answered = chance(rng, answerOdds);
  const short = answered && chance(rng, 0.15);
  return {
    afterMs: Math.round(afterMs),
    answered,
    talkSeconds: answered ? (short ? intBetween(rng, 4, 25) : intBetween(rng, 45, 540)) : 0,
    ringSeconds: answered ? 0 : intBetween(rng, 18, 35),
  };
}

/** A live conversation under the default policy (contactMinTalkSeconds 30). */
export function isConversation(a: AttemptFate): boolean {
  return a.answered && a.talkSeconds >= 30;
}

/** The fate's timeline compressed `scale` times (the live simulator shows a day's work in hours). */
export function compressed(fate: CaseFate, scale: number): CaseFate {
  if (scale === 1) return fate;
  return {
    attempts: fate.attempts.map((a) => ({ ...a, afterMs: Math.round(a.afterMs / scale) })),
    bookingAfterContactMs: fate.bookingAfterContactMs === null ? null : fate.bookingAfterContactMs / scale,
    revenue: fate.revenue ? { ...fate.revenue, afterBookingMs: fate.revenue.afterBookingMs / scale } : null,
  };
}
