/**
 * The learning loop: which open case to call back first. From what each location (and its vertical,
 * and the account) actually observed — how often a callback reaches the caller, and how often a
 * conversation books — by hour of day, source and category, a case's chance of turning into a booking
 * if it is called back is estimated, weighted by urgency and repeat dials, and explained.
 *
 * Model: for each outcome (reached = contact given an attempt; booked = booking given a contact) the
 * location's base rate is shrunk toward its vertical's, and the vertical's toward the account's
 * (empirical Bayes with PRIOR_WEIGHT pseudo-cases), so thin data borrows from the wider group. Each
 * factor's rate for the case's value (e.g. source "Google Ads") is shrunk the same way; its lift is
 * that rate over the location's base. The probability is the base times the lifts (naive Bayes),
 * clamped to [1%, 99%]. Score = 100 × P(reached) × P(booked) × urgency weight × repeat weight, so a
 * score reads "bookings per 100 callbacks like this one", adjusted for urgency. Deterministic: the
 * same model and case always give the same score and factors.
 */

/** Outcome counts of a set of cases. */
export interface OutcomeCounts {
  /** attempted */
  a: number;
  /** attempted and contacted */
  ac: number;
  /** contacted */
  c: number;
  /** contacted and booked */
  cb: number;
}

export type PriorityFactor = 'hour' | 'source' | 'category';
export const PRIORITY_FACTORS: readonly PriorityFactor[] = ['hour', 'source', 'category'];

export interface FactorStats {
  base: OutcomeCounts;
  hour: Record<string, OutcomeCounts>;
  source: Record<string, OutcomeCounts>;
  category: Record<string, OutcomeCounts>;
}

export interface PriorityModel {
  v: 1;
  /** When it was computed and over which window of missed calls (ISO instants). */
  computedAt: string;
  from: string;
  to: string;
  account: FactorStats;
  verticals: Record<string, FactorStats>;
  /** By location id; `""` is unassigned. */
  locations: Record<string, FactorStats>;
}

/** One aggregated row of history: cases of a location missed at a local hour, by source and category. */
export interface PriorityHistoryRow extends OutcomeCounts {
  locationKey: string;
  hour: number;
  source: string | null;
  category: string;
}

export interface PriorityCase {
  locationKey: string;
  vertical: string | null;
  /** Local hour of the miss, 0–23. */
  hour: number;
  source: string | null;
  category: string;
  urgency: 'high' | 'normal' | 'low' | string;
  repeatCount: number;
}

export interface PriorityScore {
  score: number;
  /** The most influential factors first, then the base rates: strings for humans. */
  factors: string[];
  reached: number;
  booked: number;
}

/** Pseudo-cases of the wider group each estimate borrows. */
export const PRIOR_WEIGHT = 8;
/** Rates assumed before any history: half of callbacks reach someone, a third of those book. */
export const PRIOR_REACHED = 0.5;
export const PRIOR_BOOKED = 1 / 3;
export const URGENCY_WEIGHT: Record<string, number> = { high: 1.5, normal: 1, low: 0.5 };
const REPEAT_STEP = 0.25;
const REPEAT_CAP = 4;
/** Effects smaller than this (relative) are not worth naming. */
const NOTABLE = 0.05;

const zero = (): OutcomeCounts => ({ a: 0, ac: 0, c: 0, cb: 0 });
const emptyStats = (): FactorStats => ({ base: zero(), hour: {}, source: {}, category: {} });

function add(into: OutcomeCounts, row: OutcomeCounts): void {
  into.a += row.a;
  into.ac += row.ac;
  into.c += row.c;
  into.cb += row.cb;
}

/** The value of a factor as a model key: sources keep their label, a missing one is `""`. */
function factorKey(factor: PriorityFactor, c: { hour: number; source: string | null; category: string }): string {
  return factor === 'hour' ? String(c.hour) : factor === 'source' ? (c.source ?? '') : c.category;
}

function addRow(stats: FactorStats, row: PriorityHistoryRow): void {
  add(stats.base, row);
  for (const factor of PRIORITY_FACTORS) {
    const key = factorKey(factor, row);
    add((stats[factor][key] ??= zero()), row);
  }
}

export function buildPriorityModel(
  rows: readonly PriorityHistoryRow[],
  verticalOf: (locationKey: string) => string | null,
  window: { computedAt: Date; from: Date; to: Date },
): PriorityModel {
  const model: PriorityModel = {
    v: 1,
    computedAt: window.computedAt.toISOString(),
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    account: emptyStats(),
    verticals: {},
    locations: {},
  };
  for (const row of rows) {
    addRow(model.account, row);
    const vertical = verticalOf(row.locationKey);
    if (vertical !== null) addRow((model.verticals[vertical] ??= emptyStats()), row);
    addRow((model.locations[row.locationKey] ??= emptyStats()), row);
  }
  return model;
}

type Outcome = 'reached' | 'booked';
const numerator = (o: Outcome, c: OutcomeCounts) => (o === 'reached' ? c.ac : c.cb);
const denominator = (o: Outcome, c: OutcomeCounts) => (o === 'reached' ? c.a : c.c);

/** (k + w·prior) / (n + w) down a chain of ever narrower groups. */
function shrink(o: Outcome, prior: number, chain: Array<OutcomeCounts | undefined>): { rate: number; n: number } {
  let rate = prior;
  let n = 0;
  for (const counts of chain) {
    if (!counts) continue;
    n = denominator(o, counts);
    rate = (numerator(o, counts) + PRIOR_WEIGHT * rate) / (n + PRIOR_WEIGHT);
  }
  return { rate, n };
}

interface Effect {
  multiplier: number;
  text: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const clamp = (x: number) => Math.min(0.99, Math.max(0.01, x));

function describeValue(factor: PriorityFactor, c: PriorityCase): string {
  if (factor === 'hour') return `missed at ${String(c.hour).padStart(2, '0')}:00`;
  if (factor === 'source') return c.source ? `source ${c.source}` : 'no source';
  return `${c.category.replace('_', ' ')} calls`;
}

export function scorePriority(model: PriorityModel | null, c: PriorityCase): PriorityScore {
  const account = model?.account;
  const vertical = c.vertical !== null ? model?.verticals[c.vertical] : undefined;
  const location = model?.locations[c.locationKey];
  const effects: Effect[] = [];
  const probability = (o: Outcome, prior: number) => {
    const base = shrink(o, prior, [account?.base, vertical?.base, location?.base]).rate;
    let p = base;
    for (const factor of PRIORITY_FACTORS) {
      const key = factorKey(factor, c);
      const { rate, n } = shrink(o, base, [account?.[factor][key], vertical?.[factor][key], location?.[factor][key]]);
      // The factor's own rate is anchored on this location's base, so the lift is relative to it.
      const lift = rate / base;
      p *= lift;
      if (Math.abs(lift - 1) >= NOTABLE) {
        const verb = o === 'reached' ? 'reached' : 'booked';
        effects.push({
          multiplier: lift,
          text: `${describeValue(factor, c)}: ${pct(rate)} ${verb} vs ${pct(base)} (n=${n}) ×${lift.toFixed(2)}`,
        });
      }
    }
    return { base, p: clamp(p) };
  };
  const reached = probability('reached', PRIOR_REACHED);
  const booked = probability('booked', PRIOR_BOOKED);
  const urgency = URGENCY_WEIGHT[c.urgency] ?? 1;
  if (urgency !== 1) effects.push({ multiplier: urgency, text: `urgency ${c.urgency} ×${urgency}` });
  const repeats = Math.min(Math.max(0, c.repeatCount), REPEAT_CAP);
  const repeat = 1 + REPEAT_STEP * repeats;
  if (repeat !== 1)
    effects.push({
      multiplier: repeat,
      text: `${c.repeatCount} repeat dial${c.repeatCount === 1 ? '' : 's'} ×${repeat}`,
    });

  const raw = 100 * reached.p * booked.p * urgency * repeat;
  const score = Math.round(Math.min(100, raw) * 10) / 10;
  // Strongest effects first; ties keep the order they were found in (stable sort): deterministic.
  const top = [...effects]
    .sort((x, y) => Math.abs(Math.log(y.multiplier)) - Math.abs(Math.log(x.multiplier)))
    .slice(0, 3);
  const scope = location ? 'this location' : vertical ? 'this vertical' : account ? 'this account' : 'defaults';
  return {
    score,
    factors: [
      ...top.map((e) => e.text),
      `base (${scope}): ${pct(reached.base)} reached, ${pct(booked.base)} of those booked`,
    ],
    reached: reached.p,
    booked: booked.p,
  };
}
